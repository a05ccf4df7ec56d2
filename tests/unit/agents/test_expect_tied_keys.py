"""Which of two keys a door needs, where its own record cannot tell (``memory.world_model._lacked``): a try holding
one of them is an even guess a hoping plan may make, not a certainty either way."""

from __future__ import annotations

from procmem_tui.agents.effects import Beliefs
from procmem_tui.agents.expect import expect
from procmem_tui.agents.expectation import NOTHING
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import BESIDE, Outcome, WorldModel, features

UNIT = ("open_door", BESIDE, "door")


def test_door_c_shut_holding_a_and_opened_holding_a_b_f_is_an_even_guess_holding_a_and_b():
    """Door C stayed shut holding key a and opened holding a, b and f, door D stayed shut holding the three: holding a and b (no f) a hoping plan may
    count on it opening at an even chance (key b or key f: the record fits both), a plan on what is known does not;
    before, the model took "without f" for the answer and nothing ever tried it (cycle5: 32 steps for 27 in every
    episode after the first)."""
    model = WorldModel()
    model.learn(UNIT, features("D", False, frozenset("abf")), Outcome(), "here")
    model.learn(UNIT, features("C", False, frozenset("a")), Outcome(), "here")
    model.learn(UNIT, features("C", False, frozenset("abf")), Outcome(object="opened", reward=2.0), "here")
    beliefs = Beliefs(model, LevelMap(10, 10), "here")
    door = Look("door", "C", False)
    hoped = expect(beliefs, "open_door", BESIDE, door, frozenset("ab"), True)
    assert hoped.outcome.object == "opened" and hoped.p == 0.5 and hoped.source == "guess"
    assert expect(beliefs, "open_door", BESIDE, door, frozenset("ab"), False) is NOTHING
    assert expect(beliefs, "open_door", BESIDE, door, frozenset("a"), True) is NOTHING
