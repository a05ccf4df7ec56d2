"""The help screen (like Textual's five_by_five example): what the game is, the glyphs, every key.

The keys sit in two columns so the whole screen (quit included) fits a 120x40 terminal without scrolling; each
key's description wraps under itself, not under the key. How to leave is on the frame (its subtitle), so the
first screen says it at any size.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal
from textual.screen import ModalScreen
from textual.content import Content
from textual.widgets import Markdown, Static
from procmem_tui.tui.widgets.key_bar import dialog_keys
from procmem_tui.tui.widgets.lists import ViScroll
from procmem_tui.world import glyphs
from procmem_tui.world.glyphs import IN_SIGHT, REMEMBERED, cell_text
from procmem_tui.tui.symbols import ascii_text

def intro() -> str:
    """What the game is and how the board draws it, in the glyphs in use (``world.glyphs``: Unicode, or ASCII in a
    terminal whose locale is not UTF-8)."""
    def shown(code: str, look: str = IN_SIGHT, wide: bool = True) -> str:
        return f"**{cell_text(code, look, wide).strip()}**"

    def remembered(code: str, wide: bool = True) -> str:
        return shown(code, REMEMBERED, wide)

    never, moves = glyphs.NEVER_SEEN, " ".join(glyphs.path_mark(m) for m in ("move_up", "move_down", "move_left", "move_right"))
    return ascii_text(f"""\
You are {shown("@")}: get to the goal {shown("G")}. A key {shown("a")} opens the door of the same letter {shown("A")}, which then
stays open {shown("1")}. Walls {shown("#")} and boxes {shown("X")} block. Every step costs 0.1; a key gives +1, a door +2, the
goal +10.

Play yourself, or press **space** to let the agent play. The agent turns the episodes it wins — *and the ones
you win* — into **skills**: reusable procedures that show up in the skills panel (yours are marked **you**).
While a skill runs, its next moves are drawn on the grid ({moves}, {glyphs.path_mark("")} for a pick-up or a door) and the Why
line says which skill the agent chose and why. Press any move key to take control back at once, even in the
middle of a skill.

Fog (`--view N`; in the app **ctrl+p** "fog", or **f** in the map picker, turns it on or off): cells in sight are drawn as above; cells seen before as last seen, dimmed and hollow:
floor blank, walls {remembered("#")}, boxes {remembered("X")}, goal {remembered("G")}, keys {remembered("a")}, doors {remembered("A")} {remembered("1")} (a door seen closed stays
closed until seen again); never seen **{never * 2}**. While the agent plays, **v** shows the whole level and its sight.

Small cells (a big level in a small window draws one character a cell): you {shown("@", wide=False)}, floor {shown(".", wide=False)}, goal {shown("G", wide=False)}, key
{shown("a", wide=False)}, door {shown("A", wide=False)}, open door {shown("1", wide=False)}, wall {shown("#", wide=False)}, box {shown("X", wide=False)}; remembered {remembered("a", False)} {remembered("A", False)} {remembered("1", False)} {remembered("#", False)} {remembered("X", False)} {remembered("G", False)}; never
seen **{never}**.

Modes: **MANUAL** you play · **AUTO** the agent plays · **PAUSED** the agent has control, stopped ·
**STEP** the agent does one action per **n**. Mouse: click a cell to walk there (any key stops), a skill row
for its details.
""")

# action -> what it does, in the order the key list shows them
DESCRIPTIONS = [
    ("app.move('move_up')", "move up"), ("app.move('move_down')", "move down"),
    ("app.move('move_left')", "move left"), ("app.move('move_right')", "move right"),
    ("app.act('pickup_key')", "pick up the key underfoot"), ("app.act('open_door')", "open a door next to you"),
    ("app.play_pause", "the agent plays / pauses"),
    ("app.agent_step", "one agent action (step mode)"),
    ("app.speed(1)", "faster (up to 60 steps/s)"), ("app.speed(-1)", "slower"),
    ("app.restart", "restart this episode"), ("app.new_layout", "a new generated layout"),
    ("app.map", "choose a level, file or family"),
    ("app.skills", "skill details and neighbours"),
    ("app.knowledge", "what it knows (skills, model)"),
    ("app.episodes", "recorded episodes: replay one"),
    ("app.curves", "learning curves"),
    ("app.watch", "fog: the agent's sight / the whole level"),
    ("app.why", "the whole Why text (why the agent did that)"),
    ("help", "this help"), ("command_palette", "palette: levels, agents, themes"),
    ("quit", "quit (what was learned is saved)"),
]
REPLAY_KEYS = "→ ← a step · home end first, last · space plays · + - speed · t takes over from the step shown · v the whole level (fog) · esc back"
KEY_WIDTH = 9


def bound_keys(app, screen) -> dict[str, list[str]]:
    """Action -> the keys bound to it on ``screen`` now, as shown (so remapped keys show as remapped)."""
    keys: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        display = app.get_key_display(active.binding)
        keys.setdefault(active.binding.action, [])
        if display not in keys[active.binding.action]:
            keys[active.binding.action].append(display)
    return keys


def key_rows(keys_by_action: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(keys as shown, what they do) for every bound action, in ``DESCRIPTIONS``' order."""
    return [(" ".join(keys_by_action[action]), text) for action, text in DESCRIPTIONS if keys_by_action.get(action)]


def key_lines(keys_by_action: dict[str, list[str]]) -> Content:
    parts: list = []
    for keys, text in key_rows(keys_by_action):
        parts += [(f" {keys:<{KEY_WIDTH}}", "bold $accent"), (text, ""), "\n"]
    return Content.assemble(*parts)


def key_columns(keys_by_action: dict[str, list[str]]) -> tuple[list, list]:
    """The key rows split in two halves (left, right)."""
    rows = key_rows(keys_by_action)
    half = (len(rows) + 1) // 2
    return rows[:half], rows[half:]


def key_column(rows: list[tuple[str, str]], id: str) -> Grid:
    """A column of keys: each key in its own cell, its description beside it, wrapping under itself."""
    cells = []
    for keys, text in rows:
        cells += [Static(Content.styled(f" {keys}", "bold $accent"), classes="help-key"), Static(text, classes="help-what")]
    return Grid(*cells, id=id, classes="help-key-column")


class HelpScreen(ModalScreen):
    BINDINGS = [
        Binding("escape", "dismiss", "close", id="help-close"),
        Binding("question_mark", "dismiss", "close", show=False, id="help-close-2"),
    ]

    def __init__(self, keys_by_action: dict[str, list[str]]) -> None:
        super().__init__()
        self.keys_by_action = keys_by_action

    def compose(self) -> ComposeResult:
        with ViScroll(id="help-body"):
            yield Markdown(intro())
            yield Static(Content.styled("Keys", "bold $primary"), classes="help-heading")
            left, right = key_columns(self.keys_by_action)
            with Horizontal(id="help-keys"):
                yield key_column(left, "help-keys-left")
                yield key_column(right, "help-keys-right")
            yield Static(Content.assemble(("In a replay  ", "bold $primary"), (ascii_text(REPLAY_KEYS), "")), classes="help-heading")
            yield Static(Content.styled("escape or ? goes back to the game", "italic $text-muted"), classes="help-heading")
        yield dialog_keys()

    def on_mount(self) -> None:
        body = self.query_one("#help-body")
        body.border_title = "help"
        body.border_subtitle = "esc or ? goes back"
