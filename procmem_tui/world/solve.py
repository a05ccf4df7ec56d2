"""The optimal solver: breadth-first search over (position, keys held, keys taken, doors open), with a budget.

It is the yardstick: every agent's steps are divided by ``len(solve(level))`` (the optimality ratio).
Only actions that change something are expanded, and doors follow the level's :class:`Rules` through
``Rules``' own choice of key, so it follows exactly the rules of ``GridWorld.step``. The held keys are part of
the state because under ``keys: consumed`` they are no longer a function of the keys taken.

Each search state is one Python int, and the search stops with a :class:`SolverLimitError` once
``MAX_SOLVER_STATES`` states were reached, so a level with too many key/door combinations is refused in seconds
with bounded memory instead of growing without end.
"""

from __future__ import annotations

from collections import deque
from functools import lru_cache

from procmem_tui.world.actions import ACTIONS, DOOR_SEARCH_ORDER, MOVE_DELTAS, Action
from procmem_tui.world.level import KEY_LETTERS, Level, LevelError

MAX_SOLVER_STATES = 1_000_000
_MOVES = tuple((ACTIONS.index(a), d) for a, d in MOVE_DELTAS.items())
_PICK, _OPEN = ACTIONS.index(Action.PICKUP_KEY), ACTIONS.index(Action.OPEN_DOOR)
_LETTERS = len(KEY_LETTERS)


class SolverLimitError(LevelError):
    """The search reached its state budget before finding the goal or running out of states."""

    def __init__(self, level: Level, explored: int, budget: int) -> None:
        line, column = level.file_position(level.start)
        self.explored = explored
        super().__init__(
            level.source, line, column,
            f"too many key/door combinations to solve: {explored} states explored (the solver stops at {budget})",
        )


def solve(level: Level, start=None, *, budget: int = MAX_SOLVER_STATES) -> list[Action] | None:
    """A shortest action list from the level's start (or from a ``State``) to a goal, or None if there is none.

    Raises :class:`SolverLimitError` when more than ``budget`` states would have to be explored.
    """
    if start is None and budget == MAX_SOLVER_STATES:
        plan = _solve_from_start(level)
    else:
        s = start
        plan = _bfs(level, level.start, frozenset(), frozenset(), frozenset(), budget) if s is None else _bfs(
            level, s.pos, frozenset(s.keys), frozenset(s.taken), frozenset(s.opened), budget)
    return None if plan is None else [ACTIONS[code] for code in plan]


def optimal_steps(level: Level, start=None) -> int | None:
    plan = solve(level, start)
    return None if plan is None else len(plan)


@lru_cache(maxsize=512)
def _solve_from_start(level: Level) -> tuple[int, ...] | None:
    return _bfs(level, level.start, frozenset(), frozenset(), frozenset(), MAX_SOLVER_STATES)


def _bfs(level: Level, pos, held, taken, opened, budget: int) -> tuple[int, ...] | None:
    w, h = level.width, level.height
    if pos in level.goals:
        return ()
    blocked = level.walls | level.boxes
    rules = level.rules
    any_door, consumes = rules.any_door, rules.consumes
    key_list, door_list = sorted(level.keys), sorted(level.doors)
    key_bit = {p: 1 << i for i, p in enumerate(key_list)}
    door_bit = {p: 1 << i for i, p in enumerate(door_list)}
    # node = cell | held << HELD | taken << TAKEN | opened << OPENED
    cells = w * h
    held_shift = cells.bit_length()
    taken_shift = held_shift + _LETTERS
    opened_shift = taken_shift + len(key_list)
    cell_mask = (1 << held_shift) - 1
    moves, pickups, adjacent_doors = [], [], []
    for i in range(cells):
        x, y = i % w, i // w
        out = []
        for code, (dx, dy) in _MOVES:
            nx, ny = x + dx, y + dy
            if 0 <= nx < w and 0 <= ny < h and (nx, ny) not in blocked:
                out.append((code, ny * w + nx, door_bit.get((nx, ny), 0), (nx, ny) in level.goals))
        moves.append(out)
        kbit = key_bit.get((x, y))
        pickups.append(None if kbit is None else (kbit << taken_shift, 1 << KEY_LETTERS.index(level.keys[(x, y)])))
        adjacent_doors.append([
            (door_bit[(x + dx, y + dy)] << opened_shift, 1 << KEY_LETTERS.index(level.doors[(x + dx, y + dy)].lower()))
            for dx, dy in DOOR_SEARCH_ORDER if (x + dx, y + dy) in door_bit
        ])
    held_mask = 0
    for letter in held:
        held_mask |= 1 << KEY_LETTERS.index(letter)
    root = (pos[1] * w + pos[0]) | held_mask << held_shift
    root |= sum(key_bit[p] for p in taken if p in key_bit) << taken_shift
    root |= sum(door_bit[p] for p in opened if p in door_bit) << opened_shift
    parent: dict[int, int] = {root: -1}  # child -> parent * 8 + action code
    queue = deque([root])
    while queue:
        node = queue.popleft()
        cell = node & cell_mask
        link = node << 3
        for code, target, dbit, goal in moves[cell]:
            if dbit and not (node >> opened_shift) & dbit:
                continue
            child = node - cell + target
            if child not in parent:
                parent[child] = link | code
                if goal:
                    return _unwind(parent, child)
                queue.append(child)
        pickup = pickups[cell]
        if pickup is not None:
            tbit, lbit = pickup
            if not node & tbit and not (node >> held_shift) & lbit:
                child = node | tbit | lbit << held_shift
                if child not in parent:
                    parent[child] = link | _PICK
                    queue.append(child)
        hand = (node >> held_shift) & 63
        if hand:
            for obit, lbit in adjacent_doors[cell]:
                if node & obit:
                    continue
                used = lbit if hand & lbit else (hand & -hand if any_door else 0)
                if used:
                    child = node | obit
                    if consumes:
                        child &= ~(used << held_shift)
                    if child not in parent:
                        parent[child] = link | _OPEN
                        queue.append(child)
                    break
        if len(parent) > budget:
            raise SolverLimitError(level, len(parent), budget)
    return None


def _unwind(parent: dict[int, int], node: int) -> tuple[int, ...]:
    plan = []
    link = parent[node]
    while link >= 0:
        plan.append(link & 7)
        link = parent[link >> 3]
    plan.reverse()
    return tuple(plan)
