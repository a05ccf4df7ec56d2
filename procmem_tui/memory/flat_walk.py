"""Breadth-first walks on a grid held as one flat array of cell flags: the same walk as ``paths.walk_tree`` (same
distances, parents and order), several times faster, for grounds that can say every cell's passability at once.

A cell (x, y) of a ``width`` x ``height`` grid, or of the ring around it, has the index ``(x + 2) · stride + y + 2``
with ``stride = height + 4``: a second ring of shut cells means a neighbour's index never leaves the array, and the
four neighbours in ``paths.OFFSETS`` order (up, right, down, left) are ``i + 1, i + stride, i − 1, i − stride``.
"""

from __future__ import annotations

from functools import lru_cache

OPEN = 1  # a move may enter the cell
ENDS = 2  # entering it ends the walk (set only with OPEN)
UP_RIGHT_DOWN_LEFT = ((0, 1), (1, 0), (0, -1), (-1, 0))  # ``paths.OFFSETS``
_ENDS_WALKED_THROUGH = bytes([0, OPEN, OPEN, OPEN]) + bytes(range(4, 256))  # a flag with ENDS read as OPEN alone
KEPT = 128  # walks a ``Kept`` holds at most (then all are dropped): a 32x32 walk's two dicts take about 70 KB


class Layout:
    """The flat indexing of a grid of ``width`` x ``height`` cells and the two rings around it."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.stride = height + 4
        self.size = (width + 4) * self.stride
        self.positions = [(i // self.stride - 2, i % self.stride - 2) for i in range(self.size)]

    def inside(self) -> bytearray:
        """``OPEN`` at every cell of the grid (not its rings): copy it, never change it (kept per layout)."""
        found = getattr(self, "_inside", None)
        if found is None:
            found = self._inside = bytearray(self.size)
            for x in range(self.width):
                start = (x + 2) * self.stride + 2
                found[start:start + self.height] = bytes([OPEN]) * self.height
        return found

    def index(self, pos) -> int | None:
        """The flat index of ``pos``, or None outside the grid and its first ring."""
        x, y = pos
        if -1 <= x <= self.width and -1 <= y <= self.height:
            return (x + 2) * self.stride + y + 2
        return None

    def flags(self, passable, ends) -> bytearray:
        """The flags of cells given as sets (cells outside the grid and its first ring are left shut)."""
        found = bytearray(self.size)
        index = self.index
        for pos in passable:
            i = index(pos)
            if i is not None:
                found[i] = OPEN
        for pos in ends:
            i = index(pos)
            if i is not None and found[i]:
                found[i] = OPEN | ENDS
        return found


@lru_cache(maxsize=8)
def layout(width: int, height: int) -> Layout:
    return Layout(width, height)


def walk(grid: Layout, flags: bytearray, origin, parents: bool = True,
         order: tuple = UP_RIGHT_DOWN_LEFT) -> tuple[dict, dict | None]:
    """Distances (and parents, if asked) of the cells reachable from ``origin`` in breadth-first order; a cell
    flagged ``ENDS`` is reached but never walked through (the origin always is). ``order``: the four neighbours'
    (dx, dy) in the order they are tried (it decides the parents where paths tie). One ring of cells at a time;
    a cell is crossed off ``free`` (a copy of the flags) when reached, so one lookup says whether to enter it."""
    start = grid.index(origin)
    if start is None:
        raise ValueError(f"{origin} lies outside the grid and its ring")
    positions = grid.positions
    deltas = tuple(dx * grid.stride + dy for dx, dy in order)
    free = bytearray(flags)
    free[start] = 0
    dist = {positions[start]: 0}
    if not parents:
        return _distances(free, [start], dist, positions, deltas), None
    return dist, _parents(free, start, dist, positions, deltas)


class Kept:
    """Walks kept by all that decides them: the grid's size, the flags (their bytes), the origin and the order of
    the moves. A search that meets the same flags from the same cell again (another decision on the same map, a
    situation whose keys or openings change no flag) reads the walk it ran before. Each runs once, with parents;
    asked without, its distances are the same dict in the same order. At most ``size`` are kept (then all are
    dropped). The dicts are shared: read them, never change them."""

    def __init__(self, size: int = KEPT) -> None:
        self.size = size
        self._kept: dict = {}

    def walk(self, grid: Layout, flags: bytearray, origin, parents: bool = True,
             order: tuple = UP_RIGHT_DOWN_LEFT) -> tuple[dict, dict | None]:
        """``walk(grid, flags, origin, parents, order)``, kept."""
        key = (grid.width, grid.height, bytes(flags), origin, order)
        found = self._kept.get(key)
        if found is None:
            if len(self._kept) >= self.size:
                self._kept.clear()
            found = self._kept[key] = walk(grid, flags, origin, True, order)
        return found if parents else (found[0], None)


def distances_from(grid: Layout, flags: bytearray, origins) -> dict:
    """The steps from the nearest of ``origins`` (cells of the grid, each at 0 whatever its flag) to every cell a
    walk from them reaches, entering any cell a move may enter and walking through it (``ENDS`` is not read). The
    same distances as a breadth-first walk over the cells' positions, in another order."""
    free = bytearray(flags).translate(_ENDS_WALKED_THROUGH)
    dist: dict = {}
    ring = []
    for pos in origins:
        i = grid.index(pos)
        dist[pos] = 0
        free[i] = 0
        ring.append(i)
    return _distances(free, ring, dist, grid.positions, tuple(dx * grid.stride + dy for dx, dy in UP_RIGHT_DOWN_LEFT))


def steps_to(grid: Layout, flags: bytearray, origin, targets, order: tuple = UP_RIGHT_DOWN_LEFT) -> dict:
    """The steps from ``origin`` to each of ``targets`` that ``walk`` reaches, the same as its distances; the walk
    stops as soon as the last of them is reached (a few cells, not the whole map, when they lie near each other)."""
    start = grid.index(origin)
    if start is None:
        raise ValueError(f"{origin} lies outside the grid and its ring")
    found = {origin: 0} if origin in targets else {}
    wanted = {}
    for pos in targets:
        i = grid.index(pos)
        if i is not None and i != start:
            wanted[i] = pos
    if not wanted:
        return found
    positions = grid.positions
    deltas = tuple(dx * grid.stride + dy for dx, dy in order)
    free = bytearray(flags)
    free[start] = 0
    ring, step = [start], 0
    while ring:
        step += 1
        after: list = []
        push = after.append
        for cell in ring:
            for nxt in (cell + deltas[0], cell + deltas[1], cell + deltas[2], cell + deltas[3]):
                flag = free[nxt]
                if flag:
                    free[nxt] = 0
                    if nxt in wanted:
                        found[wanted.pop(nxt)] = step
                        if not wanted:
                            return found
                    if flag == OPEN:
                        push(nxt)
        ring = after
    return found


def _parents(free: bytearray, start: int, dist: dict, positions: list, deltas: tuple) -> dict:
    """The walk with parents: fills ``dist``, gives the parents. The four neighbours are written out one by one (a
    loop over them took about a sixth of a 32x32 walk's time)."""
    d0, d1, d2, d3 = deltas
    parent = {positions[start]: None}
    ring, step = [start], 0
    while ring:
        step += 1
        after: list = []
        push = after.append
        for cell in ring:
            here = positions[cell]
            nxt = cell + d0
            flag = free[nxt]
            if flag:
                free[nxt] = 0
                pos = positions[nxt]
                dist[pos] = step
                parent[pos] = here
                if flag == OPEN:
                    push(nxt)
            nxt = cell + d1
            flag = free[nxt]
            if flag:
                free[nxt] = 0
                pos = positions[nxt]
                dist[pos] = step
                parent[pos] = here
                if flag == OPEN:
                    push(nxt)
            nxt = cell + d2
            flag = free[nxt]
            if flag:
                free[nxt] = 0
                pos = positions[nxt]
                dist[pos] = step
                parent[pos] = here
                if flag == OPEN:
                    push(nxt)
            nxt = cell + d3
            flag = free[nxt]
            if flag:
                free[nxt] = 0
                pos = positions[nxt]
                dist[pos] = step
                parent[pos] = here
                if flag == OPEN:
                    push(nxt)
        ring = after
    return parent


def _distances(free: bytearray, ring: list, dist: dict, positions: list, deltas: tuple) -> dict:
    """The walk without parents, from the cells of ``ring`` at once: fills ``dist``."""
    d0, d1, d2, d3 = deltas
    step = 0
    while ring:
        step += 1
        after: list = []
        push = after.append
        for cell in ring:
            for nxt in (cell + d0, cell + d1, cell + d2, cell + d3):
                flag = free[nxt]
                if flag:
                    free[nxt] = 0
                    dist[positions[nxt]] = step
                    if flag == OPEN:
                        push(nxt)
        ring = after
    return dist
