"""``WorldModel.predict`` answers a holding that differs from one it answered only in features no fact of the unit
holds (keys never mentioned there, a letter never met) from that answer, without working it out again, and that
answer is the one the facts give: checked against a model that keeps nothing, over many seeded holdings, doors and
observations, on two levels."""

from __future__ import annotations

import itertools

import numpy as np

from procmem_tui.memory import world_model
from procmem_tui.memory.world_model import Outcome, WorldModel, features

from door_facts import KEYS, MOVE, OPEN, keeping_nothing, learn_one


def test_a_holding_of_keys_no_fact_mentions_is_answered_as_one_alike(monkeypatch):
    """Door B shut holding c, opened holding b: holding d, then e (keys the unit never saw), is the same
    question; the second is not worked out again, and both say what a fresh model says."""
    model = WorldModel()
    model.learn(OPEN, features("B", False, {"c"}), Outcome(), "L")
    model.learn(OPEN, features("B", False, {"b"}), Outcome(object="opened"), "L")
    decided = []
    decide = world_model._decide
    monkeypatch.setattr(world_model, "_decide", lambda *args: decided.append(args) or decide(*args))
    first = model.predict(OPEN, features("B", False, {"d"}), "L")
    asked = len(decided)
    second = model.predict(OPEN, features("B", False, {"e"}), "L")
    assert asked and len(decided) == asked
    assert second == first
    fresh = WorldModel()
    fresh.units, fresh._stamps, fresh._shapes = model.units, model._stamps, model._shapes
    assert fresh.predict(OPEN, features("B", False, {"e"}), "L") == second


def _holdings(rng) -> list:
    return [frozenset(k for k in KEYS if rng.random() < 0.3) for _ in range(4)]


def test_every_answer_is_what_the_facts_give_now():
    """Seeded random observations of doors of several letters and the moves into them, on two levels; after each,
    every question of a set asked of the kept model equals the answer of a model with the same facts and nothing
    kept, resting on the same facts (their counts read live, ``Prediction.seen``)."""
    rng = np.random.default_rng(7)
    model = WorldModel()
    questions = [(unit, features(letter, is_open, held), level)
                 for unit, letter, is_open, held, level in itertools.product(
                     (OPEN, MOVE), "ABD", (False, True), _holdings(rng), ("L1", "L2"))]
    for _ in range(30):
        learn_one(model, rng)
        fresh = keeping_nothing(model)
        for unit_asked, feats, level in questions:
            kept, now = model.predict(unit_asked, feats, level), fresh.predict(unit_asked, feats, level)
            assert kept == now and kept.support == now.support and kept.seen == now.seen
