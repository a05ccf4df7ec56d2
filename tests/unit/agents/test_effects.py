"""What the agent counts as an interaction, and so what its rule book learns from (agents/effects.py)."""

from __future__ import annotations

from procmem_tui.agents.effects import Beliefs, interactions, learn
from procmem_tui.memory.rules import ENTER, OPEN, PICKUP, RuleBook
from procmem_tui.world import Action, GridWorld, parse_level

# the agent stands between door A (left) and door B (right); key a lies below it
BETWEEN = parse_level("; name: between\n; max_steps: 30\nG.A@B.G\n###a###\n")


def _play(*actions: Action):
    world = GridWorld(BETWEEN)
    steps = []
    for action in actions:
        before = world.state
        steps.append((before, action, world.step(action).state))
    return steps


def test_open_door_that_fails_counts_for_every_closed_door_beside_the_agent():
    """With no key, open_door opens nothing: the agent cannot tell which door it tried, so both are counted."""
    (state, action, nxt), = _play(Action.OPEN_DOOR)
    assert interactions(BETWEEN, state, action, nxt) == [(OPEN, (4, 1)), (OPEN, (2, 1))]


def test_open_door_that_opens_one_counts_only_that_door():
    """Holding key a, open_door opens A: only A's try is counted (B was not the one the world acted on)."""
    *_, (state, action, nxt) = _play(Action.MOVE_DOWN, Action.PICKUP_KEY, Action.MOVE_UP, Action.OPEN_DOOR)
    assert nxt.opened == {(2, 1)}
    assert interactions(BETWEEN, state, action, nxt) == [(OPEN, (2, 1))]


def test_pickup_counts_only_on_a_lying_key_and_a_goal_only_when_stepped_onto():
    """pickup_key on bare floor and a move that stays off the goal are no interactions; the key and the goal are."""
    steps = _play(Action.PICKUP_KEY, Action.MOVE_DOWN, Action.PICKUP_KEY, Action.PICKUP_KEY, Action.MOVE_UP,
                  Action.OPEN_DOOR, Action.MOVE_LEFT, Action.MOVE_LEFT, Action.MOVE_LEFT)
    found = [interactions(BETWEEN, s, a, n) for s, a, n in steps]
    assert found[0] == [] and found[1] == []
    assert found[2] == [(PICKUP, (3, 0))]
    assert found[3] == [], "the key is taken: picking up again is no interaction with it"
    assert found[6] == [] and found[7] == []
    assert found[8] == [(ENTER, (0, 1))]


def test_what_is_learned_is_believed_on_that_level_only():
    """A failed open_door is known on its level ("here"); on another level the same situation is only pooled."""
    rules = RuleBook()
    (state, action, nxt), = _play(Action.OPEN_DOOR)
    learn(rules, "here", BETWEEN, state, action, nxt, terminated=False)
    here, elsewhere = Beliefs(rules, BETWEEN, "here"), Beliefs(rules, BETWEEN, "elsewhere")
    assert here.doubt(OPEN, frozenset(), (2, 1)) == "here"
    assert here.door_chance((2, 1), frozenset()) is None
    assert elsewhere.believe(OPEN, frozenset(), (2, 1)).source != "here"
    assert elsewhere.door_chance((2, 1), frozenset()) is not None
