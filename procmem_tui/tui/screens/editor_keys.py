"""Typing and painting a level in the editor: level characters at the cursor, arrows/hjkl, enter, backspace,
``+``/``-`` then an arrow to add or remove a row or column at that edge, and the mouse painting the brush.

``GridTyping`` is mixed into the editor screen, which provides ``draft``, ``cursor``, ``brush``, ``history``,
``edit(draft, join=)`` and ``_show_grid()``/``_show_brushes()``. Its handlers are named ``on_…`` (Textual
finds those on a mixin; ``@on`` handlers are collected only from the widget classes themselves).
"""

from __future__ import annotations

from procmem_tui.editing import LEVEL_CHARS
from procmem_tui.tui.widgets.edit_grid import EditGrid

MOVE_KEYS = {"up": (0, -1), "down": (0, 1), "left": (-1, 0), "right": (1, 0),
             "k": (0, -1), "j": (0, 1), "h": (-1, 0), "l": (1, 0)}
EDGES = {"up": "top", "down": "bottom", "left": "left", "right": "right"}


class BrushBar(EditGrid, can_focus=False):
    """The mouse's brushes, drawn by the grid itself: one cell per level character, the chosen one marked."""


class GridTyping:
    """Keys on the grid and the mouse's strokes, as edits of the draft."""

    def type_char(self, char: str) -> None:
        """A level character at the cursor; the cursor moves right (it stays on the last column)."""
        self.edit(self.draft.place(self.cursor, char))
        self.move_cursor(1, 0)

    def move_cursor(self, dx: int, dy: int) -> None:
        col, row = self.cursor
        draft = self.draft
        self.cursor = (max(0, min(col + dx, draft.width - 1)), max(0, min(row + dy, draft.height - 1)))
        self._show_grid()

    def next_row(self) -> None:
        self.cursor = (0, min(self.cursor[1] + 1, self.draft.height - 1))
        self._show_grid()

    def resize(self, edge: str, grow: bool) -> None:
        draft = self.draft.resize_edge(edge, grow)
        if draft is self.draft:
            self.notify("a level is 1 to 64 cells on a side", severity="warning")
            return
        if grow and edge == "top":
            self.cursor = (self.cursor[0], self.cursor[1] + 1)
        elif grow and edge == "left":
            self.cursor = (self.cursor[0] + 1, self.cursor[1])
        elif not grow and edge == "top":
            self.cursor = (self.cursor[0], self.cursor[1] - 1)
        elif not grow and edge == "left":
            self.cursor = (self.cursor[0] - 1, self.cursor[1])
        self.edit(draft)

    def on_key(self, event) -> None:
        grid = self.query_one("#editor-grid", EditGrid)
        if self.focused is not grid:
            return
        key, char = event.key, event.character
        handled = True
        if self.pending_resize is not None and key in EDGES:
            grow, self.pending_resize = self.pending_resize == "+", None
            self.resize(EDGES[key], grow)
        elif char is not None and char in LEVEL_CHARS and len(char) == 1:
            self.type_char(char)
        elif char in ("+", "-"):
            self.pending_resize = char
            self.notify(f"{'add' if char == '+' else 'remove'} a row or column: press the arrow of its edge",
                        timeout=3)
        elif key in MOVE_KEYS:
            self.move_cursor(*MOVE_KEYS[key])
        elif key == "enter":
            self.next_row()
        elif key == "backspace":
            self.move_cursor(-1, 0)
            self.edit(self.draft.place(self.cursor, "."))
        elif key == "space":
            self.edit(self.draft.place(self.cursor, self.brush))
        else:
            handled = False
        if handled:
            if key not in ("+", "-", "plus", "minus") and char not in ("+", "-"):
                self.pending_resize = None
            event.stop()
            event.prevent_default()

    # -- mouse ------------------------------------------------------------------------------------

    def on_edit_grid_pressed(self, event: EditGrid.Pressed) -> None:
        if isinstance(event.grid, BrushBar):
            self.brush = LEVEL_CHARS[event.cell[0]]
            self._show_brushes()
            return
        if not event.stroke:
            self.history.end_stroke()
        self.cursor = event.cell
        self.edit(self.draft.place(event.cell, self.brush), join=True)
        self._show_grid()

    def on_edit_grid_released(self, event: EditGrid.Released) -> None:
        self.history.end_stroke()

