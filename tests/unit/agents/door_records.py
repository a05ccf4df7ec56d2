"""A world model filled with what doors did on one level: shared by the tests of what the evidence says of a door
and of which letter a door not yet seen to decide its key pairs with."""

from __future__ import annotations

from procmem_tui.memory.world_model import BESIDE, WorldModel, features

UNIT = ("open_door", BESIDE, "door")


def door_model(*seen) -> WorldModel:
    """A model that saw ``open_door`` at doors (letter, keys held, outcome), each on the level ``here``."""
    model = WorldModel()
    for letter, held, outcome in seen:
        model.learn(UNIT, features(letter, False, frozenset(held)), outcome, "here")
    return model
