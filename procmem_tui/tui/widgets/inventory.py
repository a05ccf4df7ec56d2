"""The keys the agent holds, each in its letter's colour; the keys still lying in the level, dimmed."""

from __future__ import annotations

from textual.content import Content
from procmem_tui.tui.widgets.panel import TextPanel

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

    def set_compact(self, compact: bool) -> None:
        """One line (keys held, then the ones to find) instead of two."""
        if compact != self.compact:
            self.compact = compact
            if self._shown is not None:
                shown, self._shown = self._shown, None
                self.show(shown[0], frozenset(shown[1]))

    def show(self, level_keys: tuple[str, ...], held: frozenset[str]) -> None:
        key = (level_keys, tuple(sorted(held)))
        if key == self._shown:
            return
        self._shown = key
        self.held = tuple(sorted(held))
        parts: list = []
        if self.held:
            for letter in self.held:
                parts += [(f"⌐{letter}", f"bold {LETTER_COLOURS[letter]}"), " "]
        else:
            parts.append(("no keys", "italic $text-muted"))
        lying = sorted(set(level_keys) - set(held))
        if lying:
            parts += [("  find " if self.compact else "\n", "$text-muted"),
                      ("" if self.compact else "to find: ", "$text-muted")]
            for letter in lying:
                parts += [(f"{letter} ", f"{LETTER_COLOURS[letter]} dim")]
        self.update(Content.assemble(*parts))
