"""Where everything goes on the main screen, from the terminal's size and the level's: one rule, no Textual.

The screen is the level's board on the left and a column of panels on the right, over the Why line and the
footer. ``plan_layout`` decides, in this order:

1. **Too small**: below ``MIN_SIZE`` (80×24, the classic terminal) the screen shows a message instead.
2. **The board's cells**: the biggest of ``CELLS`` (10×5 down to 2×1 characters a cell) whose board fits the
   space left after the panels' column (at least ``RIGHT_MIN`` wide, up to ``RIGHT_WANT`` when the window is
   wide); if even 2×1 does not fit, one character a cell; if that does not fit either, a window onto the level
   (``view``) that scrolls with the player. So a small level in a big window gets big cells, and a big level in
   a small window never makes the game refuse to start.
3. **Panels that fold**: the header and the per-episode chart show only when there is room, and come back as
   the window grows. The event log always shows (the game tells what happens there): under the board when at
   least ``LOG_LEFT`` rows are left there, else under the panels, else under the board with at least
   ``LOG_MIN`` rows, else under the panels with the skills table down to ``SKILLS_LEAST`` rows and keys and doors
   one line each (a board as tall as the screen at 80×24: a maze-sized level). The chart folds before the skills table would get fewer
   than ``SKILLS_MIN`` rows; the header folds below ``HEADER_MIN`` rows. Cells bigger than ``LOG_CELL`` shrink
   a size or two when that makes room for the log. The keys and doors panels become one line
   each (``compact_items``) when the column is narrower than ``ITEMS_WIDE``.

The board's part of the rule (step 2) is ``fit_board``, which the replay screen uses too.

Always shown: the board, keys and doors, the episode panel, the skills table, the event log, the Why line and
the footer.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_SIZE = (80, 24)
CELLS = ((10, 5), (8, 4), (6, 3), (4, 2), (2, 1), (1, 1))  # (columns, rows) a cell, biggest first
RIGHT_MIN = 46  # the panels' column: a readable skills table
RIGHT_WANT = 60  # ... what it gets when the window is wide
BOX = 2  # the board's border, each direction
FOOTER, WHY = 1, 2
HEADER_MIN = 30  # terminal rows from which the header shows
EPISODE = 6  # the episode panel (border + 4 lines)
ITEMS, ITEMS_COMPACT = 4, 3  # keys and doors (border + 2 lines, or + 1 line)
ITEMS_WIDE = 60  # the column's width from which keys and doors get two lines each
SKILLS_MIN = 8  # the skills table: border, header and 5 rows
SKILLS_LEAST = 7  # ... 4 rows, to give the log its rows beside a board as tall as the screen
CHARTS = 6
LOG_MIN, LOG_LEFT, LOG_RIGHT_MAX = 5, 8, 8
LOG_CELL = (4, 2)  # cells shrink (down to this) to make room for the log


@dataclass(frozen=True)
class Layout:
    """One screen's arrangement. ``view`` is the part of the level shown, in cells (the whole level unless
    it scrolls); ``board`` the board's box in characters, border included; ``log`` is "left", "right" or ""."""

    size: tuple[int, int]
    too_small: bool = False
    cell: tuple[int, int] = (2, 1)
    view: tuple[int, int] = (0, 0)
    scrolls: bool = False
    board: tuple[int, int] = (0, 0)
    header: bool = True
    compact_items: bool = False
    charts: bool = True
    log: str = "left"
    log_rows: int = 0


def body_rows(height: int) -> int:
    return height - FOOTER - WHY - (1 if height >= HEADER_MIN else 0)


def plan_layout(size: tuple[int, int], level_size: tuple[int, int]) -> Layout:
    """The arrangement for a terminal of ``size`` (columns, rows) and a level of ``level_size`` cells."""
    width, height = size
    if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
        return Layout(size, too_small=True)
    level_w, level_h = level_size
    rows = body_rows(height)
    right = max(RIGHT_MIN, min(RIGHT_WANT, int(width * 0.4)))
    board = fit_board((width - right, rows), level_size, scroll_room=(width - RIGHT_MIN, rows))
    if not board.scrolls:  # big cells give way to the log while they stay big (at least LOG_CELL)
        for smaller in fitting_cells((width - right, rows), level_size):
            if smaller[1] < LOG_CELL[1]:
                break
            if _panels(width, rows, (level_w * smaller[0] + BOX, level_h * smaller[1] + BOX), squeeze=False)[2]:
                board = Board(smaller, (level_w, level_h), False, (level_w * smaller[0] + BOX, level_h * smaller[1] + BOX))
                break
    compact, charts, log, log_rows = _panels(width, rows, board.box)
    return Layout(size, cell=board.cell, view=board.view, scrolls=board.scrolls, board=board.box,
                  header=height >= HEADER_MIN, compact_items=compact, charts=charts, log=log, log_rows=log_rows)


@dataclass(frozen=True)
class Board:
    """A level's board: ``cell`` characters a cell, ``view`` the cells shown (the whole level unless it
    ``scrolls``), ``box`` its size in characters with its border."""

    cell: tuple[int, int]
    view: tuple[int, int]
    scrolls: bool
    box: tuple[int, int]


def fitting_cells(room: tuple[int, int], level_size: tuple[int, int]) -> list[tuple[int, int]]:
    """The cell sizes of ``CELLS`` (biggest first) whose whole board, border included, fits ``room``."""
    (room_w, room_h), (level_w, level_h) = room, level_size
    return [(cw, ch) for cw, ch in CELLS if level_w * cw + BOX <= room_w and level_h * ch + BOX <= room_h]


def fit_board(room: tuple[int, int], level_size: tuple[int, int],
              scroll_room: tuple[int, int] | None = None) -> Board:
    """The board rule every screen that draws a level uses (the main screen, the replay): the biggest cell
    whose board fits ``room`` (columns, rows, border included); if none does, one-character cells in a window
    onto the level as big as ``scroll_room`` (default ``room``) allows, which follows the player."""
    level_w, level_h = level_size
    fitting = fitting_cells(room, level_size)
    if fitting:
        cell = fitting[0]
        return Board(cell, (level_w, level_h), False, (level_w * cell[0] + BOX, level_h * cell[1] + BOX))
    room_w, room_h = scroll_room or room
    view = (max(1, min(level_w, room_w - BOX)), max(1, min(level_h, room_h - BOX)))
    return Board((1, 1), view, True, (view[0] + BOX, view[1] + BOX))


def _panels(width: int, rows: int, board: tuple[int, int], squeeze: bool = True) -> tuple[bool, bool, str, int]:
    """Beside a board of this size: (compact keys and doors, the chart shown, where the log goes, its rows).
    ``squeeze``: the last resort, the log under the panels with the skills table at its least, before folding."""
    compact = width - board[0] < ITEMS_WIDE
    panels = EPISODE + (ITEMS_COMPACT if compact else ITEMS)
    charts = rows - panels - CHARTS >= SKILLS_MIN
    left_room = rows - board[1]
    right_room = rows - panels - (CHARTS if charts else 0) - SKILLS_MIN
    if left_room >= LOG_LEFT:
        return compact, charts, "left", left_room
    if right_room >= LOG_MIN:
        return compact, charts, "right", min(LOG_RIGHT_MAX, right_room)
    if left_room >= LOG_MIN:
        return compact, charts, "left", left_room
    squeezed = rows - EPISODE - ITEMS_COMPACT - SKILLS_LEAST  # a board about as tall as the screen
    if squeeze and squeezed >= LOG_MIN:
        return True, False, "right", min(LOG_RIGHT_MAX, squeezed)
    return compact, charts, "", 0


def viewport_origin(pos: tuple[int, int], level_size: tuple[int, int], view: tuple[int, int],
                    origin: tuple[int, int], margin: int = 3) -> tuple[int, int]:
    """The lowest-left cell of the window onto the level, moved only when the player comes within ``margin``
    cells of its edge (so the window does not jump every step), and kept inside the level."""
    result = []
    for p, size, seen, o in zip(pos, level_size, view, origin):
        m = min(margin, max(0, (seen - 1) // 2))
        if p < o + m:
            o = p - m
        elif p > o + seen - 1 - m:
            o = p - (seen - 1 - m)
        result.append(max(0, min(o, size - seen)))
    return result[0], result[1]
