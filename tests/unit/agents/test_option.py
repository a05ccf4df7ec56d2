"""The situation after an outcome (``agents/option.py`` ``apply``): a spend the model names by a key that is not held is
not made to fall on another key, since which key an object takes is what a pairing level is about."""

from __future__ import annotations

from procmem_tui.agents.option import apply, spends_unheld
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.world_model import Outcome
from procmem_tui.world import State

DOOR_C = Look("door", "C", False)
SPENT_B = Outcome(object="opened", lost=("b",), reward=2.0)  # door C, seen to open holding key b alone, spent b
SPENT_OWN = Outcome(object="opened", lost=("own",), reward=2.0)


def _after(keys: str, outcome: Outcome) -> State | None:
    return apply(State((0, 0), frozenset(keys)), (0, 0), (1, 0), DOOR_C, outcome)


def test_a_spend_of_a_key_not_held_is_no_situation_a_plan_counts_on():
    """`dead-end-pairs` of ``unusual_levels.py`` (``opens: aB bC``, keys consumed): door C opened holding key b and
    spent it. Holding key a alone, "key b spent" does not say that a opens C: letting the spend fall on a (a form
    measured, not kept) planned fetch a, C in episode 2 and walked 37 steps for 22, where any key opens any door it
    would have been right (rooms4-28-s507-any+consumed). Which it is, is the question, not a plan's step."""
    assert _after("a", SPENT_B) is None
    assert _after("", SPENT_OWN) is None
    assert _after("bc", SPENT_OWN).keys == frozenset("b")


def test_which_outcomes_spend_a_key_not_held():
    """``questions`` asks by name what ``apply`` refuses: an outcome that spends a key the holding lacks."""
    assert spends_unheld(frozenset("a"), DOOR_C, SPENT_B)
    assert spends_unheld(frozenset(), DOOR_C, SPENT_OWN)
    assert not spends_unheld(frozenset("c"), DOOR_C, SPENT_OWN)
    assert not spends_unheld(frozenset("ab"), DOOR_C, SPENT_B)
