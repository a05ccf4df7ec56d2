"""``Imagination.predict`` asks the model once per reading of the keys held (those some fact of the unit was filed
holding, and the object's own; of the others only whether there are any), not once per holding: a holding alike
in that much is answered as the one asked before, and that answer is the one the facts give, checked against a
model that keeps nothing over many seeded holdings, doors and observations."""

from __future__ import annotations

import itertools

import numpy as np

from procmem_tui.memory.imagine import Imagination, Look
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import AHEAD, BESIDE, Outcome, WorldModel, features
from procmem_tui.world import Action

from door_facts import KEYS, OPEN, keeping_nothing, learn_one


def _asked(monkeypatch, model: WorldModel) -> list:
    """The questions ``model.predict`` is asked from now on."""
    asked = []
    predict = model.predict
    monkeypatch.setattr(model, "predict", lambda *args: asked.append(args) or predict(*args))
    return asked


def test_keys_no_fact_holds_are_one_reading(monkeypatch):
    """Door B shut holding c, opened holding b. Holding d and holding d and e (keys no fact of the unit was filed
    holding) read alike: the second is not asked of the model. Holding b, or B's own key, is asked afresh."""
    model = WorldModel()
    model.learn(OPEN, features("B", False, {"c"}), Outcome(), "L")
    model.learn(OPEN, features("B", False, {"b", "c"}), Outcome(object="opened"), "L")
    im = Imagination(model, LevelMap(4, 4), "L")
    door = Look("door", "B", False)
    asked = _asked(monkeypatch, model)
    first = im.predict(Action.OPEN_DOOR, BESIDE, door, frozenset("d"))
    second = im.predict(Action.OPEN_DOOR, BESIDE, door, frozenset("de"))
    assert len(asked) == 1 and second is first
    im.predict(Action.OPEN_DOOR, BESIDE, door, frozenset("bd"))
    assert len(asked) == 2
    assert im.predict(Action.OPEN_DOOR, BESIDE, door, frozenset()) != first  # holding nothing is its own reading
    assert len(asked) == 3


def _holdings(rng) -> list:
    return [frozenset(k for k in KEYS if rng.random() < 0.35) for _ in range(6)]


def test_every_answer_is_what_the_facts_give_now():
    """Seeded random observations of doors of several letters and the moves into them, on two levels; after each,
    every question of a set (many holdings, doors open and shut) asked of one imagination equals the answer of a
    model with the same facts that keeps nothing, resting on the same facts."""
    rng = np.random.default_rng(11)
    model = WorldModel()
    im = Imagination(model, LevelMap(4, 4), "L1")
    questions = list(itertools.product(((Action.OPEN_DOOR, BESIDE), (Action.MOVE_UP, AHEAD)),
                                       [Look("door", letter, is_open) for letter in "ABD" for is_open in (False, True)],
                                       _holdings(rng)))
    for _ in range(40):
        learn_one(model, rng)
        fresh = keeping_nothing(model)
        for (action, role), lk, held in questions:
            unit = ("move" if role == AHEAD else action.value, role, lk.kind)
            kept, now = im.predict(action, role, lk, held), fresh.predict(unit, features(lk.letter, lk.open, held), "L1")
            assert kept == now and kept.support == now.support and kept.seen == now.seen
