"""A room seen from its start, and the ground a curiosity search stands on there: shared by the tests that pin what
the search makes of a door under fog (its view, the keys taken along first)."""

from __future__ import annotations

from procmem_tui.memory.imagine import Belief
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import Outcome, WorldModel, features
from procmem_tui.world import parse_level
from procmem_tui.world.gridworld import GridWorld

LEVEL = "here"
WALKED = Outcome(moved=True, reward=-0.1)
BUMPED = Outcome(reward=-0.1)


def seen(text: str, view: int | None, held: frozenset | None = None) -> tuple[LevelMap, Belief]:
    """The map of what the start shows of ``text`` under sight ``view`` (None: the whole level), and the start's
    belief, holding ``held`` (None: what the start holds)."""
    level = parse_level(("; view: %d\n" % view if view is not None else "") + text, "t.txt")
    obs = GridWorld(level).observe(None, view=level.view)
    m = LevelMap(obs.width, obs.height)
    m.see(obs)
    return m, Belief(obs.pos, obs.held if held is None else held, frozenset(), frozenset())


def ground(model: WorldModel) -> WorldModel:
    """Floor walked on, walls and the edge bumped; open_door and pickup_key change nothing on any of them."""
    nothing = features("", False, frozenset())
    for kind, outcome in (("floor", WALKED), ("wall", BUMPED), ("edge", BUMPED)):
        model.learn(("move", "ahead", kind), nothing, outcome, LEVEL)
        for action in ("open_door", "pickup_key"):
            for role in ("here", "beside"):
                model.learn((action, role, kind), nothing, BUMPED, LEVEL)
    return model


def locked(model: WorldModel, letter: str) -> WorldModel:
    """At door ``letter``, holding nothing: a move bumped, and open_door and pickup_key beside it changed nothing."""
    door = features(letter, False, frozenset())
    for unit in (("move", "ahead", "door"), ("open_door", "beside", "door"), ("pickup_key", "beside", "door")):
        model.learn(unit, door, BUMPED, LEVEL)
    return model
