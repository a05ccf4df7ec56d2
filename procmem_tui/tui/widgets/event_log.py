"""The event log: episode outcomes, skills learned, level changes; newest at the bottom, wrapped to the width.

A Line-API scroll view rather than Textual's ``RichLog``: ``RichLog`` keeps every write until it learns its size
at its first layout, then lays the screen out again; this log wraps to the width the main screen's layout will
give it (``fit_width``, told before the first layout), so the first frame is laid out once. The vertical
scrollbar's column is always kept (``scrollbar-gutter: stable``), so a log that grows past its height does not
rewrap; the scrollbar itself only appears then.

The log follows its newest line until the person scrolls up, and again once they scroll back to the bottom.
Whether it follows is a flag, not "is the view at the bottom now": a level change resizes the log (its
height, its width), and a view that was at the bottom of the old size is not at the bottom of the new one.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from procmem_tui.tui.symbols import ascii_text

MAX_LINES = 500  # entries kept


class EventLog(ScrollView, can_focus=False):
    DEFAULT_CSS = "EventLog { height: 1fr; overflow-y: auto; scrollbar-gutter: stable; overflow-x: hidden; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.history: list[str] = []  # the entries' plain text (for tests)
        self._texts: list[Text] = []
        self._wrapped: list[list[Strip]] = []  # each entry's lines at ``_width``
        self._lines: list[Strip] = []
        self._width = 0
        self.following = True  # the view shows the newest line (until the person scrolls up)
        self._base, self._repeats = "", 0  # the last entry's text and how often it came in a row

    def add(self, markup: str) -> None:
        """Write one entry of Rich markup at the bottom; the view follows it when it was at the bottom. The same
        entry again folds into the last one with a count ("the wall doesn't move ×3")."""
        text = Text.from_markup(markup)
        if self._texts and text.plain == self._base:
            self._repeats += 1
            text.append(ascii_text(f" ×{self._repeats}"), style="bold")
            self.history[-1] = text.plain
            self._texts[-1] = text
            if self._width:
                self._wrapped[-1] = self._wrap(text)
            self._relines()
            return
        self._base, self._repeats = text.plain, 1
        self.history.append(text.plain)
        self._texts.append(text)
        if self._width:
            self._wrapped.append(self._wrap(text))
        if len(self._texts) > MAX_LINES:
            del self.history[:-MAX_LINES], self._texts[:-MAX_LINES], self._wrapped[:-MAX_LINES]
        self._relines()

    def fit_width(self, width: int) -> None:
        """Wrap to ``width`` columns (the screen calls it with its layout's width before the first layout;
        a resize calls it with the real one)."""
        width = max(1, width)
        if width == self._width:
            return
        self._width = width
        self._wrapped = [self._wrap(text) for text in self._texts]
        self._relines()

    @property
    def wrap_width(self) -> int:
        """The width the entries are wrapped to (0 until the log knows it)."""
        return self._width

    def on_resize(self) -> None:
        self.fit_width(self.scrollable_content_region.width)
        self._follow_newest()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value < old_value:  # scrolled up (by the person; the log itself only scrolls down)
            self.following = new_value >= self.max_scroll_y
        elif new_value >= self.max_scroll_y:
            self.following = True

    def _follow_newest(self) -> None:
        if self.following and self.is_mounted:
            self.scroll_end(animate=False, immediate=False, x_axis=False)

    def _wrap(self, text: Text) -> list[Strip]:
        console = self.app.console
        return [Strip(line.render(console), line.cell_len)
                for line in text.wrap(console, self._width, overflow="fold")]

    def _relines(self) -> None:
        self._lines = [strip for lines in self._wrapped for strip in lines]
        size = Size(self._width, len(self._lines))
        if not self.is_mounted:
            self.set_reactive(ScrollView.virtual_size, size)
        elif size != self.virtual_size:
            self.virtual_size = size
        self.refresh()
        self._follow_newest()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        style = self.rich_style
        if 0 <= index < len(self._lines):
            return self._lines[index].crop_extend(0, width, style).apply_style(style)
        return Strip.blank(width, style)
