"""The rules of GridWorld.step, pinned by hand-made cases and by properties over random levels and actions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from level_strategies import action_lists, held_keys, random_levels

from procmem_tui.world import ACTIONS, Action, GridWorld, State, load_level, parse_level

UP, DOWN, LEFT, RIGHT = Action.MOVE_UP, Action.MOVE_DOWN, Action.MOVE_LEFT, Action.MOVE_RIGHT
PICK, OPEN = Action.PICKUP_KEY, Action.OPEN_DOOR
DELTAS = {UP: (0, 1), DOWN: (0, -1), LEFT: (-1, 0), RIGHT: (1, 0)}
REWARD = {"goal_reached": 10.0, "key_picked": 1.0, "door_opened": 2.0}


def world(text: str) -> GridWorld:
    return GridWorld(parse_level(text, check_solvable=False))


def variant_of(level) -> tuple[bool, bool, frozenset[str] | None]:
    """(any door, consumed, the opens: pairs or None) read straight from the level's header lines, independently
    of the parser's Rules."""
    lines = {line.replace(" ", "").lower() for line in level.preamble}
    pairs = None
    for line in level.preamble:
        if line.replace(" ", "").lower().startswith(";opens:"):
            pairs = frozenset(line.split(":", 1)[1].split())
    return ";doors:any" in lines, ";keys:consumed" in lines, pairs


def usable_keys(level, door: str, keys) -> list[str]:
    """The held keys that open a door of letter ``door``, the one used first: its own letter, any key under
    ``doors: any`` (own letter first), or exactly the ``opens:`` pairs naming it (alphabetical)."""
    any_door, _, pairs = variant_of(level)
    own = door.lower()
    if pairs is not None:
        return sorted(k for k in keys if k + door.upper() in pairs)
    if any_door:
        return sorted(keys, key=lambda k: (k != own, k))
    return [k for k in keys if k == own]


def expected_step(level, s: State, action: Action):
    """An independent reading of DESIGN.md's rules: (state, reward, terminated, truncated, events)."""
    _, consumed, _ = variant_of(level)
    pos, keys, opened, taken = s.pos, s.keys, s.opened, s.taken
    events: tuple[str, ...]
    if action in DELTAS:
        dx, dy = DELTAS[action]
        target = (pos[0] + dx, pos[1] + dy)
        blocked = (
            not level.in_bounds(target)
            or target in level.walls
            or target in level.boxes
            or (target in level.doors and target not in opened)
        )
        if blocked:
            events = ("bumped",)
        elif target in level.goals:
            pos, events = target, ("moved", "goal_reached")
        else:
            pos, events = target, ("moved",)
    elif action is PICK:
        if pos in level.keys and pos not in taken and level.keys[pos] not in keys:
            keys, taken, events = keys | {level.keys[pos]}, taken | {pos}, ("key_picked",)
        else:
            events = ("no_effect",)
    else:
        events = ("no_effect",)
        for dx, dy in ((0, 1), (1, 0), (0, -1), (-1, 0)):
            door = (pos[0] + dx, pos[1] + dy)
            if door not in level.doors or door in opened:
                continue
            usable = usable_keys(level, level.doors[door], keys)
            if usable:
                used = usable[0]
                opened, events = opened | {door}, ("door_opened",)
                if consumed:
                    keys = keys - {used}
                break
    reward = REWARD.get(events[-1], -0.1)
    terminated = events[-1] == "goal_reached"
    truncated = not terminated and s.steps + 1 >= level.max_steps
    return State(pos, keys, opened, taken, s.steps + 1), reward, terminated, truncated, events


def run(level, actions, held=frozenset()):
    """Steps from the start (holding ``held``) until the actions run out or the episode ends; the Step results."""
    env = GridWorld(level, State(level.start, held))
    out = []
    for a in actions:
        if env.done:
            break
        out.append(env.step(a))
    return out


# --- properties over random levels and random action sequences -------------------------------------------


@settings(max_examples=100, deadline=None)
@given(random_levels(), action_lists(), held_keys())
def test_every_step_matches_the_rules_table(level, actions, held):
    """Each step's state, reward, terminated, truncated and events are exactly what DESIGN.md's rules say."""
    env = GridWorld(level, State(level.start, held))
    for a in actions:
        if env.done:
            break
        before = env.state
        assert tuple(env.step(a)) == expected_step(level, before, a)


@settings(max_examples=100, deadline=None)
@given(random_levels(), action_lists(), held_keys())
def test_agent_is_never_inside_a_wall_box_closed_door_or_off_grid(level, actions, held):
    """Whatever the actions, the agent stands on the grid and never in a wall, a box or a closed door."""
    for step in run(level, actions, held):
        pos = step.state.pos
        assert level.in_bounds(pos)
        assert pos not in level.walls and pos not in level.boxes
        assert pos not in level.doors or pos in step.state.opened


@settings(max_examples=100, deadline=None)
@given(random_levels(), action_lists(), held_keys())
def test_rewards_are_the_tutorial_table(level, actions, held):
    """-0.1 per plain step, +1.0 key_picked, +2.0 door_opened, +10.0 on the goal step, nothing else."""
    for step in run(level, actions, held):
        ev = step.events
        if "goal_reached" in ev:
            assert step.reward == 10.0 and step.terminated
        elif "key_picked" in ev:
            assert step.reward == 1.0
        elif "door_opened" in ev:
            assert step.reward == 2.0
        else:
            assert step.reward == pytest.approx(-0.1)


@settings(max_examples=100, deadline=None)
@given(random_levels(), action_lists(), held_keys())
def test_a_door_opens_only_next_to_the_agent_with_a_key_the_rules_accept(level, actions, held):
    """A door joins `opened` only on an open_door step, adjacent to the agent, with a key held that opens it
    (its own letter; any key under `doors: any`; a key paired with it under `opens:`); keys leave the inventory
    only by opening a door under `keys: consumed`, one key per door (the first usable one), and doors never
    close."""
    _, consumed, _ = variant_of(level)
    env = GridWorld(level, State(level.start, held))
    for a in actions:
        if env.done:
            break
        before = env.state
        after = env.step(a).state
        new_doors = after.opened - before.opened
        lost = before.keys - after.keys
        if new_doors:
            assert a is OPEN and len(new_doors) == 1
            (door,) = new_doors
            assert abs(door[0] - before.pos[0]) + abs(door[1] - before.pos[1]) == 1
            usable = usable_keys(level, level.doors[door], before.keys)
            assert usable
            assert lost == ({usable[0]} if consumed else set())
        else:
            assert not lost
        assert before.opened <= after.opened


@settings(max_examples=100, deadline=None)
@given(random_levels(), action_lists(), held_keys())
def test_a_key_of_a_letter_already_held_is_never_picked_up(level, actions, held):
    """In every variant, pickup_key on a key whose letter is held is no_effect and the key stays on the floor."""
    env = GridWorld(level, State(level.start, held))
    for a in actions:
        if env.done:
            break
        before = env.state
        step = env.step(a)
        here = level.keys.get(before.pos)
        if a is PICK and here is not None and here in before.keys and before.pos not in before.taken:
            assert step.events == ("no_effect",)
            assert before.pos not in step.state.taken and step.state.keys == before.keys


@settings(max_examples=80, deadline=None)
@given(random_levels(), action_lists())
def test_same_level_and_actions_give_the_same_states(level, actions):
    """Determinism: two worlds fed the same actions pass through identical Step results."""
    assert run(level, actions) == run(level, actions)


@settings(max_examples=80, deadline=None)
@given(random_levels(), action_lists(30), action_lists(30))
def test_clone_is_independent_of_its_original(level, first, second):
    """Stepping a clone leaves the original's state and done flag untouched, and vice versa."""
    env = GridWorld(level)
    for a in first:
        if env.done:
            break
        env.step(a)
    saved_state, saved_done = env.state, env.done
    twin = env.clone()
    assert twin.state == saved_state and twin.done == saved_done
    for a in second:
        if twin.done:
            break
        twin.step(a)
    assert (env.state, env.done) == (saved_state, saved_done)
    if not env.done and second:
        twin_state = twin.state
        env.step(second[0])
        assert twin.state == twin_state


@settings(max_examples=80, deadline=None)
@given(random_levels(), action_lists(80))
def test_episode_ends_by_goal_or_by_step_limit_never_both(level, actions):
    """terminated only on a goal step; truncated exactly when the step count reaches max_steps without the goal."""
    steps = run(level, actions)
    for i, step in enumerate(steps, start=1):
        assert step.state.steps == i
        assert not (step.terminated and step.truncated)
        assert step.terminated == (step.state.pos in level.goals)
        assert step.truncated == (not step.terminated and i >= level.max_steps)
        if step.terminated or step.truncated:
            assert i == len(steps)


@settings(max_examples=100, deadline=None)
@given(random_levels(), st.sampled_from(ACTIONS))
def test_stepping_after_the_end_raises(level, extra):
    """Once terminated or truncated, step() raises RuntimeError until reset()."""
    env = GridWorld(level)
    while not env.done:
        env.step(Action.PICKUP_KEY)  # never reaches a goal: ends by truncation
    with pytest.raises(RuntimeError):
        env.step(extra)
    assert env.reset() == State(level.start)
    env.step(extra)


# --- hand-made cases -------------------------------------------------------------------------------------


def test_classic_step_limit_truncates_with_distinct_flags():
    """On classic (max_steps 50) fifty bumps truncate at step 50 with terminated=False."""
    env = GridWorld(load_level("classic"))
    results = [env.step(LEFT) for _ in range(50)]
    assert [r.truncated for r in results] == [False] * 49 + [True]
    assert not any(r.terminated for r in results)
    assert env.done


def test_goal_on_the_last_allowed_step_is_terminated_not_truncated():
    """Reaching the goal exactly at max_steps reports terminated=True, truncated=False."""
    env = world("; max_steps: 2\n@.G\n")
    assert not env.step(RIGHT).truncated
    last = env.step(RIGHT)
    assert (last.terminated, last.truncated, last.reward) == (True, False, 10.0)


def test_moves_follow_y_up_coordinates():
    """move_up adds 1 to y (toward the top row of the file); move_right adds 1 to x."""
    env = world("...\n.@.\n..G\n")
    assert env.state.pos == (1, 1)
    assert env.step(UP).state.pos == (1, 2)
    assert env.step(RIGHT).state.pos == (2, 2)
    assert env.step(DOWN).state.pos == (2, 1)
    assert env.step(LEFT).state.pos == (1, 1)


def test_bumps_leave_the_agent_in_place_and_spend_the_step():
    """Off-grid, wall, box and closed door all bump: same position, step counted, -0.1."""
    env = world("#..\n@XA\n..G\n")
    for action in (LEFT, UP, RIGHT):
        r = env.step(action)
        assert (r.state.pos, r.events, r.reward) == ((0, 1), ("bumped",), pytest.approx(-0.1))
    env2 = world("a@A.G\n")
    env2.step(LEFT)
    env2.step(PICK)
    env2.step(RIGHT)
    assert env2.step(RIGHT).events == ("bumped",)  # closed door, key held but not opened
    assert env.state.steps == 3


def test_pickup_takes_a_key_once_and_keys_are_kept_after_use():
    """pickup_key works once per key cell; one key opens every door of its letter."""
    env = world("A@A\n.a.\n..G\n")
    assert env.step(PICK).events == ("no_effect",)
    env.step(DOWN)
    assert env.step(PICK).events == ("key_picked",)
    assert env.step(PICK).events == ("no_effect",)
    env.step(UP)
    assert env.step(OPEN).state.opened == {(2, 2)}  # right before left
    assert env.step(OPEN).state.opened == {(0, 2), (2, 2)}
    assert env.step(OPEN).events == ("no_effect",)
    assert env.state.keys == {"a"}


def test_open_door_checks_up_right_down_left_in_order():
    """With closed doors on all four sides and all keys held, open_door opens up, then right, down, left."""
    env = world("abcd.\n..A..\n.D@B.\n..C..\n....G\n")
    env.reset(State((2, 2), frozenset("abcd")))
    order = []
    for _ in range(4):
        before = env.state.opened
        order.append(env.level.doors[next(iter(env.step(OPEN).state.opened - before))])
    assert order == ["A", "B", "C", "D"]


def test_open_door_skips_a_door_whose_key_is_missing():
    """A closed door without its key is passed over for the next side whose key is held."""
    env = world("..A..\n.B@..\n....G\n")
    env.reset(State((2, 1), frozenset("b")))
    r = env.step(OPEN)
    assert r.events == ("door_opened",) and r.state.opened == {(1, 1)}


def test_actions_accept_enum_name_and_index():
    """step() takes an Action, its name or its index; unknown ones raise ValueError."""
    a, b, c = world("@..G\n"), world("@..G\n"), world("@..G\n")
    assert a.step(RIGHT) == b.step("move_right") == c.step(3)
    for bad in ("jump", 6, -1):
        with pytest.raises(ValueError):
            world("@.G\n").step(bad)


def test_str_draws_the_agent_on_top_row_first():
    """str(world) draws the current state, highest row first, with '@' where the agent stands."""
    env = world("..G\n@..\n")
    env.step(UP)
    assert str(env) == "@.G\n..."
