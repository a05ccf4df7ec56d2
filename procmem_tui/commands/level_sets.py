"""A user's own set of levels: ``--level A --level B …`` and ``--levels DIR`` for ``train`` and ``bench``.

A folder's level files are its ``*.txt`` files (not its subfolders), in name order, so ``01_start.txt`` plays
before ``02_next.txt``. A folder that does not exist, is not a folder, or holds no level file is one clear line;
so is a bad level inside it (its file, line and column).
"""

from __future__ import annotations

import os
from pathlib import Path

from procmem_tui.cli import UserError
from procmem_tui.world import Level

LEVEL_SUFFIX = ".txt"


def level_files(folder: str) -> list[str]:
    """The level files of ``folder``, in name order (paths). Raises ``UserError``."""
    path = Path(folder)
    if not folder:
        raise UserError("--levels needs a folder, not an empty string")
    if not path.exists():
        raise UserError(f"--levels {folder}: no such folder")
    if not path.is_dir():
        raise UserError(f"--levels {folder}: not a folder (give a folder of level files, or use --level FILE)")
    try:
        names = sorted(entry.name for entry in os.scandir(path)
                       if entry.name.endswith(LEVEL_SUFFIX) and not entry.is_dir())
    except OSError as exc:
        raise UserError(f"--levels {folder}: cannot list the folder ({exc.strerror or exc})") from None
    if not names:
        raise UserError(f"--levels {folder}: no level files (*{LEVEL_SUFFIX}) in this folder")
    return [str(path / name) for name in names]


def load_levels(names: list[str]) -> list[Level]:
    """Each of ``names`` (built-in names or files) as a level; the first bad one is a ``UserError``."""
    from procmem_tui.commands.common import load_level_or_fail

    return [load_level_or_fail(name) for name in names]


def chosen_levels(args) -> list[str] | None:
    """The level names/paths of ``--level`` (repeatable) plus ``--levels DIR``, or None when neither was given."""
    given = args.level if isinstance(args.level, list) else ([args.level] if args.level else [])
    folder = getattr(args, "levels", None)
    if folder is not None:
        given = given + level_files(folder)
    return given or None
