"""The model weighs a unit's hypotheses without comparing outcomes field by field where its facts share them (every
fact's outcome is the one object ``shared`` keeps per outcome): a plan's first decisions in a new episode make a few
hundred fresh predictions, each over every fact of its unit. The predictions are the same."""

from __future__ import annotations

from procmem_tui.memory import world_model
from procmem_tui.memory.world_model import AHEAD, Outcome, WorldModel, features

MOVED, BLOCKED = Outcome(moved=True), Outcome()


def test_a_unit_whose_facts_agree_is_weighed_without_comparing_outcomes(monkeypatch):
    """Twelve holdings walked into the floor, every one moved in: the prediction holding all six keys is "moved in",
    from the eleven that held a key (its holding signature), and no fact's outcome is compared or hashed to find it
    (they are one object)."""
    model = WorldModel()
    unit = ("move", AHEAD, "floor")
    for held in ("", "a", "b", "c", "d", "e", "f", "ab", "cd", "ef", "abc", "def"):
        model.learn(unit, features("", False, frozenset(held)), Outcome(moved=True), "here")
    compared = []
    eq, hash_ = Outcome.__eq__, Outcome.__hash__
    monkeypatch.setattr(Outcome, "__eq__", lambda self, other: compared.append("eq") or eq(self, other))
    monkeypatch.setattr(Outcome, "__hash__", lambda self: compared.append("hash") or hash_(self))
    found = model.predict(unit, features("", False, frozenset("abcdef")), "here")
    assert len(compared) <= 1  # not one per fact (the signature's answer is set against the wider one's once)
    assert found.outcome is world_model.shared(MOVED) and found.seen == 11 and not found.extrapolated


def test_a_unit_whose_facts_differ_still_separates_them():
    """Door D stayed shut holding nothing and let the agent through holding d, and holding a and d: holding b and d it
    lets the agent through (as holding a and d did), holding b alone it does not (key d, not held, separated what
    this door did)."""
    model = WorldModel()
    unit = ("move", AHEAD, "door")
    model.learn(unit, features("D", False, frozenset()), BLOCKED, "here")
    model.learn(unit, features("D", False, frozenset("d")), MOVED, "here")
    model.learn(unit, features("D", False, frozenset("ad")), MOVED, "here")
    with_d = model.predict(unit, features("D", False, frozenset("bd")), "here")
    without = model.predict(unit, features("D", False, frozenset("b")), "here")
    assert with_d.outcome == MOVED and not with_d.extrapolated
    assert without.outcome == BLOCKED and without.condition == "without d"
