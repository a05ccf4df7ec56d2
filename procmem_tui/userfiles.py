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


def _a(what: str) -> str:
    """``what`` with its article: "a skills export", "an episode file"."""
    return f"{'an' if what[:1].lower() in 'aeiou' else 'a'} {what}"


def read_bytes(path: str | Path, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them. Raises ``FileRefused``."""
    name = str(path)
    if not name:
        raise FileRefused(f"an empty path is not {_a(what)}")
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileRefused(f"{name}: cannot read the {what} ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused(f"{name}: is a folder, not {_a(what)}")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"{name}: not a regular file (a device, pipe or socket); refusing to read it as {_a(what)}")
        if info.st_size > limit:
            raise FileRefused(f"{name}: {info.st_size:,} bytes is too big for {_a(what)} (at most {limit:,})")
        chunks, total = [], 0
        while True:  # the size may change while reading: never take more than the cap
            chunk = os.read(fd, min(MiB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefused(f"{name}: grew past {limit:,} bytes while being read; too big for {_a(what)}")
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(f"{name}: cannot read the {what} ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def read_text(path: str | Path, limit: int, what: str = "file") -> str:
    """``read_bytes`` decoded as UTF-8 (a leading BOM allowed). Raises ``FileRefused``."""
    data = read_bytes(path, limit, what)
    if data.startswith(b"SQLite format 3\x00"):  # the likeliest wrong file: a library, given where a file goes
        raise FileRefused(f"{path}: an SQLite database (a library? it goes after --library), not {_a(what)}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(f"{path}: not UTF-8 text (byte {exc.start + 1}); not {_a(what)}") from None


def image_format(path: str | Path) -> str:
    """The image format a file name asks for (``out.svg`` -> ``svg``), PNG when it names none: matplotlib infers
    it from a name, but ``atomic_file`` hands it an open file."""
    return Path(path).suffix[1:].lower() or "png"


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` all or nothing: a temporary file beside it, flushed to disk
    (fsync), then renamed over ``path``. On any failure (a full disk, a kill) the previous file is intact and the
    temporary file is removed; the ``OSError`` is raised. Every file procmem writes goes through here."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    with atomic_file(target) as handle:
        handle.write(payload)


class atomic_file:
    """``with atomic_file(path) as handle:`` write binary data to ``handle``; on a clean exit it is flushed,
    fsynced and renamed over ``path`` (keeping the old file's permission bits, else 0o666 minus the umask); on an
    exception the temporary file is removed and ``path`` is untouched."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.temp: Path | None = None
        self.handle = None

    def __enter__(self):
        import tempfile

        try:
            special = not stat.S_ISREG(os.stat(self.path).st_mode)
        except OSError:
            special = False
        if special:  # /dev/stdout, a FIFO: there is nothing to replace, so write straight into it
            self.handle = open(self.path, "wb")
            return self.handle
        directory = self.path.parent if str(self.path.parent) else Path(".")
        fd, name = tempfile.mkstemp(prefix=f".{self.path.name[:100]}.", suffix=".part", dir=directory)
        self.temp = Path(name)
        self.handle = os.fdopen(fd, "wb")
        return self.handle

    def __exit__(self, kind, exc, tb) -> None:
        assert self.handle is not None
        if self.temp is None:
            self.handle.close()
            return
        try:
            if kind is None:
                self.handle.flush()
                os.fsync(self.handle.fileno())
            self.handle.close()
            if kind is None:
                os.chmod(self.temp, _mode_for(self.path))
                os.replace(self.temp, self.path)
                _sync_folder(self.path.parent)
                return
        except BaseException:
            _remove(self.temp)
            raise
        _remove(self.temp)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible on every system, so failures are ignored."""
    try:
        fd = os.open(str(folder) or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
