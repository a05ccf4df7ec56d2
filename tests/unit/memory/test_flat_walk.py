"""The fast walk on a flat array of cell flags (memory/flat_walk.py) is the same walk as the one on sets of cells:
the same distances, parents and order, a cell that ends the walk reached but not walked through, the ring around
the grid included."""

from __future__ import annotations

import numpy as np

from procmem_tui.memory import flat_walk
from procmem_tui.memory.paths import walk_tree
from procmem_tui.world import State


class _Sets:
    """A ground given as two sets of cells (the slow walk)."""

    def __init__(self, passable, ends) -> None:
        self.cells = (frozenset(passable), frozenset(ends))

    def sets(self, state):
        return self.cells


class _Flags(_Sets):
    """The same ground as flat flags (the fast walk)."""

    def __init__(self, width, height, passable, ends) -> None:
        super().__init__(passable, ends)
        self.grid = flat_walk.layout(width, height)

    def flags(self, state):
        return self.grid, self.grid.flags(*self.cells)


def _random_ground(rng):
    """A random grid of up to 11 x 11 and its ring: walls, cells that end a walk, and a start inside the grid."""
    w, h = int(rng.integers(1, 12)), int(rng.integers(1, 12))
    cells = [(x, y) for x in range(-1, w + 1) for y in range(-1, h + 1)]
    passable = [c for c in cells if rng.random() < 0.7]
    ends = [c for c in cells if rng.random() < 0.1]
    start = (int(rng.integers(0, w)), int(rng.integers(0, h)))
    return w, h, cells, passable, ends, start


def test_the_flat_walk_is_the_set_walk_on_random_grids():
    """On 30 random grids (walls, cells that end a walk, the ring open in places), from a random cell, which may
    itself end a walk: identical distances, parents and insertion order."""
    rng = np.random.default_rng(0)
    for _ in range(30):
        w, h, _, passable, ends, start = _random_ground(rng)
        state = State(start)
        slow = walk_tree(_Sets(passable, ends), state)
        fast = walk_tree(_Flags(w, h, passable, ends), state)
        assert list(fast[0].items()) == list(slow[0].items())
        assert list(fast[1].items()) == list(slow[1].items())


def test_the_steps_to_a_few_cells_are_the_walks_distances():
    """``steps_to`` stops once its cells are reached, yet gives each the full walk's distance; a cell the walk never
    reaches (shut, or cut off) is left out, and the origin among them is 0 steps away."""
    rng = np.random.default_rng(1)
    for _ in range(40):
        w, h, cells, passable, ends, start = _random_ground(rng)
        grid = flat_walk.layout(w, h)
        flags = grid.flags(passable, ends)
        dist, _ = flat_walk.walk(grid, flags, start, parents=False)
        targets = [cells[int(i)] for i in rng.integers(0, len(cells), size=int(rng.integers(1, 7)))] + [start]
        assert flat_walk.steps_to(grid, flags, start, targets) == {t: dist[t] for t in targets if t in dist}
