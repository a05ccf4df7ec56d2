"""Of the shortest walks through cells never seen, the one most likely to get through (for ``agents/scouting.py``).

A breadth-first walk on the ground that opens every never-seen cell has many shortest walks to a cell far away, and
its parents pick one by the order the moves are tried: under fog that one may run along the unseen stretch of a wall
(four never-seen cells where a seen wall runs on, each likely wall) when another as short crosses where no wall was
seen near. A walk gets through as likely as its least likely never-seen cell (``scouting.passes``), so the parents
are chosen again, cell by cell in order of distance, to keep the largest such chance: each cell takes, of its
neighbours one step nearer that the walk goes through, the one whose best walk is likeliest (ties keep the walk's own
parent). The distances stay the same, so the walk is still a shortest one; only which one changes.
"""

from __future__ import annotations

from math import isqrt
from typing import TYPE_CHECKING

from procmem_tui.memory.flat_walk import ENDS

if TYPE_CHECKING:
    from procmem_tui.agents.effects import Beliefs
    from procmem_tui.world import State

_SIDES = ((0, 1), (1, 0), (0, -1), (-1, 0))


def likeliest(dist: dict, parent: dict, chance, walked_through) -> "Likeliest":
    """Parents for ``dist`` (a breadth-first walk's distances, ``parent`` its parents) whose walk to each cell has the
    largest least ``chance(cell)`` of its cells; ``walked_through(cell)``: the walk may go on from that cell (not one
    whose entering ends the walk). Worked out on demand, for the cells a walk is asked for and those before them (a
    plan asks for a few walks on a map of a thousand cells); ``dist`` and ``parent`` are left as they are."""
    return Likeliest(dist, parent, chance, walked_through)


class Likeliest:
    """A parents mapping (``[cell]``, ``get``) whose chosen parent for a cell is worked out when first asked: each
    cell takes, of its neighbours one step nearer that the walk goes through, the one whose best walk is likeliest
    (ties keep the walk's own parent, then the first in ``_SIDES``' order)."""

    def __init__(self, dist: dict, parent: dict, chance, walked_through) -> None:
        self.dist, self.parent, self.chance, self.through = dist, parent, chance, walked_through
        self.best: dict = {}
        self.chosen: dict = {}

    def __getitem__(self, cell):
        if cell not in self.chosen:
            if cell not in self.dist:
                raise KeyError(cell)
            self._solve(cell)
        return self.chosen[cell]

    def get(self, cell, default=None):
        return self[cell] if cell in self.dist else default

    def __contains__(self, cell) -> bool:
        return cell in self.dist

    def _nearer(self, cell) -> list:
        """The walk's own parent first, then the other neighbours one step nearer that the walk goes on from."""
        before = self.parent.get(cell)
        if before is None:
            return []
        d = self.dist[cell] - 1
        x, y = cell
        found = [before]
        for dx, dy in _SIDES:
            near = (x + dx, y + dy)
            if near != before and self.dist.get(near) == d and self.through(near):
                found.append(near)
        return found

    def _solve(self, cell) -> None:
        todo, stack = {}, [cell]
        while stack:
            c = stack.pop()
            if c in self.best or c in todo:
                continue
            todo[c] = nearer = self._nearer(c)
            stack.extend(n for n in nearer if n not in self.best and n not in todo)
        for c in sorted(todo, key=self.dist.__getitem__):
            nearer = todo[c]
            if not nearer:
                self.best[c], self.chosen[c] = self.chance(c), None
                continue
            pick, most = nearer[0], self.best[nearer[0]]
            for near in nearer[1:]:
                if self.best[near] > most:
                    pick, most = near, self.best[near]
            self.chosen[c] = pick
            self.best[c] = min(most, self.chance(c))


def walked_through(grid, flags, origin):
    """Whether the walk on ``flags`` (``memory.flat_walk``) goes on from a cell: the origin always, any other unless
    entering it ends the walk."""
    def through(cell) -> bool:
        if cell == origin:
            return True
        i = grid.index(cell)
        return i is not None and not flags[i] & ENDS
    return through


def most_shown(dist: dict, parent: dict, end, back: dict, worth, walked_through) -> dict:
    """Parents for the walks to ``end`` (``dist``/``parent`` a breadth-first walk from the start, ``back`` one from
    ``end``: the cells of the shortest walks are those whose two distances sum to ``dist[end]``) that keep the
    largest sum of ``worth(cell)`` along the walk: of the shortest walks, the one passing where the most is to be
    seen. Cells off those walks keep their parents; ties keep the walk's own parent. A new dict."""
    total = dist.get(end)
    if total is None:
        return parent
    best: dict = {}
    chosen = dict(parent)
    on_way = sorted((c for c in dist if c in back and dist[c] + back[c] == total), key=lambda c: dist[c])
    for cell in on_way:
        before = parent.get(cell)
        if before is None:
            best[cell] = 0.0
            continue
        d = dist[cell] - 1
        pick, most = before, best.get(before, -1.0)
        x, y = cell
        for dx, dy in _SIDES:
            near = (x + dx, y + dy)
            if near != before and near in best and dist[near] == d and best[near] > most and walked_through(near):
                pick, most = near, best[near]
        chosen[cell] = pick
        best[cell] = most + worth(cell)
    return chosen


def looking(beliefs: "Beliefs", state: "State", walked: tuple, end) -> tuple:
    """``walked`` (the firm walk's distances and parents from ``state``) with its walk to ``end`` chosen, of the
    shortest, to pass where the most never-seen cells of shorter ways come into reach: cells a walk from here to
    ``end`` through cells never seen (``UNSEEN`` ground) would cross at fewer steps than the firm walk. A look that
    costs nothing now tells the episodes to come whether that way is open (``agents/scouting.py`` counts on what it
    showed). Unchanged without fog, or when no shorter way through cells never seen is hoped for."""
    m = beliefs.map
    dist, parent = walked
    total = dist.get(end)
    if total is None or not m.unknown() or m.sight <= 0 or total < 2:
        return walked
    ahead = beliefs.unseen.distances(state)
    behind = beliefs.unseen.distances(state._replace(pos=end))
    if ahead.get(end, total) >= total:
        return walked
    seen = m.cells
    wanted = {c for c, d in ahead.items() if c not in seen and m.in_bounds(c) and c in behind and d + behind[c] < total}
    if not wanted:
        return walked
    r = isqrt(m.sight)
    disc = [(dx, dy) for dx in range(-r, r + 1) for dy in range(-r, r + 1) if dx * dx + dy * dy <= m.sight]

    def worth(cell) -> int:
        x, y = cell
        return sum((x + dx, y + dy) in wanted for dx, dy in disc)

    back = beliefs.firm.distances(state._replace(pos=end))
    grid, flags = beliefs.firm.flags(state)
    return dist, most_shown(dist, parent, end, back, worth, walked_through(grid, flags, state.pos))
