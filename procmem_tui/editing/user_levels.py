"""Levels a person made: ``<user data dir>/procmem_tui/levels/NAME.txt``, found by name like built-in ones.

Saving never overwrites a built-in level (neither its file nor its name), writes atomically, and keeps an
invalid level only as a draft, ``NAME.txt.draft``, beside where the level would go.
"""

from __future__ import annotations

import os
from pathlib import Path

from importlib import resources

import platformdirs

from procmem_tui.world import Level, LevelError, builtin_level_names, load_level
from procmem_tui.userfiles import write_atomic

DRAFT_SUFFIX = ".draft"


def builtin_levels_dir() -> Path:
    return Path(str(resources.files("procmem_tui") / "assets" / "levels"))


def user_levels_dir() -> Path:
    """Where saved levels go by default (not created until the first save)."""
    return Path(platformdirs.user_data_dir("procmem_tui")) / "levels"


def user_level_files() -> list[Path]:
    """The saved user levels, by name."""
    folder = user_levels_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.txt") if p.is_file())


def is_bare_name(text: str) -> bool:
    """``mylevel``: no folder, no suffix, so a level name rather than a path."""
    return bool(text) and "/" not in text and os.sep not in text and not Path(text).suffix


def find_user_level(name: str) -> Path | None:
    if not is_bare_name(name):
        return None
    path = user_levels_dir() / f"{name}.txt"
    return path if path.is_file() else None


def load_any_level(name_or_path: str | Path) -> Level:
    """``load_level``, falling back to a saved user level of that name (built-in names come first)."""
    text = str(name_or_path)
    if is_bare_name(text) and text not in builtin_level_names() and not Path(text).exists():
        path = find_user_level(text)
        if path is not None:
            return load_level(path)
    return load_level(name_or_path)


def path_for(answer: str) -> Path:
    """What a person typed when asked where to save: a bare name goes to the user levels folder."""
    answer = answer.strip()
    if is_bare_name(answer):
        return user_levels_dir() / f"{answer}.txt"
    return Path(answer).expanduser()


def draft_path(path: Path) -> Path:
    return path.with_name(path.name + DRAFT_SUFFIX)


def level_path(path: Path) -> Path:
    """The level a draft file belongs to (``x.txt.draft`` → ``x.txt``); other paths are themselves."""
    return path.with_name(path.name[: -len(DRAFT_SUFFIX)]) if path.name.endswith(DRAFT_SUFFIX) else path


def refuse_builtin(path: Path) -> None:
    """Raise ``LevelError`` when ``path`` is a built-in level's file or takes a built-in name in the user folder."""
    try:
        builtin = builtin_levels_dir().resolve()
        if path.resolve().parent == builtin:
            raise LevelError(str(path), 1, 1, "this is a built-in level; save your copy under another name")
    except OSError:
        pass
    stem = path.name.split(".", 1)[0]
    if path.parent.resolve() == user_levels_dir().resolve() and stem in builtin_level_names():
        raise LevelError(str(path), 1, 1, f"'{stem}' is the name of a built-in level; choose another name")


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder (a crash leaves the old file).

    Only the user levels folder is created when missing; another missing folder is an error (a typo).
    """
    if path.parent == user_levels_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)
