"""Openings no plan needs, for ``agents/skill_plan.py``: opening an object whose far side is a pocket — cells that
connect to the rest of the map only through that object and hold no object and no unseen cell — leaves every walk
and every option the same except the pocket's own, and an empty dead end is on no shortest route. A plan with such
an opening costs more than the same plan without it, so the search need not expand it (on ``distractor_keys``
each of the hall's dead-end doors doubles the situations a plan meets).

Cells are read on the ground the plan's lower bound walks: every cell but those of a kind a move was seen into and
that nothing ever opened or took away; when the plan counts only on what is known, also without cells of a kind no
move was ever seen to enter and nothing ever changed (``never_entered``). The test is conservative: the object must
have exactly one neighbour on the agent's side (else opening it could be a shortcut), no object beside it (a
stand on it), no object sharing a free neighbour with it (its look decides where that object is acted on from),
and the model must never have seen its kind give or take keys or end the episode (what an opened one could do next).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from procmem_tui.memory.imagine import base_looks
from procmem_tui.memory.paths import neighbours

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
    side = beliefs.memo(("pocket side", beliefs.model.version, beliefs.map.version, cell, hoping),
                        lambda: _sides(beliefs, cell, free))
    return side is not None and side.get(state.pos) == 0


def _sides(beliefs: "Beliefs", cell, free) -> dict | None:
    """The cells around ``cell`` with ``cell`` taken out, labelled 0 on the side of its one outer neighbour when
    every other side is an empty pocket; None when opening ``cell`` could matter to some plan."""
    m = beliefs.map
    looks = base_looks(m)
    if cell not in looks or _kind_acts(beliefs, looks[cell].kind):
        return None
    moved, acted = _kinds(beliefs)
    objects = {c for c, lk in looks.items()
               if lk.kind in acted or (lk.kind not in moved and free(c))} - {cell}
    if any(n in objects for n in neighbours(cell)):
        return None
    for n in neighbours(cell):
        if free(n) and any(o in objects for o in neighbours(n)):
            return None
    label: dict = {cell: -1}
    sides = []
    for start in neighbours(cell):
        if start in label or not m.in_bounds(start) or not free(start):
            continue
        seen, queue = [start], deque([start])
        label[start] = len(sides)
        while queue:
            here = queue.popleft()
            for nxt in neighbours(here):
                if nxt not in label and m.in_bounds(nxt) and free(nxt):
                    label[nxt] = len(sides)
                    seen.append(nxt)
                    queue.append(nxt)
        sides.append(seen)
    if not sides:
        return None
    outer = [i for i, cells in enumerate(sides) if any(c in objects or c not in looks for c in cells)]
    if len(outer) != 1 or sum(n in sides[outer[0]] for n in neighbours(cell)) != 1:
        return None
    return {c: 0 if label[c] == outer[0] else 1 for c in label if c != cell}


def never_entered(beliefs: "Beliefs") -> frozenset:
    """Seen cells no plan that counts only on what is known can enter or change: of a kind no move was ever seen
    to enter and no action ever seen to change (a firm walk finds no move into them that moves)."""
    def make() -> frozenset:
        entered = set()
        for (action, role, kind), facts in beliefs.model.units.items():
            if any(f.outcome.moved or f.outcome.changes for f in facts.values()):
                entered.add(kind)
        m = beliefs.map
        return frozenset(p for p, lk in base_looks(m).items() if lk.kind not in entered and p not in m.objects)
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
