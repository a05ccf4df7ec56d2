"""Exploration's fallback (agents/explore.py) runs experiments, not repeats: an action whose outcome in this very
situation (the object as it stands, the keys held) was already seen is no target, so the agent never stands beside
a door it opened doing ``open_door`` again and again; and a door that a try with the wrong key left shut is tried
again once a key never tried on it is held. Pinned on a chain of five doors (each key opens the next door, the
nearest key opens none): with the loop guard switched off, no episode is lost and none takes a random action."""

from __future__ import annotations

import pytest

from procmem_tui.agents import make_agent
from procmem_tui.agents.loop_guard import LoopGuard, situation
from procmem_tui.memory import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Action, parse_level

CHAIN = """; name: chain of five doors
; opens: aB bC cD dE eF
###############
#@.a#b#c#d#e#.#
#...B.C.D.E.F.#
#f..#.#.#.#.#G#
###############
"""
DOOR_B = (4, 2)


@pytest.fixture(scope="module")
def played() -> list[list[tuple]]:
    """Eight episodes on the chain with the loop guard off: per episode, (state, action, next state, why)."""
    guard = pytest.MonkeyPatch()
    guard.setattr(LoopGuard, "blocks", lambda self, state, action, knowing=None: False)
    try:
        agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
        session = Session(LevelSource.fixed(parse_level(CHAIN)), agent)
        episodes = []
        for episode in range(8):
            if episode:
                session.next_episode()
            steps = []
            while not session.done:
                before = session.state
                report = session.agent_step()
                steps.append((before, report.decision.action, session.state, report.decision.reason))
            episodes.append((session.finished.success, steps))
        return episodes
    finally:
        guard.undo()


def test_no_episode_is_lost_and_no_no_op_is_repeated_from_one_situation(played):
    """Every episode reaches the goal, and no action that changed nothing is taken twice from one situation."""
    assert [success for success, _ in played] == [True] * 8, [len(steps) for _, steps in played]
    for _, steps in played:
        no_ops = [(situation(before), action) for before, action, after, _ in steps
                  if situation(before) == situation(after)]
        assert len(no_ops) == len(set(no_ops)), "a no-op repeated from the same situation"


def test_a_door_left_shut_by_the_wrong_key_is_tried_again_holding_a_new_key(played):
    """In episode 1 ``open_door`` at door B holding key f changes nothing; once key a is also held, door B is tried
    again and opens, with no random action on the way."""
    _, steps = played[0]
    beside_b = [(before.keys, DOOR_B in after.opened) for before, action, after, _ in steps
                if action == Action.OPEN_DOOR and abs(before.pos[0] - 4) + abs(before.pos[1] - 2) == 1
                and DOOR_B not in before.opened]
    assert beside_b[0] == (frozenset("f"), False), beside_b
    assert (frozenset("af"), True) in beside_b, beside_b
    assert not any("random action" in why for *_, why in steps)
