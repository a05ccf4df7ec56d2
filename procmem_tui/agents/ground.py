"""Passability read off the learned model, for walks: hopeful (exploring: an unknown cell is open) or firm
(planning: only where moves are known to go)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from procmem_tui.memory.flat_walk import ENDS, OPEN, Layout
from procmem_tui.memory.paths import KeptWalks
from procmem_tui.world import State

if TYPE_CHECKING:
    from procmem_tui.agents.effects import Beliefs

WALKS_KEPT = 128  # walks kept per ground until the model or the map changes (then all are dropped)


class Ground:
    """Passability read off the model: a move into a cell goes where the model says it goes; a cell it knows
    nothing about is open when ``hopeful`` (exploring), shut otherwise (planning on what is known)."""

    def __init__(self, beliefs: "Beliefs", hopeful: bool, walks: KeptWalks | None = None) -> None:
        """``walks``: kept walks to share with another ground of the same beliefs (a walk is kept by the cell
        flags it ran on, so a firm and a hopeful walk on the same flags are one)."""
        self.beliefs, self.hopeful = beliefs, hopeful
        self._walks = walks if walks is not None else KeptWalks(WALKS_KEPT)

    def passable(self, pos, state: State) -> bool:
        outcome = self.beliefs.move_outcome(pos, state)
        return self.hopeful if outcome is None else outcome.moved

    def sets(self, state: State) -> tuple[frozenset, frozenset]:
        """The cells a move may enter and those whose entering ends the walk, in ``state`` (for fast walks)."""
        passable, ends = self.beliefs.base_sets(state.keys, self.hopeful)
        changed = state.taken | state.opened
        if not changed:
            return passable, ends
        passable, ends = set(passable), set(ends)
        for pos in changed:
            passable.discard(pos)
            ends.discard(pos)
            if self.passable(pos, state):
                passable.add(pos)
            if self.ends(pos, state):
                ends.add(pos)
        return frozenset(passable), frozenset(ends)

    def flags(self, state: State) -> tuple[Layout, bytearray]:
        """``sets`` as one flat array of cell flags (``memory.flat_walk``), for the fast walk: the flags with nothing
        opened or gone are built once per keys held (``Beliefs.base_flags``), the cells opened or gone patched on a
        copy."""
        grid, base = self.beliefs.base_flags(state.keys, self.hopeful)
        changed = state.taken | state.opened
        if not changed:
            return grid, base
        flags = bytearray(base)
        for pos in changed:
            i = grid.index(pos)
            if i is not None:
                flags[i] = (OPEN | (ENDS if self.ends(pos, state) else 0)) if self.passable(pos, state) else 0
        return grid, flags

    def distances(self, state: State) -> dict:
        """``reachable`` from the agent in ``state``, kept (``WALKS_KEPT``) until the model or the map changes: a
        plan's search meets the same situations again in the same decision (hoping, after the plan on what is known)
        and in the next ones. A miss runs a walk only if none ran on the same cell flags from the same cell
        (``paths.KeptWalks``: situations that differ only in keys that change no move share one). The dict is
        shared: read it, never change it."""
        self.beliefs.base_flags(state.keys, self.hopeful)  # first: it renews the caches if the model or map changed
        kept = self.beliefs.memo(("walks", self.hopeful), dict)
        key = (state.pos, state.keys, state.opened, state.taken)
        found = kept.get(key)
        if found is None:
            if len(kept) >= WALKS_KEPT:
                kept.clear()
            found = kept[key] = self._walks.reachable(self, state)
        return found

    def ends(self, pos, state: State) -> bool:
        """Entering ``pos`` ends the episode — or, off the grid, where nothing is to be seen: a walk may go there
        (to find out) but not beyond."""
        outcome = self.beliefs.move_outcome(pos, state)
        if outcome is None:
            return not self.beliefs.map.in_bounds(pos)
        return outcome.ended
