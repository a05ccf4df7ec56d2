"""Who chooses the next action: ``make_agent(name, seed=0, library=None, **options)``.

``procmem`` (the product: procedural memory), ``seed`` (the tutorial's agent), ``explorer`` (procmem without
memory), ``qlearning`` (tabular Q-learning) and ``planner`` (the optimal solver: the upper bound).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from procmem_tui.agents.base import Agent, Candidate, Decision, LearnEvent

AGENT_NAMES = ("procmem", "seed", "explorer", "qlearning", "planner")
MEMORY_AGENTS = frozenset({"procmem"})


def make_agent(name: str, seed: int = 0, library=None, **options) -> Agent:
    """A new agent by name. Only ``procmem`` uses ``library`` (a ``SkillLibrary``); the others ignore it."""
    if name == "procmem":
        from procmem_tui.agents.procedural import ProceduralAgent

        return ProceduralAgent(seed, library, **options)
    if name == "explorer":
        from procmem_tui.agents.explorer import ExplorerAgent

        return ExplorerAgent(seed, None, **options)
    if name == "seed":
        from procmem_tui.agents.seed import SeedAgent

        return SeedAgent(seed, None, **options)
    if name == "qlearning":
        from procmem_tui.agents.qlearning import QLearningAgent

        return QLearningAgent(seed, None, **options)
    if name == "planner":
        from procmem_tui.agents.planner import PlannerAgent

        return PlannerAgent(seed, None)
    raise ValueError(f"unknown agent {name!r}; agents are: {', '.join(AGENT_NAMES)}")


def __getattr__(name: str):
    """``Agent``, ``Candidate``, ``Decision``, ``LearnEvent`` load with their module on first use: ``procmem play``
    checks an agent's name against ``AGENT_NAMES`` before its first frame, which needs none of them."""
    if name in ("Agent", "Candidate", "Decision", "LearnEvent"):
        from procmem_tui.agents import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["AGENT_NAMES", "Agent", "Candidate", "Decision", "LearnEvent", "make_agent"]
