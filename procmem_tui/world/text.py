"""Text pictures of a world state: plain (for ``str(world)``, logs, tests) and ANSI-coloured (CLI, exports).

Highest y on top. Glyphs: ``@`` agent, ``#`` wall, ``X`` box, ``G`` goal, ``a``–``f`` keys on the floor,
``A``–``F`` locked doors, ``/`` an open door, ``.`` floor (a taken key leaves floor). Given the cells in sight
(a level with ``; view: N``), every other cell is drawn as ``FOG_GLYPH``, a blank.

``FogMemory`` is a looker's memory for these pictures (an exported recording): cells in sight as above, cells
seen before as last seen, dimmed, in the one-column remembered forms of ``world/glyphs.py`` (floor blank, ``▓``
wall, ``x`` box, ``☆`` goal, ``~`` key, ``▪`` locked door, ``▫`` open door), cells never seen ``░``: three looks
told apart by their characters, not colour alone, as the app draws them.
"""

from __future__ import annotations

from procmem_tui.world import glyphs
from procmem_tui.world.glyphs import IN_SIGHT, REMEMBERED, UNKNOWN, board_codes, cell_text, kind_of
from procmem_tui.world.level import DOOR_LETTERS, KEY_LETTERS, START, Level

OPEN_DOOR_GLYPH = "/"
FOG_GLYPH = " "

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
    ``UNKNOWN``), top row first; ``picture`` the same in ANSI colours."""

    def __init__(self, level: Level) -> None:
        self.level = level
        self.memory: dict = {}  # cell -> its board code (``glyphs.board_codes``) when last in sight

    def look(self, state, in_sight) -> tuple[list[str], list[str]]:
        rows, looks, _ = self._look(state, in_sight)
        return rows, looks

    def picture(self, state, in_sight) -> str:
        """The ANSI picture: remembered keys and doors keep a dim hue of their letter's colour."""
        rows, looks, letters = self._look(state, in_sight)
        return render_looks(rows, looks, letters)

    def _look(self, state, in_sight) -> tuple[list[str], list[str], list[str]]:
        level, top = self.level, self.level.height - 1
        ground = board_codes(level, state, agent=False)
        for x, y in in_sight:
            self.memory[(x, y)] = ground[top - y][x]
        now = glyph_rows(level, state)
        rows, looks, letters = [], [], []
        for y in range(top, -1, -1):
            row, look, letter_row = [], [], []
            for x in range(level.width):
                letter = ""
                if (x, y) in in_sight:
                    row.append(now[top - y][x])
                    look.append(IN_SIGHT)
                elif (x, y) in self.memory:
                    code = self.memory[(x, y)]
                    row.append(cell_text(code, REMEMBERED, wide=False))
                    look.append(REMEMBERED)
                    letter = kind_of(code)[1]
                else:
                    row.append(glyphs.NEVER_SEEN)
                    look.append(UNKNOWN)
                letter_row.append(letter or " ")
            rows.append("".join(row))
            looks.append("".join(look))
            letters.append("".join(letter_row))
        return rows, looks, letters


def rules_line(level: Level) -> str:
    """One line stating the level's rules, e.g. ``rules: any key opens any door, keys consumed``."""
    marker = "" if level.rules.is_default else " (a variant)"
    return f"rules: {level.rules.describe()}{marker}"


def render_text(level: Level, state, in_sight=None) -> str:
    return "\n".join(glyph_rows(level, state, in_sight))


def render_ansi(level: Level, state, in_sight=None) -> str:
    """The same picture with ANSI colours; keys and doors take their letter's colour."""
    return render_looks(glyph_rows(level, state, in_sight))


def render_looks(rows: list[str], looks: list[str] | None = None, letters: list[str] | None = None) -> str:
    """Rows of glyphs in ANSI colours; with ``looks`` (``FogMemory``), remembered cells dimmed (a key or door in
    its letter's colour, from ``letters``) and never-seen ones faint."""
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
                letter = letters[y][x].lower() if letters is not None else ch.lower()
                code = (_ANSI_LETTER[letter] if letter in _ANSI_LETTER else "37") + ";2"
            elif look == UNKNOWN:
                code = "90;2"
            parts.append(f"\x1b[{code}m{ch}\x1b[0m")
        out.append("".join(parts))
    return "\n".join(out)
