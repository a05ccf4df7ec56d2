"""One episode at a time: world + agent + recorder, step by step.

The app, the CLI, the benchmark and replay all drive a ``Session``, so what the app shows is what the
benchmark measures. The session owns the world; the agent is handed only what it sees (``GridWorld.observe`` with
the level's sight radius, ``view``) and the level's fingerprint as an opaque identity. Either the agent
(``agent_step``) or the player (``player_step``) chooses each action; a player's move mid-skill interrupts the agent. When an episode ends, the agent learns from the trajectory
(its own or the player's), the store records it, and an ``EpisodeSummary`` reports it.

With a store, the session is what makes memory last across processes: episode numbers come from the store's
global counter. An episode shows the number the next recorded one will get (``last_episode() + 1``) and takes
it from the counter (``SkillStore.allocate_episode``) only when it is recorded, so an episode that is restarted,
abandoned or never played (a replay opened and closed, the episode set up after ``train``'s last) uses no
number: the app, the replay, ``procmem episodes list``, train's output and export all say the same number for
one episode, without gaps. (Two processes on one library may show the same next number; the one that records
second gets the next.) The agent's knowledge is restored from the store when the
session (or a new agent) starts, and at each episode's end the episode, the skills and the knowledge are written
in one transaction (``episode_record``): at once, or by the session's ``recorder`` (the app's, ``tui.saving``), in
a thread of its own, so that another process holding the library never holds up the game.

An episode left unfinished (the app quit or ended by a signal, ``train`` interrupted, a restart, another level or
agent chosen) is not recorded and teaches no skills, but what the agent learned about the world in its steps is
kept (``keep_unfinished``): the agent's ``unfinished_knowledge`` (the stored document with its world model, failures
and maps as they are now) replaces the stored knowledge in a transaction of its own, so a kill leaves either the
old document or the new one, and the skills as of the last finished episode.

The agent may decide in another thread (the app does, so that keys and redraws go on while it thinks): ``decide``
asks the agent without taking the action, ``take`` takes it. The session holds a lock while the agent decides and
in every call that touches the agent, so such a call waits for the decision, and a decision made on an observation
the session has moved on from is dropped. ``agent_step`` is the two in one, in the caller's thread. Sessions whose
agents share a library (the app's and the editor's tries) share one lock (``lock``), so a decision still under way
in one of them (a try left while its agent thought) ends before another session sets up, steps or learns.
"""

from __future__ import annotations

import copy
import functools
import logging
import sqlite3
import threading
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from procmem_tui.episode_record import EpisodeRecord, Knowledge, LibraryChanges
from procmem_tui.memory.store_protocol import Store
from procmem_tui.level_source import LevelSource  # re-exported: where it was defined before
from procmem_tui.memory.trajectory import AGENT, PLAYER, Trajectory, Transition
from procmem_tui.world import Action, GridWorld, Level, State, Step, solve

if TYPE_CHECKING:
    from procmem_tui.agents.base import Agent, Decision, LearnEvent

log = logging.getLogger(__name__)

# Summaries kept in memory (without their trajectories): enough for charts, bounded for 10,000-episode runs.
HISTORY_LIMIT = 1000


def _exclusive(method):
    """``method`` under the session's lock: it waits for a decision under way in another thread (``decide``)."""
    @functools.wraps(method)
    def locked(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return locked


@dataclass(frozen=True)
class EpisodeSummary:
    episode: int
    level: str
    seed: int | None
    steps: int
    optimal_steps: int
    reward: float
    success: bool
    skill_steps: int
    skills: int
    source: str
    learned: tuple[LearnEvent, ...] = ()
    episode_id: int | None = None
    trajectory: Trajectory | None = field(default=None, repr=False, compare=False)
    decisions: dict | None = None  # procmem: decisions by mode ("memory", "planned", "explored")
    search_expansions: int | None = None  # procmem: states its planner expanded this episode

    @property
    def optimality_ratio(self) -> float:
        return self.steps / self.optimal_steps if self.optimal_steps else float("inf")

    def as_dict(self) -> dict:
        return {
            "episode": self.episode,
            "level": self.level,
            "seed": self.seed,
            "steps": self.steps,
            "optimal_steps": self.optimal_steps,
            "reward": round(self.reward, 4),
            "success": self.success,
            "skills": self.skills,
            "skill_steps": self.skill_steps,
            "source": self.source,
            **({"decisions": dict(self.decisions)} if self.decisions is not None else {}),
            **({"search_expansions": self.search_expansions} if self.search_expansions is not None else {}),
        }


@dataclass(frozen=True)
class StepReport:
    """What one call to ``agent_step`` or ``player_step`` did."""

    step: Step
    actor: str
    decision: Decision | None
    summary: EpisodeSummary | None = None


class Session:
    """Plays episodes of a level source with one agent, recording into an optional store (anything that is a
    ``memory.store_protocol.Store``; the app and the CLI give a ``SkillStore``)."""

    def __init__(self, source: LevelSource, agent: Agent, store: Store | None = None, *, first_layout: int = 0,
                 lock: threading.RLock | None = None, recorder=None) -> None:
        """``lock``: the lock of every session whose agent reads the same library (``exclusive``); by default one of
        its own. ``recorder``: see below; given here, the agent starts from the knowledge it holds not written yet."""
        self._lock = lock if lock is not None else threading.RLock()
        self.source = source
        self.agent = agent
        self.store = store
        # None: each episode is written as it ends, in the caller's thread; the app hands its records to a thread
        # (``tui.saving.Saver``: ``submit``, ``waiting``, ``knowledge``), so a library held by another process
        # never holds up its game
        self.recorder = recorder
        self.layout_index = first_layout
        self.episode = 0
        self._last_recorded = 0  # without a store: the number of the last finished episode
        self.history: list[EpisodeSummary] = []
        self.last_decision: Decision | None = None
        self.finished: EpisodeSummary | None = None
        self._kept_steps = 0  # steps of the current episode whose learning was kept (``keep_unfinished``)
        with self._lock:  # another session on the library may be deciding in its thread
            self._restore_knowledge()
            self._start_episode()

    # -- episode lifecycle ---------------------------------------------------------------

    def _restore_knowledge(self) -> None:
        """Hand the agent what it knew when the store last saved it (nothing without a store). Knowledge it cannot
        restore refuses the library (``damaged_knowledge``), never a fresh start that the next save would keep."""
        if self.store is None:
            return
        # records still waiting in the recorder hold newer knowledge than the library (an editor try, another agent
        # chosen, while another process holds the library): the agent starts from the newest
        waiting = self.recorder.knowledge(self.agent.name) if self.recorder is not None else None
        knowledge = waiting if waiting is not None else self.store.load_knowledge(self.agent.name)
        if knowledge is None:
            return
        try:
            self.agent.restore_knowledge(knowledge)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, ArithmeticError, RecursionError) as exc:
            from procmem_tui.memory.store import damaged_knowledge

            raise damaged_knowledge(self.store.path, self.agent.name, str(exc)) from None

    def _next_number(self) -> int:
        """The number the episode about to start will be recorded with (nothing is reserved yet)."""
        if self.store is None:
            return self._last_recorded + 1
        last = self.store.last_episode()
        if self.recorder is not None and self.recorder.waiting():  # records not written yet hold their numbers
            last = max(last, self._last_recorded)
        return last + 1

    @_exclusive
    def keep_unfinished(self) -> bool:
        """Keep what the agent learned in the steps of an unfinished episode not kept yet (see the module docstring);
        True if something was written. A library that cannot be written is a warning, not an error: the episode
        was not going to be recorded anyway."""
        steps = len(getattr(self, "transitions", ()))
        if self.store is None or self.finished is not None or steps <= self._kept_steps:
            return False
        self._kept_steps = steps
        from procmem_tui.memory.store_file import StoreError

        try:
            if self.recorder is not None:  # queued behind the records not written yet, whose document it updates
                stored = self.recorder.knowledge(self.agent.name)
                knowledge = self.agent.unfinished_knowledge(
                    stored if stored is not None else self.store.load_knowledge(self.agent.name))
                if not knowledge:
                    return False
                self.recorder.submit(self.store, Knowledge(self.agent.name, copy.deepcopy(knowledge),
                                                           self._next_number() - 1))
                return True
            with self.store.transaction():
                knowledge = self.agent.unfinished_knowledge(self.store.load_knowledge(self.agent.name))
                if not knowledge:
                    return False
                self.store.save_knowledge(self.agent.name, knowledge, self.store.last_episode())
        except (StoreError, sqlite3.Error, OSError) as exc:
            log.warning("%s: what the agent learned in the unfinished episode was not kept (%s)", self.store.path, exc)
            return False
        return True

    def _start_episode(self, start: State | None = None, *, same_number: bool = False) -> None:
        self.keep_unfinished()
        self._kept_steps = 0
        self.level, self.seed = self.source.level_for(self.layout_index)
        self.world = GridWorld(self.level, start)
        self.start_state = self.world.state
        if not same_number:
            self.episode = self._next_number()
        self.transitions: list[Transition] = []
        self.total_reward = 0.0
        self.last_decision = None
        self.finished: EpisodeSummary | None = None
        self.started_at = datetime.now(timezone.utc)
        plan = solve(self.level, start)
        self.optimal_steps = len(plan) if plan is not None else 0
        self.seen = self.observation()  # what the agent was last shown
        if self.agent.oracle:
            self.agent.see_level(self.level)
        from procmem_tui.memory.features import level_fingerprint  # numpy: not for LevelSource's importers (the app)

        self.agent.begin_episode(self.seen, self.episode, level_fingerprint(self.level), self.level.name)

    @_exclusive
    def restart(self) -> None:
        """The same layout again from its start (an unfinished episode is dropped, not learned from)."""
        self.agent.interrupt()
        self._start_episode(same_number=True)

    @_exclusive
    def next_episode(self) -> None:
        """Next layout for a family (next seed) or a round-robin source (next level); the same level again for a
        fixed level."""
        if self.source.advances:
            self.layout_index += 1
        self._start_episode()

    @_exclusive
    def start_from(self, state: State) -> None:
        """A new episode on the current layout, starting from ``state`` (take over from a replay)."""
        self.agent.interrupt()
        self._start_episode(start=state)

    @_exclusive
    def take_over(self, level: Level, state: State) -> None:
        """A new episode on ``level`` (now the fixed source) from ``state``: continuing a replayed episode."""
        self.agent.interrupt()
        self.source = LevelSource.fixed(level)
        self.layout_index = 0
        self._start_episode(start=state)

    @_exclusive
    def set_agent(self, agent: Agent) -> None:
        """Hand the session to another agent; the current episode starts again."""
        self.agent.interrupt()
        self.keep_unfinished()
        self.agent = agent
        self._restore_knowledge()
        self.restart()

    @_exclusive
    def set_source(self, source: LevelSource) -> None:
        self.agent.interrupt()
        self.source = source
        self.layout_index = 0
        self._start_episode()

    @property
    def state(self) -> State:
        return self.world.state

    @property
    def done(self) -> bool:
        return self.world.done

    @property
    def view(self) -> int | None:
        """The sight radius of this episode's level (its ``; view:`` header, after any ``--view`` override, which
        the level source applied); None: the whole level is in sight."""
        return self.level.view

    def observation(self, step: Step | None = None):
        """What the one who acts sees now: the world's observation within this episode's sight radius. The one
        place the session asks the world for it, so agents and views share one view of the level."""
        return self.world.observe(step, view=self.level.view)

    # -- stepping ------------------------------------------------------------------------

    @_exclusive
    def agent_step(self) -> StepReport:
        """The agent chooses and takes one primitive action."""
        seen, decision = self.decide()
        return self.take(seen, decision)

    @_exclusive
    def decide(self) -> tuple[object, Decision]:
        """The agent's next decision on what it sees now, and that observation, without taking it: safe in another
        thread (see the module docstring). ``take`` takes it."""
        self._check_running()
        seen = self.seen
        return seen, self.agent.act(seen)

    @_exclusive
    def take(self, seen, decision: Decision) -> StepReport | None:
        """Take ``decision``, made by ``decide`` on observation ``seen``; None (dropped) when the session has moved
        on since (another step, a restart, another level or agent)."""
        if seen is not self.seen:
            return None
        self._check_running()
        self.last_decision = decision
        return self._apply(decision.action, AGENT, decision)

    def recorded(self, shown: int, number: int, episode_id: int) -> None:
        """A record the ``recorder`` wrote after its episode ended: its summaries (``finished``, ``history``) get the
        id it was recorded with, and the number, which another process may have taken meanwhile."""
        for index in range(len(self.history) - 1, -1, -1):
            if self.history[index].episode == shown and self.history[index].episode_id is None:
                self.history[index] = replace(self.history[index], episode=number, episode_id=episode_id)
                break
        if self.finished is not None and self.finished.episode == shown and self.finished.episode_id is None:
            self.finished = replace(self.finished, episode=number, episode_id=episode_id)

    def exclusive(self):
        """The session's lock, for a change to what the agent reads made outside the session (the library), or for
        another session on the same library (``Session(lock=...)``): it waits for a decision under way."""
        return self._lock

    @_exclusive
    def player_step(self, action: Action | str) -> StepReport:
        """The player takes one action; any running skill of the agent is dropped."""
        self._check_running()
        self.agent.interrupt()
        self.last_decision = None
        return self._apply(Action(action), PLAYER, None)

    def run_episode(self, advance: bool = True) -> EpisodeSummary:
        """The agent plays the current episode to its end; then (by default) the next episode is set up."""
        while not self.world.done:
            self.agent_step()
        summary = self.finished
        if advance:
            self.next_episode()
        return summary

    def _check_running(self) -> None:
        if self.world.done:
            raise RuntimeError("the episode is over: call next_episode() or restart()")

    def _apply(self, action: Action, actor: str, decision: Decision | None) -> StepReport:
        before = self.world.state
        step = self.world.step(action)
        self.total_reward += step.reward
        self.transitions.append(
            Transition(
                state=before, action=action, reward=step.reward, next_state=step.state, events=step.events,
                actor=actor,
                skill_id=decision.skill_id if decision else None,
                reason=decision.reason if decision else "",
            )
        )
        self.seen = self.observation(step)
        self.agent.observe(self.seen, decision, action)
        summary = self._finish(step) if self.world.done else None
        return StepReport(step, actor, decision, summary)

    def _finish(self, last: Step) -> EpisodeSummary:
        trajectory = Trajectory(
            level=self.level, start=self.start_state, transitions=tuple(self.transitions), episode=self.episode,
            agent=self.agent.name, terminated=last.terminated, truncated=last.truncated,
            seed=self.seed, family=self.source.family,
        )
        outcome = self.agent.end_episode(trajectory, keep=self.store is not None)
        learned, stats, skills = outcome.learned, outcome.stats, outcome.skills
        episode_id = None
        self._last_recorded = self.episode  # finished, even if the store fails below
        if self.store is not None:
            record = EpisodeRecord(trajectory, self.agent.name, skills, self.started_at, self.optimal_steps or None,
                                   learned, outcome.library, outcome.knowledge, origin=self)
            if self.recorder is not None:  # written in the recorder's thread: the number shown is kept meanwhile
                if record.library is not None:
                    record.library = LibraryChanges.take(record.library)
                record.knowledge = copy.deepcopy(record.knowledge)  # parts of it may be the agent's own, still changing
                self.recorder.submit(self.store, record)
            else:
                number, episode_id = record.write(self.store)
                if number != self.episode:  # another process took the number shown
                    self.episode = self._last_recorded = number
                    trajectory = replace(trajectory, episode=number)
        self.finished = EpisodeSummary(
            episode=self.episode, level=self.level.name, seed=self.seed, steps=trajectory.steps,
            optimal_steps=self.optimal_steps, reward=trajectory.total_reward, success=trajectory.success,
            skill_steps=trajectory.skill_steps, skills=skills,
            source=trajectory.source, learned=learned, episode_id=episode_id, trajectory=trajectory,
            decisions=stats.get("decisions"), search_expansions=stats.get("search_expansions"),
        )
        self.history.append(replace(self.finished, trajectory=None))
        del self.history[:-HISTORY_LIMIT]
        return self.finished
