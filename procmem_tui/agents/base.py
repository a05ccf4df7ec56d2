"""The one interface every agent implements: act one primitive action at a time, from observations.

An agent is given what a player sees (``world.observation.Observation``: the cells in sight, its position, what it
holds, which doors in sight stand open, the reward, whether the episode ended, the step budget) and an opaque
``level_id`` naming the level it plays (so it can keep memory per level; the name says nothing of the level's
contents). It is never given the ``GridWorld``, the level's headers or the solver. An oracle baseline (``planner``)
says so with ``oracle = True``; only to such an agent does the session hand the level (``see_level``).

Acting one action at a time, even inside a multi-step skill, is what lets a UI pause, single-step, and let a
person take over mid-skill (``interrupt``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from procmem_tui.memory.trajectory import Trajectory
from procmem_tui.world import Action
from procmem_tui.world.observation import Observation


@dataclass(frozen=True)
class Candidate:
    """One skill the agent considered, with the scores that ranked it (the app's "Why" line)."""

    skill_id: str
    name: str
    similarity: float
    posterior: float
    score: float


@dataclass(frozen=True)
class Decision:
    """The next primitive action, the skill it belongs to (if any) and why."""

    action: Action
    reason: str
    skill_id: str | None = None
    skill_name: str | None = None
    progress: tuple[int, int] | None = None
    upcoming: tuple[Action, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    mode: str | None = None  # procmem: "memory" (a habit, no search), "planned" (searched) or "explored"


@dataclass(frozen=True)
class LearnEvent:
    """Something the memory learned at an episode's end: a ``new`` skill, an ``improved`` one, a ``merged`` one."""

    kind: str
    skill_id: str
    name: str
    source: str = "agent"


@dataclass(frozen=True)
class EpisodeOutcome:
    """Everything an agent reports when an episode ends, in one value (``Agent.end_episode``): the session records
    it as it is, in one transaction, instead of asking the agent question by question."""

    learned: tuple[LearnEvent, ...] = ()  # skills new, improved or merged at this episode's end
    skills: int = 0  # skills the agent holds now
    library: Any = None  # the skill library whose changes are to be saved (None: the agent keeps none)
    stats: dict = field(default_factory=dict)  # procmem: "decisions" by mode, "search_expansions"
    knowledge: dict = field(default_factory=dict)  # what to persist beyond the skills (empty: nothing, or not asked)


class Agent(ABC):
    """Base class. ``library`` is None for agents without procedural memory."""

    name: str = "agent"
    label: str = ""
    oracle: bool = False  # True only for baselines that read the level itself (the planner): they say so

    def __init__(self, seed: int = 0, library=None) -> None:
        self.seed = seed
        self.library = library

    def skill_count(self) -> int:
        """Skills the agent holds (its library's size; an agent with its own store of skills overrides this)."""
        return len(self.library) if self.library is not None else 0

    def begin_episode(self, observation: Observation, episode: int, level_id: str = "", level_name: str = "") -> None:
        """A new episode starts with ``observation``; ``level_id`` identifies the level (the same text every time
        it is played, nothing about its contents) and ``level_name`` is its title, for names shown to people."""
        self.episode = episode
        self.level_id = level_id
        self.level_name = level_name

    @abstractmethod
    def act(self, observation: Observation) -> Decision:
        """Choose one primitive action, seeing ``observation``."""

    def observe(self, observation: Observation, decision: Decision | None, action: Action) -> None:
        """What the last ``action`` led to; ``decision`` is None when the player chose it."""

    def interrupt(self) -> None:
        """The player took control: drop any running skill."""

    def episode_stats(self) -> dict:
        """Per-episode numbers an agent reports (procmem: ``decisions`` by mode and ``search_expansions``)."""
        return {}

    def end_episode(self, trajectory: Trajectory, *, keep: bool = True) -> EpisodeOutcome:
        """Learn from a finished trajectory (the agent's own or a person's) and report the episode in one value;
        ``keep``: include the knowledge to persist (a session without a store does not ask for it)."""
        learned = tuple(self.learn_episode(trajectory))
        return EpisodeOutcome(learned, self.skill_count(), self.library, self.episode_stats(),
                              self.knowledge() if keep else {})

    def learn_episode(self, trajectory: Trajectory) -> list[LearnEvent]:
        """What an agent learns from a finished trajectory (``end_episode`` reports it); nothing by default."""
        return []

    def knowledge(self) -> dict:
        """What the agent has learned beyond its skill library, as JSON-safe data with a ``version`` key, so a
        new process can continue where this one stopped (``restore_knowledge``). Empty: nothing to keep."""
        return {}

    def unfinished_knowledge(self, stored: dict | None) -> dict:
        """What to keep when an episode is left unfinished (quit, a signal, a restart, another level): ``stored`` (the
        knowledge saved at the last finished episode, or None) updated with what was learned from the steps since.
        Skills are learned only from finished episodes, so they are not part of it. Empty: nothing to keep."""
        return {}

    def restore_knowledge(self, knowledge: dict) -> None:
        """Take back what ``knowledge()`` returned (possibly in an earlier process). Raises ValueError (or
        KeyError/TypeError) for data it cannot read; ignores a version it does not know."""


class OracleAgent(Agent):
    """A baseline that reads the level itself (an oracle by design, not a learner): the session calls
    ``see_level`` before every episode."""

    oracle = True

    def see_level(self, level) -> None:
        self.level = level
