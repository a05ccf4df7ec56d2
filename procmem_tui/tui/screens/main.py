"""The main screen: grid, inventory, doors, episode panel, skills, charts, event log and the Why line.

Its bindings name ``app.`` actions: the screen only lays things out, the app calls the Session. Every binding
has an id, so ``App.set_keymap({"move-up": "i"})`` remaps it; no two bindings share a key.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from procmem_tui.tui.widgets.charts import Charts
from procmem_tui.tui.widgets.doors import Doors
from procmem_tui.tui.widgets.episode import EpisodePanel
from procmem_tui.tui.widgets.event_log import EventLog
from procmem_tui.tui.widgets.grid import GridView
from procmem_tui.tui.widgets.inventory import Inventory
from procmem_tui.tui.widgets.skills import SkillsTable
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


class TooSmall(Static):
    """Shown instead of the game when the terminal is smaller than the level needs."""


class MainScreen(Screen):
    BINDINGS = [_binding(*row) for row in GAME_BINDINGS]

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                with Center(id="grid-box"):
                    yield GridView(id="grid")
                yield EventLog(id="log")
            with Vertical(id="right"):
                yield EpisodePanel(id="episode")
                with Horizontal(id="items"):
                    yield Inventory(id="inventory")
                    yield Doors(id="doors")
                yield SkillsTable(id="skills")
                yield Charts(id="charts")
        yield WhyLine(id="why")
        yield TooSmall(id="too-small")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#grid-box").border_title = "grid"
        self.query_one("#log").border_title = "events"
        self.query_one("#episode").border_title = "episode"
        self.query_one("#inventory").border_title = "keys"
        self.query_one("#doors").border_title = "doors"
        self.query_one("#skills").border_title = "skills"
        self.query_one("#charts").border_title = "per episode"

    need: tuple[int, int] = (0, 0)

    def on_resize(self) -> None:
        self.check_size(self.need)

    def check_size(self, need: tuple[int, int]) -> bool:
        """Show the too-small message when the screen is smaller than ``need`` (width, height); True if it fits."""
        self.need = need
        width, height = self.size
        fits = width >= need[0] and height >= need[1]
        self.set_class(not fits, "-too-small")
        if not fits:
            self.query_one(TooSmall).update(
                f"The terminal is {width}×{height}; this level needs at least {need[0]}×{need[1]}.\n\n"
                "Enlarge the window (or pick a smaller level with m), and the game comes back."
            )
        return fits
