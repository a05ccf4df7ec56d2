"""Exploration that keeps improving: an untried door that could shorten the known route gets tried (optimism
under uncertainty), within a bounded budget, so no route the agent found first is final."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from procmem_tui.agents import make_agent
from procmem_tui.agents.optimism import BUDGET, Budget, Candidates, best_shortcut, cheap_try, worth_trying
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.paths import reachable
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Action, State, load_level, parse_level
from stand_ins import Learned

LEVELS = Path(__file__).parent / "levels"
SHORTCUTS = {"shortcut_u": 17, "shortcut_key_behind": 19, "shortcut_room": 22, "shortcut_wrong_key": 22}  # open route


def play(name: str, seed: int, episodes: int = 8):
    agent = make_agent("procmem", seed=seed, library=SkillLibrary(seed=seed))
    session = Session(LevelSource.fixed(load_level(LEVELS / f"{name}.txt")), agent)
    return [session.run_episode() for _ in range(episodes)]


@pytest.mark.parametrize("name", SHORTCUTS)
def test_every_seed_finds_the_shorter_locked_route_within_8_episodes(name):
    """A long open route and a shorter one through a locked door: whatever the first episode found, every seed
    0–9 is optimal in episodes 5–8 (the tests of beliefs are over by episode 4: the exploration budget's
    bound), and none of them takes the long route after episode 2."""
    for seed in range(10):
        summaries = play(name, seed)
        assert all(s.success for s in summaries), (name, seed)
        optimal = summaries[0].optimal_steps
        steps = [s.steps for s in summaries]
        assert steps[4:] == [optimal] * 4, (name, seed, steps)
        assert max(steps[2:]) < SHORTCUTS[name], (name, seed, steps)


def test_the_first_route_is_not_final():
    """A first episode that went the long way round (a person walks the open U; the curious agent itself now tries
    the door in its first episode) is not final: in the next episodes the agent tries the door, the Why line says
    what the try could save, and it ends on the short route."""
    u_route = ["move_down"] * 4 + ["move_left"] * 9 + ["move_up"] * 4
    for seed in range(3):
        session = Session(LevelSource.fixed(load_level(LEVELS / "shortcut_u.txt")),
                          make_agent("procmem", seed=seed, library=SkillLibrary(seed=seed)))
        for action in u_route:
            session.player_step(action)
        assert session.finished.success and session.finished.steps == SHORTCUTS["shortcut_u"]
        session.next_episode()
        later = [session.run_episode() for _ in range(2)]
        reasons = [t.reason for s in later for t in s.trajectory.transitions]
        assert any("trying door A: could save up to" in r for r in reasons), (seed, reasons[:3])
        assert later[-1].steps == later[-1].optimal_steps


def test_a_mastered_level_stays_mastered():
    """Where the open route is optimal (door A's key is too far), the agent tests the door and the keys in its
    first three episodes, then plays the open route every time: nothing can be saved, so nothing more is
    explored (episodes 4–8)."""
    for seed in range(10):
        summaries = play("no_shortcut", seed)
        steps = [s.steps for s in summaries]
        assert steps[3:] == [summaries[0].optimal_steps] * 5, (seed, steps)
        late = [t.reason for s in summaries[3:] for t in s.trajectory.transitions]
        assert not any(r.startswith("explore") for r in late), seed


def test_classic_stays_optimal_once_learned():
    """On classic, the learned route is optimal: from episode 3 to 12 no step explores."""
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    session = Session(LevelSource.fixed(load_level("classic")), agent)
    summaries = [session.run_episode() for _ in range(12)]
    assert all(s.steps == 10 for s in summaries[2:])
    assert not any(t.reason.startswith("explore") for s in summaries[2:] for t in s.trajectory.transitions)


def test_saving_is_computed_from_path_lengths_on_the_perceived_grid():
    """On shortcut_u from the start, given the model's candidates (door A opened by open_door, key a taken by
    pickup_key, the goal), door A (unknown) would give 11 steps with the key fetched first (1 step
    there, 1 pickup, 4 steps to the door, 1 try, 4 steps to the goal) and 10 without it: against the 17-step
    open route the direct try saves 7. Once the door is known to fail with no key, the key-first try saves 6."""
    level, state, ground, dist, found = shortcut_u_start()

    def shortcut(route, chance):
        return best_shortcut(found, state, route, dist, chance, lambda key: True, ground=ground)

    unknown_all = shortcut(17, lambda door, action, keys: True)
    assert (unknown_all.key, unknown_all.route, unknown_all.saving) == (None, 10, 7)
    keyless_fails = shortcut(17, lambda door, action, keys: bool(keys))
    assert keyless_fails.key == (8, 4) and (keyless_fails.route, keyless_fails.saving) == (11, 6)
    assert shortcut(11, lambda door, action, keys: bool(keys)) is None
    assert shortcut(17, lambda door, action, keys: False) is None


def shortcut_u_start():
    """shortcut_u at its start on a learned ground: the level, the state, the ground, the walking distances and the
    model's candidates (door A opened by open_door, key a taken by pickup_key, the goal)."""
    level = load_level(LEVELS / "shortcut_u.txt")
    state = State(level.start)
    ground = Learned(level)
    found = Candidates({door: (((Action.OPEN_DOOR, False),), 1.0) for door in level.doors},
                       {key: (Action.PICKUP_KEY, frozenset(letter), 1.0) for key, letter in level.keys.items()},
                       frozenset(level.goals))
    return level, state, ground, reachable(ground, state), found


def test_a_try_that_would_cost_more_than_the_budget_if_it_failed_is_not_made():
    """Once a route is known, a failed try may lengthen the episode by at most what the budget has left
    (``optimism.Budget``). On shortcut_u the direct try of door A is ``walk`` steps away: where nothing says how far
    it is from the known route, a failure costs the walk there and back, so a budget one step short of that refuses
    it; where the door lies on the way (rejoining the route costs nothing more), the walk alone is enough. A door of
    a kind nothing was ever seen to open (``novel``) is tried whatever the budget."""
    level = load_level(LEVELS / "shortcut_u.txt")
    state = State(level.start)
    ground = Learned(level)
    dist = reachable(ground, state)
    found = Candidates({door: (((Action.OPEN_DOOR, False),), 1.0) for door in level.doors}, {},
                       frozenset(level.goals))

    def shortcut(budget, novel=frozenset()):
        return best_shortcut(replace(found, novel=novel), state, 17, dist, lambda door, action, keys: 0.9,
                             lambda key: True, ground=ground, budget=budget)

    walk = shortcut(None).walk
    assert shortcut(Budget(2 * walk - 1, lambda cell: None)) is None
    assert shortcut(Budget(2 * walk, lambda cell: None)) is not None
    assert shortcut(Budget(walk, lambda cell: 0)) is not None
    assert shortcut(Budget(walk - 1, lambda cell: 0)) is None
    assert shortcut(Budget(0, lambda cell: None), frozenset(level.doors)) is not None, "nothing ever opened: R-max"


@pytest.mark.parametrize("name", ["warehouse", "two_doors", "second_key"])
def test_episode_2_of_a_level_whose_first_route_was_optimal_spends_at_most_the_budget_on_hunches(name):
    """Episode 1 found a route as short as the optimum; episode 2 may still test hunches (a key of another letter
    on a door, a door never tried holding these keys), but only those whose failure keeps the episode within
    ``1 + BUDGET`` of that route (before, warehouse's episode 2 walked 14 steps to try key a on door B). A bump is
    no hunch's: a move into what no move was tried into is R-max, outside the budget (second_key's episode 2 bumps
    a wall and a closed door holding nothing, kinds its episode 1 never moved into)."""
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    session = Session(LevelSource.fixed(load_level(name)), agent)
    first, second = session.run_episode(), session.run_episode()
    assert first.success and second.success
    bumps = sum(1 for t in second.trajectory.transitions if "bumped" in t.events)
    assert second.steps - bumps <= (1 + BUDGET) * first.optimal_steps, (first.steps, second.steps, bumps)


def test_a_try_on_the_way_is_worth_its_chance_when_failing_adds_little():
    """A try whose failure costs little is made when it pays within this episode against what failing adds to the
    known route (``Budget.cost``), if that fits the episode's own share of the budget: key_cycle's door A, one
    step off the way to key a, opens holding nothing with a chance of 10% for a 27-step saving; failing costs 1
    step, so episode 2 tries it (``worth_trying`` waited for episode 3, when two episodes could repay a walk of 2
    there and 2 back). A dear failure (13 steps, over the share) waits as before, whatever its odds; a level's
    first episode has no share for such tries."""
    budget = Budget(3.2, lambda cell: None, share=3.2)
    assert not worth_trying(0.1, 27, 2, horizon=1)
    assert cheap_try(budget, 0.1, 27, 1)
    assert not cheap_try(budget, 0.1, 27, 4)
    assert not cheap_try(budget, 0.5, 21, 13)
    assert not cheap_try(budget, 0.5, 1, 1), "a 1-step saving at even odds does not pay for a 1-step failure"
    assert not cheap_try(Budget(3.2, lambda cell: None), 0.1, 27, 1), "no share: a level's first episode"


def test_consumed_keys_second_key_is_optimal_by_its_third_episode():
    """Issue 16: on consumed-key levels the agent is optimal by its third episode. second_key's episode 2 tries
    door A holding nothing from a cell moves are known to enter, and carries the try through when a wall never
    moved into is bumped on the way (an R-max step restarts the budget); before, it dropped the try at the bump and
    made it in episode 3 (31 27 30 26)."""
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    session = Session(LevelSource.fixed(load_level("second_key")), agent)
    episodes = [session.run_episode() for _ in range(3)]
    assert all(e.success for e in episodes)
    assert episodes[2].steps == episodes[2].optimal_steps, [e.steps for e in episodes]


def test_a_library_trained_on_default_layouts_plays_the_unseen_pairing_key_cycle_optimally_by_episode_3():
    """Issue 16: a library trained on default layouts plays an unseen pairing level optimally by its third episode.
    key_cycle's last hunch (door A holding nothing, 10%, on the way to key a) costs 1 step if it fails, so episode
    2 makes it (before: 34 33 33 32, the try waiting for episode 3)."""
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    training = Session(LevelSource.generated("doorkey", 8, seed=0), agent)
    for _ in range(8):
        training.run_episode()
    session = Session(LevelSource.fixed(load_level("key_cycle")), agent)
    episodes = [session.run_episode() for _ in range(3)]
    assert all(e.success for e in episodes)
    assert episodes[2].steps == episodes[2].optimal_steps, [e.steps for e in episodes]


def test_a_try_with_another_closed_door_beyond_it_is_valued_by_the_known_plan_after_it():
    """A corridor: door A, then door B, then the goal. Trying door A cannot reach the goal on its own (door B is
    still shut beyond it), so its saving is not what a walk hoped through door B too would make it (that counted on
    two untried things: rooms3-12-s11-consumed tried door F holding nothing in episode 3 for "9 steps" that were
    3): it is what the model's known plan from where the try leaves the agent says (``rest``), and without one the
    try is not weighed at all."""
    level = parse_level("; name: corridor\n; max_steps: 40\n#######\n@aAbB.G\n#######\n")
    state, ground = State(level.start), Learned(level)
    dist = reachable(ground, state)
    found = Candidates({door: (((Action.OPEN_DOOR, False),), 1.0) for door in level.doors}, {},
                       frozenset(level.goals))
    asked = []

    def rest(after, door, opener):
        asked.append((after.pos, door, opener))
        return 5

    def shortcut(**kw):
        return best_shortcut(found, state, 30, dist, lambda door, action, keys: 1.0, lambda key: True, ground=ground,
                             **kw)

    assert shortcut() is None
    tried = shortcut(rest=rest)
    assert tried.door == (2, 1) and tried.walk == 2 and tried.route == 2 + 5 and tried.saving == 30 - 7
    assert asked == [((1, 1), (2, 1), Action.OPEN_DOOR)]


CYCLE5 = """; opens: aB bC cD dE eF
; view: 3
#############
#@.a#b#c#d#e#
#...B.C.D.E.F
#f..#.#.#.#.G
#############
"""


def test_a_door_seen_open_only_holding_more_keys_is_asked_on_the_way_where_failing_costs_a_step():
    """unusual_levels --view 3 cycle5 (a cycle of pairings aB..eF; key f lies by the start and opens no door on the
    way): episode 1 fetched f first, so every door opened holding f, and door B stayed shut holding f alone. The
    model predicts door C opens holding a and f (its letter), but only from a holding with more keys ("holds key b"
    and "holds key f" both fit: an even chance, ``evidence.held_credit``), and that was reported as known, so no
    shortcut weighed trying C on the way holding a and f (failing costs the one action): the level fetched f in
    every episode (42 33 33 32 32 32 32 32, optimum 27). The try's answer says which key C needs; with it the level
    is optimal from episode 4."""
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    session = Session(LevelSource.fixed(parse_level(CYCLE5)), agent)
    episodes = [session.run_episode() for _ in range(4)]
    assert all(e.success for e in episodes)
    assert episodes[3].steps == episodes[3].optimal_steps == 27, [e.steps for e in episodes]
