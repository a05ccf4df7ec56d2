"""Loading levels: a built-in one by name, or a level file by path, read safely.

A level file must be a regular file (a symlink to one is fine) of at most ``MAX_LEVEL_BYTES``: FIFOs, devices
(``/dev/zero``, ``/dev/urandom``), sockets and directories are refused before a byte is read, the size is checked
before reading, and at most ``MAX_LEVEL_BYTES + 1`` bytes are ever read, so no input can hang or fill memory.
"""

from __future__ import annotations

import os
import stat
from importlib import resources
from pathlib import Path

from procmem_tui.world.level import Level, LevelError
from procmem_tui.world.parse import decode_level_bytes, parse_level

# A 64x64 grid is about 4 KB; the rest is room for headers and comments.
MAX_LEVEL_BYTES = 256 * 1024


def _builtin_dir():
    return resources.files("procmem_tui") / "assets" / "levels"


def builtin_level_names() -> list[str]:
    """Names of the shipped levels, in their file order (their file names start with a number)."""
    names = sorted(p.name for p in _builtin_dir().iterdir() if p.name.endswith(".txt"))
    return [_strip_order(n[:-4]) for n in names]


def _strip_order(stem: str) -> str:
    head, _, rest = stem.partition("_")
    return rest if head.isdigit() and rest else stem


def _builtin_file(name: str):
    for p in _builtin_dir().iterdir():
        if p.name.endswith(".txt") and _strip_order(p.name[:-4]) == name:
            return p
    return None


def load_level(name_or_path: str | Path) -> Level:
    """A built-in level by name (``classic``), a level file by path, or a generated level by its name
    (``rooms3-12-s7-consumed``: ``generated_names.py``)."""
    text_name = str(name_or_path)
    if not text_name.strip():
        raise LevelError("<empty name>", 1, 1, "the level name is empty; give a built-in level name or a file path")
    path = Path(text_name)
    builtin = None if (path.suffix or os.path.lexists(text_name)) else _builtin_file(text_name)
    if builtin is not None:
        return parse_level(builtin.read_text(encoding="utf-8"), source=f"{text_name} (built-in)")
    if builtin is None and not os.path.lexists(text_name) and os.sep not in text_name:
        from procmem_tui.world.generated_names import level_from_generated_name

        generated = level_from_generated_name(text_name)
        if generated is not None:
            return generated
    return parse_level(decode_level_bytes(read_level_file(text_name), text_name), source=text_name)


def read_level_file(path: str) -> bytes:
    """The bytes of a level file; a LevelError at 1:1 for anything that is not a readable regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if os.path.lexists(path):
            raise LevelError(path, 1, 1, "this is a broken symbolic link (its target does not exist)") from None
        known = ", ".join(builtin_level_names())
        raise LevelError(path, 0, 0, f"no such level: not a file here nor a built-in level (built-in: {known}; and "
                                     "generated ones by name, like rooms3-12-s7-consumed)") from None
    except IsADirectoryError:
        raise LevelError(path, 1, 1, "this is a directory, not a level file") from None
    except OSError as exc:
        raise LevelError(path, 1, 1, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise LevelError(path, 1, 1, f"this is {_kind(info.st_mode)}, not a level file (only regular files are read)")
        if info.st_size > MAX_LEVEL_BYTES:
            raise LevelError(path, 1, 1, _too_big(info.st_size))
        data = _read_at_most(fd, MAX_LEVEL_BYTES + 1)
        if len(data) > MAX_LEVEL_BYTES:
            raise LevelError(path, 1, 1, _too_big(len(data), grew=True))
        return data
    except OSError as exc:
        raise LevelError(path, 1, 1, f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, total = [], 0
    while total < limit:
        chunk = os.read(fd, min(65536, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _too_big(size: int, grew: bool = False) -> str:
    what = "the file grew past" if grew else f"the file is {size} bytes; a level file holds at most"
    return f"{what} {MAX_LEVEL_BYTES} bytes (a 64x64 level needs about 4 KB)"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"
