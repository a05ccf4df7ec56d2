"""The frontier: cells never seen beside ones seen (fog), and, off the grid, the edge beside the seen border."""

from __future__ import annotations

from procmem_tui.memory.imagine import OFFSETS
from procmem_tui.memory.level_map import LevelMap


def frontier(m: LevelMap, looks: dict) -> tuple[set, set]:
    """(cells in bounds never seen next to a seen cell, cells off the grid next to a seen cell)."""
    outside = {(x + dx, y + dy) for x, y in looks for dx, dy in OFFSETS} - looks.keys()
    inside = {pos for pos in outside if m.in_bounds(pos)}
    return inside, outside - inside
