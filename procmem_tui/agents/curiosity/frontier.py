"""The frontier under fog: where to stand to see the most never-seen cells, and the edge beside the seen border.

A cell is worth what standing there would bring into sight: the never-seen cells within the sight radius seen so
far that a field of view on the agent's own map reaches (python-tcod's symmetric shadowcasting, as the world's
sight; never-seen cells count as transparent, optimistic; a seen cell blocks sight unless its look was seen
through, ``LevelMap.clear``). Valuing the nearest never-seen cell instead made the agent sweep open fields in lanes
one cell apart: with a sight disc the nearest never-seen cell is always just past the radius.
"""

from __future__ import annotations

from math import isqrt

import numpy as np

from procmem_tui.memory.imagine import OFFSETS
from procmem_tui.memory.level_map import LevelMap

SIGHTS_KEPT = 1 << 14  # fields of view ``Gains`` keeps across decisions at most (then all are dropped)


def frontier(m: LevelMap, looks: dict) -> tuple[set, set]:
    """(cells in bounds never seen next to a seen cell, cells off the grid next to a seen cell)."""
    outside = {(x + dx, y + dy) for x, y in looks for dx, dy in OFFSETS} - looks.keys()
    inside = {pos for pos in outside if m.in_bounds(pos)}
    return inside, outside - inside


class Gains:
    """How many never-seen cells would come into sight from a cell: ``upper`` (every never-seen cell within the
    radius, cheap, for all cells at once) bounds ``exact`` (what a field of view on the map reaches). ``kept``:
    the fields of view worked out before, by what decides them (``_mask``), kept across decisions by the caller."""

    def __init__(self, m: LevelMap, kept: dict | None = None) -> None:
        self.r2 = max(1, m.sight)
        self.radius = isqrt(self.r2)
        r = self.radius
        unseen = np.ones((m.width, m.height), dtype=bool)
        opaque = np.zeros((m.width, m.height), dtype=bool)
        for (x, y), cell in m.cells.items():
            unseen[x, y] = False
            if (cell.kind, (x, y) in m.opened) not in m.clear:
                opaque[x, y] = True
        self.unseen, self.transparent = unseen, ~opaque
        disc = [(dx, dy) for dx in range(-r, r + 1) for dy in range(-r, r + 1) if dx * dx + dy * dy <= self.r2]
        self.area = len(disc)
        padded = np.zeros((m.width + 2 * r, m.height + 2 * r), dtype=np.int32)
        padded[r:r + m.width, r:r + m.height] = unseen
        total = np.zeros((m.width, m.height), dtype=np.int32)
        for dx, dy in disc:
            total += padded[r + dx:r + dx + m.width, r + dy:r + dy + m.height]
        self._upper = total
        xs = np.arange(-r, r + 1)
        self._disc = (xs[:, None] ** 2 + xs[None, :] ** 2) <= self.r2
        self._exact: dict = {}
        self._shown: dict = {}
        self._masks: dict = {}  # what ``exact`` worked out, until ``shown`` reads it
        self._kept = {} if kept is None else kept

    def upper(self, pos) -> int:
        return int(self._upper[pos])

    def exact(self, pos) -> int:
        found = self._exact.get(pos)
        if found is None:
            found = self._exact[pos] = self._fov(pos) if self._upper[pos] else 0
        return found

    def shown(self, pos) -> frozenset:
        """The never-seen cells a look from ``pos`` would bring into sight (``exact`` counts them)."""
        found = self._shown.get(pos)
        if found is None:
            if not self._upper[pos]:
                found = frozenset()
            else:
                (x0, y0), mask, key = self._masks.pop(pos, None) or self._mask(pos)
                kept = (key, x0, y0)
                found = self._kept.get(kept)
                if found is None:
                    found = self._kept[kept] = frozenset((int(x) + x0, int(y) + y0) for x, y in zip(*np.nonzero(mask)))
            self._shown[pos] = found
        return found

    def _fov(self, pos) -> int:
        found = self._masks[pos] = self._mask(pos)
        return int(np.count_nonzero(found[1]))

    def _mask(self, pos) -> tuple:
        """((x0, y0), the never-seen cells a look from ``pos`` would show in the window of the map from (x0, y0),
        what decides them: the key it is kept by)."""
        import tcod.constants
        import tcod.map

        r = self.radius
        x, y = pos
        w, h = self.unseen.shape
        x0, y0, x1, y1 = max(0, x - r), max(0, y - r), min(w, x + r + 1), min(h, y + r + 1)
        transparent, unseen = self.transparent[x0:x1, y0:y1], self.unseen[x0:x1, y0:y1]
        # What decides the mask: the window's see-through and never-seen cells, where in it the look is from, the
        # sight. Under fog the map changes at every step, but only near the agent: a look elsewhere is as before.
        key = (self.r2, x - x0, y - y0, transparent.shape, transparent.tobytes(), unseen.tobytes())
        found = self._kept.get(key)
        if found is None:
            seen = tcod.map.compute_fov(transparent, (x - x0, y - y0), radius=r + 1,
                                        light_walls=True, algorithm=tcod.constants.FOV_SYMMETRIC_SHADOWCAST)
            disc = self._disc[x0 - x + r:x1 - x + r, y0 - y + r:y1 - y + r]
            found = seen & disc & unseen
            found.flags.writeable = False  # shared by every look of the same window
            if len(self._kept) >= SIGHTS_KEPT:
                self._kept.clear()
            self._kept[key] = found
        return (x0, y0), found, key

