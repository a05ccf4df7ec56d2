"""A change seen spending a key of another letter, made holding one key, spends that key (``expect.spent_held``):
the model names the spent key by the letter it saw spent, which no plan can count on where that key is not held."""

from __future__ import annotations

from procmem_tui.agents.effects import Beliefs
from procmem_tui.agents.expect import expect
from procmem_tui.agents.option import apply
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import BESIDE, Outcome, WorldModel, features
from procmem_tui.world import State

UNIT = ("open_door", BESIDE, "door")
OPENED = dict(object="opened", reward=2.0)


def _any_key_consumed() -> Beliefs:
    """Door B opened holding key f and spent it; door F opened holding keys b and e and spent b (any key opens any
    door, keys are used up: rooms4-28-s506-any+consumed's first episodes)."""
    model = WorldModel()
    model.learn(UNIT, features("B", False, frozenset("f")), Outcome(lost=("f",), **OPENED), "here")
    model.learn(UNIT, features("F", False, frozenset("be")), Outcome(lost=("b",), **OPENED), "here")
    return Beliefs(model, LevelMap(10, 10), "here")


def test_a_door_holding_one_key_of_another_letter_spends_that_key():
    """Door D holding key e alone is expected to open (seen so here) and to spend key e, so a plan can go on from
    it with no key left; before, it spent key b, not held, and every episode fetched key d for D (85 steps for
    73)."""
    beliefs = _any_key_consumed()
    door = Look("door", "D", False)
    found = expect(beliefs, "open_door", BESIDE, door, frozenset("e"), False)
    assert found.source == "here" and found.outcome.object == "opened" and found.outcome.lost == ("e",)
    after = apply(State((1, 1), frozenset("e"), frozenset(), frozenset(), 0), (1, 1), (2, 1), door, found.outcome)
    assert after is not None and after.keys == frozenset()


def test_holding_two_keys_which_one_is_spent_stays_open():
    """Holding keys a and e, neither of them key b, which one door D spends is not named: the model's word stands."""
    beliefs = _any_key_consumed()
    found = expect(beliefs, "open_door", BESIDE, Look("door", "D", False), frozenset("ae"), False)
    assert found.outcome is None or found.outcome.lost != ("a",) and found.outcome.lost != ("e",)


def test_the_one_key_a_door_spent_each_time_is_its_pairing_not_rebound():
    """Door C opened holding key b alone and spent it (``dead-end-pairs``, ``opens: aB bC``): holding key a alone,
    the model's word "key b spent" says which key C takes, so no plan counts on C spending a (one that did walked
    key a to C: 37 steps for 22). Door D spent key a holding a, and its own d holding a and d: it takes more than
    one key, so holding f alone it spends f (rooms4-28-s509-any+consumed)."""
    model = WorldModel()
    model.learn(UNIT, features("C", False, frozenset("b")), Outcome(lost=("b",), **OPENED), "here")
    model.learn(UNIT, features("D", False, frozenset("a")), Outcome(lost=("a",), **OPENED), "here")
    model.learn(UNIT, features("D", False, frozenset("ad")), Outcome(lost=("own",), **OPENED), "here")
    beliefs = Beliefs(model, LevelMap(10, 10), "here")
    door_c = expect(beliefs, "open_door", BESIDE, Look("door", "C", False), frozenset("a"), False)
    assert door_c.outcome is None or door_c.outcome.lost == ("b",)
    door_d = expect(beliefs, "open_door", BESIDE, Look("door", "D", False), frozenset("f"), False)
    assert door_d.source == "here" and door_d.outcome.lost == ("f",)
