"""A level's pairing question ("are keys alike here?") is answered no once an object of the kind stayed shut here
while a key was held (``agents/alike.py``); staying shut holding nothing, or on another level, answers nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from procmem_tui.agents import make_agent

from procmem_tui.agents.alike import answered_no
from procmem_tui.agents.expectation import Expectation
from procmem_tui.agents.skill_plan import PlanStep
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.world_model import BESIDE, Outcome, WorldModel, features
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Action, State, generate

UNIT = ("open_door", BESIDE, "door")
OPENED = Outcome(object="opened")
DOOR_C = (4, 1)
STEP = PlanStep("open", "door_opened", ("door", DOOR_C), (3, 1), 5, Expectation(OPENED, 0.67, "implied", voted=True),
                Action.OPEN_DOOR)


def _beliefs(*seen) -> SimpleNamespace:
    """Beliefs on level "L" whose model saw doors (letter, keys held, opened?) on the levels given."""
    model = WorldModel()
    for letter, held, changed, level in seen:
        model.learn(UNIT, features(letter, False, frozenset(held)), OPENED if changed else Outcome(), level)
    return SimpleNamespace(model=model, level="L", look=lambda cell, state: Look("door", "C", False))


def test_a_door_shut_holding_a_key_answers_the_level_question():
    """Door A stayed shut holding key d and opened holding b, c and d: keys are not alike on this level, so door C's
    doubt (opened only holding b, c and d) is which key C needs, not the level's question."""
    beliefs = _beliefs(("A", "d", False, "L"), ("A", "bcd", True, "L"), ("C", "bcd", True, "L"))
    assert answered_no(beliefs, STEP, State((0, 0), frozenset("bc")))


def test_shut_holding_nothing_or_elsewhere_leaves_it_open():
    """Doors that stayed shut only holding nothing, or holding a key on another level, leave the question open: any
    key may still open any door here (the settled level tests it at face value)."""
    state = State((0, 0), frozenset("bc"))
    assert not answered_no(_beliefs(("A", "", False, "L"), ("A", "bcd", True, "L")), STEP, state)
    assert not answered_no(_beliefs(("A", "d", False, "M"), ("C", "bcd", True, "L")), STEP, state)


@pytest.mark.slow
def test_a_settled_level_that_answered_no_does_not_test_a_door_at_face_value():
    """rooms4-24-s505-aD.bA.cB.dC under fog (agent seed 2): episode 1 saw door A stay shut holding key d, and doors B
    and C open only holding keys b, c and d. The settled level's first episode (the fourth) took the guess "door C
    opens holding b and c" (67 %) at face value and lost 35 steps (163 59 59 94); the level had answered its
    question, so C's doubt is its own, priced as the episodes that settled the level priced it: the habit holds."""
    level = generate("rooms", 24, 505, rooms=4, opens="aD bA cB dC", view=3)
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=2, library=SkillLibrary(seed=2)))
    steps = [session.run_episode().steps for _ in range(4)]
    assert steps[1:] == [59, 59, 59], steps
