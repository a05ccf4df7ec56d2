"""Under fog, what a look from a cell would show (``frontier.Gains``) is kept across decisions by the cells that
decide it (the window's see-through and never-seen cells, where in it the look is from, the sight): as the agent
walks and the map grows, every cell's answer equals that of a ``Gains`` that keeps nothing, and the looks far from
what came into sight are not worked out again."""

from __future__ import annotations

import tcod.map

from procmem_tui.agents.curiosity import frontier
from procmem_tui.agents.curiosity.frontier import Gains
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.world import generate
from procmem_tui.world.gridworld import GridWorld
from procmem_tui.world.level import view_overridden


def test_kept_looks_answer_as_fresh_ones_and_are_met_again(monkeypatch):
    level = view_overridden(generate("rooms", 16, 3, rooms=4), 3)
    world = GridWorld(level)
    m = LevelMap(level.width, level.height)
    m.see(world.observe(None, view=level.view))
    worked = []
    fov = tcod.map.compute_fov
    monkeypatch.setattr(tcod.map, "compute_fov", lambda *args, **kwargs: worked.append(1) or fov(*args, **kwargs))
    kept: dict = {}
    cells = [(x, y) for x in range(level.width) for y in range(level.height)]
    for step, action in enumerate(["move_right", "move_down", "move_right", "move_down", "move_right"] * 2):
        fresh, now = Gains(m), Gains(m, kept)
        start = len(worked)
        answers = [fresh.exact(c) for c in cells], [fresh.shown(c) for c in cells]
        middle = len(worked)
        assert ([now.exact(c) for c in cells], [now.shown(c) for c in cells]) == answers
        if step:  # the kept one met some looks again: it worked out fewer than one that keeps nothing
            assert len(worked) - middle < middle - start
        m.see(world.observe(world.step(action), view=level.view))
    assert 0 < len(kept) <= frontier.SIGHTS_KEPT
