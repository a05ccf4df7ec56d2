"""The solver under key–door pairings: its successor function is GridWorld.step's (one door rule, from Rules), and
its plans are optimal, on random levels under random pairings and on hand-made cases."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from level_strategies import DOOR_CELLS, action_lists, pairings, random_levels
from test_solver import oracle_length, replay

from procmem_tui.world import ACTIONS, GridWorld, Rules, State, parse_level, solve, with_rules
from procmem_tui.world.solve import successors

any_rules = st.one_of(
    st.builds(lambda pairs, keys: Rules(keys=keys, pairs=pairs), pairings("abc"), st.sampled_from(["kept", "consumed"])),
    st.builds(Rules, st.sampled_from(["matching", "any"]), st.sampled_from(["kept", "consumed"])),
)


def world_successors(level, state: State) -> list:
    """What GridWorld.step does with each action from ``state``, keeping the actions that change something."""
    env = GridWorld(level)
    out = []
    for action in ACTIONS:
        env.reset(state)
        after = env.step(action).state
        if after[:4] != state[:4]:
            out.append((action, tuple(after[:4])))
    return out


@settings(max_examples=100, deadline=None)
@given(random_levels(max_width=5, max_height=4, with_limit=False, cells=DOOR_CELLS), any_rules,
       st.frozensets(st.sampled_from("abc")), action_lists(25))
def test_the_solvers_successors_are_gridworlds_steps(lvl, rules, held, walk):
    """At every state of a random walk (random keys held at the start), under random pairings and every other
    rule variant, the solver expands exactly the actions and next states GridWorld.step produces."""
    lvl = with_rules(lvl, rules)
    env = GridWorld(lvl, State(lvl.start, held))
    for action in walk:
        state = State(*env.state[:4])
        assert successors(lvl, state) == world_successors(lvl, state)
        env.step(action)
        if env.done:
            break


@settings(max_examples=60, deadline=None)
@given(random_levels(max_width=5, max_height=4, with_limit=False, cells=DOOR_CELLS), pairings("abc"),
       st.sampled_from(["kept", "consumed"]))
def test_solver_is_optimal_under_random_pairings(lvl, pairs, keys):
    """solve() under a random pairing is as long as brute force over GridWorld.step, and replays to the goal."""
    lvl = with_rules(lvl, Rules(keys=keys, pairs=pairs))
    plan = solve(lvl)
    assert (None if plan is None else len(plan)) == oracle_length(lvl)
    if plan:
        assert replay(lvl, plan)[1:] == (True, len(plan))


def test_the_key_beside_the_door_is_passed_by_for_the_one_that_opens_it():
    """`a.@bBG` under `opens: aB bC cA`: b lies beside door B but opens C; the plan fetches a (9 actions, one
    pickup); under matching doors the same grid takes 5."""
    text = "a.@bBG\n"
    paired = parse_level("; opens: aB bC cA\n" + text)
    plan = solve(paired)
    assert len(plan) == 9 and plan.count(ACTIONS[4]) == 1 and plan[:3] == [ACTIONS[2], ACTIONS[2], ACTIONS[4]]
    assert len(solve(parse_level(text))) == 5
