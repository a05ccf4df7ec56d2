"""The batched core's own contracts: its cell codes are the Gymnasium observation codes, the opens table is
the rules' (matching, any, pairings), levels of different sizes are refused, observations and inventories are
the single env's encoding, and a pool swap replaces the oldest slots."""

from __future__ import annotations

import numpy as np
import pytest

from procmem_tui.world import generate
from procmem_tui.world.batched import (
    BOX, CLOSED_DOOR, FLOOR, GOAL, KEY, OPEN_DOOR, WALL, BatchedWorlds, compile_levels, opens_table,
)
from procmem_tui.world.layout_pool import LayoutPool
from procmem_tui.world.rules import Rules


def test_cell_codes_are_the_observation_codes():
    """A copy of the cell table is the observation grid, so the codes must be gym_env's."""
    gym_env = pytest.importorskip("procmem_tui.gym_env")
    assert (FLOOR, WALL, BOX, GOAL) == (gym_env.FLOOR_CODE, gym_env.WALL_CODE, gym_env.BOX_CODE, gym_env.GOAL_CODE)
    assert (KEY, CLOSED_DOOR, OPEN_DOOR) == (gym_env.KEY_CODE, gym_env.CLOSED_DOOR_CODE, gym_env.OPEN_DOOR_CODE)


def test_opens_table_follows_the_rules():
    """matching: the diagonal; any: everything; pairs: exactly the pairs named (aB is key a, door B)."""
    assert (opens_table(Rules()) == np.eye(6, dtype=bool)).all()
    assert opens_table(Rules(doors="any")).all()
    table = opens_table(Rules(pairs="aB cA"))
    assert {(int(k), int(d)) for k, d in zip(*np.nonzero(table))} == {(0, 1), (2, 0)}


def test_levels_of_different_sizes_are_refused():
    """Levels of different sizes cannot be batched together: a ValueError naming the size."""
    with pytest.raises(ValueError, match="5x5"):
        compile_levels([generate("doorkey", 6, 0), generate("doorkey", 5, 0)])


def test_grids_and_inventories_are_the_single_env_encoding():
    """After random steps, each world's grid and inventory equal gym_env.encode of its GridWorld state."""
    gym_env = pytest.importorskip("procmem_tui.gym_env")
    levels = [generate("rooms", 10, s, rooms=3, distractors=1) for s in range(6)]
    worlds = BatchedWorlds(6, compile_levels(levels))
    rng = np.random.default_rng(0)
    for _ in range(60):
        worlds.step(rng.integers(0, 6, size=6))
    grids, inventories = worlds.grids(), worlds.inventories()
    for i, level in enumerate(levels):
        expected = gym_env.encode(level, worlds.state_of(i, level))
        assert (grids[i] == expected["grid"]).all() and (inventories[i] == expected["inventory"]).all()
    assert (worlds.grids(np.array([4, 1])) == grids[[4, 1]]).all()


def test_a_pool_swap_replaces_the_oldest_slots_with_the_next_block():
    """Four new layouts replace slots 0-3, then 4-7; restore() brings the first block back."""
    pool = LayoutPool.generated("doorkey", 5, {}, capacity=6, seed=1, refresh_count=4)
    first = pool.seeds.copy()
    pool.swap()
    assert (pool.seeds[4:] == first[4:]).all() and not (pool.seeds[:4] == first[:4]).any()
    assert [level.name for level in pool.levels[:4]] == [f"doorkey-5-s{s}" for s in pool.seeds[:4]]
    pool.swap()
    assert (pool.seeds[2:4] != first[2:4]).all() and not (pool.seeds[[4, 5, 0, 1]] == first[[4, 5, 0, 1]]).any()
    pool.restore()
    assert (pool.seeds == first).all()
    pool.close()
