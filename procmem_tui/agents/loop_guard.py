"""A safety net against a frozen agent: the same action that changed nothing is not taken again and again.

The agent's situation is its position, the keys it holds, the doors it knows open and the objects it knows gone.
The world is deterministic: an action that left all of that as it was (a no-op) does so again from the same
situation and teaches nothing more. So whichever part of the agent chose it (a habit, a plan, curiosity,
exploration), the same no-op is taken at most ``REPEATS`` times from one situation in an episode (in a row, or
after walking away and back); then another action, one not seen to change nothing in this situation, is taken
instead (the seeded generator's choice), and the agent decides again from wherever that leads.

An action that did change the situation (a move) is held to the same bound when nothing new was learned between its
takings: with the agent's knowledge as it was (``knowing``: its map, its model, the cells stood on, the interactions
tried), the same move from the same situation leads to the same decisions again, a loop between cells that teaches
nothing (walking back and forth between two cells until the step limit). Its ``REPEATS`` + 1-th taking is replaced
as a no-op's is.
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
        self.looped: Counter = Counter()  # (situation, action, knowing) -> times taken, changing the situation

    def observed(self, before: State, action: Action, after: State, knowing=None) -> None:
        """Note what ``action`` did: a no-op counts against it in that situation; another action, against it in that
        situation with that knowledge (``knowing``; None: not counted)."""
        here = situation(before)
        if here == situation(after):
            self.idle.setdefault(here, Counter())[action] += 1
        elif knowing is not None:
            self.looped[(here, action, knowing)] += 1

    def blocks(self, state: State, action: Action, knowing=None) -> bool:
        """Whether ``action`` from ``state`` would repeat a no-op, or a move with nothing learned since
        (``knowing``), more than ``REPEATS`` times."""
        here = situation(state)
        idle = self.idle.get(here)
        return (idle is not None and idle[action] >= REPEATS) or self.looped[(here, action, knowing)] >= REPEATS

    def instead(self, state: State, action: Action, rng: np.random.Generator, knowing=None) -> Run:
        """A one-action run of an action not seen to change nothing here nor taken in a loop (the least repeated if
        none is left)."""
        here = situation(state)
        idle = self.idle.get(here, Counter())
        no_op = idle[action] >= REPEATS

        def repeats(a: Action) -> int:
            return idle[a] + (0 if no_op else self.looped[(here, a, knowing)])
        rest = [a for a in ACTIONS if a != action]
        fewest = min(repeats(a) for a in rest)
        others = [a for a in rest if repeats(a) == fewest]
        chosen = others[int(rng.integers(len(others)))] if len(others) > 1 else others[0]
        what = "changed nothing here" if no_op else "was taken here with nothing learned since"
        return exploring([chosen], f"{EXPLORED}: loop guard: {action.value} {what} {repeats(action)} "
                                   f"times; {chosen.value} instead")
