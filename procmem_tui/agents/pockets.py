"""Openings no plan needs, for ``agents/skill_plan.py``: opening an object whose far side is a pocket — cells that
connect to the rest of the map only through that object and hold no object and no unseen cell — leaves every walk
and every option the same except the pocket's own, and an empty dead end is on no shortest route. A plan with such
an opening costs more than the same plan without it, so the search need not expand it (on ``distractor_keys``
each of the hall's dead-end doors doubles the situations a plan meets).

Cells are read on the ground the plan's lower bound walks: every cell but those of a kind a move was seen into and
that nothing ever opened or took away; when the plan counts only on what is known, also without cells of a kind no
move was ever seen to enter and nothing ever changed (``never_entered``). The test is conservative: no two of
the object's neighbours may be joined around it (else opening it could be a shortcut), no object beside it (a
stand on it), no object sharing a free neighbour with it (its look decides where that object is acted on from),
and the model must never have seen its kind give or take keys or end the episode (what an opened one could do
next).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from procmem_tui.memory.imagine import base_looks
from procmem_tui.memory.paths import neighbours

POCKET_CELLS = 64  # a larger side without an object is not called a dead end (cost of the test, not its truth)

if TYPE_CHECKING:
    from procmem_tui.agents.effects import Beliefs
    from procmem_tui.agents.option import Option
    from procmem_tui.world import State


def pointless_opening(beliefs: "Beliefs", state: "State", option: "Option", free, hoping: bool) -> bool:
    """Whether ``option`` only opens an object in front of an empty dead end (see the module); ``free(cell)``: the
    ground the plan may walk (``hoping`` or not)."""
    after, cell = option.after, option.cell
    if option.wins or option.expectation.outcome.ended or cell in state.opened:
        return False
    if after != state._replace(pos=after.pos, opened=state.opened | {cell}):
        return False
    (pocket,) = beliefs.memo(("pocket", beliefs.model.version, beliefs.map.version, cell, hoping),
                             lambda: (_pocket(beliefs, cell, free),))  # kept when None too
    return pocket is not None and state.pos not in pocket


def _pocket(beliefs: "Beliefs", cell, free) -> frozenset | None:
    """The cells behind ``cell`` when every side of it but one (the agent's: it holds an object or an unseen cell)
    is an empty dead end of at most ``POCKET_CELLS``; None when opening ``cell`` could matter to some plan (or the
    sides are too large to tell cheaply). A side is explored only until it shows an object, so a door between two
    rooms costs a few steps, not the rooms."""
    m = beliefs.map
    looks = base_looks(m)
    if cell not in looks or _kind_acts(beliefs, looks[cell].kind):
        return None
    moved, acted = beliefs.memo(("kinds", beliefs.model.version), lambda: _kinds(beliefs))

    def outer(c) -> bool:  # an object, a cell never seen, or a cell of a kind never seen entered
        lk = looks.get(c)
        return c != cell and (lk is None or lk.kind in acted or (lk.kind not in moved and free(c)))

    if any(outer(n) and m.in_bounds(n) for n in neighbours(cell)):
        return None
    if any(free(n) and any(outer(o) for o in neighbours(n)) for n in neighbours(cell)):
        return None
    side_of, pocket, outers, around = {cell: -1}, set(), 0, set(neighbours(cell))
    for index, start in enumerate(neighbours(cell)):
        if start in side_of or not free(start):
            continue
        side, queue, shows = [start], deque([start]), False
        side_of[start] = index
        while queue and not shows:
            if len(side) > POCKET_CELLS:
                return None
            here = queue.popleft()
            for nxt in neighbours(here):
                if not free(nxt) or side_of.get(nxt) in (index, -1):
                    continue
                if nxt in side_of or nxt in around:  # two sides of ``cell`` meet: opening it could be a shortcut
                    return None
                if outer(nxt):
                    shows = True
                    break
                side_of[nxt] = index
                side.append(nxt)
                queue.append(nxt)
        if shows:
            outers += 1
            if outers > 1:
                return None
        else:
            pocket.update(side)
    return frozenset(pocket) if outers == 1 else None


def never_entered(beliefs: "Beliefs") -> frozenset:
    """Kinds no plan that counts only on what is known can walk into or change: no move was ever seen to enter
    one and no action ever seen to change one (a firm walk finds no move into them that moves)."""
    def make() -> frozenset:
        kinds, entered = set(), set()
        for (action, role, kind), facts in beliefs.model.units.items():
            kinds.add(kind)
            if any(f.outcome.moved or f.outcome.changes for f in facts.values()):
                entered.add(kind)
        return frozenset(kinds - entered)
    return beliefs.memo(("never entered", beliefs.model.version, beliefs.map.version), make)


def _kinds(beliefs: "Beliefs") -> tuple[set, set]:
    """Kinds a move was seen to enter, and kinds some action was seen to change (objects to act on); a cell of
    neither that the ground walks is counted as an object too (what it does is not known)."""
    moved, acted = set(), set()
    for (action, role, kind), facts in beliefs.model.units.items():
        for fact in facts.values():
            if fact.outcome.changes:
                acted.add(kind)
            if fact.outcome.moved:
                moved.add(kind)
    return moved, acted


def _kind_acts(beliefs: "Beliefs", kind: str) -> bool:
    """Whether the model ever saw an object of ``kind`` give or take keys or end the episode."""
    for (action, role, k), facts in beliefs.model.units.items():
        if k == kind and any(f.outcome.gained or f.outcome.lost or f.outcome.ended
                             for f in facts.values()):
            return True
    return False
