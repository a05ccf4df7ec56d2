"""Exploration's fallbacks: seek what is novel, and try what could shorten the route the agent knows.

(First comes curiosity on the learned world model, ``agents/curiosity.py``; the novelty below is used when the
model leaves nothing worth trying in reach.)

**Novelty** over cells and objects, with no built-in idea of what keys, doors or goals are for. The novel targets
are every reachable cell the agent has not stood on (a goal cell is just another such cell: walking onto it is how
the agent first finds out what a goal does) and every untried (object, action, keys held) interaction —
``pickup_key`` on a key's cell, ``open_door`` from a cell next to a door — unless what was learned says it fails
here. Learned key/door skills that apply count as targets too (they change the grid, so they may open the way).
Each target costs the steps to reach it (+1 for the interaction); the agent walks to the cheapest, ties broken by
its seeded ``numpy.random.Generator`` (reproducible, yet not biased toward any object or direction). So on a fresh
level it sweeps the space it can reach, trying whatever it meets on the way: first episodes are visibly longer
than optimal. Only if nothing novel is in reach does it take a random action. What other levels say fails is
tried only when nothing else is left (a belief tested, not trusted blindly).

**Shortcuts** (optimism under uncertainty, ``agents/optimism.py``): before following a plan, a closed door not
yet tried here whose optimistic route is shorter than the plan is tried first, when a failed try would still
leave the steps to finish by the known route.
"""

from __future__ import annotations

import numpy as np

from procmem_tui.agents import explain
from procmem_tui.agents.effects import Beliefs
from procmem_tui.agents.optimism import best_shortcut
from procmem_tui.agents.run import Run, exploring
from procmem_tui.memory import facts as F
from procmem_tui.memory.paths import beside, neighbours, path_to
from procmem_tui.world import ACTIONS, Action, Level, State, Step
from procmem_tui.world.actions import DOOR_OPENED, GOAL_REACHED, KEY_PICKED

PICKUP, OPEN = Action.PICKUP_KEY.value, Action.OPEN_DOOR.value


def note_tries(tried: set, level: Level, state: State, action: Action, step: Step) -> None:
    """Add the (object cell, action, keys held) interactions this step tried to ``tried``: they are novel no more."""
    if action == Action.PICKUP_KEY:
        tried.add((state.pos, "pickup_key", state.keys))
    elif action == Action.OPEN_DOOR:
        for cell in neighbours(state.pos):
            if cell in level.doors:
                tried.add((cell, "open_door", state.keys))
    if GOAL_REACHED in step.events:
        tried.add((step.state.pos, "enter", state.keys))


def _novelties(level: Level, state: State, dist: dict, beliefs: Beliefs, known: set, visited: set,
               tried: set) -> list:
    """(doubt, cost, label, cell to walk to, action there) for every novel target in reach, and known skills."""
    options = [(0, dist[cell], explain.unvisited(cell), cell, None) for cell in sorted(dist) if cell not in visited]
    for kind, pos in F.targets(level, state):
        if kind == "key" and pos in dist:
            doubt = beliefs.doubt(PICKUP, state.keys, pos)
            if doubt == "here":
                continue
            novel = (pos, "pickup_key", state.keys) not in tried
            if novel or KEY_PICKED in known:
                options.append((int(doubt is not None), dist[pos] + 1,
                                explain.interaction(novel, "key", level.keys[pos], "pickup_key"),
                                pos, Action.PICKUP_KEY))
        elif kind == "door":
            doubt = beliefs.doubt(OPEN, state.keys, pos)
            if doubt == "here":
                continue
            novel = (pos, "open_door", state.keys) not in tried
            if not novel and DOOR_OPENED not in known:
                continue
            cell = beside(beliefs, state, dist, pos)
            if cell is not None:
                options.append((int(doubt is not None), dist[cell] + 1,
                                explain.interaction(novel, "door", level.doors[pos], "open_door"),
                                cell, Action.OPEN_DOOR))
    return options


def explore(level: Level, state: State, walked: tuple[dict, dict], beliefs: Beliefs, known: set, visited: set,
            tried: set, rng: np.random.Generator) -> Run:
    """Walk to the nearest novel target (ties by ``rng``); ``walked``: distances and parents from the agent,
    ``known``: the effects of the learned skills that apply."""
    dist, parent = walked
    options = _novelties(level, state, dist, beliefs, known, visited, tried)
    nearest = min((o[:2] for o in options), default=None)
    tied = [o[1:] for o in options if o[:2] == nearest]
    actions: list = []
    if tied:
        cost, label, end, last = tied[int(rng.integers(len(tied)))] if len(tied) > 1 else tied[0]
        actions = path_to(parent, end) + ([last] if last is not None else [])
        reason = explain.novelty(label, cost, len(tied))
    if not actions:
        actions = [ACTIONS[int(rng.integers(len(ACTIONS)))]]
        reason = explain.RANDOM
    return exploring(actions, reason)


def shortcut(level: Level, state: State, known_route: int, walked: tuple[dict, dict], beliefs: Beliefs,
             horizon: int) -> Run | None:
    """Walk to an untried door that could shorten ``known_route`` (fetching a key first if that is the try), or
    None when no try is worth it or a failed one could leave too few steps to finish."""
    dist, parent = walked
    found = best_shortcut(level, state, known_route, dist, beliefs.door_chance,
                          lambda key: beliefs.can_fetch(state.keys, key), horizon, ground=beliefs.hopeful)
    if found is None or state.steps + 2 * found.walk + known_route > level.max_steps:
        return None
    if found.key is not None:
        actions = path_to(parent, found.key) + [Action.PICKUP_KEY]
    else:
        actions = path_to(parent, beside(beliefs, state, dist, found.door)) + [Action.OPEN_DOOR]
    return exploring(actions, explain.shortcut(level, found, known_route))
