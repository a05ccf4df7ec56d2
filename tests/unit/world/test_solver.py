"""The BFS solver: hand-checked optimal lengths, plans that replay to the goal, agreement with the rules."""

from __future__ import annotations

from collections import deque

import pytest
from hypothesis import given, settings
from level_strategies import DOOR_CELLS, action_lists, random_levels

from procmem_tui.world import (
    ACTIONS, MAX_SOLVER_STATES, Action, GridWorld, LevelError, Rules, SolverLimitError, State, builtin_level_names,
    generate, load_level, optimal_steps, parse_level, solve, with_rules,
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


@settings(max_examples=100, deadline=None)
@given(random_levels(max_width=5, max_height=4, with_limit=False, cells=DOOR_CELLS))
def test_solver_length_matches_brute_force_over_the_rules(lvl):
    """On random levels, solve() finds a plan exactly when brute force over GridWorld.step does, of equal length."""
    plan = solve(lvl)
    expected = oracle_length(lvl)
    assert (None if plan is None else len(plan)) == expected
    if plan is not None:
        assert replay(lvl, plan)[1:] == (True, len(plan))


@settings(max_examples=80, deadline=None)
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


@pytest.mark.parametrize("rules", [Rules("matching", "kept"), Rules("matching", "consumed"), Rules("any", "kept"),
                                   Rules("any", "consumed")], ids=lambda r: r.short())
@settings(max_examples=50, deadline=None)
@given(lvl=random_levels(max_width=5, max_height=4, with_limit=False, cells=DOOR_CELLS), prefix=action_lists(12))
def test_solver_matches_brute_force_under_each_rule_variant(rules, lvl, prefix):
    """Under each of the four variants, from the start and from a mid-episode state (keys held, some spent),
    solve() is as long as brute force over GridWorld.step, and its plan replays to the goal."""
    lvl = with_rules(lvl, rules)
    env = GridWorld(lvl)
    for action in prefix:
        if env.done:
            break
        env.step(action)
    for start in (None, None if env.done else State(*env.state[:4], 0)):
        plan = solve(lvl, start)
        assert (None if plan is None else len(plan)) == oracle_length(lvl, start)
        if plan:
            assert replay(lvl, plan, start)[1:] == (True, len(plan))


def crowded_field() -> str:
    """An open 20x20 field strewn with doors A, one key a, and a goal behind door B whose key does not exist:
    every subset of opened doors is a new state, so the search space is far beyond any budget."""
    rows = ["@a" + "." * 18]
    for r in range(1, 19):
        rows.append("".join("A" if (r * 7 + c * 3) % 11 == 0 else "." for c in range(20)))
    rows.append("." * 17 + "#BG")
    return "\n".join(rows) + "\n"


def test_solver_stops_at_its_budget_with_a_clear_error():
    """Past its state budget the solver raises SolverLimitError (a LevelError at the start cell) saying how many
    states it explored, instead of growing without bound."""
    lvl = level(crowded_field())
    with pytest.raises(SolverLimitError) as info:
        solve(lvl, budget=20_000)
    err = info.value
    assert isinstance(err, LevelError) and (err.line, err.column) == (1, 1)
    assert "too many key/door combinations to solve" in err.message
    assert err.explored > 20_000 and f"{err.explored} states explored" in err.message


def test_budget_is_large_enough_for_every_shipped_and_generated_level():
    """The default budget solves every built-in level and the largest generated ones under every variant."""
    for name in builtin_level_names():
        assert solve(load_level(name)) is not None
    for keys in ("kept", "consumed"):
        for doors in ("matching", "any"):
            lvl = generate("rooms", 32, 1, rooms=6, distractors=1, keys=keys, doors=doors)
            assert solve(lvl, budget=MAX_SOLVER_STATES // 4) is not None


def test_a_four_line_level_with_31_keys_is_refused_at_once():
    """The level from the reliability probe (4 lines, 31 keys) is refused by the key cap, naming key 17."""
    text = "@" + "abcdef" * 5 + "aG\n" + ("." * 33 + "\n") * 3
    with pytest.raises(LevelError) as info:
        parse_level(text, "keys31.txt")
    assert (info.value.line, info.value.column) == (1, 18)
    assert "31 keys; at most 16" in info.value.message
