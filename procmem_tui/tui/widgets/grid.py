"""The grid, drawn with Textual's Line API: one ``Strip`` per screen line, cached by the row's content.

A cell is ``cell`` = (columns, rows) characters: 2×1 by default, 1×1 when the level is big for the space,
up to 10×5 when a small level has a big window (the main screen's ``layout`` chooses). Every glyph has its own
shape, so nothing relies on colour alone:

    @@ agent     ⌐a key a      ■A locked door A     □A open door A     @a agent on key a
    ★  goal      ██ wall       [] box               ·  floor
    ↑ ↓ ← → the next moves of the skill the agent is running; ∘ a pick-up or door it will try there

In one-character cells: ``@`` agent, ``★`` goal, ``█`` wall, ``X`` box, ``a`` key, ``A`` locked door (on its
colour), ``□`` open door (in its colour), ``·`` floor. In bigger cells the glyph sits in the cell's middle
line and the cell's colour fills the rest.

Under fog (``show(..., fog=FogLayer)``, see ``tui/fog.py``) every cell has one of three looks, told apart by
shape as well as shade: in sight as above; remembered (as last seen) dimmed, its floor blank and its walls ``▓``,
keys, doors, goal and box in their glyphs without their fills; never seen ``░`` on every line of the cell.

The top row is the highest y (the up arrow moves the agent up on screen). With ``view`` smaller than the
level the widget shows a window onto it that follows the player. ``show`` compares the new rows with the
ones on screen and refreshes only the lines that changed. A click on a cell posts ``CellClicked`` with the
cell's level coordinates.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from procmem_tui.tui.fog import IN_SIGHT, REMEMBERED, UNKNOWN
from procmem_tui.tui.frame import ACT_MARK, PATH_MARKS  # the glyphs of a skill's next moves (re-exported)
from procmem_tui.tui.layout import viewport_origin
from procmem_tui.tui.messages import CellClicked
from procmem_tui.world.text import LETTER_COLOURS


# glyph char (from ``row_codes``) -> (two-column text, one-column text, component class)
_FIXED = {
    ".": ("· ", "·", "grid--floor"),
    "#": ("██", "█", "grid--wall"),
    "X": ("[]", "X", "grid--box"),
    "G": ("★ ", "★", "grid--goal"),
    "@": ("@@", "@", "grid--agent"),
}
REMEMBERED_WALL = "▓"
UNKNOWN_FILL = "░"
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


def fit_glyph(text: str, width: int, fill: str = " ") -> str:
    """A two-column glyph centred in ``width`` columns (its first character alone in one column)."""
    if width == 1:
        return text[0]
    left = (width - 2) // 2
    return fill * left + text + fill * (width - 2 - left)


class GridView(Widget, can_focus=False):
    """The world: ``show(level, state, marks)`` and it repaints the lines that changed."""

    COMPONENT_CLASSES = {
        "grid--floor", "grid--wall", "grid--box", "grid--goal", "grid--agent", "grid--path", "grid--open",
        "grid--remembered", "grid--unknown",
    }

    DEFAULT_CSS = """
    GridView { width: auto; height: auto; }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._level_codes: list[str] = []
        self._codes: list[str] = []  # the cells in view, top row first
        self._marks: list[str] = []
        self._looks: list[str] = []  # one look per cell in view (fog.IN_SIGHT/REMEMBERED/UNKNOWN); all in sight: ""
        self._level_looks: list[str] = []
        self._strips: dict[tuple[str, str, str, int], Strip] = {}
        self._styles: dict[str, Style] = {}
        self.cell: tuple[int, int] = (2, 1)
        self.view: tuple[int, int] | None = None  # cells shown when the level is bigger than the space
        self.origin: tuple[int, int] = (0, 0)  # the lowest-left cell in view
        self.level_size: tuple[int, int] = (0, 0)
        self._last: tuple | None = None

    # -- data -----------------------------------------------------------------------------

    def set_cells(self, cell: tuple[int, int], view: tuple[int, int] | None = None) -> None:
        """Draw ``cell`` characters a cell; ``view`` (cells) shows a window onto a bigger level."""
        if (cell, view) == (self.cell, self.view):
            return
        self.cell, self.view = cell, view
        self._strips.clear()
        if self._last is not None:
            self._codes = []  # force a full redraw
            self.show(*self._last)

    def show(self, level, state, marks: dict[tuple[int, int], str] | None = None, fog=None) -> None:
        """Draw ``state`` of ``level``; ``marks`` maps cells to a one-character hint (the running skill's path);
        ``fog`` (a ``tui.fog.FogLayer``) gives the cells' codes and looks under a sight radius."""
        self._last = (level, state, marks, fog)
        self._level_codes = list(fog.codes) if fog is not None else row_codes(level, state)
        self._level_looks = list(fog.looks) if fog is not None else []
        top = level.height - 1
        mark_rows = [[" "] * level.width for _ in range(level.height)]
        for (x, y), mark in (marks or {}).items():
            if 0 <= x < level.width and 0 <= y < level.height:
                mark_rows[top - y][x] = mark
        underfoot = level.keys.get(state.pos) if state.pos not in state.taken else None
        if underfoot is not None:  # a key the player stands on stays visible: "@a" (the agent's mark is free)
            mark_rows[top - state.pos[1]][state.pos[0]] = underfoot
        codes, marks_text = self._level_codes, ["".join(r) for r in mark_rows]
        looks = self._level_looks or [""] * len(codes)
        resized = (level.width, level.height) != self.level_size
        self.level_size = (level.width, level.height)
        if self.view is not None:
            view = (min(self.view[0], level.width), min(self.view[1], level.height))
            self.origin = viewport_origin(state.pos, self.level_size, view, self.origin)
            (ox, oy), (vw, vh) = self.origin, view
            first = top - (oy + vh - 1)
            codes = [row[ox:ox + vw] for row in codes[first:first + vh]]
            marks_text = [row[ox:ox + vw] for row in marks_text[first:first + vh]]
            looks = [row[ox:ox + vw] for row in looks[first:first + vh]]
        else:
            self.origin = (0, 0)
        if resized or len(codes) != len(self._codes) or (codes and len(codes[0]) != len(self._codes[0])):
            self._codes, self._marks, self._looks = codes, marks_text, looks
            self._strips.clear()
            self.refresh(layout=True)
            return
        ch = self.cell[1]
        changed = [i for i, (a, b, c, d, e, f) in enumerate(zip(codes, self._codes, marks_text, self._marks,
                                                                 looks, self._looks))
                   if a != b or c != d or e != f]
        self._codes, self._marks, self._looks = codes, marks_text, looks
        for i in changed:
            self.refresh(Region(0, i * ch, self.size.width, ch))

    @property
    def rows(self) -> list[str]:
        """The whole level's codes, top row first (for tests and a text export)."""
        return list(self._level_codes)

    @property
    def looks(self) -> list[str]:
        """The whole level's looks under fog (``tui.fog``), top row first; empty without fog."""
        return list(self._level_looks)

    @property
    def rows_in_view(self) -> list[str]:
        """The codes of the cells on screen, top row first."""
        return list(self._codes)

    # -- the mouse ------------------------------------------------------------------------

    def cell_at(self, x: int, y: int) -> tuple[int, int] | None:
        """The level cell under the widget's character (x, y), or None outside the board."""
        cw, ch = self.cell
        col, line = x // cw, y // ch
        if not self._codes or not (0 <= line < len(self._codes) and 0 <= col < len(self._codes[0])):
            return None
        ox, oy = self.origin
        return ox + col, oy + len(self._codes) - 1 - line

    def on_click(self, event: events.Click) -> None:
        cell = self.cell_at(event.x, event.y)
        if cell is not None:
            self.post_message(CellClicked(*cell))

    # -- layout ---------------------------------------------------------------------------

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.cell[0] * (len(self._codes[0]) if self._codes else 0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.cell[1] * len(self._codes)

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
        cw, ch = self.cell
        row = y // ch
        if row >= len(self._codes):
            return Strip.blank(self.size.width)
        codes, marks, looks = self._codes[row], self._marks[row], self._looks[row]
        sub = 1 if y % ch == (ch - 1) // 2 else 0  # 1: the line that carries the glyphs
        key = (codes, marks, looks, sub)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 4096:
                self._strips.clear()
            strip = self._strips[key] = Strip(self._segments(codes, marks, bool(sub), looks), cw * len(codes))
        return strip

    def _glyph(self, code: str, mark: str) -> tuple[str, Style]:
        """The cell's two-column text and style (its first character is the one-column text)."""
        if code in _FIXED:
            text, small, cls = _FIXED[code]
            style = self._style(cls)
            if mark != " " and code != "@":
                return f"{mark} ", self._style("grid--path")
            if code == "@" and mark in "abcdef" and mark != " ":  # standing on key ``mark``
                return (f"@{mark}" if self.cell[0] > 1 else "@"), style + Style(underline=True)
            return (text if self.cell[0] > 1 else small), style
        if code in "abcdef":
            style = self._letter_style(code, "key")
            text = KEY_TEXT.format(code) if self.cell[0] > 1 else code
            return text, (style + Style(underline=True) if mark != " " else style)
        if code in "ABCDEF":
            text = LOCKED_TEXT.format(code) if self.cell[0] > 1 else code
            return text, self._letter_style(code.lower(), "locked")
        letter = "abcdef"[int(code) - 1]
        if mark != " ":
            return f"{mark}{letter.upper()}", self._style("grid--path")
        return OPEN_TEXT.format(letter.upper()), self._letter_style(letter, "open")

    def _remembered_glyph(self, code: str, mark: str) -> tuple[str, Style]:
        """A cell as last seen: the in-sight glyph without its fill, faded; floor blank (walls: ``_segments``)."""
        dim = self._style("grid--remembered")
        if mark != " ":
            return f"{mark} ", self._style("grid--path")
        if code == ".":
            return "  ", dim
        if code in _FIXED:
            text, small, _ = _FIXED[code]
            return (text if self.cell[0] > 1 else small), dim + Style(bold=False)
        letter = code.lower() if code in "abcdefABCDEF" else "abcdef"[int(code) - 1]
        colour = self._faded(LETTER_COLOURS[letter])
        if code in "abcdef":
            return (KEY_TEXT.format(code) if self.cell[0] > 1 else code), dim + Style(color=colour)
        text = LOCKED_TEXT.format(code) if code in "ABCDEF" else OPEN_TEXT.format(letter.upper())
        return (text if self.cell[0] > 1 else text[1] if code in "ABCDEF" else text[0]), dim + Style(color=colour)

    def _faded(self, colour: str):
        """A letter's colour halfway to the remembered cells' background (dimmed, still its hue)."""
        from rich.color import Color, ColorTriplet, blend_rgb

        key = f"faded:{colour}"
        style = self._styles.get(key)
        if style is None:
            back = self._style("grid--remembered").bgcolor
            base = back.get_truecolor() if back is not None else ColorTriplet(0, 0, 0)
            faded = blend_rgb(Color.parse(colour).get_truecolor(), base, 0.5)
            style = self._styles[key] = Style(color=Color.from_triplet(faded))
        return style.color

    def _segments(self, codes: str, marks: str, glyph_line: bool, looks: str = "") -> list[Segment]:
        width = self.cell[0]
        segments = []
        for code, mark, look in zip(codes, marks, looks or IN_SIGHT * len(codes)):
            if look == UNKNOWN:
                if mark != " " and glyph_line:
                    segments.append(Segment(fit_glyph(f"{mark} ", width, UNKNOWN_FILL), self._style("grid--path")))
                else:
                    segments.append(Segment(UNKNOWN_FILL * width, self._style("grid--unknown")))
                continue
            if look == REMEMBERED:
                if code == "#":
                    segments.append(Segment(REMEMBERED_WALL * width, self._style("grid--remembered")))
                    continue
                text, style = self._remembered_glyph(code, mark)
                segments.append(Segment(fit_glyph(text, width) if glyph_line else " " * width, style))
                continue
            text, style = self._glyph(code, mark)
            if code == "#":
                text = "█" * width
            elif glyph_line:
                text = fit_glyph(text, width)
            else:
                text = " " * width
            segments.append(Segment(text, style))
        return segments
