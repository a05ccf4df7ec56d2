"""Scouting under fog (agents/scouting.py): a shorter way through cells never seen is tried when what a blocked walk
would cost — counted from where the blocker comes into sight, back to the known route — is worth the saving, and a
walled way is seen, dropped without blame and never tried again (the map remembers it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from procmem_tui.agents import make_agent
from procmem_tui.agents.scouting import lookout
from procmem_tui.memory import SkillStore
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level

LEVELS = Path(__file__).parent / "levels"
# a person's first episode: along the top corridor, round the loop, into the goal (37 steps; sight 1 never shows
# the middle cell of the short way down at the corridor's end, 25 steps)
LOOP = ["move_right"] * 19 + ["move_down"] * 2 + ["move_left"] * 6 + ["move_down"] * 4 + ["move_right"] * 6


def _walked(name: str, seed: int = 0, store=None) -> Session:
    """A session whose first episode a person played round the loop; the agent plays the next."""
    library = store.load_library(seed=seed) if store is not None else SkillLibrary(seed=seed)
    session = Session(LevelSource.fixed(load_level(LEVELS / f"{name}.txt")),
                      make_agent("procmem", seed=seed, library=library), store)
    for action in LOOP:
        session.player_step(action)
    assert session.finished.success and session.finished.steps == len(LOOP)
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
