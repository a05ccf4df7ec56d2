"""The one interface every agent implements: act one primitive action at a time.

Acting one action at a time, even inside a multi-step skill, is what lets a UI pause, single-step, and let a
person take over mid-skill (``interrupt``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from procmem_tui.memory.trajectory import Trajectory
from procmem_tui.world import Action, GridWorld, State, Step


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


class Agent(ABC):
    """Base class. ``library`` is None for agents without procedural memory."""

    name: str = "agent"
    label: str = ""

    def __init__(self, seed: int = 0, library=None) -> None:
        self.seed = seed
        self.library = library

    def skill_count(self) -> int:
        """Skills the agent holds (its library's size; an agent with its own store of skills overrides this)."""
        return len(self.library) if self.library is not None else 0

    def begin_episode(self, world: GridWorld, episode: int) -> None:
        """A new episode starts; the agent may look at the grid (``world.level``) but must not step ``world``."""
        self.world = world
        self.episode = episode

    @abstractmethod
    def act(self, state: State) -> Decision:
        """Choose one primitive action for ``state``."""

    def observe(self, step: Step, decision: Decision | None) -> None:
        """The outcome of the last action; ``decision`` is None when the player chose it."""

    def interrupt(self) -> None:
        """The player took control: drop any running skill."""

    def episode_stats(self) -> dict:
        """Per-episode numbers an agent reports (procmem: ``decisions`` by mode and ``search_expansions``)."""
        return {}

    def end_episode(self, trajectory: Trajectory) -> list[LearnEvent]:
        """Learn from a finished trajectory (the agent's own or a person's); report what was learned."""
        return []

    def knowledge(self) -> dict:
        """What the agent has learned beyond its skill library, as JSON-safe data with a ``version`` key, so a
        new process can continue where this one stopped (``restore_knowledge``). Empty: nothing to keep."""
        return {}

    def restore_knowledge(self, knowledge: dict) -> None:
        """Take back what ``knowledge()`` returned (possibly in an earlier process). Raises ValueError (or
        KeyError/TypeError) for data it cannot read; ignores a version it does not know."""
