"""Scouting under fog (agents/scouting.py): a shorter way through cells never seen is tried when what a blocked walk
would cost — counted from where the blocker comes into sight, back to the known route — is worth the saving, at the
chance the level's own map gives its never-seen cells of letting it through, and a walled way is seen, dropped without
blame and never tried again (the map remembers it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from procmem_tui.agents import make_agent
from procmem_tui.agents import scouting
from procmem_tui.agents.scouting import lookout
from procmem_tui.memory import SkillStore
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level

LEVELS = Path(__file__).parent / "levels"
# a person's first episode: along the top corridor, round the loop, into the goal (37 steps; sight 1 never shows
# the middle cell of the short way down at the corridor's end, 25 steps)
LOOP = ["move_right"] * 19 + ["move_down"] * 2 + ["move_left"] * 6 + ["move_down"] * 4 + ["move_right"] * 6


# round the edge of an open room, 21 x 13 inside, under sight 2: up, along the top, down to the goal (32 steps for 20)
EDGE = ["move_up"] * 6 + ["move_right"] * 20 + ["move_down"] * 6


def _walked(name: str, seed: int = 0, store=None, walk: list = LOOP) -> Session:
    """A session whose first episode a person played (round the loop); the agent plays the next."""
    library = store.load_library(seed=seed) if store is not None else SkillLibrary(seed=seed)
    session = Session(LevelSource.fixed(load_level(LEVELS / f"{name}.txt")),
                      make_agent("procmem", seed=seed, library=library), store)
    for action in walk:
        session.player_step(action)
    assert session.finished.success and session.finished.steps == len(walk)
    session.next_episode()
    return session


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_episode_2_takes_the_short_way_through_the_cell_never_seen(seed):
    """The walk to where the cell would come into sight is long (22 steps), but the known route passes there: a
    wall would cost 2 steps, not the walk there and back, so the try is made and every later episode is optimal."""
    session = _walked("unseen_shortcut", seed)
    steps = [session.run_episode().steps for _ in range(3)]
    assert steps == [25, 25, 25]


def test_the_try_is_priced_from_where_the_blocker_comes_into_sight():
    """A way through unseen cells is priced from where a blocker would come into sight, back to the known route, and
    says so in its evidence."""
    session = _walked("unseen_shortcut")
    agent = session.agent
    hope = agent.plan(agent.now, optimistic=True, scouting=True)
    scouted = [step for step in hope if step.belief.unseen_loss is not None]
    assert [s.cost for s in hope] == [25] and len(scouted) == 1
    assert scouted[0].belief.unseen_loss == 2 and "walking where never seen" in scouted[0].belief.evidence


def test_the_open_middle_of_a_room_is_scouted_once_the_walk_is_likely_to_get_through():
    """Round the edge of an open room the middle stays unseen. Every seen cell with no blocker near is open, so the
    straight way through the middle is likely to get through, and episode 2 takes it (before, an even chance: the walk
    round the edge, 28 steps, was kept, and the way was found only by what the known route happened to show: 28 24
    20)."""
    for seed in (0, 1):
        session = _walked("open_pocket", seed, walk=EDGE)
        assert [session.run_episode().steps for _ in range(2)] == [20, 20]


def test_a_never_seen_cell_where_a_seen_wall_runs_on_is_likely_to_block():
    """The chance a never-seen cell lets a walk through is learned from how the level's seen cells that stand alike
    among blockers turned out: where a seen line of wall ends beside it, wall (the room's left side runs on below
    what was seen of it); with no blocker near, open (the middle of the room)."""
    session = _walked("open_pocket", walk=EDGE)
    beliefs = session.agent.beliefs
    seen = beliefs.map.cells
    side = next((0, y) for y in range(13, 0, -1) if (0, y) not in seen)
    assert (0, side[1] + 1) in seen and (side[1] + 1) < 13
    assert scouting.standing(beliefs, side) == scouting.RUNS
    assert scouting.standing(beliefs, (11, 6)) == scouting.CLEAR and (11, 6) not in seen
    rates = scouting.block_rates(beliefs)
    assert rates[scouting.RUNS] > 0.9 and rates[scouting.CLEAR] < 0.05
    assert scouting.passes(beliefs, [(11, 6), (12, 6)]) > 0.9 > 0.1 > scouting.passes(beliefs, [side])


def test_a_walled_way_is_dropped_when_seen_and_never_tried_again():
    """The same loop with the short way walled: episode 2 turns back where the wall comes into sight (its bump
    teaches that walls block), blames no skill, and episode 3 takes the loop: the map remembers the wall."""
    session = _walked("unseen_walled")
    second = session.run_episode()
    assert second.success and second.steps <= len(LOOP) + 3
    assert session.agent.failed == set()
    assert [session.run_episode().steps for _ in range(2)] == [37, 37]


def test_a_new_process_scouts_as_the_first_did(tmp_path):
    """The map, with what it learned of sight, is kept in the library: a new agent on it plays the same episode."""
    path = tmp_path / "lib.sqlite3"
    with SkillStore.open(path) as store:
        _walked("unseen_shortcut", store=store)
    with SkillStore.open(path) as store:
        agent = make_agent("procmem", seed=0, library=store.load_library(seed=0))
        session = Session(LevelSource.fixed(load_level(LEVELS / "unseen_shortcut.txt")), agent, store)
        assert session.run_episode().steps == 25


@pytest.mark.parametrize("path, j, radius, seen_from", [
    ([(0, 0), (1, 0), (2, 0), (3, 0), (4, 0)], 4, 3, 1),  # a straight corridor: 3 cells ahead
    ([(0, 0), (1, 0), (2, 0), (3, 0), (4, 0)], 4, 1, 3),  # sight 1: from the cell before
    ([(0, 1), (0, 0), (1, 0), (2, 0), (3, 0)], 4, 9, 1),  # round a corner: from where the straight stretch begins
    ([(0, 0), (1, 0)], 1, 0, 0),  # no sight learned: from the cell before
])
def test_a_cell_comes_into_sight_along_a_straight_stretch_of_the_walk(path, j, radius, seen_from):
    """A cell ahead comes into sight from the sight radius back along the walk's straight stretch, never before it
    begins."""
    assert lookout(path, j, radius) == seen_from
