"""What the agent sees of a level and remembers of its layout.

It sees what the observation shows (drawn on its own map, ``memory.level_map``): each cell's kind and letter; what
blocks is the world model's to learn (``memory.paths`` walks on what it says). It knows a level again by the opaque
id the session hands it (a fingerprint of the level's text), and remembers the cells it has stood on there, so a level
too large to sweep within its step limit is swept across episodes. (Paths on what it sees: ``memory.paths``.)
"""

from __future__ import annotations

from procmem_tui.memory import facts as F
from procmem_tui.memory.features import state_embedding
from procmem_tui.world import Level, State


class LevelMaps:
    """The cells stood on, per level fingerprint; only the ``limit`` most recently played levels are kept."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.cells: dict[str, set] = {}  # least recently played level first

    def enter(self, fingerprint: str) -> set:
        """The cells remembered for this level (a set the caller adds to); it becomes the most recent one."""
        visited = self.cells.pop(fingerprint, set())
        self.cells[fingerprint] = visited
        while len(self.cells) > self.limit:
            del self.cells[next(iter(self.cells))]
        return visited


def situation(level: Level, state: State, fingerprint: str) -> tuple[frozenset, object]:
    """The state as the skill library is queried with: its facts and its embedding."""
    return F.state_facts(level, state, fingerprint=fingerprint), state_embedding(level, state)
