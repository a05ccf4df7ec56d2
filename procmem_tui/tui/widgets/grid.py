"""The grid, drawn with Textual's Line API: one ``Strip`` per screen line, cached by the row's content.

A cell is ``cell`` = (columns, rows) characters: 2×1 by default, 1×1 when the level is big for the space,
up to 10×5 when a small level has a big window (the main screen's ``layout`` chooses). Every glyph has its own
shape, so nothing relies on colour alone; ``world/glyphs.py`` holds them all (two-column and one-column forms):

    @@ agent     ⌐a key a      ■A locked door A     □A open door A     @a agent on key a
    ★  goal      ██ wall       [] box               ·  floor
    ↑ ↓ ← → the next moves of the skill the agent is running; ∘ a pick-up or door it will try there

In bigger cells the glyph sits in the cell's middle line and the cell's colour fills the rest.

Under fog (``show(..., fog=FogLayer)``, see ``tui/fog.py``) every cell has one of three looks, told apart by
their characters as well as shade: in sight as above; remembered (as last seen) dimmed, in the lighter form of
its glyph (floor blank, ``▓▓`` wall, ``()`` box, ``☆`` goal, ``~a`` key, ``▪A`` / ``▫A`` doors); never seen
``░`` on every line of the cell.

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

from procmem_tui.tui.layout import viewport_origin
from procmem_tui.tui.messages import CellClicked
from procmem_tui.world import glyphs
from procmem_tui.world.glyphs import IN_SIGHT, REMEMBERED, UNKNOWN, board_codes, cell_text, kind_of
from procmem_tui.world.text import LETTER_COLOURS


# board code -> the component class of its in-sight look (keys and doors take their letter's colour)
_CLASSES = {".": "grid--floor", "#": "grid--wall", "X": "grid--box", "G": "grid--goal", "@": "grid--agent"}


def row_codes(level, state) -> list[str]:
    """One code per cell for every row, top row first (``world.glyphs.board_codes``): ``@`` agent, ``#`` wall,
    ``X`` box, ``G`` goal, ``a``–``f`` keys lying, ``A``–``F`` locked doors, ``1``–``6`` open doors, ``.`` floor."""
    return board_codes(level, state)


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
        """The cell's text in sight (two columns, or one in one-column cells) and its style."""
        wide = self.cell[0] > 1
        if mark != " " and code not in "@abcdefABCDEF":
            if code in "123456":
                return f"{mark}{cell_text(code, IN_SIGHT)[1]}", self._style("grid--path")
            return f"{mark} ", self._style("grid--path")
        text = cell_text(code, IN_SIGHT, wide)
        if code == "@":
            style = self._style("grid--agent")
            if mark in "abcdef" and mark != " ":  # standing on key ``mark``
                return (f"@{mark}" if wide else "@"), style + Style(underline=True)
            return text, style
        if code in _CLASSES:
            return text, self._style(_CLASSES[code])
        kind, letter = kind_of(code)
        style = self._letter_style(letter.lower(), kind)
        return text, (style + Style(underline=True) if kind == "key" and mark != " " else style)

    def _remembered_glyph(self, code: str, mark: str) -> tuple[str, Style]:
        """A cell as last seen: the lighter form of its glyph (``world.glyphs``), faded; keys and doors keep a
        faded hue of their letter's colour."""
        dim = self._style("grid--remembered")
        if mark != " ":
            return f"{mark} ", self._style("grid--path")
        text = cell_text(code, REMEMBERED, self.cell[0] > 1)
        kind, letter = kind_of(code)
        if not letter:
            return text, dim + Style(bold=False)
        return text, dim + Style(color=self._faded(LETTER_COLOURS[letter.lower()]))

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
                    segments.append(Segment(fit_glyph(f"{mark} ", width, glyphs.NEVER_SEEN), self._style("grid--path")))
                else:
                    segments.append(Segment(glyphs.NEVER_SEEN * width, self._style("grid--unknown")))
                continue
            if code == "#":  # a wall fills its whole cell, in sight or remembered
                style = self._style("grid--wall" if look == IN_SIGHT else "grid--remembered")
                segments.append(Segment(cell_text(code, look, wide=False) * width, style))
                continue
            text, style = self._remembered_glyph(code, mark) if look == REMEMBERED else self._glyph(code, mark)
            segments.append(Segment(fit_glyph(text, width) if glyph_line else " " * width, style))
        return segments
