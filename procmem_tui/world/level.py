"""Level files: parse, validate, format (an exact round trip) and load by name or path.

A level is plain text, one character per cell, rows from the highest y (top) to y = 0 (bottom). Lines that
start with ``;`` come before the grid: ``; name: …``, ``; description: …``, ``; max_steps: N`` are headers,
any other ``;`` line is a comment. Every rule broken is a :class:`LevelError` naming file, line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

WALL = "#"
FLOOR = "."
START = "@"
GOAL = "G"
BOX = "X"
KEY_LETTERS = "abcdef"
DOOR_LETTERS = "ABCDEF"
KNOWN_CHARS = frozenset(WALL + FLOOR + START + GOAL + BOX + KEY_LETTERS + DOOR_LETTERS)
MAX_SIDE = 64
HEADER_KEYS = ("name", "description", "max_steps")
_HEADER_RE = re.compile(r"^;\s*(name|description|max_steps)\s*:\s?(.*)$")

Pos = tuple[int, int]


class LevelError(ValueError):
    """A level that breaks a rule; ``str()`` reads ``source:line:column: what is wrong``."""

    def __init__(self, source: str, line: int, column: int, message: str) -> None:
        self.source = source
        self.line = line
        self.column = column
        self.message = message
        super().__init__(f"{source}:{line}:{column}: {message}")


@dataclass(frozen=True)
class Level:
    """A parsed, immutable level. Coordinates are (x, y) with y growing upward."""

    rows: tuple[str, ...]
    name: str = "untitled"
    description: str = ""
    max_steps: int = 0
    preamble: tuple[str, ...] = ()
    source: str = "<level>"
    width: int = field(init=False, compare=False)
    height: int = field(init=False, compare=False)
    start: Pos = field(init=False, compare=False)
    goals: frozenset[Pos] = field(init=False, compare=False, repr=False)
    keys: dict[Pos, str] = field(init=False, compare=False, repr=False)
    doors: dict[Pos, str] = field(init=False, compare=False, repr=False)
    walls: frozenset[Pos] = field(init=False, compare=False, repr=False)
    boxes: frozenset[Pos] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        height, width = len(self.rows), len(self.rows[0])
        cells: dict[str, list[Pos]] = {}
        keys: dict[Pos, str] = {}
        doors: dict[Pos, str] = {}
        start = (0, 0)
        for row_index, row in enumerate(self.rows):
            y = height - 1 - row_index
            for x, char in enumerate(row):
                if char in KEY_LETTERS:
                    keys[(x, y)] = char
                elif char in DOOR_LETTERS:
                    doors[(x, y)] = char
                elif char == START:
                    start = (x, y)
                else:
                    cells.setdefault(char, []).append((x, y))
        set_ = object.__setattr__
        set_(self, "width", width)
        set_(self, "height", height)
        set_(self, "start", start)
        set_(self, "goals", frozenset(cells.get(GOAL, ())))
        set_(self, "keys", keys)
        set_(self, "doors", doors)
        set_(self, "walls", frozenset(cells.get(WALL, ())))
        set_(self, "boxes", frozenset(cells.get(BOX, ())))
        if self.max_steps <= 0:
            set_(self, "max_steps", 4 * width * height)

    def __hash__(self) -> int:
        return hash((self.rows, self.preamble))

    def char_at(self, pos: Pos) -> str:
        """The file character at (x, y); the start cell reads as ``@``."""
        x, y = pos
        return self.rows[self.height - 1 - y][x]

    def in_bounds(self, pos: Pos) -> bool:
        return 0 <= pos[0] < self.width and 0 <= pos[1] < self.height

    @property
    def door_letters(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.doors.values())))


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


def parse_level(text: str, source: str = "<level>", *, check_solvable: bool = True) -> Level:
    """Parse and validate level text. ``check_solvable`` runs the solver (generators skip it: solvable by build)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    headers: dict[str, tuple[str, int, int]] = {}
    preamble: list[str] = []
    rows: list[str] = []
    first_row_line = 0
    for number, raw in enumerate(lines, start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if line.startswith(";"):
            if rows:
                raise LevelError(source, number, 1, "header and comment lines must come before the grid")
            match = _HEADER_RE.match(line)
            if match:
                key, raw_value = match.group(1), match.group(2)
                value = raw_value.strip()
                if key in headers:
                    raise LevelError(source, number, 1, f"the header '{key}' is given twice (first on line {headers[key][1]})")
                value_col = match.start(2) + 1 + len(raw_value) - len(raw_value.lstrip())
                headers[key] = (value, number, value_col)
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
    max_steps = _parse_max_steps(headers, source)
    level = Level(
        rows=tuple(rows),
        name=headers.get("name", (Path(source).stem if source and not source.startswith("<") else "untitled",))[0],
        description=headers.get("description", ("",))[0],
        max_steps=max_steps,
        preamble=tuple(preamble),
        source=source,
    )
    _check_objects(level, source, first_row_line)
    if check_solvable:
        _check_solvable(level, source, first_row_line, "max_steps" in headers)
    return level


def _check_row(rows: list[str], source: str, number: int) -> None:
    row = rows[-1]
    for col, char in enumerate(row, start=1):
        if char not in KNOWN_CHARS:
            shown = repr(char) if char.isprintable() and char != " " else f"{char!r} (U+{ord(char):04X})"
            raise LevelError(source, number, col, f"unknown character {shown}; known: # . @ G X a-f A-F")
    if len(row) > MAX_SIDE:
        raise LevelError(source, number, MAX_SIDE + 1, f"the row is {len(row)} cells wide; at most {MAX_SIDE} are allowed")
    width = len(rows[0])
    if len(row) != width:
        col = min(len(row), width) + 1
        raise LevelError(source, number, col, f"the row is {len(row)} cells wide but the first row is {width}")


def _parse_max_steps(headers: dict[str, tuple[str, int, int]], source: str) -> int:
    if "max_steps" not in headers:
        return 0
    value, number, col = headers["max_steps"]
    if not (value.isascii() and value.isdigit()) or int(value) <= 0:
        raise LevelError(source, number, col, f"max_steps must be a positive whole number, not {value!r}")
    return int(value)


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


def _check_solvable(level: Level, source: str, first_row_line: int, explicit_limit: bool) -> None:
    from procmem_tui.world.solve import solve

    plan = solve(level)
    x, y = level.start
    line, col = first_row_line + level.height - 1 - y, x + 1
    if plan is None:
        raise LevelError(source, line, col, "no goal can be reached from the start '@' (the solver found no path)")
    if len(plan) > level.max_steps:
        where = "max_steps" if explicit_limit else "the default step limit 4·W·H"
        raise LevelError(source, line, col, f"{where} is {level.max_steps} but the shortest solution needs {len(plan)} actions")


def format_level(level: Level) -> str:
    """The level as file text; formatting a parsed file gives back the same text."""
    return "\n".join((*level.preamble, *level.rows)) + "\n"


def level_from_rows(rows: list[str], name: str, description: str = "", max_steps: int = 0) -> Level:
    """Build a level in code (generators): headers written the canonical way, solvability not re-checked."""
    preamble = [f"; name: {name}"]
    if description:
        preamble.append(f"; description: {description}")
    if max_steps:
        preamble.append(f"; max_steps: {max_steps}")
    return parse_level("\n".join(preamble + rows) + "\n", source=f"<{name}>", check_solvable=False)


def _builtin_dir():
    return resources.files("procmem_tui") / "assets" / "levels"


def builtin_level_names() -> list[str]:
    """Names of the shipped levels, in order of difficulty (their file names start with a number)."""
    names = sorted(p.name for p in _builtin_dir().iterdir() if p.name.endswith(".txt"))
    return [_strip_order(n[:-4]) for n in names]


def _strip_order(stem: str) -> str:
    head, _, rest = stem.partition("_")
    return rest if head.isdigit() and rest else stem


def _builtin_file(name: str):
    for p in _builtin_dir().iterdir():
        if p.name.endswith(".txt") and _strip_order(p.name[:-4]) == name:
            return p
    return None


def load_level(name_or_path: str | Path) -> Level:
    """A built-in level by name (``classic``) or a level file by path."""
    text_name = str(name_or_path)
    path = Path(text_name)
    builtin = None if (path.suffix or path.exists()) else _builtin_file(text_name)
    if builtin is not None:
        return parse_level(builtin.read_text(encoding="utf-8"), source=f"{text_name} (built-in)")
    if not path.exists():
        known = ", ".join(builtin_level_names())
        raise LevelError(text_name, 1, 1, f"no such level file or built-in level (built-in: {known})")
    if path.is_dir():
        raise LevelError(text_name, 1, 1, "this is a directory, not a level file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LevelError(text_name, 1, 1, f"cannot read the file: {exc.strerror or exc}") from None
    return parse_level(decode_level_bytes(data, text_name), source=text_name)
