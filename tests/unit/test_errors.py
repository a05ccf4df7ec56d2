"""The error boundary (``procmem_tui.errors`` via ``cli.main``): our errors and OS refusals are one line and exit 1;
anything else is one line naming a crash report that holds the traceback, never a traceback on the terminal."""

from __future__ import annotations

import errno

import pytest

from procmem_tui import cli
from procmem_tui.commands import episodes
from procmem_tui.errors import describe
from procmem_tui.memory.store_file import StoreError
from procmem_tui.safe_text import printable


@pytest.fixture
def state_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "procmem_tui"


def _fail_with(monkeypatch, exc: BaseException) -> None:
    def run(args):
        raise exc

    monkeypatch.setattr(episodes, "run", run)


@pytest.mark.parametrize("exc, words", [
    (StoreError("/x/lib.sqlite3: the library is damaged (reason)"), "the library is damaged"),
    (PermissionError(errno.EACCES, "Permission denied", "/root/secret"), "/root/secret: Permission denied"),
    (OSError(errno.ENAMETOOLONG, "File name too long", "x" * 300), "File name too long"),
])
def test_expected_errors_are_one_line_without_a_crash_report(monkeypatch, capsys, state_dir, exc, words):
    """A damaged library, a permission refusal or a too-long file name is one line naming the verb, exit 1, no crash
    report."""
    _fail_with(monkeypatch, exc)
    assert cli.main(["episodes", "list", "--fresh"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and err.startswith("procmem episodes: ")
    assert not state_dir.exists() or not list(state_dir.glob("crash-*.txt"))


def test_an_unexpected_error_is_one_line_naming_a_crash_report_with_the_traceback(monkeypatch, capsys, state_dir):
    """A bug is one line naming the exception and a crash report; the report holds the traceback and the command
    line."""
    _fail_with(monkeypatch, ZeroDivisionError("a bug"))
    assert cli.main(["episodes", "list", "--fresh"]) == 1
    err = capsys.readouterr().err
    reports = list(state_dir.glob("crash-*.txt"))
    assert len(reports) == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "internal error (ZeroDivisionError: a bug)" in err and str(reports[0]) in err
    text = reports[0].read_text()
    assert "Traceback (most recent call last)" in text and "ZeroDivisionError: a bug" in text
    assert "['episodes', 'list', '--fresh']" in text


def test_a_recursion_error_still_ends_in_one_line(monkeypatch, capsys, state_dir):
    """Even a RecursionError ends in one line and exit 1."""
    def recurse(n):
        return recurse(n + 1)

    def run(args):
        return recurse(0)

    monkeypatch.setattr(episodes, "run", run)
    assert cli.main(["episodes", "list", "--fresh"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_messages_are_printable_even_when_the_error_carries_escape_codes():
    """An error message carrying escape codes or a newline is printed as one printable line."""
    message, code = describe(StoreError("/tmp/\x1b]0;title\x07lib: damaged\nsecond line"))
    assert code == 1 and message == printable(message) and "\n" not in message and "\x1b" not in message
