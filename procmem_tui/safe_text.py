"""Text from outside (level names and descriptions, skill names derived from them, reasons, file names, error
messages) made safe to print: no terminal escape sequences or control characters reach the terminal, and Rich or
Textual markup in it is shown as written, never interpreted.

``printable`` is the one sanitising function; every print site of such text goes through it (directly, or through
``literal`` for Rich tables and ``markup_safe`` for Textual/Rich markup strings).
"""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced sequences (CSI, OSC, DCS, ... up to their terminator), then any other C0/C1 control or DEL.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"            # CSI: colours, cursor moves, clear screen
    r"|\x1b[\]PX^_].*?(?:\x07|\x1b\\|$)"  # OSC (window title), DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]?"                    # other two-character escapes, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]",            # 8-bit CSI
    re.DOTALL,
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\r\n\t\u2028\u2029\x85]+")


def printable(text: object, *, one_line: bool = True) -> str:
    """``text`` without escape sequences and control characters; line breaks and tabs become one space unless
    ``one_line`` is False (then newlines stay). Invisible format characters — bidi overrides and isolates that
    reorder what follows, zero-width spaces and joiners, a BOM — and lone surrogates are shown as ``\\u202e``
    escapes, so a name cannot hide or reverse text and every encoding can print the result."""
    s = _ESCAPES.sub("", str(text))
    if one_line:
        s = _LINE_BREAKS.sub(" ", s)
    else:
        s = s.replace("\r\n", "\n").replace("\t", " ")
        s = "\n".join(_CONTROLS.sub("", line) for line in s.split("\n"))
        return _visible_format(s)
    return _visible_format(_CONTROLS.sub("", s))


def _visible_format(s: str) -> str:
    if s.isascii():
        return s
    return "".join(f"\\u{ord(c):04x}" if c > "\x7f" and unicodedata.category(c) in ("Cf", "Cs") else c for c in s)


def literal(text: object):
    """A Rich ``Text`` of the printable text: Rich tables show it as written (``[bold]`` stays ``[bold]``)."""
    from rich.text import Text

    return Text(printable(text))


# backslashes before a "[" that Rich's ``escape`` leaves alone (not the start of a tag): markup drops one of them
_BACKSLASHES_BEFORE_TEXT_BRACKET = re.compile(r"(\\+)(?=\[(?![a-z#/@][^[]*?\]))")


def markup_safe(text: object) -> str:
    """The printable text escaped for a Rich/Textual markup string (``f"[b]{markup_safe(name)}[/]"``).
    Rich's ``escape`` handles brackets that look like tags; a backslash before any other ``[`` would still be
    read as an escape (``\\[`` showed as ``[``), so such a run of backslashes gets one more."""
    from rich.markup import escape

    kept = _BACKSLASHES_BEFORE_TEXT_BRACKET.sub(lambda m: m.group(1) + "\\", printable(text))
    return escape(kept)
