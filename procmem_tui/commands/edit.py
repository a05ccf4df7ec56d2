"""``procmem edit FILE``: the level editor.

An existing file opens for editing (even an invalid one or a ``.txt.draft``: the editor shows what is wrong);
a new file starts as an empty level of ``--size``; a built-in level's name opens a copy (saved elsewhere);
a bare name is a level in the user levels folder. ``--library``/``--fresh`` choose the skill library the
agent uses when you hand it the level from the editor.
"""

from __future__ import annotations

from pathlib import Path

from procmem_tui.cli import UserError
from procmem_tui.commands.common import (
    MAX_SEED, add_library_args, add_view_arg, check_seed, nonempty, open_store_or_fail, whole,
)


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "edit", help="the level editor: draw a level, check it live, try it, save it",
        description="Edit a level file (a new FILE starts empty at --size; a built-in level's name opens a copy; "
        "a bare NAME is a level in your levels folder). Keys: the footer, and docs/editor.md.",
    )
    p.add_argument("file", metavar="FILE", type=nonempty,
                   help="a level file, a new file, a built-in level's name or a user level's name")
    p.add_argument("--size", default="9x7", metavar="WxH", help="size of a new level (5x5 to 64x64, default 9x7)")
    p.add_argument("--seed", type=whole(0, MAX_SEED), default=0,
                   help=f"seed of the agent the level is handed to (0-{MAX_SEED}, default 0)")
    add_view_arg(p, " when you try the level")
    add_library_args(p)


def parse_size(text: str) -> tuple[int, int]:
    from procmem_tui.tui.screens.editor_dialogs import MIN_NEW_SIDE, parse_side

    width, sep, height = text.lower().partition("x")
    w, h = parse_side(width), parse_side(height)
    if not sep or w is None or h is None:
        raise UserError(f"--size must be WxH with sides from {MIN_NEW_SIDE} to 64 (like 9x7), not {text!r}")
    return w, h


def open_draft(file: str, size: tuple[int, int]):
    """(draft, target path or None, note) for FILE, without starting anything."""
    from procmem_tui.editing import Draft
    from procmem_tui.editing.user_levels import find_user_level, is_bare_name, level_path, path_for
    from procmem_tui.world import LevelError, builtin_level_names, format_level, load_level
    from procmem_tui.world.level_files import read_level_file
    from procmem_tui.world.parse import decode_level_bytes

    if is_bare_name(file) and file in builtin_level_names() and not Path(file).exists():
        level = load_level(file)
        draft = Draft.from_text(format_level(level), level.name).with_field("name", f"{level.name}_copy")
        return draft, None, f"a copy of the built-in {file}: ctrl+s asks where to save it"
    if "/" not in file and not Path(file).exists() and find_user_level(file) is None:
        from procmem_tui.world.generated_names import level_from_generated_name

        try:
            level = level_from_generated_name(file)
        except LevelError as exc:
            raise UserError(str(exc)) from None
        if level is not None:
            draft = Draft.from_text(format_level(level), level.name).with_field("name", f"{level.name}_copy")
            return draft, None, f"a copy of the generated {file}: ctrl+s asks where to save it"
    path = find_user_level(file) or (Path(file) if not is_bare_name(file) or Path(file).exists() else path_for(file))
    if path.exists() or path.is_symlink():
        try:  # the world's safe reader: regular files only, size capped before reading
            text = decode_level_bytes(read_level_file(str(path)), str(path))
        except LevelError as exc:
            raise UserError(str(exc)) from None
        target = level_path(path)
        return Draft.from_text(text, target.name.split(".", 1)[0]), target, f"editing {path}"
    from procmem_tui.editing.user_levels import user_levels_dir

    if path.parent != user_levels_dir() and not path.parent.is_dir():
        raise UserError(f"{file}: the folder {path.parent} does not exist")
    return Draft.empty(*size, name=path.name.split(".", 1)[0]), path, f"a new {size[0]}x{size[1]} level"


def run(args) -> int:
    check_seed(args.seed)
    size = parse_size(args.size)
    draft, target, note = open_draft(args.file, size)
    if target is not None:
        from procmem_tui.editing.user_levels import refuse_builtin
        from procmem_tui.world import LevelError

        try:
            refuse_builtin(target)
        except LevelError as exc:
            raise UserError(str(exc)) from None
    from procmem_tui.agents import make_agent
    from procmem_tui.commands.app_signals import ending_on_signals
    from procmem_tui.commands.terminal import require_terminal
    from procmem_tui.memory.store import StoreError
    from procmem_tui.tui.editing import EditorApp
    from procmem_tui.tui.screens.trial import Trials

    require_terminal()  # before the library is opened: a refusal makes no file
    store = open_store_or_fail(args)
    try:
        try:
            library = store.load_library(seed=args.seed)
        except StoreError as exc:
            raise UserError(str(exc)) from None
        app = EditorApp(draft, target, Trials(make_agent, library=library, store=store, seed=args.seed, view=args.view), note)
        with ending_on_signals(app):
            app.run()
    finally:
        flush = getattr(store, "flush", None)
        if flush is not None:
            flush()
        store.close()
    return app.return_code or 0
