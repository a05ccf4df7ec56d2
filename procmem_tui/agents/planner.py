"""``planner``: follows the optimal solver's plan — the upper bound every other agent is measured against.

It re-plans with ``solve(level, state)`` whenever the state is not the one its plan expects (e.g. after the
player moved), so it is optimal from wherever it takes over.
"""

from __future__ import annotations

from procmem_tui.agents.base import Agent, Decision
from procmem_tui.world import Action, GridWorld, GridWorld as _GW, State, solve


class PlannerAgent(Agent):
    name = "planner"
    label = "optimal plan (breadth-first solver): the upper bound"

    def begin_episode(self, world: GridWorld, episode: int) -> None:
        super().begin_episode(world, episode)
        self.level = world.level
        self._plan: list[Action] = []
        self._expected: State | None = None

    def interrupt(self) -> None:
        self._plan = []

    def act(self, state: State) -> Decision:
        key = (state.pos, state.keys, state.opened, state.taken)
        exp = self._expected
        if not self._plan or exp is None or (exp.pos, exp.keys, exp.opened, exp.taken) != key:
            self._plan = list(solve(self.level, state) or [])
            reason = f"solver: optimal plan of {len(self._plan)} actions from here"
            if not self._plan:
                self._expected = None
                return Decision(Action.MOVE_UP, "solver: no plan from here (nothing reachable)")
        else:
            reason = f"follow the optimal plan ({len(self._plan)} actions left)"
        action = self._plan.pop(0)
        twin = _GW(self.level, state._replace(steps=0))
        self._expected = twin.step(action).state
        return Decision(action, reason, upcoming=tuple(self._plan[:8]))
