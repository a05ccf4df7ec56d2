"""The loop guard (agents/loop_guard.py): whatever part of the agent chose it, an action that changed nothing is
taken at most twice from one situation in an episode (in a row, or after walking away and back); then another
action, not seen to change nothing there, is taken instead, reproducibly, and the Why line says so."""

from __future__ import annotations

import numpy as np

from procmem_tui.agents import make_agent
from procmem_tui.agents.loop_guard import REPEATS, LoopGuard, situation
from procmem_tui.agents.procedural import ProceduralAgent
from procmem_tui.agents.run import exploring
from procmem_tui.memory import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Action, State, parse_level

HERE = State((2, 2))
THERE = State((3, 2))
ROOM = """; name: a room with nothing to open
; max_steps: 40
######
#@...#
#....#
#...G#
######
"""


def test_a_no_op_is_blocked_after_two_tries_from_one_situation_and_only_there():
    """An action that changed nothing is blocked after two tries from one situation, also after walking away and
    back, but not another action, another place, or holding a new key."""
    guard = LoopGuard()
    for _ in range(REPEATS):
        assert not guard.blocks(HERE, Action.OPEN_DOOR)
        guard.observed(HERE, Action.OPEN_DOOR, HERE)
    assert guard.blocks(HERE, Action.OPEN_DOOR)
    assert not guard.blocks(HERE, Action.PICKUP_KEY), "another action is not blocked"
    assert not guard.blocks(THERE, Action.OPEN_DOOR), "nor the same action from another situation"
    guard.observed(HERE, Action.MOVE_RIGHT, THERE)
    guard.observed(THERE, Action.MOVE_LEFT, HERE)
    assert guard.blocks(HERE, Action.OPEN_DOOR), "walking away and back does not make it new"
    assert not guard.blocks(HERE._replace(keys=frozenset("a")), Action.OPEN_DOOR), "holding a new key does"


def test_a_step_that_changed_something_never_counts():
    """An action that changed something is never blocked, however often taken."""
    guard = LoopGuard()
    for _ in range(5):
        guard.observed(HERE, Action.MOVE_RIGHT, THERE)
    assert not guard.blocks(HERE, Action.MOVE_RIGHT)


def test_instead_is_another_action_not_seen_to_do_nothing_here_and_reproducible():
    """What is taken instead is a move not seen to do nothing there, the same for the same seed, and the Why line
    says the loop guard chose it."""
    guard = LoopGuard()
    for action in (Action.OPEN_DOOR, Action.OPEN_DOOR, Action.PICKUP_KEY):
        guard.observed(HERE, action, HERE)
    picks = [guard.instead(HERE, Action.OPEN_DOOR, np.random.default_rng(seed)) for seed in range(20)]
    assert {run.actions[0] for run in picks} <= {Action.MOVE_UP, Action.MOVE_DOWN, Action.MOVE_LEFT, Action.MOVE_RIGHT}
    again = [guard.instead(HERE, Action.OPEN_DOOR, np.random.default_rng(seed)) for seed in range(20)]
    assert [r.actions for r in picks] == [r.actions for r in again]
    assert "loop guard: open_door changed nothing here 2 times" in picks[0].reason


def test_an_agent_that_keeps_choosing_a_no_op_is_not_left_repeating_it(monkeypatch):
    """Every decision says ``open_door`` in a room with no door: the agent takes it twice per situation at most,
    the Why says the loop guard stepped in, and the episode moves on."""
    monkeypatch.setattr(ProceduralAgent, "_decide", lambda self, state: exploring([Action.OPEN_DOOR], "stubborn"))
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    session = Session(LevelSource.fixed(parse_level(ROOM)), agent)
    taken, guarded = [], 0
    while not session.done:
        before = session.state
        report = session.agent_step()
        guarded += "loop guard" in report.decision.reason
        if situation(before) == situation(session.state):
            taken.append((situation(before), report.decision.action))
    assert guarded > 0
    assert max(taken.count(t) for t in taken) <= REPEATS
    assert len({pos for (pos, *_), _ in taken}) > 1, "the guard's actions carried the agent elsewhere"
