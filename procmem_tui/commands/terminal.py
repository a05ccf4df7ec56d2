"""The app draws on a terminal and reads keys from one: without one it would wait for ever on keys that never come.

Textual writes the screen to standard error and reads keys from standard input. When either is a file or a pipe (and
no other Textual driver is chosen, as ``procmem serve`` chooses the browser's), the command ends at once with one line
that names the stream and what to run instead.
"""

from __future__ import annotations

import os
import sys

from procmem_tui.cli import UserError


def require_terminal() -> None:
    """Refuse to start the app unless keys can be read and the screen drawn (see the module's docstring)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return
    missing = [name for name, stream in (("standard input", sys.__stdin__), ("standard error", sys.__stderr__))
               if not _is_terminal(stream)]
    if missing:
        raise UserError(f"the app draws in a terminal, and {' and '.join(missing)} "
                        f"{'is' if len(missing) == 1 else 'are'} not one: run it in a terminal, or 'procmem train' "
                        "to play without one, or 'procmem serve' to play in a browser")


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
