"""JSON read from outside the process (export files, episode files, library columns), strictly and in one place.

Only what the JSON standard allows is accepted (no NaN or Infinity), nesting too deep for Python's parser and
integers too long to convert are refused, and every refusal is one error of the caller's own type, so each edge
(import, replay, the store) reports it in its own words without a traceback.
"""

from __future__ import annotations

import json


def document(text: str, error: type[Exception], source: str, noun: str) -> object:
    """A whole file's JSON; ``noun`` says what the file should be ("skills export"), for the messages."""
    article = "an" if noun[:1] in "aeiou" else "a"
    try:
        return json.loads(text, parse_constant=_no_constant)
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
        return json.loads(value, parse_constant=_no_constant)
    except RecursionError:
        raise error(f"{where}: its {field} is nested too deeply") from None
    except ValueError as exc:
        raise error(f"{where}: its {field} is not valid JSON ({exc})") from None


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")
