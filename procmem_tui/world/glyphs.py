"""How every view draws a cell in each of its three looks under fog: in sight, remembered (as last seen) and
never seen. One table for the app's board (two-column and one-column cells; bigger cells centre the two-column
text) and for the text pictures of exports, so the looks differ by their characters, not by colour alone, and
a plain-text capture of the screen still tells them apart.

Remembered cells take the lighter form of their glyph (the roguelikes dim them by colour; a glyph of its own
reads without colour too): the wall's full block becomes a dark shade, the goal's star and the doors' squares go hollow or
small, the box's brackets round, the key's bow ``⌐`` a ``~`` ("about here"). Cells never seen are a light
shade. In one-column cells a remembered key or door shows its kind (``~``, ``▪``, ``▫``) in its letter's
colour, not its letter: one column cannot hold both, and the letter is what changes when the cell is seen.

A cell's kind comes from its code (the board's codes: ``.`` floor, ``#`` wall, ``X`` box, ``G`` goal, ``@`` the
player, ``a``-``f`` keys, ``A``-``F`` locked doors, ``1``-``6`` open doors of letters a-f).
"""

from __future__ import annotations

from dataclasses import dataclass

IN_SIGHT, REMEMBERED, UNKNOWN = "v", "r", "u"


@dataclass(frozen=True)
class Glyph:
    """A kind's text in two columns and in one; ``{}`` stands for the letter of a key or door."""

    wide: str
    narrow: str


# kind -> (in sight, remembered). The player is always in sight (its own cell), so it has no remembered form.
UNICODE_GLYPHS: dict[str, tuple[Glyph, Glyph | None]] = {
    "floor": (Glyph("· ", "·"), Glyph("  ", " ")),
    "wall": (Glyph("██", "█"), Glyph("▓▓", "▓")),
    "box": (Glyph("[]", "X"), Glyph("()", "x")),
    "goal": (Glyph("★ ", "★"), Glyph("☆ ", "☆")),
    "player": (Glyph("@@", "@"), None),
    "key": (Glyph("⌐{}", "{}"), Glyph("~{}", "~")),
    "locked": (Glyph("■{}", "{}"), Glyph("▪{}", "▪")),
    "open": (Glyph("□{}", "□"), Glyph("▫{}", "▫")),
}
# The same looks in ASCII, for a terminal whose locale is not UTF-8 (``use_ascii``): there tmux draws every other
# character as "_", so walls, remembered walls and cells never seen all read "__", and a door locked, open or
# remembered "_A". Remembered cells keep the rule above: the lighter form (``=`` for ``#``, lower case, hollow).
ASCII_GLYPHS: dict[str, tuple[Glyph, Glyph | None]] = {
    "floor": (Glyph(". ", "."), Glyph("  ", " ")),
    "wall": (Glyph("##", "#"), Glyph("==", "=")),
    "box": (Glyph("[]", "X"), Glyph("()", "x")),
    "goal": (Glyph("G ", "G"), Glyph("g ", "g")),
    "player": (Glyph("@@", "@"), None),
    "key": (Glyph("-{}", "{}"), Glyph("~{}", "~")),
    "locked": (Glyph("|{}", "{}"), Glyph("!{}", "!")),
    "open": (Glyph("/{}", "/"), Glyph("'{}", "'")),
}
UNICODE_NEVER_SEEN, ASCII_NEVER_SEEN = "░", ":"
# The marks of a skill's next moves on the board; "" is a pick-up or a door it will try there.
UNICODE_MARKS = {"move_up": "↑", "move_down": "↓", "move_left": "←", "move_right": "→", "": "∘"}
ASCII_MARKS = {"move_up": "^", "move_down": "v", "move_left": "<", "move_right": ">", "": "o"}
GLYPHS = UNICODE_GLYPHS  # the sets in use (``use_ascii`` swaps them): read them as ``glyphs.GLYPHS`` ...
NEVER_SEEN = UNICODE_NEVER_SEEN  # ... and ``glyphs.NEVER_SEEN``, which fills every column and line of a cell never seen
MARKS = UNICODE_MARKS
ASCII_ONLY = False  # whether ``use_ascii`` chose ASCII: the app's other text follows it (``tui.symbols``)
KINDS = tuple(GLYPHS)


def use_ascii(ascii_only: bool) -> None:
    """Draw every cell and mark of this process in ASCII (``ASCII_GLYPHS``) or, the default, in Unicode. The app's
    command chooses once, before the app starts, from the terminal's locale (``commands.terminal``)."""
    global GLYPHS, NEVER_SEEN, MARKS, ASCII_ONLY
    GLYPHS, NEVER_SEEN, MARKS = ((ASCII_GLYPHS, ASCII_NEVER_SEEN, ASCII_MARKS) if ascii_only
                                else (UNICODE_GLYPHS, UNICODE_NEVER_SEEN, UNICODE_MARKS))
    ASCII_ONLY = bool(ascii_only)


def path_mark(action: str) -> str:
    """The board's mark for a skill's next ``action`` (an arrow for a move, else the pick-up or door mark)."""
    return MARKS.get(action, MARKS[""])
_FIXED_KINDS = {".": "floor", "#": "wall", "X": "box", "G": "goal", "@": "player"}
DOOR_LETTERS = "ABCDEF"


def kind_of(code: str) -> tuple[str, str]:
    """(kind, letter) of a board code; the letter is lower case for keys, upper case for doors, else ""."""
    if code in _FIXED_KINDS:
        return _FIXED_KINDS[code], ""
    if code in "abcdef":
        return "key", code
    if code in DOOR_LETTERS:
        return "locked", code
    if code in "123456":
        return "open", DOOR_LETTERS[int(code) - 1]
    raise ValueError(f"no glyph for the cell code {code!r}")


def cell_text(code: str, look: str, wide: bool = True) -> str:
    """The text of a cell of ``code`` in ``look``: two columns (``wide``) or one."""
    if look == UNKNOWN:
        return NEVER_SEEN * (2 if wide else 1)
    kind, letter = kind_of(code)
    in_sight, remembered = GLYPHS[kind]
    glyph = remembered if look == REMEMBERED and remembered is not None else in_sight
    return (glyph.wide if wide else glyph.narrow).format(letter)


def board_codes(level, state, *, agent: bool = True) -> list[str]:
    """One code per cell for every row, top row first: the level's chars with this state's changes (keys taken
    leave floor, open doors are ``1``-``6`` so their letter survives) and the player ``@`` (``agent=False``: the
    cell under the player as it lies)."""
    rows = [list(r.replace("@", ".")) for r in level.rows]
    top = level.height - 1
    for (x, y) in state.taken:
        rows[top - y][x] = "."
    for (x, y) in state.opened:
        rows[top - y][x] = str(DOOR_LETTERS.index(level.doors[(x, y)]) + 1)
    if agent:
        ax, ay = state.pos
        rows[top - ay][ax] = "@"
    return ["".join(r) for r in rows]

