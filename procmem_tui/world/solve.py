"""The optimal solver: breadth-first search over (position, keys taken, doors open).

It is the yardstick: every agent's steps are divided by ``len(solve(level))`` (the optimality ratio).
Only actions that change something are expanded, so it follows exactly the rules of ``GridWorld.step``.
"""

from __future__ import annotations

from collections import deque
from functools import lru_cache

from procmem_tui.world.actions import DOOR_SEARCH_ORDER, MOVE_DELTAS, Action
from procmem_tui.world.level import Level

_MOVES = tuple(MOVE_DELTAS.items())


def solve(level: Level, start=None) -> list[Action] | None:
    """A shortest action list from the level's start (or from a ``State``) to a goal, or None."""
    if start is None:
        plan = _solve_from_start(level)
        return None if plan is None else list(plan)
    plan = _bfs(level, start.pos, frozenset(start.taken), frozenset(start.opened))
    return None if plan is None else list(plan)


def optimal_steps(level: Level, start=None) -> int | None:
    plan = solve(level, start)
    return None if plan is None else len(plan)


@lru_cache(maxsize=512)
def _solve_from_start(level: Level) -> tuple[Action, ...] | None:
    return _bfs(level, level.start, frozenset(), frozenset())


def _bfs(level: Level, pos, taken, opened) -> tuple[Action, ...] | None:
    w, h = level.width, level.height
    blocked = level.walls | level.boxes
    keys, doors, goals = level.keys, level.doors, level.goals
    key_list = sorted(keys)
    door_list = sorted(doors)
    key_bit = {p: 1 << i for i, p in enumerate(key_list)}
    door_bit = {p: 1 << i for i, p in enumerate(door_list)}
    letter_of_mask: dict[int, frozenset[str]] = {}

    def held(mask: int) -> frozenset[str]:
        letters = letter_of_mask.get(mask)
        if letters is None:
            letters = frozenset(keys[p] for p in key_list if mask & key_bit[p])
            letter_of_mask[mask] = letters
        return letters

    start = (pos, sum(key_bit[p] for p in taken if p in key_bit), sum(door_bit[p] for p in opened if p in door_bit))
    if pos in goals:
        return ()
    parent: dict = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        (x, y), tmask, omask = node
        successors = []
        for action, (dx, dy) in _MOVES:
            nx, ny = x + dx, y + dy
            if not (0 <= nx < w and 0 <= ny < h):
                continue
            nxt = (nx, ny)
            if nxt in blocked:
                continue
            bit = door_bit.get(nxt)
            if bit is not None and not omask & bit:
                continue
            successors.append((action, (nxt, tmask, omask)))
        kbit = key_bit.get((x, y))
        if kbit is not None and not tmask & kbit:
            successors.append((Action.PICKUP_KEY, ((x, y), tmask | kbit, omask)))
        if tmask:
            letters = held(tmask)
            for dx, dy in DOOR_SEARCH_ORDER:
                bit = door_bit.get((x + dx, y + dy))
                if bit is not None and not omask & bit and doors[(x + dx, y + dy)].lower() in letters:
                    successors.append((Action.OPEN_DOOR, ((x, y), tmask, omask | bit)))
                    break
        for action, child in successors:
            if child in parent:
                continue
            parent[child] = (node, action)
            if child[0] in goals:
                return _unwind(parent, child)
            queue.append(child)
    return None


def _unwind(parent: dict, node) -> tuple[Action, ...]:
    plan = []
    while parent[node] is not None:
        node, action = parent[node]
        plan.append(action)
    plan.reverse()
    return tuple(plan)
