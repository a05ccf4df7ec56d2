"""Paths and passability on the perceived grid, for every part of the agent and its memory: one place.

Passability is perception: walls, boxes and closed doors are solid; floor, keys, goals and open doors can be
walked on. (``world/`` keeps its own search for the solver: it may not import ``memory``.)
"""

from __future__ import annotations

from collections import deque

from procmem_tui.world import Action, Level, State
from procmem_tui.world.actions import MOVE_DELTAS

Pos = tuple[int, int]
NEIGHBOURS: tuple[Pos, ...] = ((0, 1), (1, 0), (0, -1), (-1, 0))  # the order open_door searches in
_DELTA_ACTION = {delta: action for action, delta in MOVE_DELTAS.items()}


def neighbours(pos: Pos) -> list[Pos]:
    """The four cells next to ``pos`` (up, right, down, left)."""
    return [(pos[0] + dx, pos[1] + dy) for dx, dy in NEIGHBOURS]


def passable(level: Level, state: State, pos: Pos) -> bool:
    """Whether a move into ``pos`` would succeed in ``state`` (walls, boxes and closed doors block)."""
    if not level.in_bounds(pos) or pos in level.walls or pos in level.boxes:
        return False
    return pos not in level.doors or pos in state.opened


def reachable(level: Level, state: State, start: Pos | None = None) -> dict[Pos, int]:
    """Breadth-first distances (in moves) from ``start`` (default: the agent) to every cell it can walk to."""
    dist, _ = walk_tree(level, state, avoid_goals=False, start=start)
    return dist


def walk_tree(level: Level, state: State, avoid_goals: bool, start: Pos | None = None) -> tuple[dict, dict]:
    """Breadth-first distances and parents of the cells the agent can walk to; with ``avoid_goals`` a goal cell
    is reachable as a destination but never walked through (stepping on one ends the episode)."""
    origin = state.pos if start is None else start
    dist = {origin: 0}
    parent = {origin: None}
    queue = deque([origin])
    while queue:
        cell = queue.popleft()
        for nxt in neighbours(cell):
            if nxt in dist or not passable(level, state, nxt):
                continue
            dist[nxt] = dist[cell] + 1
            parent[nxt] = cell
            if avoid_goals and nxt in level.goals:
                continue
            queue.append(nxt)
    return dist, parent


def beside(level: Level, dist: dict[Pos, int], pos: Pos) -> Pos | None:
    """The nearest cell of ``dist`` next to ``pos``, from which to act on it (never a goal: stepping on one ends the
    episode); ties in cell order. None if there is none."""
    cells = [c for c in neighbours(pos) if c in dist and c not in level.goals]
    return min(cells, key=lambda c: (dist[c], c)) if cells else None


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
