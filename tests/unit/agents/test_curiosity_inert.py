"""A guess that an action changes nothing on an object without a letter is worth no step (``curiosity.values.INERT``):
a key held relates to an object by its letter, and a crate showed nothing that what is held matters to it."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.memory import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level


def test_a_crate_bumped_holding_nothing_is_not_asked_again_with_each_new_key():
    """On ``distractor_keys`` episode 1 bumped a crate holding nothing; holding key d it bumped another crate and
    tried open_door at it, guesses that it changes nothing (62 steps for 43); now neither, 59."""
    session = Session(LevelSource.fixed(load_level("distractor_keys")),
                      make_agent("procmem", seed=0, library=SkillLibrary(seed=0)))
    asked = []
    while not session.done:
        report = session.agent_step()
        if "at box holding key" in report.decision.reason or "into box holding key" in report.decision.reason:
            asked.append(report.decision.reason)
    assert not asked, asked
    assert session.finished.success and session.finished.steps <= 59, session.finished.steps
