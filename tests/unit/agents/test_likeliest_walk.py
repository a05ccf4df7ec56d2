"""Of the shortest walks, the one likeliest to get through cells never seen, and the one that shows most of a shorter
way (agents/likeliest_walk.py), and what they buy on a level whose short way no first visit sees."""

from __future__ import annotations

from pathlib import Path

from procmem_tui.agents import make_agent
from procmem_tui.agents.likeliest_walk import likeliest, most_shown
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level

LEVELS = Path(__file__).parent / "levels"


def _square(n: int) -> tuple[dict, dict]:
    """A breadth-first walk from (0, 0) on an open n x n square whose parents go up the first column, then right."""
    dist = {(x, y): x + y for x in range(n) for y in range(n)}
    parent = {(x, y): ((x - 1, y) if x else (0, y - 1)) if (x, y) != (0, 0) else None for (x, y) in dist}
    return dist, parent


def test_of_the_shortest_walks_the_likeliest_is_kept():
    """Two walks of 2 steps reach (1, 1): by (1, 0) and by (0, 1). The walk's own parents go by (0, 1), a cell
    counted at 20 %; the other way's cells are all at 90 %, so that way is kept, and the distances are untouched."""
    dist, parent = _square(2)
    parent[(1, 1)] = (0, 1)
    chance = {(0, 0): 1.0, (1, 0): 0.9, (0, 1): 0.2, (1, 1): 0.9}
    chosen = likeliest(dist, parent, chance.__getitem__, lambda cell: True)
    assert chosen[(1, 1)] == (1, 0)
    assert parent[(1, 1)] == (0, 1)  # the walk's own parents are left as they were


def test_only_the_walks_asked_for_are_worked_out():
    """A plan asks for the walks to a few cells of a map of a thousand: the parents are chosen on demand, for the cell
    asked and the cells before it on its shortest walks, not for every cell (worked out whole, re-choosing every
    scouting walk's parents tripled the time of episode 2 on a 32 x 32 level under fog)."""
    dist, parent = _square(30)
    chosen = likeliest(dist, parent, lambda cell: 1.0, lambda cell: True)
    assert chosen[(1, 1)] in {(0, 1), (1, 0)} and chosen.get((99, 99)) is None
    assert len(chosen.best) == 4


def test_a_walk_does_not_go_on_from_a_cell_whose_entering_ends_it():
    """A likelier way through a cell that ends the walk (a goal, a door) is no way on."""
    dist, parent = _square(2)
    parent[(1, 1)] = (0, 1)
    chance = {(0, 0): 1.0, (1, 0): 0.9, (0, 1): 0.2, (1, 1): 0.9}
    chosen = likeliest(dist, parent, chance.__getitem__, lambda cell: cell != (1, 0))
    assert chosen[(1, 1)] == (0, 1)


def test_of_the_shortest_walks_to_an_end_the_one_passing_where_most_is_to_be_seen():
    """Walks of 4 steps from (0, 0) to (2, 2): the one kept passes the cells worth a look (those beside a shorter
    way never seen), not the one the parents drew."""
    dist, parent = _square(3)
    back = {(x, y): (2 - x) + (2 - y) for (x, y) in dist}
    worth = {(2, 0): 5, (2, 1): 5}
    chosen = most_shown(dist, parent, (2, 2), back, lambda cell: worth.get(cell, 0), lambda cell: True)
    walk, cell = [], (2, 2)
    while cell is not None:
        walk.append(cell)
        cell = chosen[cell]
    assert (2, 0) in walk and (2, 1) in walk


def test_the_short_way_beside_where_walls_meet_is_found_and_kept():
    """Four rooms under sight 3: the first visit goes round by the gaps it saw (18 steps); the short way (16) runs
    through the middle wall low down and up through the gap right beside where the walls meet. Every shortest walk
    through cells never seen was counted along the wall's never-seen stretch, and the route the agent knew passed
    nowhere that showed the way: 18 for good (held-out fourrooms-19-s130). Now the walk through cells never seen is
    the likeliest of the shortest, and the known route passes where the shorter way comes into sight: the level is
    optimal in its last three episodes."""
    session = Session(LevelSource.fixed(load_level(LEVELS / "gap_beside_the_corner.txt")),
                      make_agent("procmem", seed=0, library=SkillLibrary(seed=0)), None)
    steps = [session.run_episode().steps for _ in range(8)]
    assert steps[1] == 18
    assert steps[-3:] == [16, 16, 16]
