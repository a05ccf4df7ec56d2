"""Passability read off the learned model, for walks: hopeful (exploring: an unknown cell is open), firm
(planning: only where moves are known to go), or hopeful only about cells never seen (``UNSEEN``: scouting, a
shorter way through what the agent has not seen yet, ``agents/scouting.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from procmem_tui.memory.flat_walk import ENDS, OPEN, Layout
from procmem_tui.memory.paths import KeptWalks
from procmem_tui.world import State

if TYPE_CHECKING:
    from procmem_tui.agents.effects import Beliefs

WALKS_KEPT = 128  # walks kept per ground while the looks and moves' facts stand (``Beliefs.by_moves``)
UNSEEN = "unseen"  # a ground's ``hopeful`` that opens only cells never seen (seen ones as the firm ground)
LIKELY = "likely"  # a ground's ``hopeful`` that opens an unknown cell unless its kind is background never moved into


def enters_unknown(hopeful, seen: bool) -> bool:
    """Whether a ground of ``hopeful`` walks into a cell whose move outcome the model does not know: a hopeful one
    always, a firm one never, an ``UNSEEN`` one only into a cell never seen."""
    return hopeful is True or (hopeful == UNSEEN and not seen)


class Ground:
    """Passability read off the model: a move into a cell goes where the model says it goes; a cell it knows
    nothing about is open when ``hopeful`` (exploring), shut otherwise (planning on what is known); with ``hopeful``
    ``UNSEEN``, open only if it was never seen."""

    def __init__(self, beliefs: "Beliefs", hopeful: bool | str, walks: KeptWalks | None = None) -> None:
        """``walks``: kept walks to share with another ground of the same beliefs (a walk is kept by the cell
        flags it ran on, so a firm and a hopeful walk on the same flags are one)."""
        self.beliefs, self.hopeful = beliefs, hopeful
        self._walks = walks if walks is not None else KeptWalks(WALKS_KEPT)

    def passable(self, pos, state: State) -> bool:
        outcome = self.beliefs.move_outcome(pos, state)
        if outcome is not None:
            return outcome.moved
        if self.hopeful == LIKELY:
            return self.beliefs.likely_entered(self.beliefs.look(pos, state))
        return enters_unknown(self.hopeful, self.hopeful != UNSEEN or self.beliefs.look(pos, state) is not None)

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
        copy, kept. Read it, never change it."""
        grid, base = self.beliefs.base_flags(state.keys, self.hopeful)
        if not state.taken and not state.opened:
            return grid, base
        key = ("patched flags", self.hopeful, state.keys, state.opened, state.taken)
        return grid, self.beliefs.by_moves(key, lambda: self._patched(grid, base, state))

    def _patched(self, grid: Layout, base: bytearray, state: State) -> bytearray:
        """``base`` with the cells opened or gone in ``state`` as they are then (kept by ``flags`` per keys held and
        cells opened or gone while the looks and what moves do stand, ``Beliefs.by_moves``: a plan asks for them in
        every situation it meets, and again for each hoped walk's cells)."""
        flags = bytearray(base)
        for pos in state.taken | state.opened:
            i = grid.index(pos)
            if i is not None:
                flags[i] = (OPEN | (ENDS if self.ends(pos, state) else 0)) if self.passable(pos, state) else 0
        return flags

    def distances(self, state: State) -> dict:
        """``reachable`` from the agent in ``state``, kept (``WALKS_KEPT``) while the looks and what moves do stand
        (``Beliefs.by_moves``): a plan's search meets the same situations again in the same decision (hoping, after
        the plan on what is known) and in the next ones. A miss runs a walk only if none ran on the same cell flags
        from the same cell (``paths.KeptWalks``: situations that differ only in keys that change no move share one).
        The dict is shared: read it, never change it."""
        self.beliefs.base_flags(state.keys, self.hopeful)  # first: it renews the caches if the model or map changed
        kept = self.beliefs.by_moves(("walks", self.hopeful), dict)
        key = (state.pos, state.keys, state.opened, state.taken)
        found = kept.get(key)
        if found is None:
            if len(kept) >= WALKS_KEPT:
                kept.clear()
            found = kept[key] = self._walks.reachable(self, state)
        return found

    def tree(self, state: State) -> tuple[dict, dict]:
        """``walk_tree`` from the agent in ``state``: distances and parents, shared with every situation and ground
        that walks the same cell flags from the same cell (``paths.KeptWalks.tree``). Read them, never change them."""
        self.beliefs.base_flags(state.keys, self.hopeful)
        return self._walks.tree(self, state)

    def ends(self, pos, state: State) -> bool:
        """Entering ``pos`` ends the episode — or, off the grid, where nothing is to be seen: a walk may go there
        (to find out) but not beyond."""
        outcome = self.beliefs.move_outcome(pos, state)
        if outcome is None:
            return not self.beliefs.map.in_bounds(pos)
        return outcome.ended
