"""What a door spent on a level where keys are used up says about which key it takes (``evidence.pairing_fits``),
what a sure opening holding one key spends (``options``), and what a door seen opening only holding keys does
holding nothing (``expect``): unusual ``--view 3`` rooms4-28-s505-any+consumed (any key opens any door, keys
spent) walked 103 steps for 70 in episode 2 and 101 in episode 4."""

from __future__ import annotations

from procmem_tui.agents.effects import Beliefs
from procmem_tui.agents.evidence import pairing_fits, readings_chance
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.paths import walk_tree
from procmem_tui.memory.world_model import BESIDE, Outcome
from procmem_tui.world import State, parse_level

from door_records import UNIT, door_model
from model_play import play_steps

OPEN = "open_door"


def _opened(spent: str) -> Outcome:
    return Outcome(object="opened", lost=(spent,), reward=2.0)


# door F opened holding key c alone (c spent), door C holding f alone (f spent), then F holding c and f spent f
SPENT = (("F", "c", _opened("c")), ("C", "f", _opened("f")), ("F", "cf", _opened("own")))
# door C beside the agent, key c below it
LAYOUT = parse_level("; name: spent\n; doors: any\n; keys: consumed\n; max_steps: 30\nG.C@\n###c\n")


def test_a_door_that_spent_a_key_other_than_the_one_it_opened_with_alone_fits_no_pairing():
    """If each door took one key of its own, F's would be c (it opened holding c alone); holding c and f it spent f,
    so F took f as well: no pairing of one key to each door fits, keys are alike here, and door C opens holding c
    alone. Read by what was held alone, F c and C f fitted, and C holding c stayed an open question."""
    model = door_model(*SPENT)
    assert not pairing_fits(list(model.units[UNIT].values()))
    assert readings_chance(model, "here", UNIT, Look("door", "C", False), frozenset("c")) == 1.0
    same = door_model(("F", "c", _opened("c")), ("C", "f", _opened("f")), ("F", "cf", _opened("c")))
    assert pairing_fits(list(same.units[UNIT].values())), "F spent c again: F takes c, C takes f"


def _door_c_beside():
    """A map with door C beside the agent (nothing else known but the doors' record ``SPENT``)."""
    model = door_model(*SPENT)
    _, m, state = play_steps(model=model, layout=LAYOUT)
    return Beliefs(model, m, "here"), state


def test_a_door_sure_to_open_holding_one_key_spends_that_key():
    """Door C opened holding key f and spent it, and keys are alike here (above): holding key c alone C opens, and
    what the model names spent (f) is not held, so the one key held is what goes. Counted on, not a try at an even
    chance: episode 2 walked back for a second key for C (103 steps for 70)."""
    beliefs, state = _door_c_beside()
    at = State(state.pos, frozenset("c"), frozenset(), frozenset())
    dist = walk_tree(beliefs.firm, at)[0]
    found = [o for o in beliefs.options(at, dist) if o.cell == (2, 1)]
    assert found and found[0].expectation.p == 1.0 and found[0].after.keys == frozenset()
    assert (2, 1) in found[0].after.opened


def test_a_door_seen_opening_only_holding_keys_is_not_implied_holding_nothing():
    """Door C opened holding key f and holding key c; nothing was ever held when it opened. What the changes had
    in common (DOORMAX's conjunction) names no key, but every one of them held one: holding nothing, C is not
    counted on (it was, at 75 %, and episode 4 walked to C empty-handed and back: 101 steps for 70)."""
    model = door_model(("C", "f", _opened("f")), ("C", "c", _opened("own")))
    _, m, _ = play_steps(model=model, layout=LAYOUT)
    beliefs = Beliefs(model, m, "here")
    nothing = beliefs.expect(OPEN, BESIDE, Look("door", "C", False), frozenset(), hoping=False)
    assert not nothing.works
    held = beliefs.expect(OPEN, BESIDE, Look("door", "C", False), frozenset("c"), hoping=False)
    assert held.works, "holding its own letter, seen to open it"
