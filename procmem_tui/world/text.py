"""Text pictures of a world state: plain (for ``str(world)``, logs, tests) and ANSI-coloured (CLI, exports).

Highest y on top. Glyphs: ``@`` agent, ``#`` wall, ``X`` box, ``G`` goal, ``a``–``f`` keys on the floor,
``A``–``F`` locked doors, ``/`` an open door, ``.`` floor (a taken key leaves floor). Given the cells in sight
(a level with ``; view: N``), every other cell is drawn as ``FOG_GLYPH``, a blank.

``FogMemory`` is a looker's memory for these pictures (an exported recording): cells in sight as above, cells
seen before as last seen, dimmed, their floor blank and their walls ``▓``, cells never seen ``░``: three looks
told apart by shape, not colour alone, as the app draws them.
"""

from __future__ import annotations

from procmem_tui.world.level import DOOR_LETTERS, KEY_LETTERS, START, Level

OPEN_DOOR_GLYPH = "/"
FOG_GLYPH = " "
REMEMBERED_WALL, REMEMBERED_FLOOR, UNKNOWN_GLYPH = "▓", " ", "░"
IN_SIGHT, REMEMBERED, UNKNOWN = "v", "r", "u"

# One colour per letter, shared by keys and doors (the TUI uses the same table).
LETTER_COLOURS: dict[str, str] = {
    "a": "#e5c07b",  # gold
    "b": "#61afef",  # blue
    "c": "#c678dd",  # violet
    "d": "#56b6c2",  # cyan
    "e": "#e06c75",  # red
    "f": "#98c379",  # green
}
_ANSI_LETTER = {"a": "33", "b": "34", "c": "35", "d": "36", "e": "31", "f": "32"}
_ANSI_FIXED = {"#": "90", "X": "33;2", "G": "32;1", "@": "97;1", ".": "2", OPEN_DOOR_GLYPH: "2"}


def glyph_rows(level: Level, state, in_sight=None, *, agent: bool = True) -> list[str]:
    """The grid as text rows, top row first, for this state; cells not in ``in_sight`` (when given) are blank.
    ``agent=False``: the cell under the agent as it lies."""
    rows = [list(r.replace(START, ".")) for r in level.rows]
    top = level.height - 1
    for pos in state.taken:
        rows[top - pos[1]][pos[0]] = "."
    for pos in state.opened:
        rows[top - pos[1]][pos[0]] = OPEN_DOOR_GLYPH
    ax, ay = state.pos
    if agent:
        rows[top - ay][ax] = "@"
    if in_sight is not None:
        for y in range(level.height):
            for x in range(level.width):
                if (x, y) not in in_sight:
                    rows[top - y][x] = FOG_GLYPH
    return ["".join(r) for r in rows]


class FogMemory:
    """What one looker has seen of a level during an episode: ``look(state, in_sight)`` remembers the cells in
    sight as they are now and returns the picture's rows and each cell's look (``IN_SIGHT``, ``REMEMBERED``,
    ``UNKNOWN``), top row first."""

    def __init__(self, level: Level) -> None:
        self.level = level
        self.memory: dict = {}

    def look(self, state, in_sight) -> tuple[list[str], list[str]]:
        level, top = self.level, self.level.height - 1
        ground = glyph_rows(level, state, agent=False)
        for x, y in in_sight:
            self.memory[(x, y)] = ground[top - y][x]
        now = glyph_rows(level, state)
        rows, looks = [], []
        for y in range(top, -1, -1):
            row, look = [], []
            for x in range(level.width):
                if (x, y) in in_sight:
                    row.append(now[top - y][x])
                    look.append(IN_SIGHT)
                elif (x, y) in self.memory:
                    seen = self.memory[(x, y)]
                    row.append({"#": REMEMBERED_WALL, ".": REMEMBERED_FLOOR}.get(seen, seen))
                    look.append(REMEMBERED)
                else:
                    row.append(UNKNOWN_GLYPH)
                    look.append(UNKNOWN)
            rows.append("".join(row))
            looks.append("".join(look))
        return rows, looks


def rules_line(level: Level) -> str:
    """One line stating the level's rules, e.g. ``rules: any key opens any door, keys consumed``."""
    marker = "" if level.rules.is_default else " (a variant)"
    return f"rules: {level.rules.describe()}{marker}"


def render_text(level: Level, state, in_sight=None) -> str:
    return "\n".join(glyph_rows(level, state, in_sight))


def render_ansi(level: Level, state, in_sight=None) -> str:
    """The same picture with ANSI colours; keys and doors take their letter's colour."""
    return render_looks(glyph_rows(level, state, in_sight))


def render_looks(rows: list[str], looks: list[str] | None = None) -> str:
    """Rows of glyphs in ANSI colours; with ``looks`` (``FogMemory``), remembered cells dimmed and never-seen
    ones faint."""
    out = []
    for y, row in enumerate(rows):
        parts = []
        for x, ch in enumerate(row):
            if ch in KEY_LETTERS:
                code = _ANSI_LETTER[ch] + ";1"
            elif ch in DOOR_LETTERS:
                code = _ANSI_LETTER[ch.lower()] + ";7"
            else:
                code = _ANSI_FIXED.get(ch, "0")
            look = looks[y][x] if looks is not None else IN_SIGHT
            if look == REMEMBERED:
                code = (_ANSI_LETTER[ch.lower()] if ch.lower() in _ANSI_LETTER else "37") + ";2"
            elif look == UNKNOWN:
                code = "90;2"
            parts.append(f"\x1b[{code}m{ch}\x1b[0m")
        out.append("".join(parts))
    return "\n".join(out)
