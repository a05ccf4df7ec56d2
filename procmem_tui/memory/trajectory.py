"""What an episode leaves behind: its transitions, who chose each action, and how it ended.

Extraction turns trajectories into skills; the store records them; replay re-simulates them.
"""

from __future__ import annotations

from dataclasses import dataclass

from procmem_tui.world import Action, Level, State

AGENT = "agent"
PLAYER = "player"


@dataclass(frozen=True)
class Transition:
    """One primitive step. ``actor`` is ``agent`` or ``player``; ``skill_id`` the skill it belonged to, if any."""

    state: State
    action: Action
    reward: float
    next_state: State
    events: tuple[str, ...]
    actor: str = AGENT
    skill_id: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class Trajectory:
    """A finished (terminated or truncated) or abandoned episode."""

    level: Level
    start: State
    transitions: tuple[Transition, ...]
    episode: int = 0
    agent: str = ""
    terminated: bool = False
    truncated: bool = False
    seed: int | None = None
    family: str | None = None

    @property
    def success(self) -> bool:
        return self.terminated

    @property
    def steps(self) -> int:
        return len(self.transitions)

    @property
    def total_reward(self) -> float:
        return round(sum(t.reward for t in self.transitions), 6)

    @property
    def source(self) -> str:
        """``player`` if a person chose any of its actions, else ``agent``."""
        return PLAYER if any(t.actor == PLAYER for t in self.transitions) else AGENT

    @property
    def skill_steps(self) -> int:
        return sum(1 for t in self.transitions if t.skill_id is not None)

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(t.action for t in self.transitions)
