"""What a try is given as its chance (``agents/probes.py`` ``chance``, what a shortcut weighs): optimism's 1 only where
nothing this level showed of the object says otherwise."""

from __future__ import annotations

from procmem_tui.agents import probes
from procmem_tui.agents.effects import Beliefs
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import BESIDE, Outcome, WorldModel, features

UNIT = ("open_door", BESIDE, "door")


def test_a_holding_never_seen_at_a_door_is_what_the_door_s_own_keys_say_where_it_both_opened_and_stayed_shut():
    """Door A stayed shut holding key d and opened holding a and d (spending a). Holding nothing was never seen at a
    door, so the model has no prediction, and the try was given optimism's chance 1 ("never tried"): held-out
    rooms3-22-s117-consumed tried door A holding nothing in episode 3 for a step it could save and lost 11 (71 steps
    for 60). Every one-fact rule with keys named that fits what door A did ("holds key a", "holds its own letter")
    says it stays shut holding nothing: chance 0. Holding key a, those rules say it opens."""
    model = WorldModel()
    model.learn(UNIT, features("A", False, frozenset("d")), Outcome(), "here")
    model.learn(UNIT, features("A", False, frozenset("ad")), Outcome(object="opened", lost=("own",), reward=2.0), "here")
    beliefs = Beliefs(model, LevelMap(8, 8), "here")
    beliefs.look = lambda pos, state: Look("door", "A", False)
    assert probes.chance(beliefs, "open_door", (3, 3), frozenset()) == 0.0
    assert probes.chance(beliefs, "open_door", (3, 3), frozenset("a")) in (None, 1.0)
