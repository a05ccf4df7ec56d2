"""The BFS solver: hand-checked optimal lengths, plans that replay to the goal, agreement with the rules."""

from __future__ import annotations

from collections import deque

import pytest
from hypothesis import given, settings
from level_strategies import DOOR_CELLS, action_lists, random_levels

from procmem_tui.world import (
    ACTIONS, Action, GridWorld, State, builtin_level_names, generate, load_level, optimal_steps, parse_level, solve,
)

UP, DOWN, LEFT, RIGHT = Action.MOVE_UP, Action.MOVE_DOWN, Action.MOVE_LEFT, Action.MOVE_RIGHT
PICK, OPEN = Action.PICKUP_KEY, Action.OPEN_DOOR


def level(text: str):
    return parse_level(text, check_solvable=False)


def oracle_length(lvl, start: State | None = None) -> int | None:
    """Shortest action count to a goal found by brute force over GridWorld.step with all six actions."""
    env = GridWorld(lvl)
    s0 = start or State(lvl.start)
    root = (s0.pos, s0.keys, s0.opened, s0.taken)
    if root[0] in lvl.goals:
        return 0
    seen, queue = {root: 0}, deque([root])
    while queue:
        node = queue.popleft()
        for action in ACTIONS:
            env.reset(State(*node, 0))
            step = env.step(action)
            child = step.state[:4]
            if step.terminated:
                return seen[node] + 1
            if child not in seen:
                seen[child] = seen[node] + 1
                queue.append(child)
    return None


def replay(lvl, plan, start: State | None = None):
    """Runs a plan; returns (total reward, terminated at the last step, steps taken)."""
    env = GridWorld(lvl, start)
    total, results = 0.0, []
    for action in plan:
        assert not env.done, "the episode ended before the plan did"
        results.append(env.step(action))
        total += results[-1].reward
    return total, bool(results) and results[-1].terminated, len(results)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@G\n", [RIGHT]),
        ("G.@\n", [LEFT, LEFT]),
        ("G.\nX.\n@.\n", [RIGHT, UP, UP, LEFT]),
        ("@aAG\n", [RIGHT, PICK, OPEN, RIGHT, RIGHT]),
        ("b@aAG\n", [RIGHT, PICK, OPEN, RIGHT, RIGHT]),
        ("G..\n#B#\nb@.\n", [LEFT, PICK, RIGHT, OPEN, UP, UP, LEFT]),
    ],
)
def test_tiny_levels_have_the_hand_checked_plan(text, expected):
    """On tiny levels worked out by hand the solver returns the one shortest plan."""
    assert solve(level(text)) == expected


def test_classic_is_solved_in_10_actions_for_12_3():
    """classic: 10 actions, and replaying them through GridWorld reaches the goal with reward 12.3."""
    lvl = load_level("classic")
    plan = solve(lvl)
    assert len(plan) == optimal_steps(lvl) == 10
    total, terminated, n = replay(lvl, plan)
    assert terminated and n == 10
    assert total == pytest.approx(12.3)


@pytest.mark.parametrize("name", builtin_level_names())
def test_shipped_plans_replay_to_the_goal_with_the_expected_reward(name):
    """Each shipped level's plan ends on the goal at its last step; reward = 10 + keys + 2*doors - 0.1*rest."""
    lvl = load_level(name)
    plan = solve(lvl)
    total, terminated, n = replay(lvl, plan)
    keys, doors = plan.count(PICK), plan.count(OPEN)
    assert terminated and n == len(plan)
    assert total == pytest.approx(10 + keys + 2 * doors - 0.1 * (len(plan) - 1 - keys - doors))


def test_generated_plans_replay_to_the_goal():
    """Plans for generated levels of both families replay to the goal at exactly their last step."""
    for seed in range(30):
        for lvl in (generate("doorkey", 8, seed, boxes=3), generate("rooms", 12, seed, rooms=3)):
            plan = solve(lvl)
            assert replay(lvl, plan)[1:] == (True, len(plan))


@settings(max_examples=300, deadline=None)
@given(random_levels(max_width=5, max_height=4, with_limit=False, cells=DOOR_CELLS))
def test_solver_length_matches_brute_force_over_the_rules(lvl):
    """On random levels, solve() finds a plan exactly when brute force over GridWorld.step does, of equal length."""
    plan = solve(lvl)
    expected = oracle_length(lvl)
    assert (None if plan is None else len(plan)) == expected
    if plan is not None:
        assert replay(lvl, plan)[1:] == (True, len(plan))


@settings(max_examples=200, deadline=None)
@given(random_levels(max_width=5, max_height=4, with_limit=False, cells=DOOR_CELLS), action_lists(20))
def test_solve_from_a_mid_episode_state(lvl, prefix):
    """solve(level, state) plans from any reachable state: its length is optimal and it replays to the goal."""
    env = GridWorld(lvl)
    for action in prefix:
        if env.done:
            break
        env.step(action)
    if env.done:
        return
    plan = solve(lvl, env.state)
    expected = oracle_length(lvl, env.state)
    assert (None if plan is None else len(plan)) == expected
    if plan:
        env_from = State(*env.state[:4], 0)
        assert replay(lvl, plan, env_from)[1:] == (True, len(plan))


def test_solve_from_classic_after_the_key():
    """From classic with the key picked up (5 actions in) 5 remain; with the door open too (7 in), 3 remain."""
    lvl = load_level("classic")
    full = solve(lvl)
    env = GridWorld(lvl)
    for action in full[:5]:
        env.step(action)
    assert env.state.keys == {"a"} and not env.state.opened
    rest = solve(lvl, env.state)
    assert rest == full[5:] and len(rest) == 5
    for action in full[5:7]:
        env.step(action)
    assert env.state.opened == {(3, 3)}
    assert solve(lvl, env.state) == [RIGHT, UP, RIGHT]


def test_unsolvable_gives_none():
    """No path to a goal gives None (and optimal_steps None)."""
    lvl = level("@#G\n")
    assert solve(lvl) is None and optimal_steps(lvl) is None


def test_returned_plan_is_a_fresh_list():
    """Mutating a returned plan does not change what the next call returns (the cache is not exposed)."""
    lvl = load_level("classic")
    first = solve(lvl)
    first.clear()
    assert len(solve(lvl)) == 10
