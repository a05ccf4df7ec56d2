"""Step back and forth through a recorded episode; take over from any step.

The replay was re-simulated from the level and the actions (``procmem_tui.recording.replay``); this screen
only moves a cursor over its states. ``t`` dismisses the screen with a ``TakeOver`` for the app to start
a new episode from the state under the cursor.

The board follows the main grid's rule (``tui.layout.fit_board``) in the space left of a ``PANELS``-wide
column: the biggest cells that fit, down to one character a cell, then a window that follows the player, so
any level replays whole (or scrolling) at 80×24 and gets big cells in a big window.

A level with a sight radius (its recorded text's ``; view: N``) replays under fog as it was at each step: what
was in sight then, what had been seen before (as last seen) and what had not (``tui.fog.FogHistory``, recomputed
from the recorded states); the keys and doors panels name only the keys and doors seen by that step, as the
game's do. ``v`` shows the whole level with the sight drawn over it (and the panels list everything), and back. Episodes recorded
before fog existed have no header and replay whole, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Static

from procmem_tui.safe_text import markup_safe
from procmem_tui.tui.fog import FogHistory
from procmem_tui.tui.layout import Board, fit_board
from procmem_tui.tui.short_names import fitting
from procmem_tui.tui.unsaved import unsaved
from procmem_tui.tui.widgets.doors import Doors
from procmem_tui.tui.widgets.episode import ordinal
from procmem_tui.tui.widgets.grid import GridView
from procmem_tui.tui.widgets.inventory import Inventory
from procmem_tui.tui.widgets.key_bar import KeyBar
from procmem_tui.tui.widgets.timeline import Timeline
from procmem_tui.tui.symbols import ascii_text, sym

SPEEDS = (1, 2, 4, 8, 15, 30)
PANELS = 44  # the right column (episode, keys and doors, this step, the timeline): readable at 80 columns
KEY_IMPORTANCE = ("close", "forward", "back", "play_pause", "take_over", "watch", "first", "last", "speed(1)")  # footer
LEFT_MIN = 30  # the board's column is never narrower (the warnings under the board need it)
CHROME = 2  # rows: the header and the footer


def replay_board(size: tuple[int, int], level_size: tuple[int, int]) -> Board:
    """The replay's board for a terminal of ``size``: the main grid's rule in the replay's space."""
    width, height = size
    return fit_board((width - PANELS, height - CHROME), level_size)


def when(started_at: str) -> str:
    """The recorded wall time as a person reads it, ``2026-12-07 04:11 UTC`` (stored as ISO 8601 with seconds
    and an offset); a time that does not read as one is shown as it is."""
    from datetime import datetime, timezone

    try:
        moment = datetime.fromisoformat(started_at)
    except ValueError:
        return started_at
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def who_played(row, steps) -> str:
    """Who played a recorded episode, from its steps' actors: "you" when a person chose every step, "you (with
    the agent)" when both did (a person pressing any key makes the episode theirs), else the agent by name."""
    if row.source != "player":
        return f"the {row.agent} agent"
    return "you" if all(step.actor == "player" for step in steps) else "you (with the agent)"


@dataclass(frozen=True)
class TakeOver:
    """Start a new episode on ``level`` from ``state`` (the replay's step ``index``)."""

    level: object
    state: object
    index: int


SHORT = 32  # below this many rows the timeline is capped so the column fits (app.tcss: .-short)


class ReplayScreen(Screen):
    BINDINGS = [
        Binding("right", "forward", "step", id="replay-forward"),
        Binding("left", "back", "back", id="replay-back"),
        Binding("home", "first", "first", id="replay-first"),
        Binding("end", "last", "last", id="replay-last"),
        Binding("space", "play_pause", "play/pause", id="replay-play"),
        Binding("plus,equals_sign", "speed(1)", "faster", id="replay-faster"),
        Binding("minus", "speed(-1)", "slower", id="replay-slower"),
        Binding("t", "take_over", "take over", id="replay-take-over"),
        Binding("v", "watch", "sight", id="replay-watch"),
        Binding("escape", "close", "close", id="replay-close"),
    ]

    def __init__(self, replay, skill_names: dict[str, str] | None = None, *, speed: int = 4,
                 here: int | None = None) -> None:
        """``here``: which visit to its level the episode was, as the game's episode panel said it (``tui.visits``;
        None: the number alone)."""
        super().__init__()
        self.replay = replay
        self.here = here
        self.skill_names = skill_names or {}
        self.index = 0
        self.speed = speed
        self.playing = False
        self._timer: Timer | None = None
        level = replay.level
        self.fog = FogHistory(level, level.view, replay.states) if level.view is not None else None
        self.reveal = False  # v: the whole level with the sight drawn over it

    def compose(self) -> ComposeResult:
        rec = self.replay
        grid, left = GridView(id="replay-grid"), Vertical(id="replay-left")
        self._fit_board(grid, left)
        yield Header(icon=sym("textual"))
        with Horizontal(id="replay-body"):
            with left:
                with Vertical(id="replay-grid-box"):
                    yield grid
                yield Static(id="replay-warnings")
            with Vertical(id="replay-right"):
                yield Static(id="replay-info")
                with Horizontal(id="replay-items"):
                    yield Inventory(id="replay-inventory")
                    yield Doors(id="replay-doors")
                yield Static(id="replay-step")
                yield Timeline(id="replay-timeline")
        yield KeyBar(KEY_IMPORTANCE, ("close",))
        self.title = f"replay: episode {rec.row.episode}"

    def on_mount(self) -> None:
        rec = self.replay
        self._title_board()
        self.query_one("#replay-inventory").border_title = "keys"
        self.query_one("#replay-doors").border_title = "doors"
        self.query_one("#replay-step").border_title = "this step"
        self.query_one("#replay-info").border_title = "episode"
        self.query_one(Timeline).names = self.skill_names
        warnings = self.query_one("#replay-warnings", Static)
        if rec.warnings:
            warnings.update(Content.styled(f"{sym('warning')} replay differs from the record:\n" + "\n".join(rec.warnings), "$warning"))
            self.notify(rec.warnings[0], title="replay mismatch", severity="warning", timeout=8)
        else:
            warnings.display = False
        self.query_one("#replay-info", Static).update(self._episode_text())
        self.show_step()

    def on_resize(self) -> None:
        self._fit_board(self.query_one(GridView), self.query_one("#replay-left"))
        self._title_board()

    def _title_board(self) -> None:
        """The board's title fitted to its column in whole words (as the game's): the level's name, size and
        sight radius, else its name, else (a long name in a narrow column) the sight radius alone."""
        level, name = self.replay.level, self.replay.row.level_name
        sight = f" · sight {level.view}" if level.view is not None else ""
        room = max(self.board.box[0], LEFT_MIN) - 6  # corners, spaces, a dash each side
        forms = (f"{name} · {level.width}x{level.height}{sight}", name + sight, name)
        title = fitting(room, *forms) or fitting(room, sight[len(" · "):])  # no room for the name: the sight alone
        self.query_one("#replay-grid-box").border_title = markup_safe(title)

    def _fit_board(self, grid: GridView, left: Vertical) -> None:
        level = self.replay.level
        board = replay_board(tuple(self.app.size), (level.width, level.height))
        self.board = board
        grid.set_cells(board.cell, board.view if board.scrolls else None)
        left.styles.width = max(board.box[0], LEFT_MIN)
        self.set_class(self.app.size.height < SHORT, "-short")  # the timeline's legend scrolls, not the screen

    def _episode_text(self) -> str:
        row = self.replay.row
        who = who_played(row, self.replay.steps)
        outcome = "reached the goal" if row.success else ("ran out of steps" if row.truncated else "unfinished")
        optimal = f" (optimal {row.optimal_steps})" if row.optimal_steps else ""
        seed = f" · seed {row.seed}" if row.seed is not None else ""
        here = f" · {ordinal(self.here)} here" if self.here else ""
        recorded = f"played {when(row.started_at)}, not saved yet" if unsaved(row) else f"recorded {when(row.started_at)}"
        text = (f"episode {row.episode}{here} · {row.level_name}{seed}\n{who} {outcome} in {row.steps} steps"
                f"{optimal}, reward {row.reward:+.1f}\n{recorded}")
        if row.learned:
            born = ", ".join(f"{name} ({kind})" for kind, _, name in row.learned[:4])
            more = f" and {len(row.learned) - 4} more" if len(row.learned) > 4 else ""
            text += f"\nlearned from it: {born}{more}"
        return "\n".join(markup_safe(line) for line in text.split("\n"))

    # -- showing -------------------------------------------------------------------------------

    @property
    def state(self):
        return self.replay.states[self.index]

    def show_step(self) -> None:
        rec = self.replay
        state = self.state
        level = rec.level
        sightings = self.fog.sightings_at(self.index) if self.fog is not None else None
        fog = sightings.layer(state, reveal=self.reveal) if sightings is not None else None
        self.query_one(GridView).show(level, state, fog=fog)
        fogged = sightings is not None and not self.reveal  # the panels name only what was seen by this step

        def known(pos) -> bool:
            return not fogged or sightings.has_seen(pos)

        self.query_one(Inventory).show(tuple(k for p, k in level.keys.items() if p not in state.taken and known(p)),
                                       state.keys)
        self.query_one(Doors).show({p: letter for p, letter in level.doors.items() if known(p)}, state.opened, fogged)
        self.query_one(Timeline).show(rec, self.index)
        self.query_one("#replay-step", Static).update(self.step_text())
        self.sub_title = f"step {self.index}/{len(rec)}" + (f" · playing at {self.speed} steps/s" if self.playing else "")

    def step_text(self) -> str:
        """The step that led to the state shown, and the skill active then."""
        rec, i = self.replay, self.index
        reward = sum(s.reward for s in rec.steps[:i])
        if i == 0:
            return f"start of the episode · reward {reward:+.1f}\n{sym('right')} / {sym('left')} step, home / end, space plays, t takes over"
        step = rec.steps[i - 1]
        who = "you" if step.actor == "player" else "agent"
        lines = [f"step {i}/{len(rec)}: {who} chose {step.action.value}", f"events: {', '.join(step.events) or sym('dash')}"
                 f" · reward {step.reward:+.1f} (total {reward:+.1f})"]
        if step.skill_id:
            lines.append(f"skill: {self.skill_names.get(step.skill_id, step.skill_id)}")
        if step.reason:
            lines.append(f"why: {step.reason}")
        return ascii_text("\n".join(markup_safe(line) for line in lines))  # an agent's reasons, in the symbols in use

    # -- actions -------------------------------------------------------------------------------

    def go(self, index: int) -> None:
        self.index = max(0, min(len(self.replay), index))
        self.show_step()

    def action_forward(self) -> None:
        self.go(self.index + 1)

    def action_back(self) -> None:
        self.go(self.index - 1)

    def action_first(self) -> None:
        self.go(0)

    def action_last(self) -> None:
        self.go(len(self.replay))

    def action_play_pause(self) -> None:
        self.playing = not self.playing
        if self.playing and self.index >= len(self.replay):
            self.index = 0
        self._restart_timer()
        self.show_step()

    def action_speed(self, direction: int) -> None:
        faster = [s for s in SPEEDS if s > self.speed]
        slower = [s for s in SPEEDS if s < self.speed]
        self.speed = (faster[0] if faster else self.speed) if direction > 0 else (slower[-1] if slower else self.speed)
        self._restart_timer()
        self.show_step()  # the subtitle says the speed (a toast here would follow the person back to the game)

    def _restart_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.playing:
            self._timer = self.set_interval(1 / self.speed, self._tick, name="replay")

    def _tick(self) -> None:
        if self.index >= len(self.replay):
            self.playing = False
            self._restart_timer()
            self.show_step()
            return
        self.action_forward()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "watch" and self.fog is None:
            return False  # no fog in this episode: nothing to toggle
        return True

    def action_watch(self) -> None:
        self.reveal = not self.reveal
        self.show_step()

    def action_take_over(self) -> None:
        """A new episode from this step's position, keys and doors, with a fresh step budget."""
        if self.state.pos in self.replay.level.goals:
            self.notify(f"the episode ends here: step back ({sym('left')}) to take over before the goal", severity="warning")
            return
        self._stop()
        self.dismiss(TakeOver(self.replay.level, self.state._replace(steps=0), self.index))

    def action_close(self) -> None:
        self._stop()
        self.dismiss(None)

    def _stop(self) -> None:
        self.playing = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def on_unmount(self) -> None:
        self._stop()
