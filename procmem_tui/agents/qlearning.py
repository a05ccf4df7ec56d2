"""``qlearning``: tabular Q-learning, the classic model-free baseline.

* State: what it sees of its situation (position, keys held, doors in sight that stand open, key cells in sight)
  — exact, so it learns a level but cannot transfer to an unseen layout.
* Q(s, ·) starts at 0; update ``Q(s,a) += α (r + γ max Q(s',·) − Q(s,a))`` (no bootstrap from a terminal state),
  α = 0.5, γ = 0.99.
* ε-greedy with a seeded ``numpy.random.Generator``: ε starts at 1.0 and decays ×0.95 per episode down to 0.05;
  greedy ties are broken at random. ``learning=False`` (evaluation): no updates, ε = 0.
* It also learns from a person's transitions as they happen (off-policy, as Q-learning allows).
"""

from __future__ import annotations

import numpy as np

from procmem_tui.agents.base import Agent, Decision, LearnEvent
from procmem_tui.memory.trajectory import Trajectory
from procmem_tui.world import ACTIONS, Action, State
from procmem_tui.world.observation import KEY, Observation

ALPHA, GAMMA = 0.5, 0.99
EPSILON_START, EPSILON_DECAY, EPSILON_MIN = 1.0, 0.95, 0.05


def _key(obs: Observation):
    keys_lying = frozenset(p for p, c in obs.cells.items() if c.kind == KEY)
    return (obs.pos, obs.held, obs.opened, keys_lying)


def _state_key(state: State):
    return (state.pos, state.keys, state.opened, state.taken)


class QLearningAgent(Agent):
    name = "qlearning"
    label = "tabular Q-learning, ε-greedy (model-free baseline)"

    def __init__(self, seed: int = 0, library=None, *, learning: bool = True, alpha: float = ALPHA,
                 gamma: float = GAMMA, epsilon: float = EPSILON_START, **options) -> None:
        super().__init__(seed, None)
        self.rng = np.random.default_rng(seed)
        self.learning = learning
        self.alpha, self.gamma, self.epsilon = alpha, gamma, epsilon
        self.q: dict = {}
        self._last = None

    def _values(self, key) -> np.ndarray:
        values = self.q.get(key)
        if values is None:
            values = self.q[key] = np.zeros(len(ACTIONS))
        return values

    def begin_episode(self, observation, episode: int, level_id: str = "", level_name: str = "") -> None:
        super().begin_episode(observation, episode, level_id, level_name)
        self._last = None
        self._seen = observation

    def act(self, observation: Observation) -> Decision:
        key = _key(observation)
        values = self.q.get(key)
        epsilon = self.epsilon if self.learning else 0.0
        if values is None or self.rng.random() < epsilon:
            index = int(self.rng.integers(len(ACTIONS)))
            reason = f"explore (ε = {epsilon:.2f})" if values is not None else "unseen state: random"
        else:
            best = np.flatnonzero(values == values.max())
            index = int(best[self.rng.integers(len(best))]) if len(best) > 1 else int(best[0])
            reason = f"greedy: Q = {values[index]:.2f} (ε = {epsilon:.2f})"
        self._last = (key, index)
        return Decision(ACTIONS[index], reason)

    def _update(self, key, index: int, reward: float, next_key, terminal: bool) -> None:
        values = self._values(key)
        target = reward if terminal else reward + self.gamma * float(self._values(next_key).max())
        values[index] += self.alpha * (target - values[index])

    def observe(self, observation: Observation, decision: Decision | None, action: Action) -> None:
        last, self._last = self._last, None
        before, self._seen = self._seen, observation
        if not self.learning:
            return
        if decision is None or last is None:  # a person's step: learned from as it happens (off-policy)
            last = (_key(before), ACTIONS.index(Action(action)))
        self._update(last[0], last[1], observation.reward, _key(observation), observation.terminated)

    def learn_episode(self, trajectory: Trajectory) -> list[LearnEvent]:
        if not self.learning:
            return []
        self.epsilon = max(EPSILON_MIN, self.epsilon * EPSILON_DECAY)
        return []
