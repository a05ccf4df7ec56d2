"""Facts share one object per outcome (``world_model.shared``), so the hypotheses a plan asks compare and gather
outcomes by identity; an outcome still equals and hashes as its fields do, and what is pickled carries no hash of
this process's."""

from __future__ import annotations

import pickle
from dataclasses import replace

from procmem_tui.memory.world_model import Outcome, WorldModel, features


def test_equal_outcomes_filed_as_facts_are_one_object():
    """Two units that learned equal outcomes from separate objects hold the same outcome object, also after a
    dump and a load."""
    model = WorldModel()
    model.learn(("pickup_key", "here", "key"), features("a", False, ()), Outcome(object="gone", gained=("own",)), "L")
    model.learn(("pickup_key", "here", "key"), features("b", False, ("a",)), Outcome(object="gone", gained=("own",)),
                "L")
    model.learn(("open_door", "beside", "door"), features("A", False, ("a",)), Outcome(object="gone", gained=("own",)),
                "L")
    outcomes = [f.outcome for facts in model.units.values() for f in facts.values()]
    assert len(outcomes) == 3 and all(o is outcomes[0] for o in outcomes)
    loaded = [f.outcome for facts in WorldModel.load(model.dump()).units.values() for f in facts.values()]
    assert all(o is loaded[0] for o in loaded) and loaded[0] == outcomes[0]


def test_an_outcome_compares_and_hashes_by_its_fields():
    a, b = Outcome(moved=True), Outcome(moved=True)
    assert a == b and hash(a) == hash(b) == hash((True, "", (), (), 0.0, False))
    assert a != Outcome() and a != replace(a, reward=1.0) and a != (True, "", (), (), 0.0, False)
    assert len({a, b, Outcome()}) == 2


def test_a_pickled_outcome_carries_no_hash():
    """A hash kept by one process would be wrong in another (strings hash differently there)."""
    a = Outcome(object="opened", lost=("own",))
    hash(a)
    copy = pickle.loads(pickle.dumps(a))
    assert "_hash" not in vars(copy) and copy == a and hash(copy) == hash(a)
