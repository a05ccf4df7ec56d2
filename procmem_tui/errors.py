"""The error boundary: every error a user can cause becomes one line and a non-zero exit, here and only here.

``one_line(exc)`` names the errors we expect (a bad level, library, import or replay file, flag, or an operating
system refusal such as a permission or a name too long) and gives their one-line message; anything else is a bug,
and ``report(exc)`` writes its traceback to ``crash-*.txt`` under the user state directory (platformdirs) and
returns one line naming that file. The CLI (``cli.main``) and the app (``ProcmemApp``, which hands its failure
back to the CLI) both end here.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime, timezone
from pathlib import Path

from procmem_tui.safe_text import printable


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit code ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def _expected() -> tuple[type[BaseException], ...]:
    from procmem_tui.memory.skill_check import SkillFileError
    from procmem_tui.memory.store_file import StoreError
    from procmem_tui.recording import RecordingError
    from procmem_tui.userfiles import FileRefused
    from procmem_tui.world import LevelError

    return (UserError, StoreError, LevelError, RecordingError, SkillFileError, FileRefused)


def one_line(exc: BaseException) -> str | None:
    """The one-line message of an error a user can cause, or None for a bug."""
    if isinstance(exc, _expected()):
        return printable(str(exc))
    if isinstance(exc, OSError):
        what = exc.strerror or str(exc)
        name = exc.filename
        return printable(f"{name}: {what}" if name is not None else what)
    import sqlite3

    if isinstance(exc, sqlite3.Error):  # the file changed under us (locked, full disk, damaged since opened)
        return printable(f"the library file: {exc}")
    return None


def exit_code(exc: BaseException) -> int:
    return exc.code if isinstance(exc, UserError) else 1


def crash_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_dir("procmem_tui"))


def write_crash_report(exc: BaseException, argv: list[str] | None = None) -> Path | None:
    """The traceback in ``<user state dir>/crash-<UTC time>-<pid>.txt``; None when even that cannot be written."""
    now = datetime.now(timezone.utc)
    try:
        directory = crash_dir()
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
        from procmem_tui import __version__

        lines = [f"procmem {__version__}, Python {sys.version.split()[0]}, {now.isoformat(timespec='seconds')}",
                 f"argv: {argv if argv is not None else sys.argv[1:]}", ""]
        lines += traceback.format_exception(type(exc), exc, exc.__traceback__)
        from procmem_tui.userfiles import write_atomic

        write_atomic(path, "\n".join(line.rstrip("\n") for line in lines) + "\n")
        return path
    except OSError:
        return None


def report(exc: BaseException, argv: list[str] | None = None) -> str:
    """One line for an unexpected error, naming the crash report that holds its traceback."""
    path = write_crash_report(exc, argv)
    where = f"details in {path}" if path is not None else "no crash report could be written"
    return printable(f"internal error ({type(exc).__name__}: {exc}); {where} — please report it")


def describe(exc: BaseException, argv: list[str] | None = None) -> tuple[str, int]:
    """(one line, exit code) for any exception: ours as they are, anything else through a crash report."""
    message = one_line(exc)
    if message is not None:
        return message, exit_code(exc)
    return report(exc, argv), 1
