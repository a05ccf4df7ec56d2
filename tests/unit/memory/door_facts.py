"""Seeded facts about doors and the moves into them, and a model resting on the same facts that keeps nothing: shared
by the tests that pin that what a model or an imagination keeps never changes an answer."""

from __future__ import annotations

from procmem_tui.memory.world_model import AHEAD, BESIDE, Outcome, WorldModel, features

OPEN = ("open_door", BESIDE, "door")
MOVE = ("move", AHEAD, "door")
KEYS = "abcdef"
OUTCOMES = (Outcome(), Outcome(object="opened"), Outcome(object="opened", lost=("own",)), Outcome(moved=True))


def learn_one(model: WorldModel, rng) -> None:
    """One seeded observation: open_door or a move at a door of letter A-D, holding some keys, on level L1 or L2."""
    unit = (OPEN, MOVE)[int(rng.integers(2))]
    letter = "ABCD"[int(rng.integers(4))]
    held = frozenset(k for k in KEYS if rng.random() < 0.3)
    model.learn(unit, features(letter, bool(rng.integers(2)), held), OUTCOMES[int(rng.integers(len(OUTCOMES)))],
                ("L1", "L2")[int(rng.integers(2))])


def keeping_nothing(model: WorldModel) -> WorldModel:
    """A model resting on ``model``'s facts, with nothing worked out yet."""
    fresh = WorldModel()
    fresh.units, fresh._stamps, fresh._shapes, fresh.version = model.units, model._stamps, model._shapes, 1
    return fresh
