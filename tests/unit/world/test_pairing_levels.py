"""The built-in pairing levels make their point: the obvious key is the wrong one, and which held key a door
takes (the alphabetically first that fits) decides whether the goal can still be reached."""

from __future__ import annotations

from procmem_tui.world import Action, GridWorld, Rules, load_level, solve, with_rules

UP, DOWN, LEFT, RIGHT = Action.MOVE_UP, Action.MOVE_DOWN, Action.MOVE_LEFT, Action.MOVE_RIGHT
PICK, OPEN = Action.PICKUP_KEY, Action.OPEN_DOOR


def test_key_cycle_goes_round_the_cycle_and_the_key_by_door_a_does_not_open_it():
    """key_cycle (opens: aB bC cA): 32 actions round the cycle (a opens B, b opens C, c opens A); key a, two
    steps from door A, does not open it; under matching doors the same grid takes 8."""
    level = load_level("key_cycle")
    plan = solve(level)
    assert len(plan) == 32 and plan.count(PICK) == 3 and plan.count(OPEN) == 3
    env = GridWorld(level)
    for action in (RIGHT, RIGHT, PICK, LEFT):  # key a in hand, right under door A
        env.step(action)
    assert env.state.keys == {"a"} and env.step(OPEN).events == ("no_effect",)
    env.step(LEFT)
    assert env.step(OPEN).state.opened == {(3, 0)}  # door B, on the left
    assert len(solve(with_rules(level, Rules()))) == 8


def test_lesser_key_spending_b_on_door_c_is_a_dead_end():
    """lesser_key (opens: aC bC bD, keys consumed): 23 actions, fetching a first; opening C holding only b
    spends b and the goal is lost; holding a and b, C takes a and b is left for D; with kept keys 18."""
    level = load_level("lesser_key")
    plan = solve(level)
    assert len(plan) == 23 and plan.count(PICK) == 2
    env = GridWorld(level)
    for action in (UP, RIGHT, RIGHT, PICK, UP, RIGHT, RIGHT, RIGHT, OPEN):
        env.step(action)
    assert env.state.opened and env.state.keys == frozenset()
    assert solve(level, env.state) is None
    env = GridWorld(level)
    for action in plan[: plan.index(OPEN) + 1]:
        env.step(action)
    assert env.state.keys == {"b"}
    assert len(solve(with_rules(level, Rules(pairs=level.rules.pairs)))) == 18
    assert solve(with_rules(level, Rules(keys="consumed"))) is None
