"""Which cells are in sight: python-tcod's symmetric shadowcasting within a Euclidean radius.

Walls and closed doors block sight; floor, keys, boxes, goals and open doors do not (DESIGN.md, Sight). The
blocking cells themselves are seen (``light_walls``), so a player sees the wall that ends a corridor.
"""

from __future__ import annotations

import numpy as np

from procmem_tui.world.level import Level, Pos

_OPAQUE_CACHE: dict[int, tuple[Level, np.ndarray]] = {}


def _opaque_base(level: Level) -> np.ndarray:
    """A (width, height) bool array, True where a wall or a (closed) door stands. Cached per level object."""
    cached = _OPAQUE_CACHE.get(id(level))
    if cached is not None and cached[0] is level:
        return cached[1]
    opaque = np.zeros((level.width, level.height), dtype=bool)
    for x, y in level.walls:
        opaque[x, y] = True
    for x, y in level.doors:
        opaque[x, y] = True
    opaque.setflags(write=False)
    if len(_OPAQUE_CACHE) > 256:
        _OPAQUE_CACHE.clear()
    _OPAQUE_CACHE[id(level)] = (level, opaque)
    return opaque


def visible_mask(level: Level, state, radius: int) -> np.ndarray:
    """A (width, height) bool array of the cells in sight from ``state.pos`` within ``radius``."""
    import tcod.constants
    import tcod.map

    opaque = _opaque_base(level)
    if state.opened:
        opaque = opaque.copy()
        for x, y in state.opened:
            opaque[x, y] = False
    radius = max(0, int(radius))
    seen = tcod.map.compute_fov(
        ~opaque, state.pos, radius=radius + 1, light_walls=True,
        algorithm=tcod.constants.FOV_SYMMETRIC_SHADOWCAST,
    )
    # tcod's radius leaves out cells at exactly the radius; ours is "within N": dx² + dy² <= N².
    x, y = state.pos
    xs = np.arange(level.width)[:, None] - x
    ys = np.arange(level.height)[None, :] - y
    return seen & (xs * xs + ys * ys <= radius * radius)


def visible_cells(level: Level, state, radius: int) -> frozenset[Pos]:
    """The cells in sight from ``state.pos`` within ``radius`` (the agent's own cell always included)."""
    xs, ys = np.nonzero(visible_mask(level, state, radius))
    return frozenset(zip(xs.tolist(), ys.tolist())) | {state.pos}
