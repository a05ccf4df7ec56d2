"""``planner``: follows the optimal solver's plan — the upper bound every other agent is measured against.

An **oracle by design**: unlike every other agent it reads the level itself (``OracleAgent.see_level``) and asks
the solver, so its numbers say what full knowledge of the level and its rules buys, not what can be learned. It
re-plans with ``solve(level, state)`` whenever the observed situation is not the one its plan expects (e.g. after
the player moved), so it is optimal from wherever it takes over.
"""

from __future__ import annotations

from procmem_tui.agents.base import Decision, OracleAgent
from procmem_tui.world import Action, GridWorld, State, solve
from procmem_tui.world.observation import FLOOR


class PlannerAgent(OracleAgent):
    name = "planner"
    label = "oracle: the solver's optimal plan on the level itself (the upper bound, not a learner)"

    def begin_episode(self, observation, episode: int, level_id: str = "", level_name: str = "") -> None:
        super().begin_episode(observation, episode, level_id, level_name)
        self._plan: list[Action] = []
        self._expected: State | None = None
        self._taken: frozenset = frozenset()

    def interrupt(self) -> None:
        self._plan = []

    def _state(self, obs) -> State:
        """The world state the observation shows (key cells seen as floor are taken; unseen ones as last known)."""
        taken = set(self._taken)
        for pos in self.level.keys:
            cell = obs.at(pos)
            if cell is not None:
                if cell.kind == FLOOR:
                    taken.add(pos)
                else:
                    taken.discard(pos)
        self._taken = frozenset(taken)
        return State(obs.pos, obs.held, frozenset(obs.opened) | (self._expected.opened if self._expected else
                                                                   frozenset()), self._taken)

    def act(self, observation) -> Decision:
        state = self._state(observation)
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
        twin = GridWorld(self.level, state._replace(steps=0))
        self._expected = twin.step(action).state
        return Decision(action, reason, upcoming=tuple(self._plan[:8]))
