"""Under fog a key near is taken along before a door farther off is tried for its view (agents/curiosity/search.py
``_looks_beyond``): what a door would show stays behind it, while a key left on this side is fetched back from
beyond the door, often from the far side of more doors (six rooms in a chain whose keys lie in the first). A door
nearer than any such key is still tried for its view first."""

from __future__ import annotations

import numpy as np

from procmem_tui.agents.curiosity import curious
from procmem_tui.memory.imagine import Belief
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import Outcome, WorldModel, features

from fog_room import BUMPED, LEVEL, WALKED, ground, locked, seen

TAKEN = Outcome(object="gone", gained=("own",), reward=1.0)


def _room(key_at: int) -> str:
    """A closed room seen whole from @ under sight 3: door D three steps east (what lies behind it never seen) and
    key d ``key_at`` steps west of @ (0: none)."""
    row = "#...@..D....G"
    if key_at:
        row = row[:4 - key_at] + "d" + row[5 - key_at:]
    return "\n".join(["#" * 13, "#....########", row, "#....########", "#" * 13]) + "\n"


def _seen(key_at: int) -> tuple[LevelMap, Belief]:
    return seen(_room(key_at), 3, frozenset("b"))  # holding key b, never held at door D


def _model() -> WorldModel:
    """The ground (``fog_room.ground``); a key walked onto and taken holding nothing (its own letter gained),
    open_door there changing nothing, holding nothing or it; at door D, holding nothing, a move bumped (a lock) and
    open_door and pickup_key changed nothing."""
    model = ground(WorldModel())
    key = features("a", False, frozenset())
    model.learn(("move", "ahead", "key"), key, WALKED, LEVEL)
    model.learn(("pickup_key", "here", "key"), key, TAKEN, LEVEL)
    for role in ("here", "beside"):
        model.learn(("open_door", role, "key"), key, BUMPED, LEVEL)
        model.learn(("open_door", role, "key"), features("a", False, frozenset("a")), BUMPED, LEVEL)
    return locked(model, "D")


def test_a_key_nearer_than_the_door_is_taken_along_before_the_door_is_tried_for_its_view():
    """Key d one step west, door D three steps east: counted with its view, the door won and the key was left to be
    fetched back later; now the key is taken first."""
    m, now = _seen(key_at=1)
    assert m.unknown() and m.at((3, 2)).letter == "d" and m.at((7, 2)).letter == "D"
    found = curious(_model(), m, LEVEL, now, np.random.default_rng(0))
    assert " key d" in found.reason and found.cost == 1 and "door" not in found.reason, found.reason


def test_a_door_nearer_than_any_key_is_still_tried_for_its_view():
    """Key d three steps west, farther than the door: the door's view still counts, and the door comes first."""
    m, now = _seen(key_at=3)
    assert m.at((1, 2)).letter == "d"
    found = curious(_model(), m, LEVEL, now, np.random.default_rng(0))
    assert " at door D holding key b" in found.reason, found.reason
