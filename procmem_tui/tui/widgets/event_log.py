"""The event log: episode outcomes, skills learned, level changes; newest at the bottom."""

from __future__ import annotations

from textual.widgets import RichLog


class EventLog(RichLog, can_focus=False):
    DEFAULT_CSS = "EventLog { height: 1fr; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(max_lines=500, wrap=True, markup=True, min_width=10, **kwargs)
        self.history: list[str] = []

    def add(self, markup: str) -> None:
        """Write one line of Rich markup; ``history`` keeps the plain text (for tests)."""
        from rich.text import Text

        text = Text.from_markup(markup)
        self.history.append(text.plain)
        del self.history[:-500]
        self.write(text)
