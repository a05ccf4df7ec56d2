"""The main screen: grid, inventory, doors, episode panel, skills, charts, event log and the Why line.

The body is a two-column grid: the level on the left, the panels on the right. Where the log goes, which
panels fold, how big a cell is and whether the board scrolls are ``tui.layout.plan_layout``'s decision for the
terminal's size and the level's; this screen applies it (classes, the grid's columns and rows, the board's
cells) on every resize and level change. Below ``MIN_SIZE`` it shows a message instead of the game.

Its bindings name ``app.`` actions: the screen only lays things out, the app calls the Session. Every binding
has an id, so ``App.set_keymap({"move-up": "i"})`` remaps it; no two bindings share a key.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Container, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from procmem_tui.tui.layout import MIN_SIZE, Layout, plan_layout
from procmem_tui.tui.widgets.charts import Charts
from procmem_tui.tui.widgets.doors import Doors
from procmem_tui.tui.widgets.episode import EpisodePanel
from procmem_tui.tui.widgets.event_log import EventLog
from procmem_tui.tui.widgets.grid import GridView
from procmem_tui.tui.widgets.inventory import Inventory
from procmem_tui.tui.widgets.skills import SkillsTable
from procmem_tui.tui.widgets.toast import ToastCorner
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
    ("episodes", "e", "episodes", "replays", True, None),
    ("curves", "c", "curves", "curves", False, None),
]


def _binding(id_, key, action, description, show, group) -> Binding:
    return Binding(key, f"app.{action}", description, show=show, id=id_, group=group)


def needed(level_width: int, level_height: int) -> tuple[int, int]:
    """The smallest terminal that shows the game: the same for every level (big ones scroll)."""
    return MIN_SIZE


class TooSmall(Static):
    """Shown instead of the game when the terminal is smaller than ``MIN_SIZE``."""


class MainScreen(Screen):
    BINDINGS = [_binding(*row) for row in GAME_BINDINGS]

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Container(id="body"):
            with Center(id="grid-box"):
                yield GridView(id="grid")
            with Vertical(id="right"):
                yield EpisodePanel(id="episode")
                with Horizontal(id="items"):
                    yield Inventory(id="inventory")
                    yield Doors(id="doors")
                yield SkillsTable(id="skills")
                yield Charts(id="charts")
            yield EventLog(id="log")
        yield WhyLine(id="why")
        yield TooSmall(id="too-small")
        yield ToastCorner()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#grid-box").border_title = "grid"
        self.query_one("#log").border_title = "events"
        self.query_one("#episode").border_title = "episode"
        self.query_one("#inventory").border_title = "keys"
        self.query_one("#doors").border_title = "doors"
        self.query_one("#skills").border_title = "skills"
        self.query_one("#charts").border_title = "per episode"

    level_size: tuple[int, int] = (5, 5)
    plan: Layout | None = None

    def fit_level(self, level_width: int, level_height: int) -> bool:
        """Lay the screen out for a level of this size; True if the terminal is big enough."""
        self.level_size = (level_width, level_height)
        return self.apply_layout()

    def on_resize(self) -> None:
        self.apply_layout()

    @property
    def need(self) -> tuple[int, int]:
        return MIN_SIZE

    def apply_layout(self) -> bool:
        """Arrange the screen as ``plan_layout`` says for this terminal and level; True if the game shows."""
        plan = plan_layout((self.size.width, self.size.height), self.level_size)
        if plan == self.plan:
            return not plan.too_small
        old, self.plan = self.plan, plan
        if old is None or plan.too_small != old.too_small:
            self.set_class(plan.too_small, "-too-small")
            self.app.refresh_bindings()  # the game's keys are off while it is hidden
        if plan.too_small:
            width, height = plan.size
            self.query_one(TooSmall).update(
                f"The terminal is {width}×{height}; the game needs at least {MIN_SIZE[0]}×{MIN_SIZE[1]}.\n\n"
                "Enlarge the window, and the game comes back."
            )
            return False
        self.set_class(not plan.header, "-no-header")
        self.set_class(not plan.charts, "-no-charts")
        self.set_class(plan.compact_items, "-compact-items")
        for panel in (self.query_one(Inventory), self.query_one(Doors)):
            panel.set_compact(plan.compact_items)
        body = self.query_one("#body")
        for side in ("left", "right", ""):
            body.set_class(plan.log == side, f"-log-{side or 'none'}")
        body.styles.grid_columns = f"{plan.board[0]} 1fr"
        body.styles.grid_rows = f"1fr {plan.log_rows}" if plan.log == "right" else "auto 1fr"
        self.query_one(GridView).set_cells(plan.cell, plan.view if plan.scrolls else None)
        return True

    def check_size(self) -> bool:
        return self.apply_layout()
