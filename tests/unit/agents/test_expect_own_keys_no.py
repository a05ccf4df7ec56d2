"""A door's own keys that rule a try out are not hoped against (``agents/expect.py``): where the model expects no
change and every one-fact rule over this very door's record here says the same (``evidence.letter_verdict``), a
hoping plan does not count on the door opening at an even chance."""

from __future__ import annotations

from procmem_tui.agents.effects import Beliefs
from procmem_tui.agents.expect import expect
from procmem_tui.agents.expectation import NOTHING
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import BESIDE, Outcome, WorldModel, features

UNIT = ("open_door", BESIDE, "door")


def test_a_door_shut_holding_b_and_opened_holding_a_and_b_is_not_hoped_to_open_holding_nothing():
    """Door A stayed shut holding key b and opened holding keys a and b: holding nothing, "holds a" and "holds its
    own letter" (the rules that fit) both say shut, so a hoped plan does not walk to it empty-handed
    (held-out rooms6-30-s109 tried it in a later episode, "could save up to 25 steps", and lost 7); holding key a
    it is still counted on."""
    model = WorldModel()
    model.learn(UNIT, features("A", False, frozenset("b")), Outcome(), "here")
    model.learn(UNIT, features("A", False, frozenset("ab")), Outcome(object="opened", reward=2.0), "here")
    beliefs = Beliefs(model, LevelMap(10, 10), "here")
    door = Look("door", "A", False)
    assert expect(beliefs, "open_door", BESIDE, door, frozenset(), True) is NOTHING
    assert expect(beliefs, "open_door", BESIDE, door, frozenset("a"), True).outcome.object == "opened"
