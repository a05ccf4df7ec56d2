"""The grid, drawn with Textual's Line API: one ``Strip`` per row, cached by the row's content.

Two terminal columns per cell. Every glyph has its own shape, so nothing relies on colour alone:

    @@ agent     ⌐a key a      ■A locked door A     □A open door A
    ★  goal      ██ wall       [] box               ·  floor
    ↑ ↓ ← → the next moves of the skill the agent is running; ∘ a pick-up or door it will try there

The top row is the highest y (the up arrow moves the agent up on screen). ``show`` compares the new rows
with the ones on screen and refreshes only the rows that changed.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from procmem_tui.world.text import LETTER_COLOURS

PATH_MARKS = {"move_up": "↑", "move_down": "↓", "move_left": "←", "move_right": "→"}
ACT_MARK = "∘"

# glyph char (from ``row_codes``) -> (two-column text, component class)
_FIXED = {
    ".": ("· ", "grid--floor"),
    "#": ("██", "grid--wall"),
    "X": ("[]", "grid--box"),
    "G": ("★ ", "grid--goal"),
    "@": ("@@", "grid--agent"),
}
KEY_TEXT = "⌐{}"
LOCKED_TEXT = "■{}"
OPEN_TEXT = "□{}"


def row_codes(level, state) -> list[str]:
    """One code per cell for every row, top row first: the level's chars with this state's changes.

    ``@`` agent, ``#`` wall, ``X`` box, ``G`` goal, ``a``–``f`` keys lying, ``A``–``F`` locked doors,
    ``1``–``6`` open doors (a→1 … f→6, so the letter survives), ``.`` floor.
    """
    rows = [list(r.replace("@", ".")) for r in level.rows]
    top = level.height - 1
    for (x, y) in state.taken:
        rows[top - y][x] = "."
    for (x, y) in state.opened:
        rows[top - y][x] = str("ABCDEF".index(level.doors[(x, y)]) + 1)
    ax, ay = state.pos
    rows[top - ay][ax] = "@"
    return ["".join(r) for r in rows]


class GridView(Widget, can_focus=False):
    """The world: ``show(level, state, marks)`` and it repaints the rows that changed."""

    COMPONENT_CLASSES = {
        "grid--floor", "grid--wall", "grid--box", "grid--goal", "grid--agent", "grid--path", "grid--open",
    }

    DEFAULT_CSS = """
    GridView { width: auto; height: auto; }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._codes: list[str] = []
        self._marks: list[str] = []
        self._strips: dict[tuple[str, str], Strip] = {}
        self._styles: dict[str, Style] = {}
        self._width = 0

    # -- data -----------------------------------------------------------------------------

    def show(self, level, state, marks: dict[tuple[int, int], str] | None = None) -> None:
        """Draw ``state`` of ``level``; ``marks`` maps cells to a one-character hint (the running skill's path)."""
        codes = row_codes(level, state)
        top = level.height - 1
        mark_rows = [[" "] * level.width for _ in range(level.height)]
        for (x, y), mark in (marks or {}).items():
            if 0 <= x < level.width and 0 <= y < level.height:
                mark_rows[top - y][x] = mark
        marks_text = ["".join(r) for r in mark_rows]
        if level.width != self._width or len(codes) != len(self._codes):
            self._width = level.width
            self._codes, self._marks = codes, marks_text
            self._strips.clear()
            self.refresh(layout=True)
            return
        changed = [i for i, (a, b, c, d) in enumerate(zip(codes, self._codes, marks_text, self._marks))
                   if a != b or c != d]
        self._codes, self._marks = codes, marks_text
        for i in changed:
            self.refresh(Region(0, i, self.size.width, 1))

    @property
    def rows(self) -> list[str]:
        """The codes on screen, top row first (for tests and the screen reader-ish text export)."""
        return list(self._codes)

    # -- layout ---------------------------------------------------------------------------

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return 2 * self._width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._codes)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    # -- drawing --------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=False)
        return style

    def _letter_style(self, letter: str, kind: str) -> Style:
        key = f"{kind}:{letter}"
        style = self._styles.get(key)
        if style is None:
            colour = LETTER_COLOURS[letter]
            floor = self._style("grid--floor")
            if kind == "key":
                style = floor + Style(color=colour, bold=True)
            elif kind == "locked":
                style = Style(color="#000000", bgcolor=colour, bold=True)
            else:
                style = self._style("grid--open") + Style(color=colour)
            self._styles[key] = style
        return style

    def render_line(self, y: int) -> Strip:
        if y >= len(self._codes):
            return Strip.blank(self.size.width)
        codes, marks = self._codes[y], self._marks[y]
        key = (codes, marks)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 4096:
                self._strips.clear()
            strip = self._strips[key] = Strip(self._segments(codes, marks), 2 * len(codes))
        return strip

    def _segments(self, codes: str, marks: str) -> list[Segment]:
        segments = []
        for code, mark in zip(codes, marks):
            if code in _FIXED:
                text, cls = _FIXED[code]
                style = self._style(cls)
                if mark != " " and code != "@":
                    text, style = f"{mark} ", self._style("grid--path")
            elif code in "abcdef":
                text, style = KEY_TEXT.format(code), self._letter_style(code, "key")
                if mark != " ":
                    style = style + Style(underline=True)
            elif code in "ABCDEF":
                text, style = LOCKED_TEXT.format(code), self._letter_style(code.lower(), "locked")
            else:
                letter = "abcdef"[int(code) - 1]
                text, style = OPEN_TEXT.format(letter.upper()), self._letter_style(letter, "open")
                if mark != " ":
                    text, style = f"{mark}{letter.upper()}", self._style("grid--path")
            segments.append(Segment(text, style))
        return segments
