"""The help screen (like Textual's five_by_five example): what the game is, the glyphs, every key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

INTRO = """\
# procmem — procedural memory in a grid world

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

# binding id -> what it does, in the order the table lists them
DESCRIPTIONS = [
    ("move-up", "move up"), ("move-down", "move down"), ("move-left", "move left"), ("move-right", "move right"),
    ("pickup", "pick up the key under the agent"), ("open", "open a door next to the agent"),
    ("play-pause", "hand control to the agent and play / pause it"), ("step", "one agent action (step mode)"),
    ("faster", "faster (1–60 steps/s)"), ("slower", "slower"), ("restart", "restart this episode"),
    ("new-layout", "a new generated layout (next seed)"), ("map", "choose a level or a generated family"),
    ("skills", "browse the skills and their details"), ("help", "this help"), ("command-palette", "command palette"),
    ("quit", "quit (everything learned is saved)"),
]


def key_table(keys_by_id: dict[str, list[str]]) -> str:
    lines = ["| keys | what they do |", "|---|---|"]
    for binding_id, text in DESCRIPTIONS:
        keys = keys_by_id.get(binding_id)
        if keys:
            lines.append(f"| `{'` `'.join(keys)}` | {text} |")
    return "\n".join(lines)


class HelpScreen(ModalScreen):
    BINDINGS = [
        Binding("escape", "dismiss", "close", id="help-close"),
        Binding("question_mark", "dismiss", "close", show=False, id="help-close-2"),
    ]

    def __init__(self, keys_by_id: dict[str, list[str]]) -> None:
        super().__init__()
        self.keys_by_id = keys_by_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(INTRO + "\n## Keys\n\n" + key_table(self.keys_by_id) + "\n\nPress **escape** to go back.")
