"""The optimal solver: breadth-first search over (position, keys held, keys taken, doors open), with a budget.

It is the yardstick: every agent's steps are divided by ``len(solve(level))`` (the optimality ratio).
Only actions that change something are expanded. Which held key a door uses is not worked out here: a table
per door letter, built from :meth:`Rules.key_for` for every set of held keys (``_key_used``), answers it, so the
solver follows exactly the rule of ``GridWorld.step``, which asks ``key_for`` too. The held keys are part of
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
from procmem_tui.world.rules import Rules

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


class _Graph:
    """One level's search tables. A state is one int: ``cell | held << HELD | taken << TAKEN | opened << OPENED``."""

    def __init__(self, level: Level) -> None:
        w, h = level.width, level.height
        self.width = w
        blocked = level.walls | level.boxes
        key_used = _key_used(level.rules)
        key_list, door_list = sorted(level.keys), sorted(level.doors)
        self.key_bit = {p: 1 << i for i, p in enumerate(key_list)}
        self.door_bit = {p: 1 << i for i, p in enumerate(door_list)}
        cells = w * h
        self.held_shift = held_shift = cells.bit_length()
        self.taken_shift = taken_shift = held_shift + _LETTERS
        self.opened_shift = opened_shift = taken_shift + len(key_list)
        self.cell_mask = (1 << held_shift) - 1
        # Per cell: moves (code, target cell, bit of the door there or 0, reaches a goal); the key lying there
        # (taken bit, held bit); the doors beside it in open_door's order (opened bit, key used per held mask).
        self.moves, self.pickups, self.adjacent_doors = moves, pickups, adjacent_doors = [], [], []
        for i in range(cells):
            x, y = i % w, i // w
            out = []
            for code, (dx, dy) in _MOVES:
                nx, ny = x + dx, y + dy
                if 0 <= nx < w and 0 <= ny < h and (nx, ny) not in blocked:
                    out.append((code, ny * w + nx, self.door_bit.get((nx, ny), 0) << opened_shift,
                                (nx, ny) in level.goals))
            moves.append(out)
            kbit = self.key_bit.get((x, y))
            pickups.append(None if kbit is None else (kbit << taken_shift, 1 << KEY_LETTERS.index(level.keys[(x, y)])))
            adjacent_doors.append([
                (self.door_bit[(x + dx, y + dy)] << opened_shift, key_used[level.doors[(x + dx, y + dy)].lower()])
                for dx, dy in DOOR_SEARCH_ORDER if (x + dx, y + dy) in self.door_bit
            ])

    def encode(self, pos, held, taken, opened) -> int:
        node = (pos[1] * self.width + pos[0]) | sum(1 << KEY_LETTERS.index(k) for k in held) << self.held_shift
        node |= sum(self.key_bit[p] for p in taken if p in self.key_bit) << self.taken_shift
        return node | sum(self.door_bit[p] for p in opened if p in self.door_bit) << self.opened_shift

    def decode(self, node: int) -> tuple:
        """(pos, held, opened, taken) of a node, in ``State``'s order."""
        cell = node & self.cell_mask
        held = frozenset(k for i, k in enumerate(KEY_LETTERS) if node >> (self.held_shift + i) & 1)
        opened = frozenset(p for p, bit in self.door_bit.items() if node >> self.opened_shift & bit)
        taken = frozenset(p for p, bit in self.key_bit.items() if node >> self.taken_shift & bit)
        return (cell % self.width, cell // self.width), held, opened, taken


def successors(level: Level, state) -> list[tuple[Action, tuple]]:
    """The solver's successor function at one ``State``: ``(action, (pos, keys, opened, taken))`` for each action
    that changes something, exactly as the search expands it (it is the search's own first expansion)."""
    graph = _Graph(level)
    root = graph.encode(state.pos, state.keys, state.taken, state.opened)
    parent = _search(graph, root, MAX_SOLVER_STATES, level, root_only=True)
    children = sorted((link & 7, child) for child, link in parent.items() if child != root)
    return [(ACTIONS[code], graph.decode(child)) for code, child in children]


def _bfs(level: Level, pos, held, taken, opened, budget: int) -> tuple[int, ...] | None:
    if pos in level.goals:
        return ()
    graph = _Graph(level)
    return _search(graph, graph.encode(pos, held, taken, opened), budget, level)


def _search(graph: _Graph, root: int, budget: int, level: Level, root_only: bool = False):
    """Breadth-first from ``root``: the plan (action codes) to the nearest goal, or None. ``root_only`` stops after
    expanding the root and returns the ``parent`` map instead (``successors``). One loop, written inline for
    speed (a successor call per state made the search ~1.5x slower)."""
    consumes = level.rules.consumes
    cell_mask, held_shift = graph.cell_mask, graph.held_shift
    moves, pickups, adjacent_doors = graph.moves, graph.pickups, graph.adjacent_doors
    parent: dict[int, int] = {root: -1}  # child -> parent * 8 + action code
    queue = deque([root])
    while queue:
        node = queue.popleft()
        cell = node & cell_mask
        link = node << 3
        for code, target, dbit, goal in moves[cell]:
            if dbit and not node & dbit:
                continue
            child = node - cell + target
            if child not in parent:
                parent[child] = link | code
                if goal:
                    if root_only:
                        continue
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
            for obit, used_by_hand in adjacent_doors[cell]:
                if node & obit:
                    continue
                used = used_by_hand[hand]
                if used:
                    child = node | obit
                    if consumes:
                        child &= ~(used << held_shift)
                    if child not in parent:
                        parent[child] = link | _OPEN
                        queue.append(child)
                    break
        if root_only:
            return parent
        if len(parent) > budget:
            raise SolverLimitError(level, len(parent), budget)
    return None


@lru_cache(maxsize=64)
def _key_used(rules: Rules) -> dict[str, tuple[int, ...]]:
    """Per door letter, for every held-keys bit mask (0–63): the bit of the key ``rules.key_for`` uses, or 0."""
    table = {}
    for door in KEY_LETTERS:
        row = []
        for hand in range(1 << _LETTERS):
            held = {k for i, k in enumerate(KEY_LETTERS) if hand >> i & 1}
            used = rules.key_for(door, held)
            row.append(0 if used is None else 1 << KEY_LETTERS.index(used))
        table[door] = tuple(row)
    return table


def _unwind(parent: dict[int, int], node: int) -> tuple[int, ...]:
    plan = []
    link = parent[node]
    while link >= 0:
        plan.append(link & 7)
        link = parent[link >> 3]
    plan.reverse()
    return tuple(plan)
