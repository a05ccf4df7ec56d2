"""Lists that answer to the vi keys the board already uses: ``j``/``k`` down/up, ``g``/``G`` first/last.

Every list a person moves through (the episode browser's table, the map picker's and the skill screen's option
lists) is one of these, so ``hjkl`` muscle memory works everywhere; the arrow keys, Home and End still do. The vi
keys show in the dialog's footer (``j k down/up  g G first/last``) while the list has the focus. The help's text
scrolls by the same keys (``ViScroll``).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, OptionList

UP_DOWN = Binding.Group("down/up")
ENDS = Binding.Group("first/last")
SCROLL = Binding.Group("scroll")
TOP_END = Binding.Group("top/end")
VI_KEYS = [
    Binding("j", "cursor_down", "down", group=UP_DOWN),
    Binding("k", "cursor_up", "up", group=UP_DOWN),
    Binding("g", "first", "first", group=ENDS),
    Binding("G", "last", "last", group=ENDS),
]


class ViScroll(VerticalScroll):
    """A scrolling text (the help) that answers to the same keys as the lists, shown as scrolling.

    Each key scrolls at once (``immediate``): Textual defers a scroll to after the next refresh and counts the next
    line from where the scroll is headed, so keys faster than the screen (a held ``j``, a fast typist) counted from
    the same line and moved one line for several."""

    BINDINGS = [
        Binding("j", "vi_scroll(1)", "scroll down", group=SCROLL),
        Binding("k", "vi_scroll(-1)", "scroll up", group=SCROLL),
        Binding("g", "scroll_home", "top", group=TOP_END),
        Binding("G", "scroll_end", "end", group=TOP_END),
    ]

    def action_vi_scroll(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_target_y + lines, immediate=True)


class ViOptionList(OptionList):
    BINDINGS = VI_KEYS  # OptionList has the actions already


class ViDataTable(DataTable):
    BINDINGS = VI_KEYS

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=max(0, self.row_count - 1))
