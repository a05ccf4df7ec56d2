"""The planner's lower bound to a win (``skill_plan._lower_bound``: steps from each cell to the nearest winning
cell through every cell not left out) walks the map's flat flags from every winning cell at once; on the maps of
played episodes it gives every cell the steps the breadth-first walk over positions gave, and leaves out the same
cells."""

from __future__ import annotations

from collections import deque

import pytest

from procmem_tui.agents import make_agent, skill_plan
from procmem_tui.memory import SkillStore
from procmem_tui.memory.imagine import base_looks
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate, load_level


def _walked(beliefs, shut: frozenset) -> dict:
    """The bound as the walk over positions gives it (before the flat walk): from every winning cell, through every
    cell of the grid not in ``shut``."""
    winning = skill_plan._bound_kinds(beliefs.model)[0]
    m = beliefs.map
    dist = {pos: 0 for pos, lk in base_looks(m).items() if lk.kind in winning}
    queue = deque(dist)
    while queue:
        x, y = queue.popleft()
        for nxt in ((x, y + 1), (x + 1, y), (x, y - 1), (x - 1, y)):
            if nxt not in dist and m.in_bounds(nxt) and nxt not in shut:
                dist[nxt] = dist[(x, y)] + 1
                queue.append(nxt)
    return dist


@pytest.mark.parametrize("level", [load_level("distractor_keys"), generate("rooms", 16, 3, rooms=4, distractors=2),
                                   generate("doorkey", 12, 5, view=2)], ids=["distractor_keys", "rooms4", "fog"])
def test_the_flat_bound_is_the_walk_over_positions(monkeypatch, tmp_path, level):
    """Every bound worked out over 3 episodes (new maps, new looks, under fog one per cell seen) equals the walk
    over positions, cell for cell."""
    bound = skill_plan._lower_bound
    checked = []

    def compared(beliefs):
        fresh = getattr(beliefs.map, "_bound", None)
        found = bound(beliefs)
        if getattr(beliefs.map, "_bound", None) is not fresh:  # worked out now, not kept
            dist, shut = found
            assert dist == _walked(beliefs, shut)
            checked.append(len(dist))
        return found

    monkeypatch.setattr(skill_plan, "_lower_bound", compared)
    store = SkillStore.open(tmp_path / "library.sqlite3")
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=0, library=store.load_library(seed=0)),
                      store)
    for episode in range(3):
        if episode:
            session.next_episode()
        while not session.done:
            session.agent_step()
    store.close()
    assert checked and max(checked) > 50
