"""Trying a level from the editor: you play it, or the agent does, for one episode; then back to the editor.

A ``TrialScreen`` runs its own ``Session`` on the edited level (the game's ``GridView`` draws it) and dismisses
with a ``TrialResult``: steps against the optimal length and the skills the episode taught. ``Trials`` says
where the agent's skills come from: the library in use (the app's, or the one ``procmem edit`` opened) or a
fresh one that is thrown away. The agent decides in a thread worker of the screen (``tui/thinking.py``), one step
at a time, so keys (escape) act while it thinks; a decision still under way when the screen goes is never taken,
and the next try on the library (or the app's own play) waits for it to end: their sessions share one lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker

from procmem_tui.session import LevelSource, Session
from procmem_tui.safe_text import markup_safe
from procmem_tui.tui.fog import Sightings
from procmem_tui.tui.short_names import fitting
from procmem_tui.tui.thinking import Thinking
from procmem_tui.tui.widgets.grid import GridView

AGENT_SPEED = 30  # steps a second while the agent plays
MOVES = {"up": "move_up", "down": "move_down", "left": "move_left", "right": "move_right",
         "w": "move_up", "s": "move_down", "a": "move_left", "d": "move_right",
         "k": "move_up", "j": "move_down", "h": "move_left", "l": "move_right",
         "p": "pickup_key", "o": "open_door"}


@dataclass(frozen=True)
class TrialResult:
    who: str  # "you" or "the agent (…)"
    steps: int
    optimal: int
    success: bool
    learned: tuple[str, ...] = ()
    finished: bool = True

    def line(self) -> str:
        if not self.finished:
            return f"{self.who}: stopped after {self.steps} steps (optimal {self.optimal})"
        verdict = "reached the goal" if self.success else "ran out of steps"
        learned = f"; learned {len(self.learned)}: {', '.join(self.learned)}" if self.learned else "; no new skill"
        return f"{self.who} {verdict} in {self.steps} steps (optimal {self.optimal}){learned}"


class Trials:
    """What a trial needs from its surroundings: an agent factory, the library in use, its store, and the lock of the
    sessions that use that library (``Session.exclusive``: the app's; by default one for these tries alone). Every
    try shares it, a fresh library's too, so a try waits for the decision a try left before it may still be making.
    ``recorder``: the app's saver (``tui.saving``), which writes a try's record in its thread, in order behind the
    game's records; without it the record is written at the try's end, on the event loop (``procmem edit``)."""

    def __init__(self, make_agent, library=None, store=None, agent_name: str = "procmem", seed: int = 0,
                 on_learned=None, view=None, lock=None, recorder=None) -> None:
        self.make_agent = make_agent
        self.library = library
        self.store = store
        self.recorder = recorder
        self.lock = lock if lock is not None else threading.RLock()
        self.agent_name = agent_name
        self.seed = seed
        self.on_learned = on_learned  # called after a trial that used the library in use
        self.view = view  # a --view override for every try (a radius, "all"), or None: the level's own header

    def session(self, level, *, fresh: bool) -> Session:
        from procmem_tui.memory import SkillLibrary
        from procmem_tui.world.level import view_overridden

        level = view_overridden(level, self.view)
        if fresh:
            agent = self.make_agent("procmem", seed=self.seed, library=SkillLibrary(seed=self.seed))
            return Session(LevelSource.fixed(level), agent, None, lock=self.lock)
        if self.library is None:  # no library in use yet: one for this editor's tries
            self.library = SkillLibrary(seed=self.seed)
        agent = self.make_agent(self.agent_name, seed=self.seed, library=self.library)
        recorder = self.recorder if self.store is not None else None
        return Session(LevelSource.fixed(level), agent, self.store, lock=self.lock, recorder=recorder)


class TrialScreen(Screen[TrialResult | None]):
    """One episode of the edited level; ``agent`` True lets the agent play it."""

    BINDINGS = [
        Binding("escape", "stop", "back to the editor", id="trial-stop"),
        Binding("enter", "finish", "to the end", id="trial-finish"),
    ]
    DEFAULT_CSS = """
    TrialScreen { align: center middle; }
    #trial-box { border: $panel-edge $secondary; width: auto; height: auto; max-height: 1fr; }
    #trial-status { width: 1fr; height: auto; padding: 0 1; }
    """

    def __init__(self, level, trials: Trials, *, agent: bool, fresh: bool = False) -> None:
        super().__init__()
        self.level = level
        self.trials = trials
        self.agent = agent
        self.fresh = fresh
        self.session = trials.session(level, fresh=fresh)
        self.who = "you" if not agent else f"the agent ({'fresh library' if fresh else 'your library'})"
        self._timer = None
        self.thinking = Thinking(self)
        view = self.session.view  # the level's sight radius, or the edit command's --view
        self._sightings = Sightings(self.session.level, view) if view is not None else None

    def compose(self) -> ComposeResult:
        yield Static(id="trial-status")
        yield GridView(id="trial-box")
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        if self.agent:
            self._timer = self.set_interval(1 / AGENT_SPEED, self._agent_step, name="trial-agent")

    def _show(self) -> None:
        session = self.session
        fog = None
        if self._sightings is not None:  # under fog the try is played as the game plays it: remembered, unknown
            self._sightings.see(session.state)
            fog = self._sightings.layer(session.state)
        grid = self.query_one(GridView)
        grid.show(session.level, session.state, fog=fog)
        room = grid.cell[0] * session.level.width - 4  # the box's width inside its corners and a dash each side
        grid.border_title = markup_safe(fitting(room, f"trying {self.level.name}", self.level.name))
        hint = "the agent plays" if self.agent else "arrows/WASD/hjkl move, p picks up, o opens"
        self.query_one("#trial-status", Static).update(markup_safe(
            f"trying {self.level.name} ({self.who}): {hint} · steps {session.state.steps}/{self.level.max_steps}"
            f" · optimal {session.optimal_steps} · escape: back to the editor"))

    def _agent_step(self) -> None:
        """A tick: the agent is asked for its next step in a thread; a tick while it thinks waits for the next, and
        a tick that comes when a decision is done but its message not handled yet takes it (asking again would
        ask the agent twice for one observation: its plan would go on without the step it chose)."""
        if self.session.done or not self.is_attached or self.thinking.busy:
            return
        if self.thinking.ticket is not None:
            self._take(self.thinking.take_now())
            return
        self.thinking.start(self.session)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The agent's decision is done: take it (its error, if it failed, is raised here, on the event loop)."""
        if self.thinking.done(event.worker) is None or not self.is_attached or self._timer is None:
            return
        self._take(self.thinking.take_now())

    def _take(self, made: tuple | None) -> None:
        report = self.session.take(*made) if made is not None else None
        if report is None:
            return
        self._show()
        if report.summary is not None:
            self._end(report.summary)

    def on_key(self, event) -> None:
        if self.agent or event.key not in MOVES or self.session.done:
            return
        event.stop()
        report = self.session.player_step(MOVES[event.key])
        self._show()
        if report.summary is not None:
            self._end(report.summary)

    def action_finish(self) -> None:
        """The agent plays the rest at once."""
        if not self.agent or self.session.done:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._take(self.thinking.take_now())  # a decision under way is waited for and is the first step
        if self.is_attached and not self.session.done:
            self._end(self.session.run_episode(advance=False))

    def _end(self, summary) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        learned = tuple(e.name for e in summary.learned if e.kind != "merged")
        if not self.fresh and self.trials.on_learned is not None:
            self.trials.on_learned()
        self.dismiss(TrialResult(self.who, summary.steps, summary.optimal_steps, summary.success, learned))

    def action_stop(self) -> None:
        """Back to the editor now, even while the agent thinks: its decision is left to end in its thread and is
        never taken (the session and its agent are dropped with the screen)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.thinking.busy:
            self.session.agent.interrupt()
        self.dismiss(TrialResult(self.who, self.session.state.steps, self.session.optimal_steps, False,
                                 finished=False))
