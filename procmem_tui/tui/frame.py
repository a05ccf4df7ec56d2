"""One step of the game as the main screen shows it: an immutable ``Frame``, built once per step by ``Frames``.

The app owns the ``Session``; after each step (and on a mode, speed or level change) it asks ``Frames`` for the
frame of the session's state and hands it to ``GameView``, which draws it and reads nothing else. A frame holds
the level and state, the board's fog (codes and looks), the cells the running skill will cross, the keys and
doors the panels may name, the episode panel's values, the decision behind the step and what the Why line says.

``Frames`` keeps what a frame cannot be made from the session alone: the screen's memory of what it has seen
this episode (``tui.fog.Sightings``), whether the watcher reveals the whole level, and the running skill of the
last frame (the skills table is brought up to date when it changes). Pure Python (no Textual).
"""

from __future__ import annotations

from dataclasses import dataclass

from procmem_tui.tui.fog import FogLayer, Sightings
from procmem_tui.tui.modes import MANUAL
from procmem_tui.tui.visits import visit
from procmem_tui.world.glyphs import path_mark


@dataclass(frozen=True)
class EpisodeInfo:
    """The episode panel's values."""

    level: str
    seed: int | None
    episode: int
    steps: int
    max_steps: int
    reward: float
    mode: str
    speed: int
    optimal: int
    agent: str
    outcome: str = ""
    rules: str = ""  # the level's non-default rules in words (``Rules.label()``), empty for the defaults
    here: int | None = None  # which visit to this level the episode is, when not the same as ``episode``


@dataclass(frozen=True)
class Frame:
    """What the main screen shows after one step.

    ``marks``: (cell, glyph) of the cells the running skill will cross next. ``keys_lying`` and ``doors``: what
    the keys and doors panels may name (under fog only what has been seen). ``decision``: what chose the step
    (None: the person, or no step). The Why line shows ``note`` when there is one, else explains ``decision``
    when ``explain``. ``running``: (skill id, progress) of the skill running. ``skills``: the library's skills
    when the table must be brought up to date (None: unchanged since the last frame)."""

    level: object
    state: object
    source_label: str
    agent_name: str
    mode: str
    speed: int
    episode: EpisodeInfo
    first_run: bool
    fog: FogLayer | None = None
    sight: int | None = None
    reveal: bool = False
    marks: tuple = ()
    keys_lying: tuple[str, ...] = ()
    doors: tuple = ()
    fogged: bool = False
    decision: object = None
    explain: bool = True
    note: str | None = None
    running: tuple = (None, None)
    skills: tuple | None = None
    has_memory: bool = True


class Frames:
    """Makes the main screen's frames from the session (see the module's docstring)."""

    def __init__(self) -> None:
        self.reveal = False  # the watcher's whole-level view (shown only while the agent has control)
        self._sightings: Sightings | None = None
        self._sightings_of = None  # the episode's GridWorld the memory belongs to
        self._running: str | None = None
        self._here_of, self._here_count = None, None  # (level name, episode) and its visit number

    def make(self, session, *, mode: str, speed: int, agent_name: str, decision=None, explain: bool | None = None,
             note: str | None = None, outcome: str = "", sync_skills: bool = False) -> Frame:
        """The frame of ``session``'s state now. ``explain`` defaults to: the Why line explains ``decision``
        unless this is a redraw (no decision while an earlier one is on screen)."""
        level, state = session.level, session.state
        revealing = self.reveal and mode != MANUAL
        fog = self._fog(session, revealing)
        sightings = self._sightings if fog is not None else None

        def known(pos) -> bool:
            return sightings is None or revealing or sightings.has_seen(pos)

        if not outcome and session.finished is not None:
            outcome = "won" if session.finished.success else "out of steps"
        running = (decision.skill_id, decision.progress) if decision is not None and decision.skill_id else (None, None)
        library = session.agent.library
        if running[0] != self._running:
            sync_skills, self._running = True, running[0]
        return Frame(
            level=level, state=state, source_label=session.source.label, agent_name=agent_name, mode=mode,
            speed=speed, first_run=session.episode == 1 and not session.history,
            episode=EpisodeInfo(
                level=level.name, seed=session.seed, episode=session.episode, steps=state.steps,
                max_steps=level.max_steps, reward=session.total_reward, mode=mode, speed=speed,
                optimal=session.optimal_steps, agent=agent_name, outcome=outcome, rules=level.rules.label(),
                here=self._here(session)),
            fog=fog, sight=session.view, reveal=revealing, marks=_marks(session, decision),
            keys_lying=tuple(k for p, k in level.keys.items() if p not in state.taken and known(p)),
            doors=tuple((p, letter) for p, letter in level.doors.items() if known(p)),
            fogged=sightings is not None and not revealing, decision=decision,
            explain=(decision is not None or session.last_decision is None) if explain is None else explain,
            note=note, running=running, has_memory=library is not None,
            skills=(tuple(library) if library is not None else ()) if sync_skills else None,
        )

    def _here(self, session) -> int | None:
        """Which visit to its level the episode is (``tui.visits``), read once per episode."""
        key = (session.level.name, session.episode)
        if key != self._here_of:
            store = getattr(session, "store", None)
            self._here_of, self._here_count = key, visit(store, *key, session.source.family)
        return self._here_count

    def _fog(self, session, revealing: bool) -> FogLayer | None:
        """The fog layer for the session's state (None without fog): the screen sees every state it is shown,
        so its memory is what was in sight at each step of this episode."""
        view = session.view
        if view is None:
            self._sightings = self._sightings_of = None
            return None
        if self._sightings is None or self._sightings_of is not session.world:
            self._sightings, self._sightings_of = Sightings(session.level, view), session.world
        seen = session.seen
        current = seen.pos == session.state.pos and seen.steps == session.state.steps
        self._sightings.see(session.state, seen.in_sight if current else None)
        return self._sightings.layer(session.state, reveal=revealing)


def _marks(session, decision) -> tuple:
    """The cells the running skill will cross next, simulated on a copy of the world."""
    if decision is None or not decision.upcoming or session.done:
        return ()
    world = session.world.clone()
    marks: dict = {}
    for action in decision.upcoming:
        marks.setdefault(world.state.pos, path_mark(action.value))
        if world.done:
            break
        world.step(action)
    return tuple(marks.items())
