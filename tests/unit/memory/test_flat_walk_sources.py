"""A walk from several cells at once on flat cell flags (``flat_walk.distances_from``) gives each cell the steps
from the nearest of them, as a breadth-first walk over sets of cells does: the planner's lower bound to a win walks
from every winning cell at once."""

from __future__ import annotations

from collections import deque

import numpy as np

from procmem_tui.memory import flat_walk


def _set_walk(passable: set, origins: list) -> dict:
    """The steps from the nearest origin, walking through ``passable`` cells (the origins start it whatever they
    are)."""
    dist = {pos: 0 for pos in origins}
    queue = deque(origins)
    while queue:
        x, y = queue.popleft()
        for nxt in ((x, y + 1), (x + 1, y), (x, y - 1), (x - 1, y)):
            if nxt not in dist and nxt in passable:
                dist[nxt] = dist[(x, y)] + 1
                queue.append(nxt)
    return dist


def test_the_walk_from_several_cells_is_the_set_walk_on_random_grids():
    """On 40 random grids of up to 11 x 11 (ring included, open in places), from 0 to 4 cells of the grid, some of
    them shut: the same cells at the same distances."""
    rng = np.random.default_rng(3)
    for _ in range(40):
        w, h = int(rng.integers(1, 12)), int(rng.integers(1, 12))
        cells = [(x, y) for x in range(-1, w + 1) for y in range(-1, h + 1)]
        passable = {c for c in cells if rng.random() < 0.7}
        inside = [(x, y) for x in range(w) for y in range(h)]
        origins = list(dict.fromkeys(inside[int(i)] for i in rng.integers(0, len(inside), size=int(rng.integers(0, 5)))))
        grid = flat_walk.layout(w, h)
        found = flat_walk.distances_from(grid, grid.flags(passable, ()), origins)
        assert found == _set_walk(passable, origins)


def test_inside_opens_the_grid_and_not_its_rings():
    """``Layout.inside``: every cell of the grid open, the two rings around it shut."""
    grid = flat_walk.layout(5, 3)
    inside = grid.inside()
    opened = {grid.positions[i] for i, flag in enumerate(inside) if flag}
    assert opened == {(x, y) for x in range(5) for y in range(3)}
    assert all(flag in (0, flat_walk.OPEN) for flag in inside)
