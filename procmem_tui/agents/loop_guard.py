"""A safety net against a frozen agent: the same action that changed nothing is not taken again and again.

The agent's situation is its position, the keys it holds, the doors it knows open and the objects it knows gone.
The world is deterministic: an action that left all of that as it was (a no-op) does so again from the same
situation and teaches nothing more. So whichever part of the agent chose it (a habit, a plan, curiosity,
exploration), the same no-op is taken at most ``REPEATS`` times from one situation in an episode (in a row, or
after walking away and back); then another action, one not seen to change nothing in this situation, is taken
instead (the seeded generator's choice), and the agent decides again from wherever that leads.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from procmem_tui.agents.explain import EXPLORED
from procmem_tui.agents.run import Run, exploring
from procmem_tui.world import ACTIONS, Action, State

REPEATS = 2  # the same no-op from one situation, at most


def situation(state: State) -> tuple:
    """What an action can change (the step count aside)."""
    return state.pos, state.keys, state.opened, state.taken


class LoopGuard:
    """The no-ops taken in each situation this episode (one guard per episode)."""

    def __init__(self) -> None:
        self.idle: dict[tuple, Counter] = {}  # situation -> action -> times it changed nothing there

    def observed(self, before: State, action: Action, after: State) -> None:
        """Note what ``action`` did: a no-op counts against it in that situation."""
        here = situation(before)
        if here == situation(after):
            self.idle.setdefault(here, Counter())[action] += 1

    def blocks(self, state: State, action: Action) -> bool:
        """Whether ``action`` from ``state`` would repeat a no-op more than ``REPEATS`` times."""
        idle = self.idle.get(situation(state))
        return idle is not None and idle[action] >= REPEATS

    def instead(self, state: State, action: Action, rng: np.random.Generator) -> Run:
        """A one-action run of an action not seen to change nothing here (the least repeated if none is left)."""
        idle = self.idle[situation(state)]
        rest = [a for a in ACTIONS if a != action]
        fewest = min(idle[a] for a in rest)
        others = [a for a in rest if idle[a] == fewest]
        chosen = others[int(rng.integers(len(others)))] if len(others) > 1 else others[0]
        return exploring([chosen], f"{EXPLORED}: loop guard: {action.value} changed nothing here {idle[action]} "
                                   f"times; {chosen.value} instead")
