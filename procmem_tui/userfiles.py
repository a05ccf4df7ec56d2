"""Reading a file a user names (a skills import, an episode file) without trusting it to be one.

Only regular files are read (a FIFO, ``/dev/zero``, ``/dev/urandom``, a folder or a symlink to any of them is
refused before a byte is read, so nothing hangs or fills memory), and only up to a size cap checked before
reading. Every refusal is a one-line ``FileRefused`` naming the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MiB = 1024 * 1024


class FileRefused(Exception):
    """A file we will not read; ``str()`` is one line naming it and why."""


def read_bytes(path: str | Path, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them. Raises ``FileRefused``."""
    name = str(path)
    if not name:
        raise FileRefused(f"an empty path is not a {what}")
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileRefused(f"{name}: cannot read the {what} ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused(f"{name}: is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"{name}: not a regular file (a device, pipe or socket); refusing to read it as a {what}")
        if info.st_size > limit:
            raise FileRefused(f"{name}: {info.st_size:,} bytes is too big for a {what} (at most {limit:,})")
        chunks, total = [], 0
        while True:  # the size may change while reading: never take more than the cap
            chunk = os.read(fd, min(MiB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefused(f"{name}: grew past {limit:,} bytes while being read; too big for a {what}")
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(f"{name}: cannot read the {what} ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def read_text(path: str | Path, limit: int, what: str = "file") -> str:
    """``read_bytes`` decoded as UTF-8 (a leading BOM allowed). Raises ``FileRefused``."""
    data = read_bytes(path, limit, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(f"{path}: not UTF-8 text (byte {exc.start + 1}); not a {what}") from None
