"""The main screen: grid, inventory, doors, episode panel, skills, charts, event log and the Why line.

The body is a two-column grid: the level on the left, the panels on the right. The event log sits under the
level when there is room for it (at least ``LOG_LEFT`` rows); under a tall level (a 32x32 one at 40 rows) it
moves to the bottom of the right column instead of shrinking to nothing. ``needed`` is the smallest terminal
in which every panel stays readable; below it the screen shows a message instead of the game.

Its bindings name ``app.`` actions: the screen only lays things out, the app calls the Session. Every binding
has an id, so ``App.set_keymap({"move-up": "i"})`` remaps it; no two bindings share a key.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Container, Horizontal, Vertical
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


LEFT_MIN = 44  # the left column: the level's 2 columns a cell + border, at least this
RIGHT_MIN = 52  # the right column (episode, keys, doors, skills, charts)
PANELS_MIN = 21  # the right column's height: episode 6 + keys/doors 4 + skills 5 + charts 6
FIXED_PANELS = 16  # the right column's fixed-height panels (episode, keys/doors, charts)
CHROME = 4  # header, the Why line (2), footer
LOG_MIN = 5  # the event log: border + 3 lines
LOG_LEFT = 8  # the log stays under the level when it gets at least this many rows there
LOG_RIGHT_MAX = 8  # in the right column the log takes at most this many rows; the skills keep the rest


def needed(level_width: int, level_height: int) -> tuple[int, int]:
    """The smallest terminal (width, height) that shows this level with every panel readable."""
    box = level_height + 2
    log_left = max(box + LOG_MIN, PANELS_MIN)
    log_right = max(box, PANELS_MIN + LOG_MIN)
    return max(2 * level_width + 2, LEFT_MIN) + RIGHT_MIN, min(log_left, log_right) + CHROME


def log_place(level_height: int, screen_height: int) -> tuple[str, int]:
    """Where the event log goes: ("left", 0) under the level, or ("right", rows) under the panels."""
    body = screen_height - CHROME
    left_room = body - (level_height + 2)
    right_room = body - PANELS_MIN
    if left_room >= LOG_LEFT or left_room >= right_room:
        return "left", 0
    return "right", max(LOG_MIN, min(LOG_RIGHT_MAX, (body - FIXED_PANELS) // 2))


def _binding(id_, key, action, description, show, group) -> Binding:
    return Binding(key, f"app.{action}", description, show=show, id=id_, group=group)


class TooSmall(Static):
    """Shown instead of the game when the terminal is smaller than the level needs."""


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
    log_side: str = "left"

    def fit_level(self, level_width: int, level_height: int) -> bool:
        """Lay the screen out for a level of this size; True if the terminal is big enough."""
        self.level_size = (level_width, level_height)
        self.query_one("#body").styles.grid_columns = f"{max(2 * level_width + 2, LEFT_MIN)} 1fr"
        return self.check_size()

    def on_resize(self) -> None:
        self.check_size()

    @property
    def need(self) -> tuple[int, int]:
        return needed(*self.level_size)

    def check_size(self) -> bool:
        """Place the log, and show the too-small message when the screen is smaller than ``need``."""
        need = self.need
        width, height = self.size
        side, rows = log_place(self.level_size[1], height)
        body = self.query_one("#body")
        if side != self.log_side or (side == "right" and body.styles.grid_rows[-1].value != rows):
            self.log_side = side
            body.set_class(side == "right", "-log-right")
            body.styles.grid_rows = f"1fr {rows}" if side == "right" else "auto 1fr"
        fits = width >= need[0] and height >= need[1]
        if fits == self.has_class("-too-small"):
            self.set_class(not fits, "-too-small")
            self.app.refresh_bindings()  # the game's keys are off while it is hidden
        if not fits:
            self.query_one(TooSmall).update(
                f"The terminal is {width}×{height}; this level needs at least {need[0]}×{need[1]}.\n\n"
                "Enlarge the window (or pick a smaller level with m), and the game comes back."
            )
        return fits
