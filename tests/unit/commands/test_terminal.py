"""The app's verbs need a terminal (``commands/terminal.py``): with keys or the screen redirected they end at once
with one line, instead of drawing escape codes into a file and waiting for ever on keys that never come."""

from __future__ import annotations

import io
import sys

import pytest

from procmem_tui.cli import main
from procmem_tui.commands.terminal import require_terminal


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("argv", [["play", "--fresh", "--level", "classic"], ["edit", "NEW", "--fresh"],
                                  ["edit", "NEW"]], ids=["play", "edit", "edit-default-library"])
def test_an_app_verb_without_a_terminal_ends_with_one_line(argv, monkeypatch, capsys, tmp_path):
    """Standard input from a file: exit 1, one line naming the stream and what to run instead; no file is made,
    not even the default library (the editor opened it before asking for a terminal)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "__stdin__", io.StringIO())
    monkeypatch.setattr(sys, "__stderr__", _Terminal())
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    argv = [str(tmp_path / "new.txt") if word == "NEW" else word for word in argv]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"procmem {argv[0]}: the app draws in a terminal, and standard input is not one: run it in a "
                   "terminal, or 'procmem train' to play without one, or 'procmem serve' to play in a browser"]
    assert list(tmp_path.iterdir()) == []


def test_both_streams_are_named_and_another_driver_is_let_through(monkeypatch):
    """Both streams redirected are named together; a chosen Textual driver (the browser's, ``procmem serve``) is
    not refused, since it does not draw on a terminal."""
    monkeypatch.setattr(sys, "__stdin__", io.StringIO())
    monkeypatch.setattr(sys, "__stderr__", io.StringIO())
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    with pytest.raises(Exception, match="standard input and standard error are not one"):
        require_terminal()
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    require_terminal()
