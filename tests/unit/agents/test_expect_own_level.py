"""What this level's own record says of a door is not lowered by other levels' weaker word (``agents/expect.py``):
where the door opened here only while more keys were held, the share of the rules that fit this level's doors
(``evidence.held_credit``) is its chance, unless other levels say more."""

from __future__ import annotations

from procmem_tui.agents.effects import Beliefs
from procmem_tui.agents.expect import expect
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import BESIDE, Outcome, WorldModel, features

UNIT = ("open_door", BESIDE, "door")
OPENED = Outcome(object="opened", reward=2.0)


def test_a_door_opened_here_holding_two_keys_is_not_a_long_shot_holding_one_because_other_levels_rarely_saw_it():
    """Trained on eight levels where a door opened holding its own key and one where a door opened holding another
    key, a new level's doors E and B opened holding keys b and e. Door E holding key b alone was read from the other
    levels alone (1 of 9 saw another letter open a door: an 18 % guess, not counted on), so a library trained on
    default layouts fetched both keys for good on rooms3-10-s3025-any (25 steps for 18). This level's own record
    says 3 of the 4 one-fact rules that fit its doors open E holding b (only "holds its own letter" says no): an
    implied 75 %. Where other levels say more (E holding its own key e: 8 levels, 90 %), they still decide."""
    model = WorldModel()
    for n in range(8):
        model.learn(UNIT, features("A", False, frozenset("a")), OPENED, f"trained{n}")
    model.learn(UNIT, features("C", False, frozenset("b")), OPENED, "any_key")
    for door in "EB":
        model.learn(UNIT, features(door, False, frozenset("be")), OPENED, "here")
    beliefs = Beliefs(model, LevelMap(10, 10), "here")
    found = expect(beliefs, "open_door", BESIDE, Look("door", "E", False), frozenset("b"), False)
    assert found.source == "implied" and found.p == 0.75 and found.outcome == OPENED
    own = expect(beliefs, "open_door", BESIDE, Look("door", "E", False), frozenset("e"), False)
    assert own.source == "pooled" and own.p == 0.9


def test_what_the_door_is_counted_on_to_do_is_what_it_did_here():
    """Where this level's reading decides, the outcome is the one this very door had here (its own key spent, on a
    level whose keys are spent), not what other levels saw it do (keys kept there)."""
    spent = Outcome(object="opened", lost=("own",), reward=2.0)
    model = WorldModel()
    for n in range(8):
        model.learn(UNIT, features("A", False, frozenset("a")), OPENED, f"trained{n}")
    model.learn(UNIT, features("C", False, frozenset("b")), OPENED, "any_key")
    model.learn(UNIT, features("E", False, frozenset("be")), spent, "here")
    beliefs = Beliefs(model, LevelMap(10, 10), "here")
    found = expect(beliefs, "open_door", BESIDE, Look("door", "E", False), frozenset("b"), True)
    assert found.outcome == spent and found.source != "pooled"
