"""The keys the agent holds, each in its letter's colour; the keys still lying in the level, dimmed.

On one line (``compact``, a narrow column) every key stays named: the line is drawn in the widest of its forms
that fits (``no keys  find a b c d e``, then ``find a b c d e``, then ``find abcde``), never cut with "…".
A held key is drawn as the board draws a key: ``⌐a`` beside two-column cells, ``a`` beside one-column cells
(``wide``)."""

from __future__ import annotations

from textual.content import Content
from procmem_tui.tui.widgets.panel import TextPanel

from procmem_tui.world.glyphs import IN_SIGHT, cell_text
from procmem_tui.world.text import LETTER_COLOURS


class Inventory(TextPanel):
    """``show(level_keys, held)``: ``level_keys`` are the letters of the keys still lying in the level (under
    ``keys: consumed`` a spent key is neither held nor lying), ``held`` the letters held."""

    DEFAULT_CSS = "Inventory { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple | None = None
        self.held: tuple[str, ...] = ()
        self.compact = False
        self.wide = True  # the board's cells are two columns wide: a held key is ``⌐a``, else ``a``
        self._forms: tuple[Content, ...] = ()  # the one-line forms, widest first (``render`` draws one that fits)

    def set_compact(self, compact: bool, wide: bool | None = None) -> None:
        """One line (keys held, then the ones to find) instead of two; ``wide``: the board's cells are two
        columns wide (the held keys' glyphs follow it)."""
        wide = self.wide if wide is None else wide
        if (compact, wide) != (self.compact, self.wide):
            self.compact, self.wide = compact, wide
            if self._shown is not None:
                shown, self._shown = self._shown, None
                self.show(shown[0], frozenset(shown[1]))

    def show(self, level_keys: tuple[str, ...], held: frozenset[str]) -> None:
        key = (level_keys, tuple(sorted(held)))
        if key == self._shown:
            return
        self._shown = key
        self.held = tuple(sorted(held))
        lying = sorted(set(level_keys) - set(held))
        if not self.compact:
            self._forms = ()
            self.update(self._lines(self.held, lying))
            return
        self._forms = tuple(self._line(self.held, lying, spaced, say_none)
                            for spaced, say_none in ((True, True), (True, False), (False, False)))
        self.update(self._forms[0])

    def render(self) -> Content:
        width = self.size.width
        if width:
            for form in self._forms:
                for drawn in (form, form.rstrip()):  # the letters' trailing space may go, not a letter
                    if drawn.cell_length <= width:
                        return drawn
        return self._content

    def _held(self, held: tuple[str, ...], gap: str) -> list:
        parts: list = []
        for letter in held:
            parts += [(cell_text(letter, IN_SIGHT, self.wide), f"bold {LETTER_COLOURS[letter]}"), gap]
        return parts

    @staticmethod
    def _lying(lying: list[str], gap: str) -> list:
        return [(f"{letter}{gap}", f"{LETTER_COLOURS[letter]} dim") for letter in lying]

    def _lines(self, held: tuple[str, ...], lying: list[str]) -> Content:
        """Two lines: the keys held, then the ones to find."""
        parts = self._held(held, " ") if held else [("no keys", "italic $text-muted")]
        if lying:
            parts += [("\n", "$text-muted"), ("to find: ", "$text-muted"), *self._lying(lying, " ")]
        return Content.assemble(*parts)

    def _line(self, held: tuple[str, ...], lying: list[str], spaced: bool, say_none: bool) -> Content:
        """One line; ``spaced``: a space between letters; ``say_none``: "no keys" when none is held."""
        gap = " " if spaced else ""
        parts = self._held(held, gap) if held else [("no keys", "italic $text-muted")] if say_none or not lying else []
        if lying:
            parts += [("  find " if parts else "find ", "$text-muted"), *self._lying(lying, gap)]
        return Content.assemble(*parts)
