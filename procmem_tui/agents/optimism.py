"""Optimism under uncertainty: is an untried door worth a try, because it could shorten the route the agent knows?

This is R-max with one try per interaction, on what the agent perceives. An interaction ``open_door`` on a door,
with a given set of keys held, is *unknown* until it has been tried on this level with those keys (or a learned
skill predicts its outcome). The optimistic model assumes an unknown door opens. For each closed door, the
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

from procmem_tui.memory import facts as F
from procmem_tui.world import Action, Level, State

_FAR = 1 << 30


@dataclass(frozen=True)
class Shortcut:
    """An untried door that could shorten the route: fetch ``key`` first (if any), then try the door."""

    door: tuple[int, int]
    key: tuple[int, int] | None
    route: int  # optimistic steps from here to a goal through the door
    saving: int  # known route − optimistic route
    walk: int  # steps until the try (the cost if it fails, one way)

    @property
    def first_target(self) -> tuple[int, int]:
        return self.key if self.key is not None else self.door

    @property
    def first_action(self) -> Action:
        return Action.PICKUP_KEY if self.key is not None else Action.OPEN_DOOR


def _goal_distance(level: Level, state: State, door) -> int:
    """Steps from the door's cell to the nearest goal, with that door passable."""
    through = F.reachable(level, state._replace(opened=state.opened | {door}), start=door)
    return min((through[g] for g in level.goals if g in through), default=_FAR)


def _door_approach(level: Level, dist: dict, door) -> tuple[int, tuple[int, int] | None]:
    """The nearest cell next to the door (not a goal: stepping on one ends the episode) and its distance."""
    cells = [(door[0] + dx, door[1] + dy) for dx, dy in F.NEIGHBOURS]
    cells = [c for c in cells if c in dist and c not in level.goals]
    if not cells:
        return _FAR, None
    best = min(cells, key=lambda c: (dist[c], c))
    return dist[best], best


def best_shortcut(level: Level, state: State, known_route: int, dist: dict,
                  unknown: Callable[[tuple[int, int], frozenset], bool],
                  can_fetch: Callable[[tuple[int, int]], bool]) -> Shortcut | None:
    """The unknown door (possibly after one key) whose optimistic route saves most over ``known_route``, or None.

    ``dist``: walking distances from the agent (goals not walked through). ``unknown(door, keys)``: whether
    trying that door with those keys held is still unknown. ``can_fetch(key)``: whether that key may be picked up
    (not known to fail). Ties go to the shorter route, then to the earlier door/key in reading order (stable).
    """
    best: Shortcut | None = None
    from_key: dict = {}
    for door in sorted(level.doors):
        if door in state.opened:
            continue
        beyond = _goal_distance(level, state, door)
        if beyond >= _FAR:
            continue
        options = []
        if unknown(door, state.keys):
            walk, _ = _door_approach(level, dist, door)
            options.append((walk + 1, None))
        for key in sorted(level.keys):
            letter = level.keys[key]
            if key in state.taken or key not in dist or letter in state.keys or not can_fetch(key):
                continue
            if not unknown(door, state.keys | {letter}):
                continue
            if key not in from_key:
                from_key[key] = F.reachable(level, state, start=key)
            walk, _ = _door_approach(level, from_key[key], door)
            options.append((dist[key] + 1 + walk + 1, key))
        for walk, key in options:
            if walk >= _FAR:
                continue
            route = walk + 1 + beyond
            saving = known_route - route
            if saving > 0 and (best is None or (saving, -route) > (best.saving, -best.route)):
                best = Shortcut(door, key, route, saving, walk)
    return best
