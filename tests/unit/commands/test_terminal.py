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


@pytest.mark.parametrize("environ, utf8", [
    ({}, True), ({"LANG": "en_GB.UTF-8"}, True), ({"LC_ALL": "C.utf8"}, True), ({"LANG": "C"}, False),
    ({"LC_ALL": "POSIX", "LANG": "en_US.UTF-8"}, False), ({"LC_CTYPE": "en_US.ISO-8859-1"}, False),
    ({"LC_ALL": "", "LANG": "C"}, False), ({"LC_CTYPE": "en_US.UTF-8", "LANG": "C"}, True),
    ({"LC_CTYPE": "C.UTF-8", "LANG": "C"}, False), ({"LC_CTYPE": "C.UTF-8"}, True)])
def test_the_locale_says_whether_the_terminal_is_utf8(environ, utf8):
    """The first of LC_ALL, LC_CTYPE, LANG that is set decides, as for tmux and curses programs; none: UTF-8.
    LC_CTYPE=C.UTF-8 is what Python sets in its own environment when it starts in the C locale (PEP 538), so
    there LANG decides."""
    from procmem_tui.commands.terminal import utf8_locale

    assert utf8_locale(environ) is utf8


def test_a_terminal_whose_locale_is_not_utf8_gets_the_board_in_ascii(monkeypatch):
    """The app's verbs draw the board in ASCII where the locale is not UTF-8 (tmux draws every other character as
    "_" there), the first hint too, and in Unicode again where it is."""
    from procmem_tui.tui.view import first_hint
    from procmem_tui.world import glyphs, parse_level

    monkeypatch.setattr(sys, "__stdin__", _Terminal())
    monkeypatch.setattr(sys, "__stderr__", _Terminal())
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_CTYPE", "C.UTF-8")  # as Python sets it, started with LANG=C
    try:
        monkeypatch.setenv("LANG", "C")
        require_terminal()
        assert glyphs.cell_text("#", glyphs.IN_SIGHT) == "##" and glyphs.NEVER_SEEN == ":"
        hint = first_hint(parse_level("; view: 2\n@.aAG\n", "hint.txt", check_solvable=False))
        assert hint.isascii() and "-a to -f" in hint, hint  # not "-a--f"
        monkeypatch.setenv("LANG", "C.UTF-8")
        require_terminal()
        assert glyphs.cell_text("#", glyphs.IN_SIGHT) == "██" and glyphs.NEVER_SEEN == "░"
    finally:
        glyphs.use_ascii(False)


def test_play_chooses_the_glyphs_before_it_builds_the_app(monkeypatch):
    """The app reads the glyph set when it is built (its stylesheet: square panel corners and Textual's widgets'
    edges as lines where the locale is not UTF-8). The choice came after the app was built, so a LANG=C terminal
    kept the round corners, which tmux draws as "_" there."""
    from pathlib import Path

    from textual.scrollbar import ScrollBar, ScrollBarRender

    from procmem_tui.tui.app import ProcmemApp
    from procmem_tui.world import glyphs

    built = []
    monkeypatch.setattr(ProcmemApp, "run", lambda self: built.append([Path(p).name for p in self.css_path]))
    monkeypatch.setattr(sys, "__stdin__", _Terminal())
    monkeypatch.setattr(sys, "__stderr__", _Terminal())
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_CTYPE", raising=False)
    monkeypatch.setenv("LANG", "C")
    try:
        main(["play", "--fresh", "--level", "classic"])
    finally:
        glyphs.use_ascii(False)
        ScrollBar.renderer = ScrollBarRender
    assert built == [["app.tcss", "ascii.tcss"]]
