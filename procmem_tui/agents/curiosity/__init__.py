"""Curiosity: go and find out, cheaply — the next experiment the learned world model says is worth its steps.

An **experiment** is an action on a cell whose outcome the model (``memory.world_model``, read through
``memory.imagine``) does not know well: a move into a cell, or another action on the cell stood on or one beside
it, or walking to a **frontier** (under fog, a cell from which never-seen cells would come into sight). The agent
runs the experiment of least cost ÷ value (then the cheaper, then one that ends with a move, then its seeded
generator's choice), so it tries the nearest untried kind of object first and each action once where it could
teach something, and goes to a cell the model expects to end the episode with a reward as soon as it believes
that. It re-plans whenever it sees or learns something new (``CURIOUS`` runs). One idea per module:

* ``values``: what an experiment is worth (novelty × rarity of the kind it meets);
* ``frontier``: what standing on a cell would bring into sight (``Gains``), and the edge beside the seen border;
* ``route``: walking within one believed situation, only where the model expects a move to succeed;
* ``choice``: keeping the best offer, ties broken by the seeded generator;
* ``bound``: the least score an experiment in or beyond a situation could have, so one that cannot beat the best
  kept is not searched;
* ``search``: the bounded search over believed situations (keys held, doors open, objects gone), so an experiment
  that needs a key fetched and a door opened first costs what that takes, and one beyond a try that did its change
  elsewhere counts that try at a discount (optimism about the untried).

Nothing here says what a kind does, which action suits which kind, or what blocks: every outcome is the model's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from procmem_tui.agents.curiosity import way
from procmem_tui.agents.curiosity.search import MAX_NODES, _Search
from procmem_tui.agents.curiosity.values import RARITY_POWER
from procmem_tui.memory.imagine import Belief
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import WorldModel
from procmem_tui.world import Action

__all__ = ["CURIOUS", "Experiment", "MAX_NODES", "RARITY_POWER", "curious"]
CURIOUS = "curious"  # the name of a run that is an experiment (the agent re-plans it whenever it learns)


@dataclass(frozen=True)
class Experiment:
    """The chosen experiment: the actions that get there and do it, and why."""

    actions: tuple[Action, ...]
    reason: str
    cost: int
    value: float

    @property
    def score(self) -> float:
        return self.cost / self.value


def curious(model: WorldModel, m: LevelMap, level: str, now: Belief, rng: np.random.Generator,
            max_nodes: int = MAX_NODES) -> Experiment | None:
    """The experiment of least cost ÷ value from situation ``now`` on map ``m`` of ``level``, or None when the
    model knows everything in reach (see the package's docstring)."""
    search = _Search(model, m, level, rng, max_nodes)
    search.run(now)
    way.first_tries(search, now)
    if search.best is None:
        return None
    (_, cost, _), value, make = search.best
    actions, reason = make()
    return Experiment(tuple(actions), reason, cost, value) if actions else None
