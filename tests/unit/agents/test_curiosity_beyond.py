"""Under fog a try at a shut door is worth as well the look from where the door stands (agents/curiosity/beyond.py):
no look from this side counts what lies behind a door, so a try that may open it was worth only what it teaches, and
the agent walked off to look elsewhere first. Without fog, and for objects that do not block sight, nothing changes."""

from __future__ import annotations

import numpy as np

from procmem_tui.agents.curiosity import curious
from procmem_tui.agents.curiosity.beyond import beyond
from procmem_tui.agents.curiosity.frontier import Gains
from procmem_tui.memory.imagine import Belief, Look
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import WorldModel

from fog_room import LEVEL, ground, locked, seen

# a small room seen whole from @ under sight 2: door C two steps east (what lies behind it never seen), a way out
# south into an open room never seen
ROOM = """\
##############
#...##########
#.@.C........G
#...##########
##.###########
#............#
#............#
#............#
#...........c#
##############
"""


def _seen(view: int | None) -> tuple[LevelMap, Belief]:
    return seen(ROOM, view, frozenset("b"))  # holding key b, never held at door C


def _model() -> WorldModel:
    """The ground (``fog_room.ground``); at door C, holding nothing, a move bumped and open_door and pickup_key
    changed nothing."""
    return locked(ground(WorldModel()), "C")


def test_under_fog_a_new_key_is_tried_at_a_shut_door_before_walking_off_to_look():
    """Holding key b, never held at door C: trying the door (a guess that it stays shut, worth a quarter) lost to
    the look into the room south (8 cells two steps off), so the door waited until all else was seen. Counted with
    what it would show if it opened, a try at the door comes first."""
    m, now = _seen(view=2)
    assert m.unknown() and m.at((4, 7)).letter == "C"
    found = curious(_model(), m, LEVEL, now, np.random.default_rng(0))
    assert " at door C holding key b" in found.reason, found.reason  # which action opens it, nothing says
    assert found.cost == 2 and found.actions[-1].value in ("open_door", "pickup_key")


def test_what_a_door_adds_is_the_look_from_where_it_stands():
    """The worth added is the share of a sight disc the look from the door's cell shows (its far side never seen);
    a key, which does not block sight, and an open door add nothing."""
    m, _ = _seen(view=2)
    gains = Gains(m)
    door = Look("door", "C", False)
    added = beyond(gains, (4, 7), door)
    assert added == gains.exact((4, 7)) / gains.area and 0 < added < 1
    assert beyond(gains, (4, 7), Look("door", "C", True)) == 0.0
    assert beyond(gains, (2, 7), Look("key", "b", False)) == 0.0  # a cell seen through: no view is opened


def test_with_the_whole_level_in_sight_the_door_is_worth_what_it_teaches():
    """Without fog nothing is hidden behind a door: the try is worth what it teaches, as before."""
    m, now = _seen(view=None)
    assert not m.unknown()
    found = curious(_model(), m, LEVEL, now, np.random.default_rng(0))
    assert " at door C" not in found.reason or found.value == 0.25, (found.reason, found.value)
