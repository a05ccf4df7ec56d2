"""Every door of the level, locked (■) or open (□), in its letter's colour."""

from __future__ import annotations

from textual.content import Content
from procmem_tui.tui.widgets.panel import TextPanel

from procmem_tui.world.text import LETTER_COLOURS


class Doors(TextPanel):
    """``show(doors, opened)``: ``doors`` maps positions to letters; ``opened`` is the set of open positions."""

    DEFAULT_CSS = "Doors { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple | None = None
        self.states: tuple[tuple[str, bool], ...] = ()
        self.compact = False
        self._doors: tuple = ({}, frozenset(), False)

    def set_compact(self, compact: bool) -> None:
        """One line of door glyphs (■A □B) instead of "■A locked  □B open" three a line."""
        if compact != self.compact:
            self.compact = compact
            self._shown = None
            self.show(*self._doors)

    def show(self, doors: dict, opened: frozenset, fogged: bool = False) -> None:
        """``doors`` maps cells to letters (under fog, ``fogged``: the ones seen so far)."""
        self._doors = (doors, opened, fogged)
        states = tuple((letter, pos in opened) for pos, letter in sorted(doors.items(), key=lambda kv: (kv[1], kv[0])))
        if (states, fogged) == self._shown:
            return
        self._shown = (states, fogged)
        self.states = states
        if not states:
            self.update(Content.styled("none seen yet" if fogged else "no doors", "italic $text-muted"))
            return
        parts: list = []
        if self.compact:
            for letter, is_open in states:
                colour = LETTER_COLOURS[letter.lower()]
                parts += [(f"□{letter}", f"bold {colour}") if is_open else (f"■{letter}", f"bold #000000 on {colour}"),
                          " "]
            self.update(Content.assemble(*parts))
            return
        for i, (letter, is_open) in enumerate(states):
            colour = LETTER_COLOURS[letter.lower()]
            if i:
                parts.append("  " if i % 3 else "\n")
            if is_open:
                parts += [(f"□{letter}", f"bold {colour}"), (" open  ", "$text-muted")]
            else:
                parts += [(f"■{letter}", f"bold #000000 on {colour}"), (" locked", "")]
        self.update(Content.assemble(*parts))
