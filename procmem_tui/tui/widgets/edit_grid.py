"""The editor's grid: a ``GridView`` (the game's own glyphs and colours) with a cursor, an error cell and
the solver's plan drawn over it, and mouse painting.

It shows a draft's rows as they are, even when they break the rules: a cell past the end of a short row
is drawn as ``░░`` and a character the game does not know as ``?`` on red. Clicks and drags post
``EditGrid.Pressed`` (cell, whether it continues a stroke) and ``EditGrid.Released``; the screen edits.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from procmem_tui.tui.widgets.grid import GridView
from procmem_tui.world import glyphs

MISSING = " "  # the code of a cell past the end of a short row
KNOWN = frozenset("#.@GXabcdefABCDEF")
CURSOR = Style(reverse=True, bold=True)
ERROR = Style(color="#ffffff", bgcolor="#c62828", bold=True)
SOLID = "██"


class EditGrid(GridView, can_focus=True):
    """``show_draft(rows, cursor, error, path)``; one line per row, cells as wide as the game's."""

    class Pressed(Message):
        def __init__(self, grid: "EditGrid", cell: tuple[int, int], stroke: bool) -> None:
            super().__init__()
            self.grid = grid
            self.cell = cell
            self.stroke = stroke

        @property
        def control(self) -> "EditGrid":
            return self.grid

    class Released(Message):
        pass

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.cursor: tuple[int, int] | None = None
        self.error: tuple[int, int] | None = None
        self._painting = False
        self._last_cell: tuple[int, int] | None = None
        self._cell_width = 2  # the game's default cell; the editor scrolls rather than shrinking cells
        self._width = 0

    def show_draft(self, rows: tuple[str, ...] | list[str], cursor: tuple[int, int] | None = None,
                   error: tuple[int, int] | None = None, path: dict[tuple[int, int], str] | None = None) -> None:
        width = max(len(r) for r in rows)
        codes = [r.ljust(width, MISSING) for r in rows]
        marks = [[" "] * width for _ in rows]
        for (col, row), mark in (path or {}).items():
            if 0 <= row < len(rows) and 0 <= col < width:
                marks[row][col] = mark
        marks_text = ["".join(m) for m in marks]
        resized = width != self._width or len(codes) != len(self._codes)
        if not resized and codes == self._codes and marks_text == self._marks and (cursor, error) == (self.cursor, self.error):
            return
        self._width, self._codes, self._marks = width, codes, marks_text
        self.cursor, self.error = cursor, error
        self.refresh(layout=resized)

    @property
    def cell_width(self) -> int:
        return self._cell_width

    # -- drawing ----------------------------------------------------------------------------------

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self._cell_width * self._width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._codes)

    def render_line(self, y: int) -> Strip:
        if y >= len(self._codes):
            return Strip.blank(self.size.width)
        cursor_col = self.cursor[0] if self.cursor is not None and self.cursor[1] == y else -1
        error_col = self.error[0] if self.error is not None and self.error[1] == y else -1
        key = ("edit", self._codes[y], self._marks[y], cursor_col, error_col)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 4096:
                self._strips.clear()
            segments = [self._cell(code, mark, col == cursor_col, col == error_col)
                        for col, (code, mark) in enumerate(zip(self._codes[y], self._marks[y]))]
            strip = self._strips[key] = Strip(segments, sum(s.cell_length for s in segments))
        return strip

    def _cell(self, code: str, mark: str, cursor: bool, error: bool) -> Segment:
        if code in KNOWN:
            text, style = self._glyph(code, mark)  # the game's own glyph and colour for this cell
        elif code == MISSING:
            text, style = glyphs.NEVER_SEEN * self._cell_width, self._style("grid--floor")  # ░, or : in ASCII
        else:
            text, style = ("?" + code)[: self._cell_width].ljust(self._cell_width), ERROR
        if (cursor or error) and text == SOLID[: len(text)]:
            text = "▒" * len(text)  # a full block would hide the highlight's background
        if error:
            style = style + ERROR
        if cursor:
            style = style + CURSOR
        return Segment(text, style)

    # -- mouse ------------------------------------------------------------------------------------

    def cell_at(self, x: int, y: int) -> tuple[int, int] | None:
        """The (col, row) under the widget's character (x, y): screen cells, row 0 at the top."""
        col = x // max(1, self._cell_width)
        if 0 <= y < len(self._codes) and 0 <= col < self._width:
            return col, y
        return None

    def on_click(self, event: events.Click) -> None:
        event.stop()  # painting is done on press and drag; the game's click-to-walk does not apply here

    def on_mouse_down(self, event: events.MouseDown) -> None:
        cell = self.cell_at(event.x, event.y)
        if cell is None or event.button != 1:
            return
        self._painting, self._last_cell = True, cell
        self.capture_mouse()
        self.post_message(self.Pressed(self, cell, stroke=False))
        event.stop()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._painting:
            return
        cell = self.cell_at(event.x, event.y)
        if cell is not None and cell != self._last_cell:
            self._last_cell = cell
            self.post_message(self.Pressed(self, cell, stroke=True))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._painting:
            self._painting = False
            self.release_mouse()
            self.post_message(self.Released())
