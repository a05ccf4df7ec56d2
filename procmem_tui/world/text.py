"""Text pictures of a world state: plain (for ``str(world)``, logs, tests) and ANSI-coloured (CLI, exports).

Highest y on top. Glyphs: ``@`` agent, ``#`` wall, ``X`` box, ``G`` goal, ``a``–``f`` keys on the floor,
``A``–``F`` locked doors, ``/`` an open door, ``.`` floor (a taken key leaves floor). Given the cells in sight
(a level with ``; view: N``), every other cell is drawn as ``FOG_GLYPH``, a blank.
"""

from __future__ import annotations

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


def glyph_rows(level: Level, state, in_sight=None) -> list[str]:
    """The grid as text rows, top row first, for this state; cells not in ``in_sight`` (when given) are blank."""
    rows = [list(r.replace(START, ".")) for r in level.rows]
    top = level.height - 1
    for pos in state.taken:
        rows[top - pos[1]][pos[0]] = "."
    for pos in state.opened:
        rows[top - pos[1]][pos[0]] = OPEN_DOOR_GLYPH
    ax, ay = state.pos
    rows[top - ay][ax] = "@"
    if in_sight is not None:
        for y in range(level.height):
            for x in range(level.width):
                if (x, y) not in in_sight:
                    rows[top - y][x] = FOG_GLYPH
    return ["".join(r) for r in rows]


def rules_line(level: Level) -> str:
    """One line stating the level's rules, e.g. ``rules: any key opens any door, keys consumed``."""
    marker = "" if level.rules.is_default else " (a variant)"
    return f"rules: {level.rules.describe()}{marker}"


def render_text(level: Level, state, in_sight=None) -> str:
    return "\n".join(glyph_rows(level, state, in_sight))


def render_ansi(level: Level, state, in_sight=None) -> str:
    """The same picture with ANSI colours; keys and doors take their letter's colour."""
    out = []
    for row in glyph_rows(level, state, in_sight):
        parts = []
        for ch in row:
            if ch in KEY_LETTERS:
                code = _ANSI_LETTER[ch] + ";1"
            elif ch in DOOR_LETTERS:
                code = _ANSI_LETTER[ch.lower()] + ";7"
            else:
                code = _ANSI_FIXED.get(ch, "0")
            parts.append(f"\x1b[{code}m{ch}\x1b[0m")
        out.append("".join(parts))
    return "\n".join(out)
