"""Paths on a grid whose passability someone else decides: breadth-first walks, the cells beside one, moves.

Nothing here knows what blocks. A *ground* says whether a move into a cell would move the agent in a situation
(``passable``) and whether entering it ends the episode (``ends``: such a cell is a destination, never walked
through); the procmem agent's ground is its learned world model (``agents/effects.py``). ``world/`` keeps its own
search for the solver: it may not import ``memory``.
"""

from __future__ import annotations

from collections import deque
from typing import Protocol

from procmem_tui.memory import flat_walk
from procmem_tui.world import Action, State
from procmem_tui.world.actions import MOVE_DELTAS

Pos = tuple[int, int]
OFFSETS: tuple[Pos, ...] = ((0, 1), (1, 0), (0, -1), (-1, 0))  # a fixed reading order (up, right, down, left)
_DELTA_ACTION = {delta: action for action, delta in MOVE_DELTAS.items()}


class Ground(Protocol):
    """What a walk asks of the one who walks: can a move enter ``pos``, and does entering it end the episode."""

    def passable(self, pos: Pos, state: State) -> bool: ...

    def ends(self, pos: Pos, state: State) -> bool: ...


def neighbours(pos: Pos) -> list[Pos]:
    """The four cells next to ``pos`` (up, right, down, left)."""
    return [(pos[0] + dx, pos[1] + dy) for dx, dy in OFFSETS]


def reachable(ground: Ground, state: State, start: Pos | None = None) -> dict[Pos, int]:
    """Breadth-first distances (in moves) from ``start`` (default: the agent) to every cell it can walk to. A ground
    that keeps its walks (``distances``: the same walk, kept) gives its own: read them, never change them."""
    kept = getattr(ground, "distances", None)
    if kept is not None:
        return kept(state if start is None else state._replace(pos=start))
    return _walk(ground, state, start, parents=False)[0]


def walk_tree(ground: Ground, state: State, start: Pos | None = None) -> tuple[dict, dict]:
    """Breadth-first distances and parents of the cells the agent can walk to; a cell whose entering ends the
    episode is reachable as a destination but never walked through. From the agent, a ground that keeps its walks
    (``tree``: the same walk, kept by its cell flags, ``KeptWalks``) gives its own: read them, never change them."""
    tree = getattr(ground, "tree", None) if start is None else None
    if tree is not None:
        return tree(state)
    return _walk(ground, state, start, parents=True)


def _walk(ground: Ground, state: State, start: Pos | None, parents: bool) -> tuple[dict, dict | None]:
    origin = state.pos if start is None else start
    flags = getattr(ground, "flags", None)
    if flags is not None:  # a ground that gives every cell's passability as a flat array: the fast walk
        grid, cells = flags(state)
        if grid.index(origin) is not None:
            return flat_walk.walk(grid, cells, origin, parents)
    dist = {origin: 0}
    parent = {origin: None}
    queue = deque([origin])
    sets = getattr(ground, "sets", None)
    if sets is not None:  # a ground that can say it for every cell at once: set lookups, no calls
        open_cells, end_cells = sets(state)
        while queue:
            cell = queue.popleft()
            for dx, dy in OFFSETS:
                nxt = (cell[0] + dx, cell[1] + dy)
                if nxt in dist or nxt not in open_cells:
                    continue
                dist[nxt] = dist[cell] + 1
                parent[nxt] = cell
                if nxt not in end_cells:
                    queue.append(nxt)
        return dist, parent
    passable, ends = ground.passable, ground.ends
    while queue:
        cell = queue.popleft()
        for dx, dy in OFFSETS:
            nxt = (cell[0] + dx, cell[1] + dy)
            if nxt in dist or not passable(nxt, state):
                continue
            dist[nxt] = dist[cell] + 1
            parent[nxt] = cell
            if ends(nxt, state):
                continue
            queue.append(nxt)
    return dist, parent


class KeptWalks:
    """Walks kept by what decides them: the ground's flat cell flags (their bytes) and the origin. Situations a
    walk cannot tell apart (keys that change no move, a key gone from a cell a move entered anyway, a map or model
    change that left every cell as it was) share one walk. Each walk runs once, with parents, for ``reachable``
    and ``tree`` alike (a plan's hoped and scouting walks need the parents of walks its search already ran). At
    most ``size`` are kept of each (then all of that one are dropped). The dicts are shared: read them, never change
    them."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: dict = {}
        self._trees: dict = {}

    def reachable(self, ground: Ground, state: State) -> dict[Pos, int]:
        """``reachable(ground, state)``, from a kept walk when one ran on the same flags from the same cell."""
        walk = self._walk_of(ground, state)
        if walk is None:
            return _walk(ground, state, None, parents=False)[0]
        key = walk[0]
        found = self._kept.get(key)
        if found is None:
            if len(self._kept) >= self.size:
                self._kept.clear()
            found = self._kept[key] = self._walk(*walk)[0]
        return found

    def tree(self, ground: Ground, state: State) -> tuple[dict, dict]:
        """``walk_tree(ground, state)``, kept alike; its distances are the very dict ``reachable`` gives for the
        same flags and cell."""
        walk = self._walk_of(ground, state)
        if walk is None:
            return _walk(ground, state, None, parents=True)  # not ``walk_tree``: it may ask this very ``tree``
        dist = self._kept.get(walk[0])
        found = self._walk(*walk)
        return found if dist is None or dist is found[0] else (dist, found[1])

    @staticmethod
    def _walk_of(ground: Ground, state: State) -> tuple | None:
        """(the key a walk is kept by, its grid, its flags, its origin), or None for a ground with no flat flags."""
        flags = getattr(ground, "flags", None)
        if flags is None:
            return None
        grid, cells = flags(state)
        if grid.index(state.pos) is None:
            return None
        return (grid.width, grid.height, bytes(cells), state.pos), grid, cells, state.pos

    def _walk(self, key: tuple, grid, cells, origin) -> tuple[dict, dict]:
        found = self._trees.get(key)
        if found is None:
            if len(self._trees) >= self.size:
                self._trees.clear()
            found = self._trees[key] = flat_walk.walk(grid, cells, origin, True)
        return found


def beside(ground: Ground, state: State, dist: dict[Pos, int], pos: Pos, known: dict | None = None) -> Pos | None:
    """The nearest cell of ``dist`` next to ``pos``, from which to act on it (never one whose entering ends the
    episode); ties: first one as near in ``known`` (distances over another ground, e.g. where moves are known to
    go), then cell order. None if there is none."""
    cells = [c for c in neighbours(pos) if c in dist and not ground.ends(c, state)]
    known = {} if known is None else known
    return min(cells, key=lambda c: (dist[c], known.get(c) != dist[c], c)) if cells else None


def moves(cells: list[Pos]) -> list[Action]:
    """The moves that walk along ``cells`` (each next to the one before)."""
    return [_DELTA_ACTION[(b[0] - a[0], b[1] - a[1])] for a, b in zip(cells, cells[1:])]


def path_to(parent: dict, end) -> list[Action]:
    """The moves from the search's start to ``end`` along ``walk_tree``'s parents."""
    cells = []
    while end is not None:
        cells.append(end)
        end = parent[end]
    return moves(cells[::-1])


def shortest_within(cells: set, start: Pos, end: Pos) -> list[Pos] | None:
    """A shortest path start→end through ``cells`` only (both ends included), or None."""
    parent = {start: None}
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        if cell == end:
            path = []
            while cell is not None:
                path.append(cell)
                cell = parent[cell]
            return path[::-1]
        for nxt in neighbours(cell):
            if nxt in cells and nxt not in parent:
                parent[nxt] = cell
                queue.append(nxt)
    return None
