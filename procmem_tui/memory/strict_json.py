"""JSON read from outside the process (export files, episode files, library columns), strictly and in one place.

Only what the JSON standard allows is accepted (no NaN or Infinity), nesting too deep for Python's parser and
integers too long to convert are refused, and every refusal is one error of the caller's own type, so each edge
(import, replay, the store) reports it in its own words without a traceback.
"""

from __future__ import annotations

import json
import re


def document(text: str, error: type[Exception], source: str, noun: str) -> object:
    """A whole file's JSON; ``noun`` says what the file should be ("skills export"), for the messages."""
    article = "an" if noun[:1] in "aeiou" else "a"
    try:
        return _no_surrogates(json.loads(text, parse_constant=_no_constant))
    except RecursionError:
        raise error(f"{source}: nested too deeply to be {article} {noun}") from None
    except json.JSONDecodeError as exc:
        raise error(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    except ValueError as exc:  # NaN/Infinity, or an integer of more than 4,300 digits
        raise error(f"{source}: not a valid {noun} ({exc})") from None


def column(value: object, error: type[Exception], where: str, field: str, limit: int) -> object:
    """One library column holding JSON text of at most ``limit`` characters; ``field`` names it in messages."""
    if not isinstance(value, str):
        raise error(f"{where}: its {field} is stored as {type(value).__name__}, not JSON text")
    if len(value) > limit:
        raise error(f"{where}: its {field} is {len(value):,} characters long (at most {limit:,})")
    try:
        return _no_surrogates(json.loads(value, parse_constant=_no_constant))
    except RecursionError:
        raise error(f"{where}: its {field} is nested too deeply") from None
    except ValueError as exc:
        raise error(f"{where}: its {field} is not valid JSON ({exc})") from None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(value: object) -> object:
    """``value`` unless a string in it holds a lone surrogate (JSON's ``"\\ud800"`` escape decodes to one: it is
    not a character, cannot be written as UTF-8, and would crash whatever prints or stores it later)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii() and _SURROGATE.search(item):
                raise ValueError(f"the text {printable_surrogates(item)} holds a lone surrogate (not a character)")
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
    return value


def printable_surrogates(text: str, limit: int = 40) -> str:
    """A short repr of ``text`` that shows surrogates as escapes (safe to print in any encoding)."""
    shown = text if len(text) <= limit else text[:limit] + "…"
    return ascii(shown) if _SURROGATE.search(shown) else repr(shown)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")
