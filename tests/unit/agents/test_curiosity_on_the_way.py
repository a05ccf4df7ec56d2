"""With nothing left to see, a first try on a kind never tried, at an object with a letter lying on a shortest walk
to the chosen experiment, is made on the way (``curiosity.way``): the walk to a far door learns the keys it passes
before the door is tried, not after."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.memory import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import parse_level


def _play(rows: str) -> list:
    level = parse_level(rows, "<on the way>")
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=0, library=SkillLibrary(seed=0)))
    steps = []
    while not session.done and len(steps) < 100:
        report = session.agent_step()
        steps.append((report.decision.reason, sorted(report.step.state.keys)))
    return steps


def test_keys_on_the_way_to_a_far_door_are_tried_before_the_door():
    """Keys lie on a shortest walk to the one door: the first key is entered on the way (the door, rarer, was the
    experiment of least cost ÷ value), so the door is first tried holding keys, not holding nothing (the old
    walk: door first, then back for the keys, 42 steps; now 18)."""
    steps = _play("@.a.c.d...##\n..........AG\n")
    first_door = next(held for reason, held in steps if "door A" in reason)
    assert first_door, "the door was first tried holding nothing"
    assert any(reason.endswith(", on the way") and "key a" in reason for reason, _ in steps)
    assert len(steps) <= 20
