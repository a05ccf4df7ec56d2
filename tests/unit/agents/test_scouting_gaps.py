"""What a level's own map says about the never-seen stretch of its walls (agents/scouting.py ``gapped``,
``standing``, ``passes``): a stretch is searched for a gap only on a level whose walls were seen to have one; a line of
wall is blockers that look alike (a box beside a wall is no line); and where no gap was seen, a never-seen cell a seen
line of wall heads for is as likely wall as a cell a line ends beside."""

from __future__ import annotations

from pathlib import Path

import pytest

from procmem_tui.agents import make_agent, scouting
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level
from procmem_tui.world.observation import BOX, FLOOR, WALL, Cell

LEVELS = Path(__file__).parent / "levels"


def _session(name: str, seed: int) -> Session:
    return Session(LevelSource.fixed(load_level(LEVELS / f"{name}.txt")),
                   make_agent("procmem", seed=seed, library=SkillLibrary(seed=seed)), None)


def test_a_wall_whose_one_way_through_is_a_door_is_not_searched_for_a_gap():
    """A wall runs across the level; the first visit went through its door and saw only wall and door along it. The
    straight way to the goal crosses the wall's never-seen left end: before, it was counted on as likely as a gap
    along the whole stretch (64 %, from cells a line ends beside) and walked in episode 2, which found wall (55 steps
    for 41). No gap was seen in any wall of this level, so the crossing is as likely as the one cell, and episode 2
    is optimal."""
    session = _session("wall_with_one_door", 5)
    steps = [session.run_episode().steps for _ in range(3)]
    assert steps == [84, 41, 41]
    beliefs = session.agent.beliefs
    assert not scouting.gapped(beliefs)
    seen = beliefs.map.cells
    crossing = next((x, 3) for x in range(23, -1, -1) if (x, 3) not in seen)
    walk = [(crossing[0], 2), crossing, (crossing[0], 4)]
    assert scouting.passes(beliefs, walk) == pytest.approx(scouting.passes(beliefs, walk, stretch=False))


def test_a_level_whose_walls_showed_a_gap_is_gapped():
    """Four rooms: the first visit walked through gaps in the walls, and the map shows them."""
    session = _session("gap_along_the_wall", 0)
    assert session.run_episode().success
    assert scouting.gapped(session.agent.beliefs)


def test_where_no_gap_was_seen_a_cell_a_line_of_wall_heads_for_is_as_likely_wall_as_one_it_ends_beside():
    """After the first visit of the level with one door, the wall's left part is never seen. A cell of it three cells
    from the seen end stands only beside a blocker (95 % open by that reading), but the line of wall heads for it
    through cells never seen: on a level where no wall was seen to have a gap, it is counted as a cell a line ends
    beside."""
    session = _session("wall_with_one_door", 5)
    assert session.run_episode().success
    beliefs = session.agent.beliefs
    seen = beliefs.map.cells
    end = next(x for x in range(24) if (x, 3) in seen)
    cell = (end - 3, 3)
    assert cell not in seen and (end - 1, 3) not in seen and (end + 1, 3) in seen
    assert scouting.standing(beliefs, cell) != scouting.RUNS
    rates = scouting.block_rates(beliefs)
    assert scouting.passes(beliefs, [(cell[0], 2), cell, (cell[0], 4)]) <= 1 - rates[scouting.RUNS] + 1e-9


def test_a_box_beside_a_wall_is_no_line_of_wall():
    """Two walls in a row end beside a cell: a line that may run on. A box beside a wall is two blockers in a row
    too, but not a line: the cell beyond the box stands beside a blocker, not where a line runs on."""
    wall, box, floor = Cell(WALL), Cell(BOX), Cell(FLOOR)
    seen = {(0, 0): wall, (1, 0): wall, (0, 2): wall, (1, 2): box, (2, 1): floor}
    shut = frozenset({(0, 0), (1, 0), (0, 2), (1, 2)})
    assert scouting._standing(seen, shut, 3, (2, 0)) == scouting.RUNS
    assert scouting._standing(seen, shut, 3, (2, 2)) == scouting.BESIDE


def test_the_short_way_past_a_box_beside_the_wall_is_taken_in_episode_2():
    """Beyond the door the short way to the goal passes a box standing against the wall. Counted as a line of wall
    running on, the cell past the box was 21 % likely to be open and episode 2 took a longer known way (with an
    earlier search's luck, 49 steps for 45); read as a box beside a wall it is likely open, and episode 2 is
    optimal."""
    session = _session("box_beside_the_wall", 1)
    assert [session.run_episode().steps for _ in range(2)] == [88, 45]


def test_where_two_short_walls_meet_no_line_heads_into_the_open_field():
    """An open field with a few short walls and no gap seen in any. Where a wall turns, its corner and the cell below
    it are two blockers in a row, but no line: a line must be seen three long before it says anything of never-seen
    cells it heads for. Read as a line, it made the straight way across the field unlikely, and episode 2 went round
    (61 steps for 53)."""
    session = _session("short_walls_in_the_open", 3)
    assert [session.run_episode().steps for _ in range(2)] == [76, 53]


def test_a_line_of_wall_that_ends_at_its_door_still_heads_for_the_cells_beyond():
    """Keys used up, each door its own key. The first visit saw door F's wall only two cells each side of the door,
    then the door. Read as a line only where three blockers look alike, no line headed for the never-seen stretch of
    that wall, and its cells were counted as open as any cell far from a blocker (99.7 %): episode 2 took key a alone
    through door A to walk round door F, found wall, and walked back to the first room for key f (85 102 52). Two
    walls alike and a door beyond them are a line running on; the crossing is as likely wall as a cell a line ends
    beside, and episode 2 takes both keys (52, optimal)."""
    session = _session("walls_with_doors_in_line", 4)
    assert [session.run_episode().steps for _ in range(2)] == [85, 52]
    beliefs = session.agent.beliefs
    assert not scouting.gapped(beliefs)
    rates = scouting.block_rates(beliefs)
    crossing = (17, 7)  # in door F's wall, three never-seen cells below its seen stretch
    assert crossing not in beliefs.map.cells and (17, 11) in beliefs.map.cells
    assert scouting.passes(beliefs, [(16, 7), crossing, (18, 7)]) <= 1 - rates[scouting.RUNS] + 1e-9
