"""The path a click walks: shortest over the cells as seen, never through walls, boxes, locked doors or the goal
(unless the goal is where the person clicked); beside a door or box clicked; none to a wall."""

from __future__ import annotations

from procmem_tui.tui.walk import known_path

# classic with the player at (0,0): rows top (y=4) first
CLASSIC = ["..#.G",
           ".X.A#",
           "..a..",
           ".....",
           "@...."]


def end(start, moves):
    x, y = start
    for m in moves:
        x += {"move_left": -1, "move_right": 1}.get(m, 0)
        y += {"move_up": 1, "move_down": -1}.get(m, 0)
    return x, y


def test_shortest_path_to_a_floor_cell():
    """A click on a floor cell walks the shortest path there."""
    moves = known_path(CLASSIC, (0, 0), (4, 2))
    assert len(moves) == 6 and end((0, 0), moves) == (4, 2)


def test_boxes_and_locked_doors_block_open_doors_do_not():
    """(3,4) lies behind the locked door A and the wall: no known path; once the door shows open (code 1), the
    path goes through it."""
    assert known_path(CLASSIC, (0, 0), (3, 4)) is None
    opened = [CLASSIC[0], ".X.1#", *CLASSIC[2:]]
    moves = known_path(opened, (0, 0), (3, 4))
    assert moves is not None and end((0, 0), moves) == (3, 4)
    x, y = 0, 0
    for m in moves:  # never onto the box at (1,3)
        x, y = end((x, y), [m])
        assert (x, y) != (1, 3)


def test_a_door_or_box_clicked_walks_beside_it_a_wall_is_no_target():
    """A door clicked walks to a cell beside it; a wall or a cell off the level gives no path."""
    moves = known_path(CLASSIC, (0, 0), (3, 3))  # the door A
    x, y = end((0, 0), moves)
    assert abs(x - 3) + abs(y - 3) == 1 and len(moves) == 5
    assert known_path(CLASSIC, (0, 0), (2, 4)) is None  # a wall
    assert known_path(CLASSIC, (0, 0), (9, 9)) is None  # off the level


def test_the_goal_is_only_a_destination():
    """A path never crosses the goal on its way elsewhere (that would end the episode)."""
    rows = ["@G.",
            "##."]
    assert known_path(rows, (0, 1), (2, 1)) is None
    assert known_path(rows, (0, 1), (1, 1)) == ["move_right"]
