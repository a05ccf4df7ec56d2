"""Under ``view: 0`` (the agent sees only its own cell) procmem's map still grows from what it steps on and bumps
into, its frontier is the never-entered neighbours of what it knows, and it wins a small level with a door it can
never see in episode 1. It used to walk back and forth between two cells until the step limit: a frontier valued by
what standing on a cell would show, which under no sight is nothing, so the map never changed."""

from __future__ import annotations

from collections import Counter

import numpy as np

from procmem_tui.agents import make_agent
from procmem_tui.agents.loop_guard import REPEATS, LoopGuard
from procmem_tui.memory import SkillLibrary
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Action, State, parse_level
from procmem_tui.world.observation import FLOOR, WALL, Cell, Observation

BEHIND_A_DOOR = """; name: behind a door, seen by nobody
; max_steps: 60
; view: 0
..#.G
...A#
..a..
@....
"""


def test_a_blind_agent_wins_a_level_with_a_door_in_episode_1_and_never_loops_with_nothing_learned():
    """Won in episode 1 within the step limit; and no move is taken from one situation more than ``REPEATS``
    times while the map and the model stay as they were (the old agent lost, pacing between two cells)."""
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    session = Session(LevelSource.fixed(parse_level(BEHIND_A_DOOR)), agent)
    repeats: Counter = Counter()
    while not session.done:
        before = session.state
        knowing = (agent.map.version, agent.model.version)
        report = session.agent_step()
        repeats[(before.pos, before.keys, before.opened, report.decision.action, knowing)] += 1
    assert session.state.pos == (4, 3), "the goal is reached"
    assert max(repeats.values()) <= REPEATS + 1


def test_a_bump_marks_a_cell_never_seen_as_blocked_and_a_sight_of_it_overrides():
    """The map grows from a bump (the cell blocks), only for a cell never seen and on the grid; what is later seen
    there wins; an unseen effect beside it forgets it again."""
    m = LevelMap(3, 1)
    m.see(Observation(3, 1, {(0, 0): Cell(FLOOR)}, (0, 0), frozenset(), frozenset(), in_sight=frozenset({(0, 0)})))
    assert m.bumped((1, 0)) and m.at((1, 0)) == Cell(WALL) and m.unknown() == 1
    assert not m.bumped((1, 0)) and not m.bumped((-1, 0)) and not m.bumped((0, 0))
    assert m.unfelt([(1, 0)]) and m.at((1, 0)) is None
    m.bumped((1, 0))
    m.see(Observation(3, 1, {(1, 0): Cell(FLOOR)}, (1, 0), frozenset(), frozenset(), in_sight=frozenset({(1, 0)})))
    assert m.at((1, 0)) == Cell(FLOOR) and not m.unfelt([(1, 0)])


def test_the_loop_guard_stops_a_move_repeated_with_nothing_learned_and_lets_it_be_once_something_is():
    """A move that changed the situation counts against it only with the same knowledge: after ``REPEATS`` takings
    it is blocked, and a step that taught something (a new stamp) frees it."""
    here, there = State((0, 0)), State((1, 0))
    guard = LoopGuard()
    for _ in range(REPEATS):
        assert not guard.blocks(here, Action.MOVE_RIGHT, (1, 1))
        guard.observed(here, Action.MOVE_RIGHT, there, (1, 1))
    assert guard.blocks(here, Action.MOVE_RIGHT, (1, 1))
    assert not guard.blocks(here, Action.MOVE_RIGHT, (2, 1))
    assert not guard.blocks(here, Action.MOVE_RIGHT), "no stamp: moves are not counted"
    run = guard.instead(here, Action.MOVE_RIGHT, np.random.default_rng(0), (1, 1))
    assert run.actions[0] != Action.MOVE_RIGHT and "nothing learned since" in run.reason


def test_a_felt_cell_stays_felt_in_a_new_process():
    """The library's map keeps which cells were only bumped into, so a new process still tries actions beside
    them (without it a felt door was a wall for good: `two_doors` under view 0, episode 2 in a new process, 110
    steps for 24; 55 with it)."""
    m = LevelMap(3, 1)
    m.see(Observation(3, 1, {(0, 0): Cell(FLOOR)}, (0, 0), frozenset(), frozenset(), in_sight=frozenset({(0, 0)})))
    m.bumped((1, 0))
    again = LevelMap.load(m.dump())
    assert set(again.felt) == {(1, 0)} and again.at((1, 0)) == Cell(WALL)
    assert "felt" not in LevelMap.load(LevelMap(3, 1).dump()).dump(), "a map with nothing felt dumps as before"


def test_a_door_opened_out_of_sight_beside_the_one_door_known_is_believed_open():
    """On a row with no cell to bump into but the door (`@aAG`, view 0), a rewarded open_door with nothing seen to
    change is taken to have opened the door the map knows, so later episodes walk through it: episode 2 is shorter
    than episode 1 (it was longer: the door believed shut, the agent bumped and wandered)."""
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    session = Session(LevelSource.fixed(parse_level("; name: row\n; view: 0\n@aAG\n")), agent)
    steps = []
    for episode in range(3):
        if episode:
            session.next_episode()
        steps.append(session.run_episode(advance=False).steps)
    assert steps[1] < steps[0] and steps[2] <= steps[1], steps
