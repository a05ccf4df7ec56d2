"""Every door of the level, locked (■) or open (□), in its letter's colour, drawn as the board draws it: ``■A``
and ``□A`` beside two-column cells; beside one-column cells ``A`` (locked) and ``□`` with its letter after it
(the board's one-column open door has no room for its letter)."""

from __future__ import annotations

from textual.content import Content
from procmem_tui.tui.widgets.panel import TextPanel

from procmem_tui.world.glyphs import DOOR_LETTERS, IN_SIGHT, cell_text
from procmem_tui.world.text import LETTER_COLOURS


class Doors(TextPanel):
    """``show(doors, opened)``: ``doors`` maps positions to letters; ``opened`` is the set of open positions."""

    DEFAULT_CSS = "Doors { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple | None = None
        self.states: tuple[tuple[str, bool], ...] = ()
        self.compact = False
        self.wide = True  # the board's cells are two columns wide
        self._doors: tuple = ({}, frozenset(), False)

    def set_compact(self, compact: bool, wide: bool | None = None) -> None:
        """One line of door glyphs (■A □B) instead of "■A locked  □B open" three a line; ``wide``: the board's
        cells are two columns wide (the glyphs follow it)."""
        wide = self.wide if wide is None else wide
        if (compact, wide) != (self.compact, self.wide):
            self.compact, self.wide = compact, wide
            self._shown = None
            self.show(*self._doors)

    def _glyph(self, letter: str, is_open: bool) -> str:
        """The door as the board draws it in sight, with its letter after it where the glyph has none."""
        code = str(DOOR_LETTERS.index(letter) + 1) if is_open else letter
        text = cell_text(code, IN_SIGHT, self.wide)
        return text if letter in text else text + letter

    def show(self, doors: dict, opened: frozenset, fogged: bool = False) -> None:
        """``doors`` maps cells to letters (under fog, ``fogged``: the ones seen so far)."""
        self._doors = (doors, opened, fogged)
        states = tuple((letter, pos in opened) for pos, letter in sorted(doors.items(), key=lambda kv: (kv[1], kv[0])))
        if (states, fogged, self.wide) == self._shown:
            return
        self._shown = (states, fogged, self.wide)
        self.states = states
        if not states:
            self.update(Content.styled("none seen yet" if fogged else "no doors", "italic $text-muted"))
            return
        parts: list = []
        if self.compact:
            for letter, is_open in states:
                colour = LETTER_COLOURS[letter.lower()]
                glyph = self._glyph(letter, is_open)
                parts += [(glyph, f"bold {colour}") if is_open else (glyph, f"bold #000000 on {colour}"), " "]
            self.update(Content.assemble(*parts))
            return
        for i, (letter, is_open) in enumerate(states):
            colour = LETTER_COLOURS[letter.lower()]
            if i:
                parts.append("  " if i % 3 else "\n")
            glyph = self._glyph(letter, is_open)
            if is_open:
                parts += [(glyph, f"bold {colour}"), (" open  ", "$text-muted")]
            else:
                parts += [(glyph, f"bold #000000 on {colour}"), (" locked", "")]
        self.update(Content.assemble(*parts))
