"""The observation: the one view of the world agents get (cells in sight, position, held keys, open doors)."""

from procmem_tui.world import GridWorld, load_level
from procmem_tui.world.observation import DOOR, FLOOR, KEY, Cell


def test_full_view_shows_every_cell_and_a_taken_key_as_floor():
    """Without fog the observation shows every cell, the key and the door; after pickup the key is held, its cell
    floor, the reward 1."""
    world = GridWorld(load_level("classic"))
    first = world.observe()
    assert first.full_view and first.pos == (0, 0) and first.held == frozenset()
    assert first.at((2, 2)) == Cell(KEY, "a") and first.at((3, 3)) == Cell(DOOR, "A")
    for action in ["move_up", "move_up", "move_right", "move_right", "pickup_key"]:
        step = world.step(action)
    seen = world.observe(step)
    assert seen.held == {"a"} and seen.at((2, 2)) == Cell(FLOOR) and seen.reward == 1.0


def test_sight_is_a_euclidean_radius_blocked_by_walls_and_closed_doors():
    """Sight is a Euclidean radius; a closed door is seen but hides what is behind it until it is opened."""
    world = GridWorld(load_level("classic"))
    seen = world.observe(view=3)
    assert (3, 0) in seen.cells and (0, 3) in seen.cells and (2, 2) in seen.cells
    assert (3, 1) not in seen.cells  # 3² + 1² > 3²
    assert not seen.full_view and seen.in_sight == frozenset(seen.cells)
    world.reset(world.state._replace(pos=(2, 3), keys=frozenset("a")))
    behind_closed_door = world.observe(view=4)
    assert (3, 3) in behind_closed_door.cells  # the door itself is seen
    assert (4, 3) not in behind_closed_door.cells  # the wall cell behind the door is not
    step = world.step("open_door")
    assert step.events == ("door_opened",)
    assert (4, 3) in world.observe(step, view=4).cells
