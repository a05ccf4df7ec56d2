"""The main screen: grid, inventory, doors, episode panel, skills, charts, event log and the Why line.

The body is a two-column grid: the level on the left, the panels on the right. Where the log goes, which
panels fold, how big a cell is and whether the board scrolls are ``tui.layout.plan_layout``'s decision for the
terminal's size and the level's; this screen applies it (classes, the grid's columns and rows, the board's
cells, the widths of the skills table and the log) from its first compose, so the first frame is laid out once,
and again on every resize and level change, touching only what changed. Below ``MIN_SIZE`` it shows a message
instead of the game. The footer is ``KeyBar``: one line of keys that fits the width.

Its bindings name ``app.`` actions: the screen only lays things out, the app calls the Session. Every binding
has an id, so ``App.set_keymap({"move-up": "i"})`` remaps it; no two bindings share a key.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Container, Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from procmem_tui.tui.layout import MIN_SIZE, Layout, plan_layout
from procmem_tui.tui.symbols import ascii_text, sym
from procmem_tui.tui.widgets.doors import Doors
from procmem_tui.tui.widgets.episode import EpisodePanel
from procmem_tui.tui.widgets.grid import GridView
from procmem_tui.tui.widgets.inventory import Inventory
from procmem_tui.tui.widgets.key_bar import KeyBar
from procmem_tui.tui.widgets.why import WhyLine

MOVE = Binding.Group("move", compact=True)
SPEED = Binding.Group("speed", compact=True)

# (id, key, action, description, shown in the footer, group)
GAME_BINDINGS = [
    ("move-up", "up", "move('move_up')", "up", True, MOVE),
    ("move-down", "down", "move('move_down')", "down", True, MOVE),
    ("move-left", "left", "move('move_left')", "left", True, MOVE),
    ("move-right", "right", "move('move_right')", "right", True, MOVE),
    ("move-up-w", "w", "move('move_up')", "up", False, None),
    ("move-left-a", "a", "move('move_left')", "left", False, None),
    ("move-down-s", "s", "move('move_down')", "down", False, None),
    ("move-right-d", "d", "move('move_right')", "right", False, None),
    ("move-left-h", "h", "move('move_left')", "left", False, None),
    ("move-down-j", "j", "move('move_down')", "down", False, None),
    ("move-up-k", "k", "move('move_up')", "up", False, None),
    ("move-right-l", "l", "move('move_right')", "right", False, None),
    ("pickup", "p", "act('pickup_key')", "pickup", True, None),
    ("open", "o", "act('open_door')", "open", True, None),
    ("play-pause", "space", "play_pause", "play", True, None),
    ("step", "n", "agent_step", "step", True, None),
    ("faster", "plus,equals_sign", "speed(1)", "faster", True, SPEED),
    ("slower", "minus", "speed(-1)", "slower", True, SPEED),
    ("restart", "r", "restart", "restart", True, None),
    ("new-layout", "g", "new_layout", "new", True, None),
    ("map", "m", "map", "map", True, None),
    ("skills", "i", "skills", "skills", True, None),
    ("knowledge", "f", "knowledge", "knows", True, None),
    ("episodes", "e", "episodes", "replays", True, None),
    ("watch", "v", "watch", "sight", True, None),
    ("curves", "c", "curves", "curves", True, None),
    ("why", "y", "why", "why", True, None),
    # ctrl+z suspends to the shell (``fg`` brings the game back), as in any terminal program: Textual reads the key
    # raw, so without this it did nothing (the editor keeps ctrl+z for undo)
    ("suspend", "ctrl+z", "suspend_process", "suspend", False, None),
]


# columns around the content (app.tcss): the skills table's border; the log's border, padding and scrollbar
SKILLS_GUTTER, LOG_GUTTER = 2, 5


def _binding(id_, key, action, description, show, group) -> Binding:
    return Binding(key, f"app.{action}", description, show=show, id=id_, group=group)


def content_widths(plan: Layout) -> tuple[int, int]:
    """The columns ``plan`` gives the skills table's content and the log's text (0 when the log is folded)."""
    right = plan.size[0] - plan.board[0]
    log = {"left": plan.board[0], "right": right}.get(plan.log, LOG_GUTTER) - LOG_GUTTER
    return right - SKILLS_GUTTER, log


def _toast_corner() -> Widget:
    from procmem_tui.tui.widgets.toast import ToastCorner

    return ToastCorner()


def too_small_text(size: tuple[int, int], *, web: bool = False) -> str:
    """What shows instead of a game that does not fit. In a browser (``procmem serve``) the page's size in
    cells follows the window and the zoom, so zooming out is the quick way back (the page's font is large: a
    page of 800×480 pixels fits 88×22 characters). A phone has neither keys to zoom with nor a window to enlarge;
    its browser lays the page (which asks for no mobile viewport) out 980 pixels wide, so held upright it fits the
    game and turned sideways it does not (21 rows on a 844×390 phone): it is told to turn the phone upright."""
    width, height = size
    need = ascii_text(f"the game needs at least {MIN_SIZE[0]}×{MIN_SIZE[1]}.")
    if web:
        return (f"The page fits {width}×{height} characters; {need}\n\n"
                "Zoom out (Ctrl and - or ⌘ and -) or enlarge the window, and the game comes back.\n"
                "On a phone, hold it upright.")
    return ascii_text(f"The terminal is {width}×{height}; {need}\n\nEnlarge the window, and the game comes back.")


def needed(level_width: int, level_height: int) -> tuple[int, int]:
    """The smallest terminal that shows the game: the same for every level (big ones scroll)."""
    return MIN_SIZE


def _set_classes(node: Widget, wanted: dict[str, bool], update: bool = True) -> None:
    """Set or clear each class, restyling the node's subtree once (not once a class) if any changed."""
    changed = [name for name, on in wanted.items() if on != node.has_class(name)]
    for name in changed:
        node.set_class(wanted[name], name, update=False)
    if changed and update:
        node.update_node_styles()


class TooSmall(Static):
    """Shown instead of the game when the terminal is smaller than ``MIN_SIZE``."""


class Pending(Widget):
    """An empty panel (its border and title from the stylesheet, by id) standing in, in a deferred start's first
    frame, for a panel that is empty until the game loads (skills, per-episode bars, events)."""

    def fit_width(self, width: int) -> None:
        """Nothing to fit: the panel that replaces it is fitted then."""


def later_panels() -> tuple[Widget, Widget, Widget]:
    """The skills table, the per-episode bars and the event log (the DataTable's module loads with them)."""
    from procmem_tui.tui.widgets.charts import Charts
    from procmem_tui.tui.widgets.event_log import EventLog
    from procmem_tui.tui.widgets.skills import SkillsTable

    return SkillsTable(id="skills"), Charts(id="charts"), EventLog(id="log")


TITLES = {"#grid-box": "grid", "#log": "events", "#episode": "episode", "#inventory": "keys", "#doors": "doors",
          "#skills": "skills", "#charts": "per episode"}


class MainScreen(Screen):
    """``level_size`` is the first level's (columns, rows): the screen is laid out for it and the terminal from
    its first compose, so the first frame is drawn once, at its final size. ``on_ready`` runs when its widgets
    are mounted, before that first layout: the app fills them there (``ProcmemApp.start_game``).

    ``pending``: a deferred start (``tui.start``), whose first frame shows the board, keys and doors; the skills
    table, the per-episode bars, the event log (empty until the game loads: their frames and titles are drawn) and
    the toast are Textual's most expensive widgets to mount and style, so ``complete`` mounts them once that
    frame is painted."""

    BINDINGS = [_binding(*row) for row in GAME_BINDINGS]

    level_size: tuple[int, int] = (5, 5)
    plan: Layout | None = None

    def __init__(self, level_size: tuple[int, int] = (5, 5), on_ready: Callable[[], None] | None = None,
                 pending: bool = False) -> None:
        super().__init__()
        self.level_size = level_size
        self.pending = pending
        self._on_ready = on_ready
        self.ready = asyncio.Event()  # set once mounted and filled by ``on_ready``

    def compose(self) -> ComposeResult:
        plan = self.plan = plan_layout(tuple(self.app.size), self.level_size)
        self._set_screen_classes(plan, update=False)
        body = Container(id="body")
        grid = GridView(id="grid")
        inventory, doors = Inventory(id="inventory"), Doors(id="doors")
        if self.pending:
            skills, charts, log = Pending(id="skills"), Pending(id="charts"), Pending(id="log")
        else:
            skills, charts, log = later_panels()
        if not plan.too_small:
            self._fit_widths(plan, skills, log)
            self._arrange_body(body, plan, update=False)
            grid.set_cells(plan.cell, plan.view if plan.scrolls else None)
            for panel in (inventory, doors):
                panel.set_compact(plan.compact_items, wide=plan.cell[0] > 1)
        yield Header(icon=sym("app"))
        with body:
            with Center(id="grid-box"):
                yield grid
            with Vertical(id="right"):
                yield EpisodePanel(id="episode")
                with Horizontal(id="items"):
                    yield inventory
                    yield doors
                yield skills
                yield charts
            yield log
        yield WhyLine(id="why")
        yield TooSmall(self._too_small_text(plan) if plan.too_small else "", id="too-small")
        if not self.pending:
            yield _toast_corner()
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        for selector, title in TITLES.items():
            self.query_one(selector).border_title = title
        try:
            if self._on_ready is not None:
                self._on_ready()
        finally:
            self.ready.set()  # also when filling failed: the app is waiting for it, and then ends with the error

    async def complete(self) -> None:
        """Mount the panels a pending first frame left empty, in their places, fitted to the layout now."""
        if not self.pending:
            return
        self.pending = False
        new = later_panels()
        if self.plan is not None and not self.plan.too_small:
            self._fit_widths(self.plan, new[0], new[2])
        for panel in new:
            old = self.query_one(f"#{panel.id}")
            parent, place = old.parent, old.parent.children.index(old)
            await old.remove()
            panel.border_title = TITLES[f"#{panel.id}"]
            await parent.mount(panel, before=place)
        await self.mount(_toast_corner(), before=self.query_one(KeyBar))

    def fit_level(self, level_width: int, level_height: int) -> bool:
        """Lay the screen out for a level of this size; True if the terminal is big enough."""
        self.level_size = (level_width, level_height)
        return self.apply_layout()

    def on_resize(self) -> None:
        before = self.plan
        if self.apply_layout() and self.plan != before:
            from procmem_tui.tui.messages import BoardResized

            self.post_message(BoardResized())  # the board's titles were fitted to the old width

    @property
    def need(self) -> tuple[int, int]:
        return MIN_SIZE

    def apply_layout(self) -> bool:
        """Arrange the screen as ``plan_layout`` says for this terminal and level; True if the game shows.
        Only what changed is touched: each class or style set makes Textual restyle or lay out again."""
        plan = plan_layout(tuple(self.app.size), self.level_size)
        if plan == self.plan:
            return not plan.too_small
        old, self.plan = self.plan, plan
        self._set_screen_classes(plan)
        if old is None or plan.too_small != old.too_small:
            self.app.refresh_bindings()  # the game's keys are off while it is hidden
        if plan.too_small:
            self.query_one(TooSmall).update(self._too_small_text(plan))
            return False
        for panel in (self.query_one(Inventory), self.query_one(Doors)):
            panel.set_compact(plan.compact_items, wide=plan.cell[0] > 1)
        self._arrange_body(self.query_one("#body"), plan)
        self._fit_widths(plan, self.query_one("#skills"), self.query_one("#log"))
        self.query_one(GridView).set_cells(plan.cell, plan.view if plan.scrolls else None)
        return True

    def _set_screen_classes(self, plan: Layout, update: bool = True) -> None:
        wanted = {"-too-small": plan.too_small}
        if not plan.too_small:
            wanted |= {"-no-header": not plan.header, "-no-charts": not plan.charts,
                       "-compact-items": plan.compact_items}
        _set_classes(self, wanted, update)

    @staticmethod
    def _arrange_body(body: Widget, plan: Layout, update: bool = True) -> None:
        _set_classes(body, {f"-log-{side or 'none'}": plan.log == side for side in ("left", "right", "")}, update)
        body.styles.grid_columns = f"{plan.board[0]} 1fr"  # a no-op when unchanged
        body.styles.grid_rows = f"1fr {plan.log_rows}" if plan.log == "right" else "auto 1fr"

    @staticmethod
    def _fit_widths(plan: Layout, skills: Widget, log: Widget) -> None:
        """Tell the table and the log the widths this layout gives them, so they are drawn at that width from
        the start instead of a second layout pass after they learn it."""
        skills_width, log_width = content_widths(plan)
        skills.fit_width(skills_width)
        if log_width:
            log.fit_width(log_width)

    def _too_small_text(self, plan: Layout) -> str:
        return too_small_text(plan.size, web=self.app.is_web)

    def check_size(self) -> bool:
        return self.apply_layout()
