"""The app draws on a terminal and reads keys from one: without one it would wait for ever on keys that never come.

Textual writes the screen to standard error and reads keys from standard input. When either is a file or a pipe (and
no other Textual driver is chosen, as ``procmem serve`` chooses the browser's), the command ends at once with one line
that names the stream and what to run instead.

A terminal whose locale names a character set other than UTF-8 (``LANG=C``, ``LC_ALL=POSIX``,
``LC_CTYPE=en_US.ISO-8859-1``) gets the board in ASCII (``world.glyphs.use_ascii``), as tmux and curses programs
trust the locale: tmux draws every other character as "_" for such a terminal, and the board's looks (a wall, a
remembered wall and a cell never seen; a door locked, open or remembered) all read "__" or "_A". No locale named
at all is taken as UTF-8, as Python takes it; a browser (``procmem serve``) draws every glyph.
"""

from __future__ import annotations

import os
import re
import sys

from procmem_tui.cli import UserError


def require_terminal() -> None:
    """Refuse to start the app unless keys can be read and the screen drawn, and choose the board's glyphs for the
    terminal (see the module's docstring)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return
    missing = [name for name, stream in (("standard input", sys.__stdin__), ("standard error", sys.__stderr__))
               if not _is_terminal(stream)]
    if missing:
        raise UserError(f"the app draws in a terminal, and {' and '.join(missing)} "
                        f"{'is' if len(missing) == 1 else 'are'} not one: run it in a terminal, or 'procmem train' "
                        "to play without one, or 'procmem serve' to play in a browser")
    choose_glyphs()


def choose_glyphs() -> None:
    """ASCII or Unicode for the whole app, from the terminal's locale (see the module's docstring); the app reads
    the choice when it is built (its stylesheet), so the app's verbs choose before they build it. Nothing changes
    off a terminal (``require_terminal`` refuses it) or with another driver (a browser's keeps Unicode)."""
    from procmem_tui.world.glyphs import use_ascii

    streams = (sys.__stdin__, sys.__stderr__)
    if not os.environ.get("TEXTUAL_DRIVER") and all(_is_terminal(stream) for stream in streams):
        use_ascii(not utf8_locale(os.environ))


PYTHONS_OWN = {"C.UTF-8", "C.utf8", "UTF-8"}  # what Python sets LC_CTYPE to when it starts in the C locale


def utf8_locale(environ) -> bool:
    """Whether the locale the terminal's programs read (the first of ``LC_ALL``, ``LC_CTYPE``, ``LANG`` that is
    set) is UTF-8; none set counts as UTF-8. Python itself, started in the C locale (``LANG=C``, or nothing set),
    sets ``LC_CTYPE=C.UTF-8`` in its own environment (PEP 538): without ``LC_ALL``, that value is read as
    Python's, and ``LANG`` decides."""
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = environ.get(name)
        if name == "LC_CTYPE" and value in PYTHONS_OWN:
            continue
        if value:
            return re.search(r"utf-?8", value, re.IGNORECASE) is not None
    return True


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
