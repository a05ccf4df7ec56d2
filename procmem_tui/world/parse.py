"""Level text to a validated :class:`Level`: every rule broken is a :class:`LevelError` naming file, line, column.

Header names are matched without regard to case, and ``-`` or a space may stand for ``_`` (``; Max-Steps: 9``
is the ``max_steps`` header), so a mistyped known header is validated instead of silently becoming a comment.
Values of ``doors`` and ``keys`` are matched without regard to case too; ``opens`` pairs are not (``aB``: key a,
door B). Any other ``;`` line is a comment.
"""

from __future__ import annotations

import re
from pathlib import Path

from procmem_tui.world.level import (
    HEADER_KEYS, KEY_LETTERS, KNOWN_CHARS, MAX_KEYS, MAX_NAME, MAX_SIDE, MAX_STEP_LIMIT, MAX_VIEW, START, Level,
    LevelError,
)
from procmem_tui.world.rules import RULE_CHOICES, PairingError, Rules, parse_pairs

_NAME_RE = re.compile(r"[A-Za-z][A-Za-z_ -]{0,30}")

Headers = dict[str, tuple[str, int, int]]


def _split_header(line: str) -> tuple[str, int] | None:
    """(known header name, index of the first character after its colon), or None for a comment line.

    Plain string operations, no backtracking regex over the whole line: a long line costs linear time.
    """
    if not line.startswith(";"):
        return None
    colon = line.find(":", 0, 40)
    if colon < 0:
        return None
    raw = line[1:colon].strip()
    if not _NAME_RE.fullmatch(raw):
        return None
    name = raw.lower().replace("-", "_").replace(" ", "_")
    return (name, colon + 1) if name in HEADER_KEYS else None


def header_name(line: str) -> str | None:
    """The known header a ``;`` line sets (``max_steps``, ``doors``, …), or None for a comment."""
    split = _split_header(line)
    return None if split is None else split[0]


def _line_col_of_offset(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def decode_level_bytes(data: bytes, source: str) -> str:
    """Bytes to text, refusing binary and non-UTF-8 content with the position of the first bad byte."""
    nul = data.find(b"\x00")
    if nul >= 0:
        prefix = data[:nul].decode("utf-8", "replace")
        line, col = _line_col_of_offset(prefix, len(prefix))
        raise LevelError(source, line, col, "this is a binary file (it holds a NUL byte), not a level")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", "replace")
        line, col = _line_col_of_offset(prefix, len(prefix))
        raise LevelError(source, line, col, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})") from None


MAX_TEXT = 256 * 1024  # characters of level text (a file is at most 256 KB; the library keeps what it parsed)


def parse_level(text: str, source: str = "<level>", *, check_solvable: bool = True) -> Level:
    """Parse and validate level text. ``check_solvable`` runs the solver (generators skip it: solvable by build)."""
    if len(text) > MAX_TEXT:
        raise LevelError(source, 1, 1, f"the level text is {len(text):,} characters long; at most {MAX_TEXT:,} are allowed")
    lines = _lines(text, source)
    if lines and lines[-1] == "":
        lines.pop()
    headers: Headers = {}
    preamble: list[str] = []
    rows: list[str] = []
    first_row_line = 0
    for number, raw in enumerate(lines, start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if line.startswith(";"):
            if rows:
                raise LevelError(source, number, 1, "header and comment lines must come before the grid")
            _read_header(line, number, headers, source)
            preamble.append(line)
            continue
        if not line.strip():
            if rows:
                if any(rest.strip() for rest in lines[number:]):
                    raise LevelError(source, number, 1, "blank line inside the grid")
                break
            raise LevelError(source, number, 1, "blank line before the grid (headers and comments start with ';')")
        if not rows:
            first_row_line = number
        rows.append(line)
        _check_row(rows, source, number)
    if not rows:
        raise LevelError(source, max(1, len(lines)), 1, "the level is empty: it has no grid rows")
    if len(rows) > MAX_SIDE:
        raise LevelError(source, first_row_line + MAX_SIDE, 1, f"the grid has {len(rows)} rows; at most {MAX_SIDE} are allowed")
    level = Level(
        rows=tuple(rows),
        name=_parse_name(headers, source),
        description=headers.get("description", ("",))[0],
        max_steps=_parse_max_steps(headers, source),
        preamble=tuple(preamble),
        source=source,
        rules=_parse_rules(headers, source),
        view=_parse_view(headers, source),
    )
    _check_objects(level, source, first_row_line)
    if check_solvable:
        _check_solvable(level, source, "max_steps" in headers)
    return level


def _lines(text: str, source: str) -> list[str]:
    """The text's lines: a leading UTF-8 BOM (Notepad writes one) is dropped, and CR LF, LF and CR-only line ends
    (old Mac files) are all line ends. A lone surrogate (not a character) is refused at its line and column."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        bad = _SURROGATE.search(text)
        if bad:
            line, col = _line_col_of_offset(text, bad.start())
            raise LevelError(source, line, col, f"U+{ord(bad.group()):04X} is a lone surrogate, not a character")
    return text.split("\n")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _read_header(line: str, number: int, headers: Headers, source: str) -> None:
    split = _split_header(line)
    if split is None:
        return
    key, after_colon = split
    if key in headers:
        raise LevelError(source, number, 1, f"the header '{key}' is given twice (first on line {headers[key][1]})")
    raw_value = line[after_colon:]
    value_col = after_colon + 1 + len(raw_value) - len(raw_value.lstrip())
    headers[key] = (raw_value.strip(), number, value_col)


def _check_row(rows: list[str], source: str, number: int) -> None:
    row = rows[-1]
    for col, char in enumerate(row, start=1):
        if char not in KNOWN_CHARS:
            # beyond ASCII, the code point too: a full-width '．' looks like '.', a combining accent like nothing
            plain = char.isascii() and char.isprintable() and char != " "
            shown = repr(char) if plain else f"{char!r} (U+{ord(char):04X})"
            raise LevelError(source, number, col, f"unknown character {shown}; known: # . @ G X a-f A-F")
    if len(row) > MAX_SIDE:
        raise LevelError(source, number, MAX_SIDE + 1, f"the row is {len(row)} cells wide; at most {MAX_SIDE} are allowed")
    width = len(rows[0])
    if len(row) != width:
        col = min(len(row), width) + 1
        raise LevelError(source, number, col, f"the row is {len(row)} cells wide but the first row is {width}")


def _parse_name(headers: Headers, source: str) -> str:
    """The ``name`` header, or the file's stem; at most ``MAX_NAME`` characters (skill names and recorded episodes
    carry it, and the library refuses what is longer when it reads them back)."""
    if "name" in headers:
        value, number, col = headers["name"]
        if len(value) > MAX_NAME:
            raise LevelError(source, number, col, f"the name is {len(value):,} characters long; at most {MAX_NAME} are allowed")
        return value
    stem = Path(source).stem if source and not source.startswith("<") else "untitled"
    return stem[:MAX_NAME]


def _parse_max_steps(headers: Headers, source: str) -> int:
    if "max_steps" not in headers:
        return 0
    value, number, col = headers["max_steps"]
    if not (value.isascii() and value.isdigit()) or len(value) > 9 or not 0 < int(value) <= MAX_STEP_LIMIT:
        raise LevelError(
            source, number, col, f"max_steps must be a positive whole number up to {MAX_STEP_LIMIT}, not {_shown(value)}"
        )
    return int(value)


def _parse_view(headers: Headers, source: str) -> int | None:
    """``; view: N``: a sight radius from 0 to MAX_VIEW cells; ``all`` (or no header) means everything is in sight."""
    if "view" not in headers:
        return None
    value, number, col = headers["view"]
    if value.lower() == "all":
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 3 or int(value) > MAX_VIEW:
        raise LevelError(
            source, number, col, f"view must be a sight radius from 0 to {MAX_VIEW} cells, or all, not {_shown(value)}"
        )
    return int(value)


def _parse_rules(headers: Headers, source: str) -> Rules:
    chosen = {}
    for key, choices in RULE_CHOICES.items():
        if key in headers:
            value, number, col = headers[key]
            if value.lower() not in choices:
                raise LevelError(source, number, col, f"{key} must be {' or '.join(choices)}, not {_shown(value)}")
            chosen[key] = value.lower()
    if "opens" in headers:
        chosen["pairs"] = _parse_opens(headers, source)
    return Rules(**chosen)


def _parse_opens(headers: Headers, source: str) -> tuple[str, ...]:
    """``; opens: aB bC cA``: the key–door pairs; exclusive with ``; doors:`` (the later line is reported)."""
    value, number, col = headers["opens"]
    if "doors" in headers:
        _, doors_line, _ = headers["doors"]
        line = max(number, doors_line)
        other = ("doors", doors_line) if line == number else ("opens", number)
        raise LevelError(source, line, 1, f"opens: and doors: cannot both be given (the {other[0]}: header is on line "
                         f"{other[1]}); the opens: pairs say which key opens which door")
    try:
        return parse_pairs(value)
    except PairingError as exc:
        raise LevelError(source, number, col + exc.offset, str(exc)) from None


def _shown(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _check_objects(level: Level, source: str, first_row_line: int) -> None:
    starts = [(r, c) for r, row in enumerate(level.rows) for c, ch in enumerate(row) if ch == START]
    if not starts:
        raise LevelError(source, first_row_line, 1, "the level has no agent start '@'")
    if len(starts) > 1:
        r, c = starts[1]
        first = starts[0]
        raise LevelError(
            source, first_row_line + r, c + 1,
            f"a second agent start '@' (the first is on line {first_row_line + first[0]}, column {first[1] + 1})",
        )
    if not level.goals:
        raise LevelError(source, first_row_line, 1, "the level has no goal 'G'")
    if len(level.keys) > MAX_KEYS:
        keys = [(r, c) for r, row in enumerate(level.rows) for c, ch in enumerate(row) if ch in KEY_LETTERS]
        r, c = keys[MAX_KEYS]
        raise LevelError(
            source, first_row_line + r, c + 1,
            f"the level has {len(level.keys)} keys; at most {MAX_KEYS} are allowed (this is key {MAX_KEYS + 1})",
        )


def _check_solvable(level: Level, source: str, explicit_limit: bool) -> None:
    from procmem_tui.world.solve import solve

    plan = solve(level)
    line, col = level.file_position(level.start)
    if plan is None:
        raise LevelError(source, line, col, "no goal can be reached from the start '@' (the solver found no path)")
    if len(plan) > level.max_steps:
        where = "max_steps" if explicit_limit else "the default step limit 4·W·H"
        raise LevelError(source, line, col, f"{where} is {level.max_steps} but the shortest solution needs {len(plan)} actions")
