"""The help screen (like Textual's five_by_five example): what the game is, the glyphs, every key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.content import Content
from textual.widgets import Markdown, Static

INTRO = """\
Get the agent **@@** to the goal **★**. A key **⌐a** opens the door of the same letter **■A**, which then
stays open **□A**. Walls **██** and boxes **[]** block. Every step costs 0.1; a key gives +1, a door +2, the
goal +10.

Play yourself, or press **space** to let the agent play. The agent turns the episodes it wins — *and the ones
you win* — into **skills**: reusable procedures that show up in the skills panel (yours are marked **you**).
While a skill runs, its next moves are drawn on the grid (↑ ↓ ← →, ∘ for a pick-up or a door) and the Why
line says which skill the agent chose and why. Press any move key to take control back at once, even in the
middle of a skill.

Modes: **MANUAL** you play · **AUTO** the agent plays · **PAUSED** the agent has control, stopped ·
**STEP** the agent does one action per **n**.
"""

# action -> what it does, in the order the key list shows them
DESCRIPTIONS = [
    ("app.move('move_up')", "move up"), ("app.move('move_down')", "move down"),
    ("app.move('move_left')", "move left"), ("app.move('move_right')", "move right"),
    ("app.act('pickup_key')", "pick up the key under the agent"), ("app.act('open_door')", "open a door next to the agent"),
    ("app.play_pause", "hand control to the agent and play / pause it"),
    ("app.agent_step", "one agent action, then wait (step mode)"),
    ("app.speed(1)", "faster (1 to 60 steps/s)"), ("app.speed(-1)", "slower"),
    ("app.restart", "restart this episode"), ("app.new_layout", "a new generated layout (next seed)"),
    ("app.map", "choose a level, a level file or a generated family"),
    ("app.skills", "browse the skills: preconditions, program, versions, neighbours"),
    ("app.episodes", "recorded episodes: replay one (→ ← step, home end, space, + -, t takes over, esc)"),
    ("app.curves", "learning curves: steps against optimal, success, library size, skill share"),
    ("help", "this help"), ("command_palette", "command palette: levels, agents, themes, clear, export"),
    ("quit", "quit (everything learned is already saved)"),
]


def key_lines(keys_by_action: dict[str, list[str]]) -> Content:
    parts: list = []
    for action, text in DESCRIPTIONS:
        keys = keys_by_action.get(action)
        if keys:
            parts += [(f"  {' '.join(keys):<14}", "bold $accent"), (text, ""), "\n"]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen):
    BINDINGS = [
        Binding("escape", "dismiss", "close", id="help-close"),
        Binding("question_mark", "dismiss", "close", show=False, id="help-close-2"),
    ]

    def __init__(self, keys_by_action: dict[str, list[str]]) -> None:
        super().__init__()
        self.keys_by_action = keys_by_action

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(INTRO)
            yield Static(Content.styled("Keys", "bold $primary"), classes="help-heading")
            yield Static(key_lines(self.keys_by_action), id="help-keys")
            yield Static(Content.styled("escape or ? goes back to the game", "italic $text-muted"), classes="help-heading")

    def on_mount(self) -> None:
        self.query_one("#help-body").border_title = "help"
