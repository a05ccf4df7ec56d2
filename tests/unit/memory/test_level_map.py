"""The agent's map of a level (memory/level_map.py): what was seen, as last seen, and its compact JSON form that
the agent's knowledge keeps so a new process remembers a level it explored under fog."""

from __future__ import annotations

import json

import pytest

from procmem_tui.memory.level_map import LevelMap
from procmem_tui.world import load_level, with_view
from procmem_tui.world.gridworld import GridWorld
from procmem_tui.world.observation import DOOR, KEY


def _seen(view: int | None, moves=()) -> LevelMap:
    world = GridWorld(with_view(load_level("classic"), view))
    m = LevelMap(5, 5)
    m.see(world.observe(None, view=view))
    for action in moves:
        m.see(world.observe(world.step(action), view=view))
    return m


def test_a_map_round_trips_through_json_with_unseen_cells_objects_and_gone_keys():
    """A map seen under fog round-trips through JSON: cells, objects (a taken key remembered as a key, its cell
    floor now), gone keys and its picture."""
    m = _seen(2, ["move_right", "move_right", "move_up", "move_up", "pickup_key"])
    assert 0 < m.unknown() < 25 and m.gone == {(2, 2)}
    back = LevelMap.load(json.loads(json.dumps(m.dump())))
    assert back.cells == m.cells and back.objects == m.objects and back.gone == m.gone
    assert back.objects[(2, 2)].kind == KEY and back.at((2, 2)).kind != KEY  # taken: floor now, a key first
    assert back.picture().rows == m.picture().rows


def test_what_was_learned_of_sight_round_trips_so_a_new_process_judges_sight_alike():
    """The largest distance seen and the looks seen through (what a frontier or a scouting walk is judged by)."""
    m = _seen(2, ["move_right", "move_up"])
    assert m.sight == 4 and ("floor", False) in m.clear
    back = LevelMap.load(json.loads(json.dumps(m.dump())))
    assert back.sight == m.sight and back.clear == m.clear
    assert "sight" not in _seen(None).dump()  # nothing learned of sight without fog: the dump is as before


def test_the_dump_is_one_character_per_cell_and_doors_keep_their_letter():
    """The dump is one character per cell, doors with their letter, and loads back a door."""
    m = _seen(None)
    data = m.dump()
    assert data["rows"][3] == ".X.A#" and data["rows"][0] == "....."
    assert LevelMap.load(data).at((3, 3)).kind == DOOR


@pytest.mark.parametrize("bad", [
    {"size": [5, 5], "rows": ["....."] * 4},
    {"size": [5, 5], "rows": ["....."] * 4 + ["..Z.."]},
    {"size": [5, 5], "rows": ["....."] * 4 + ["...."]},
    {"size": [0, 5], "rows": []},
    {"size": [5, 5], "rows": ["....."] * 5, "objects": [[99, 99, "a"]]},
    {"size": [5, 5], "rows": ["....."] * 5, "opened": [[-1, 2]]},
    {"size": [5, 5], "rows": ["....."] * 5, "gone": [[2, 5]]},
    {"size": [5, 5], "rows": ["....."] * 5, "sight": 4, "clear": [["lava", False]]},
    {"size": [5, 5], "rows": ["....."] * 5, "sight": -1},
])
def test_a_malformed_map_is_refused(bad):
    """A wrong size, an unknown character, an object, open door or gone object off the map, or sight learned of a
    kind the observation never names or a negative distance."""
    with pytest.raises((ValueError, KeyError, TypeError)):
        LevelMap.load(bad)


def test_the_picture_draws_cells_never_seen_as_walls_so_plans_stay_where_the_agent_has_seen():
    """Under fog the top-right corner of classic is out of sight from the start: drawn as a wall, not as floor."""
    m = _seen(1)
    picture = m.picture()
    assert m.at((4, 4)) is None and picture.rows[0][4] == "#"
    assert picture.rows[4][0] == "." and picture.rows[4][1] == "."  # the start and the cell beside it, seen
