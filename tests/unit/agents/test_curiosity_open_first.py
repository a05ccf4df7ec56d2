"""A move into what stopped every move into it waits while an action other than a move is still worth trying beside
it (``curiosity.search._Search._opened_first``): a door bumped shut holding nothing is next tried with its key by
the action that could open it, not by another bump, which the opening would have made no question at all."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.memory import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import parse_level


def _play(rows: str) -> list:
    level = parse_level(rows, "<open first>")
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=0, library=SkillLibrary(seed=0)))
    steps = []
    while not session.done and len(steps) < 100:
        before = session.seen
        report = session.agent_step()
        steps.append((report.decision.action.value, sorted(before.held), report.step.events))
    return steps


def test_a_door_bumped_shut_is_next_tried_with_open_door_not_with_another_bump():
    """Door A is bumped holding nothing first (moves into doors were never tried); back beside it holding key a,
    the agent opens it without bumping it again (the old order bumped it once more: 19 steps, now 18; a step on
    every level whose first door is bumped before its key is found)."""
    steps = _play(".#..\n@A.G\n.###\n..a.\n")
    opened = next(i for i, (action, _, events) in enumerate(steps) if "door_opened" in events)
    assert steps[opened][1] == ["a"]
    assert steps[opened - 1][:2] != ("move_right", ["a"]), "the door was bumped again holding its key"
    assert "goal_reached" in steps[-1][2] and len(steps) == 18
