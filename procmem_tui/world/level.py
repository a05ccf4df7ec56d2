"""The level value: an immutable grid with its headers and rules, and its text form (an exact round trip).

A level is plain text, one character per cell, rows from the highest y (top) to y = 0 (bottom). Lines that
start with ``;`` come before the grid: ``; name: …``, ``; description: …``, ``; max_steps: N``,
``; doors: matching|any``, ``; keys: kept|consumed``, ``; opens: aB bC …`` (key–door pairs) and ``; view: N`` (a
sight radius; absent: the whole level is visible) are headers, any other ``;`` line is a comment.
Parsing and validation live in ``parse.py``, loading files and built-in levels in ``level_files.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from procmem_tui.world.rules import DEFAULT_RULES, Rules

WALL = "#"
FLOOR = "."
START = "@"
GOAL = "G"
BOX = "X"
KEY_LETTERS = "abcdef"
DOOR_LETTERS = "ABCDEF"
KNOWN_CHARS = frozenset(WALL + FLOOR + START + GOAL + BOX + KEY_LETTERS + DOOR_LETTERS)
MAX_SIDE = 64
MAX_KEYS = 16
HEADER_KEYS = ("name", "description", "max_steps", "doors", "keys", "view", "opens")
RULE_HEADERS = ("doors", "keys", "opens")  # the headers that state a level's Rules
MAX_VIEW = 99  # a sight radius beyond the largest grid's diagonal (64·√2 ≈ 91) sees everything in reach
MAX_NAME = 200  # characters in a level name: the library keeps skill names (the level name + ~30) under 300
MAX_STEP_LIMIT = 1_000_000  # a max_steps header: the library reads back episodes of at most this many actions

Pos = tuple[int, int]


class LevelError(ValueError):
    """A level that breaks a rule; ``str()`` reads ``source:line:column: what is wrong``, or ``source: what is
    wrong`` when no place in a file is meant (line 0: a name that is neither a file nor a built-in level)."""

    def __init__(self, source: str, line: int, column: int, message: str) -> None:
        self.source = source
        self.line = line
        self.column = column
        self.message = message
        super().__init__(f"{source}:{line}:{column}: {message}" if line else f"{source}: {message}")


@dataclass(frozen=True)
class Level:
    """A parsed, immutable level. Coordinates are (x, y) with y growing upward."""

    rows: tuple[str, ...]
    name: str = "untitled"
    description: str = ""
    max_steps: int = 0
    preamble: tuple[str, ...] = ()
    source: str = "<level>"
    rules: Rules = DEFAULT_RULES
    view: int | None = None  # sight radius in cells (``; view: N``); None: every cell is always in sight
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
        return hash((self.rows, self.preamble, self.rules))

    def char_at(self, pos: Pos) -> str:
        """The file character at (x, y); the start cell reads as ``@``."""
        x, y = pos
        return self.rows[self.height - 1 - y][x]

    def in_bounds(self, pos: Pos) -> bool:
        return 0 <= pos[0] < self.width and 0 <= pos[1] < self.height

    def file_position(self, pos: Pos) -> tuple[int, int]:
        """(line, column) of cell (x, y) in the level's file text (the grid follows the preamble)."""
        x, y = pos
        return len(self.preamble) + self.height - y, x + 1

    @property
    def door_letters(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.doors.values())))


def format_level(level: Level) -> str:
    """The level as file text; formatting a parsed file gives back the same text."""
    return "\n".join((*level.preamble, *level.rows)) + "\n"


def level_from_rows(
    rows: list[str], name: str, description: str = "", max_steps: int = 0, rules: Rules = DEFAULT_RULES,
    view: int | None = None,
) -> Level:
    """Build a level in code (generators): headers written the canonical way, solvability not re-checked."""
    from procmem_tui.world.parse import parse_level

    preamble = [f"; name: {name}"]
    if description:
        preamble.append(f"; description: {description}")
    if max_steps:
        preamble.append(f"; max_steps: {max_steps}")
    preamble.extend(rules.headers())
    preamble.extend(view_headers(view))
    return parse_level("\n".join(preamble + rows) + "\n", source=f"<{name}>", check_solvable=False)


def with_rules(level: Level, rules: Rules) -> Level:
    """The same level under other rules: its rule headers are rewritten, everything else is kept as written."""
    from procmem_tui.world.parse import header_name

    if rules == level.rules:
        return level
    kept = [line for line in level.preamble if header_name(line) not in RULE_HEADERS]
    preamble = (*kept, *rules.headers())
    return replace(level, preamble=preamble, rules=rules)


def view_headers(view: int | None) -> tuple[str, ...]:
    """The header line that states a sight radius (none for the whole level)."""
    return () if view is None else (f"; view: {view}",)


def with_view(level: Level, view: int | None) -> Level:
    """The same level with sight radius ``view`` (None: all in sight): its ``view`` header is rewritten (or
    dropped), everything else is kept as written. ``--view N|all`` uses it to override a level's header."""
    from procmem_tui.world.parse import header_name

    if view is not None and not 0 <= view <= MAX_VIEW:
        raise ValueError(f"view must be a radius from 0 to {MAX_VIEW} cells, or None for the whole level, not {view}")
    if view == level.view:
        return level
    kept = [line for line in level.preamble if header_name(line) != "view"]
    return replace(level, preamble=(*kept, *view_headers(view)), view=view)


VIEW_ALL = "all"  # the ``--view all`` override: the whole level in sight, whatever its header says


def view_overridden(level: Level, override: int | str | None) -> Level:
    """``level`` under a ``--view`` override: None keeps its own header, ``"all"`` lifts it, a radius replaces it."""
    if override is None:
        return level
    return with_view(level, None if override == VIEW_ALL else int(override))
