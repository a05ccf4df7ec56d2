"""Optimism under uncertainty: is an untried door worth a try, because it could shorten the route the agent knows?

This is R-max with one try per situation, on what the agent perceives. Whether ``open_door`` opens a door with a
given set of keys held is *unknown on this level* until that situation has been tried here (or what was tried
here implies it: the world model, ``agents/effects.py``). The optimistic model assumes an unknown door opens; when other levels give
a belief about it, the try must pay in expectation (chance · saving > (1 − chance) · the walk there and back). For each closed door, the
optimistic route is: walk to a cell next to it (fetching at most one key first, since what is held may matter —
the agent does not know how), try ``open_door``, step through, walk to the nearest goal with that door passable.
Its **potential saving** is the known route's length minus the optimistic route's length; the door is worth
trying while that saving is positive, i.e. while going through the unknown could beat what the agent already
knows (the try itself, walk included, is counted in the optimistic route).

Every try makes its interaction known, and there are finitely many (door, keys held) pairs in reach, so the
exploration budget is bounded: once no unknown door could shorten the route, nothing more is tried and a mastered
level stays mastered. The caller also refuses a try that, if it failed, could leave too few steps to finish.
Nothing here calls the solver or knows what keys and doors do: the path lengths come from the perceived grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from procmem_tui.memory.paths import beside, reachable
from procmem_tui.world import Action, Level, State

_FAR = 1 << 30
HORIZON = 2  # at most this many episodes are counted on to repay a try (the exploration budget's bound)


def worth_trying(chance: float, saving: int, walk: int, horizon: int = 1) -> bool:
    """Whether a try pays in expectation: ``chance · saving · horizon > (1 − chance) · 2 · walk`` — what it may
    save in the episodes a route found now will serve (the agent expects a level to be played about as many more
    times as it has been: ``horizon``) against the walk there and back if it fails. With chance 1 (never tried
    anywhere: R-max), any positive saving."""
    return saving > 0 and chance * saving * horizon > (1 - chance) * 2 * walk


@dataclass(frozen=True)
class Shortcut:
    """An untried door that could shorten the route: fetch ``key`` first (if any), then try the door."""

    door: tuple[int, int]
    key: tuple[int, int] | None
    route: int  # optimistic steps from here to a goal through the door
    saving: int  # known route − optimistic route
    walk: int  # steps until the try (the cost if it fails, one way)
    chance: float = 1.0  # that the door opens (1.0: nothing known anywhere)
    horizon: int = 1

    @property
    def gain(self) -> float:
        return self.chance * self.saving * self.horizon - (1 - self.chance) * 2 * self.walk

    @property
    def first_target(self) -> tuple[int, int]:
        return self.key if self.key is not None else self.door

    @property
    def first_action(self) -> Action:
        return Action.PICKUP_KEY if self.key is not None else Action.OPEN_DOOR


def _goal_distance(level: Level, ground, state: State, door) -> int:
    """Steps from the door's cell to the nearest goal, with that door open."""
    through = reachable(ground, state._replace(opened=state.opened | {door}), start=door)
    return min((through[g] for g in level.goals if g in through), default=_FAR)


def _door_approach(ground, state: State, dist: dict, door) -> int:
    """Steps to the nearest cell next to the door (not one whose entering ends the episode)."""
    cell = beside(ground, state, dist, door)
    return _FAR if cell is None else dist[cell]


def best_shortcut(level: Level, state: State, known_route: int, dist: dict,
                  chance: Callable[[tuple[int, int], frozenset], float | None],
                  can_fetch: Callable[[tuple[int, int]], bool], horizon: int = 1, *, ground) -> Shortcut | None:
    """The unknown door (possibly after one key) worth most over ``known_route``, or None.

    ``dist``: walking distances from the agent (goals not walked through). ``chance(door, keys)``: None when
    what that door does with those keys is known on this level, else the chance it opens (1.0 when nothing is
    known anywhere). A try is worth it when ``worth_trying`` says so. ``can_fetch(key)``:
    whether that key may be picked up (not known to fail). ``ground``: passability (``memory.paths.Ground``). Best = largest expected gain, then shorter route, then
    the earlier door/key in reading order (stable).
    """
    best: Shortcut | None = None
    from_key: dict = {}
    for door in sorted(level.doors):
        if door in state.opened:
            continue
        beyond = _goal_distance(level, ground, state, door)
        if beyond >= _FAR:
            continue
        options = []
        p = chance(door, state.keys)
        if p is not None:
            walk = _door_approach(ground, state, dist, door)
            options.append((walk + 1, None, p))
        for key in sorted(level.keys):
            letter = level.keys[key]
            if key in state.taken or key not in dist or letter in state.keys or not can_fetch(key):
                continue
            p = chance(door, state.keys | {letter})
            if p is None:
                continue
            if key not in from_key:
                from_key[key] = reachable(ground, state, start=key)
            walk = _door_approach(ground, state, from_key[key], door)
            options.append((dist[key] + 1 + walk + 1, key, p))
        for walk, key, p in options:
            if walk >= _FAR:
                continue
            route = walk + 1 + beyond
            saving = known_route - route
            found = Shortcut(door, key, route, saving, walk, p, horizon)
            if worth_trying(p, saving, walk, horizon) and (best is None or (found.gain, -route) > (best.gain, -best.route)):
                best = found
    return best
