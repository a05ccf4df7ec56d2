"""Argument helpers shared by several verbs (level choice, library choice, checked flag values)."""

from __future__ import annotations

import argparse

from procmem_tui.cli import UserError
from procmem_tui.world import FAMILIES, Level, LevelError, builtin_level_names, generate, load_level


MAX_SEED = 2**32 - 1
MAX_COUNT = 10**9  # episodes, limits, retention: far beyond any real use, well inside SQLite's integers
DEFAULT_SIZE, DEFAULT_ROOMS = 8, 3
RULE_FLAGS = ("doors", "opens", "keys")  # the generators' rule variants (world/rules.py), as --family flags


def nonempty(text: str) -> str:
    """An argparse type: a path or name that is not the empty string (``--library ""`` is a mistake, not a default)."""
    if not text:
        raise argparse.ArgumentTypeError("must not be empty")
    return text


# The generator's ranges (``world.generate``, not imported here: it loads numpy), so that a size of -3 is refused in
# the same words as one of 40, not as outside a wider "1 to 1000" first.
FAMILY_SIZES = (5, 32)
FAMILY_ROOMS = (2, 6)


def whole(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high``; anything else is a one-line usage error."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            shown = text if len(text) <= 30 else text[:27] + "..."
            raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {high}, not {shown!r}") from None
        if not low <= value <= high:
            shown = str(value) if value.bit_length() <= 100 else f"a {value.bit_length()}-bit number"
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, not {shown}")
        return value

    parse.__name__ = "whole number"
    return parse


def view_flag(text: str) -> int | str:
    """An argparse type for ``--view``: a sight radius from 0 to MAX_VIEW, or ``all`` (the whole level in sight)."""
    from procmem_tui.world.level import MAX_VIEW, VIEW_ALL

    if text.strip().lower() == VIEW_ALL:
        return VIEW_ALL
    try:
        return whole(0, MAX_VIEW)(text)
    except argparse.ArgumentTypeError:
        shown = text if len(text) <= 30 else text[:27] + "..."
        raise argparse.ArgumentTypeError(f"must be a sight radius from 0 to {MAX_VIEW}, or all, not {shown!r}") from None


view_flag.__name__ = "sight radius"


def add_view_arg(parser: argparse.ArgumentParser, when: str = "") -> None:
    """``--view N|all``: overrides the ``; view:`` header of every level the verb plays."""
    parser.add_argument("--view", type=view_flag, default=None, metavar="N|all",
                        help=f"sight radius in cells{when}, overriding the level's '; view:' header; 'all' shows the "
                             "whole level (default: as the level says; no header means all)")


def add_level_args(parser: argparse.ArgumentParser, *, default_level: str | None = "classic", many: bool = False) -> None:
    group = parser.add_argument_group("level (one of)")
    if many:  # several levels in one run (commands/level_sets.py)
        group.add_argument("--level", metavar="NAME|FILE", action="append", type=nonempty,
                           help=f"a built-in level or a level file; repeat for several (default: {default_level})")
        group.add_argument("--levels", metavar="DIR", type=nonempty,
                           help="every level file (*.txt) of a folder, in name order")
    else:
        group.add_argument("--level", metavar="NAME|FILE", type=nonempty,
                           help=f"a built-in level or a level file (default: {default_level})")
    group.add_argument("--family", choices=FAMILIES, help="a generated family; episode i plays seed + i")
    group.add_argument("--size", type=whole(*FAMILY_SIZES), default=None,
                       help=f"grid size for --family (5-32, default {DEFAULT_SIZE})")
    group.add_argument("--rooms", type=whole(*FAMILY_ROOMS), default=None,
                       help=f"rooms for --family rooms (2-6, default {DEFAULT_ROOMS})")
    group.add_argument("--doors", choices=("matching", "any"), default=None,
                       help="rule variant for --family: 'any' held key opens any door (default matching)")
    group.add_argument("--opens", metavar="PAIRS", type=nonempty, default=None,
                       help="rule variant for --family, instead of --doors: exactly these keys open these doors, "
                            "like 'aB bC cA' (key a opens door B, ...)")
    group.add_argument("--keys", choices=("kept", "consumed"), default=None,
                       help="rule variant for --family: 'consumed' spends the key that opens a door (default kept)")
    parser.add_argument("--seed", type=whole(0, MAX_SEED), default=0,
                        help=f"seed for the generator and the agent (0-{MAX_SEED}, default 0)")
    add_view_arg(parser)
    parser.set_defaults(default_level=default_level)


def add_library_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--library", metavar="PATH", type=nonempty,
                       help="the skill library file (default: in the user data directory)")
    group.add_argument("--fresh", action="store_true", help="start from an empty in-memory library that is not saved")
    parser.add_argument("--keep-episodes", type=whole(1, MAX_COUNT), default=None, metavar="N",
                        help="keep only the newest N recorded episodes (default 10000; skills are never pruned)")


def check_agent(name: str) -> None:
    from procmem_tui.agents import AGENT_NAMES

    if name not in AGENT_NAMES:
        raise UserError(f"unknown agent {name!r}; agents are: {', '.join(AGENT_NAMES)}")


def check_seed(seed: int) -> None:
    """Seeds feed ``numpy.random.default_rng``, which refuses negative ones."""
    if seed < 0:
        raise UserError(f"--seed must be 0 or more, not {seed}")


def load_level_or_fail(name_or_path: str) -> Level:
    """A built-in level, a level file, or a level saved in the user levels folder (``procmem edit``). A built-in
    name loads without the editing package (``load_any_level`` does the same then; ``play`` starts sooner)."""
    try:
        if name_or_path in builtin_level_names():
            return load_level(name_or_path)
        from procmem_tui.editing.user_levels import load_any_level

        return load_any_level(name_or_path)
    except LevelError as exc:
        raise UserError(str(exc)) from None


def check_family_flags(args) -> None:
    """``--size`` and ``--rooms`` shape a generated family; given without one (or ``--rooms`` for a family without
    rooms) they would silently do nothing, so they are refused. Fills in their defaults otherwise."""
    family = getattr(args, "family", None)
    if getattr(args, "size", None) is not None and not family:
        raise UserError("--size needs --family (it sizes a generated level)")
    if getattr(args, "rooms", None) is not None and family != "rooms":
        raise UserError("--rooms needs --family rooms")
    for flag in RULE_FLAGS:
        if getattr(args, flag, None) is not None and not family:
            raise UserError(f"--{flag} needs --family (a level file states its rules in its headers)")
    if getattr(args, "doors", None) is not None and getattr(args, "opens", None) is not None:
        raise UserError("give --opens (key-door pairs) or --doors, not both")
    if family:
        args.size = DEFAULT_SIZE if args.size is None else args.size
        args.rooms = DEFAULT_ROOMS if args.rooms is None else args.rooms


def family_options(args) -> dict:
    """The generator's options from the flags: rooms, and the rule variants given (``doors``, ``opens``, ``keys``)."""
    options = {"rooms": args.rooms if args.rooms is not None else DEFAULT_ROOMS} if args.family == "rooms" else {}
    options.update({flag: getattr(args, flag) for flag in RULE_FLAGS if getattr(args, flag, None) is not None})
    return options


def generate_or_fail(family: str, size: int, seed: int, *, size_flag: str = "--size", **options) -> Level:
    try:
        return generate(family, size, seed, **options)
    except ValueError as exc:
        raise UserError(flag_words(str(exc), size_flag)) from None


def flag_words(text: str, size_flag: str = "--size") -> str:
    """The generator's refusal in the command's words: it names its parameters (``size must be…``), the user gave
    flags (``--size must be…``; ``bench`` takes ``--sizes``)."""
    for name, flag in (("size", size_flag), ("rooms", "--rooms")):
        if text.startswith(f"{name} must be"):
            return flag + text[len(name):]
    return text


STDOUT = "-"  # an output file named "-" is standard output, as ``train --json -``


def write_output(path: str, text: str) -> None:
    """Write ``text`` to the file ``path`` (all or nothing), or to standard output when ``path`` is ``-`` (a
    file named "-" in the working folder is never what was meant); a file that cannot be written is one line."""
    import sys

    from procmem_tui.userfiles import write_atomic

    if path == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None


def check_output_path(flag: str, path: str) -> None:
    """Refuse, before any work, an output file that could not be written at the end (its folder missing or not
    writable, or a folder named as the file): a long ``train`` or ``bench`` must not end in "cannot write"."""
    import os
    from pathlib import Path

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UserError(f"{flag} {path}: is a folder, not a file to write")
    if not folder.is_dir():
        raise UserError(f"{flag} {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(f"{flag} {path}: cannot write in the folder {folder}")


def open_store_or_fail(args, *, read_only: bool = False, or_read_only: bool = False):
    """The store the user chose: ``--fresh`` (in memory), ``--library PATH``, or the default file. ``read_only``:
    the verb only reads (a read-only library opens; a path with no library is refused; nothing is created or
    written, not even the default library's folder). ``or_read_only``: the verb writes where it may and only
    reads a library it may not write (``replay``: the episode is read; a take-over then plays on unrecorded;
    ``store.read_only`` says which)."""
    from procmem_tui.memory.store import (DEFAULT_RETENTION, SkillStore, StoreError, default_library_location,
                                          default_library_path)
    from procmem_tui.memory.store_file import ReadOnlyLibrary

    keep = getattr(args, "keep_episodes", None)
    retention = keep or DEFAULT_RETENTION
    try:
        if getattr(args, "fresh", False):
            return SkillStore.open(None, retention=retention)
        default = default_library_location if read_only else default_library_path
        path = args.library if getattr(args, "library", None) else default()
        try:
            return SkillStore.open(path, retention=retention, read_only=read_only)
        except ReadOnlyLibrary:
            if not or_read_only:
                raise
            return SkillStore.open(path, retention=retention, read_only=True)
    except StoreError as exc:
        raise UserError(str(exc)) from None


def level_source_from_args(args):
    """A ``LevelSource`` from ``--level`` or ``--family/--size/--rooms/--seed`` (default: the parser's level)."""
    from procmem_tui.level_source import LevelSource

    from procmem_tui.commands.level_sets import chosen_levels, load_levels

    from procmem_tui.world.level import VIEW_ALL, view_overridden

    check_seed(args.seed)
    view = getattr(args, "view", None)
    if args.family and (args.level or getattr(args, "levels", None) is not None):
        raise UserError("choose either --level/--levels or --family, not both")
    check_family_flags(args)
    names = chosen_levels(args)
    if names is not None and len(names) > 1:
        return LevelSource.cycle(view_overridden(level, view) for level in load_levels(names))
    if names is not None:
        return LevelSource.fixed(view_overridden(load_level_or_fail(names[0]), view))
    if args.family:
        options = family_options(args)
        if view is not None and view != VIEW_ALL:
            options["view"] = view
        try:
            return LevelSource.generated(args.family, args.size, args.seed, **options)
        except ValueError as exc:
            raise UserError(flag_words(str(exc))) from None
    return LevelSource.fixed(view_overridden(load_level_or_fail(args.level or args.default_level), view))


def _last_writes(app) -> None:
    """The library's writes still waiting when the app ended (another process holds the library): waited for
    here, with the terminal back and a line saying so, and each one not written named, never dropped silently."""
    import sys

    from procmem_tui.tui.app import EXIT_PATIENCE

    saver = getattr(app, "saver", None)
    waiting = saver.pending() if saver is not None and app.store is not None else []
    if waiting:
        print(f"procmem: {_named(waiting)} not saved yet: another process holds the library; waiting up to "
              f"{EXIT_PATIENCE:.0f} s for it (ctrl+c gives up)", file=sys.stderr, flush=True)
    try:
        left = app.flush_store()
    except KeyboardInterrupt:
        left = saver.finish(0) if saver is not None else []
    if left:
        print(f"procmem: {_named(left)} not saved: another process held the library", file=sys.stderr)


def _named(records) -> str:
    """"episode 5 is", "episodes 5, 6 are", "episode 5 and what the agent learned in the unfinished episode are"."""
    numbers = [str(record.number) for record in records if record.number is not None]
    parts = [f"episode{'s' if len(numbers) > 1 else ''} {', '.join(numbers)}"] if numbers else []
    parts += list(dict.fromkeys(record.what for record in records if record.number is None))
    return " and ".join(parts) + (" are" if len(numbers) > 1 or len(parts) > 1 else " is")


def run_app(app) -> int:
    """Run the Textual app; whatever ended it goes to the error boundary (``procmem_tui.errors``) as one line.
    SIGTERM and SIGHUP end it like ``q`` (``app_signals``: exit code 143 or 129)."""
    from procmem_tui.commands.app_signals import ending_on_signals
    from procmem_tui.commands.terminal import require_terminal

    try:
        require_terminal()
        with ending_on_signals(app):
            app.run()
    finally:
        _last_writes(app)
        from procmem_tui.tui.start import print_warnings

        print_warnings(getattr(app, "start_warnings", ()))
    if app.failure is not None:
        raise app.failure
    return app.return_code or 0
