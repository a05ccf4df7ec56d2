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


def likeliest(dist: dict, parent: dict, chance, walked_through) -> dict:
    """Parents for ``dist`` (a breadth-first walk's distances, ``parent`` its parents) whose walk to each cell has the
    largest least ``chance(cell)`` of its cells; ``walked_through(cell)``: the walk may go on from that cell (not one
    whose entering ends the walk). A new dict; ``dist`` and ``parent`` are left as they are."""
    best: dict = {}
    chosen: dict = {}
    for cell in sorted(dist, key=lambda c: dist[c]):  # stable: cells of one distance keep the walk's order
        before = parent.get(cell)
        if before is None:
            best[cell], chosen[cell] = chance(cell), None
            continue
        d = dist[cell] - 1
        pick, most = before, best[before]
        x, y = cell
        for dx, dy in _SIDES:
            near = (x + dx, y + dy)
            if near != before and dist.get(near) == d and best[near] > most and walked_through(near):
                pick, most = near, best[near]
        chosen[cell] = pick
        best[cell] = min(most, chance(cell))
    return chosen


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
