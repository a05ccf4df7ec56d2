"""Generators under a key–door pairing (``opens=``): solvable layouts, the seed's geometry, every door openable by
a key the level holds, the same level for the same arguments, and clear errors."""

from __future__ import annotations

import pytest

from procmem_tui.world import Rules, format_level, generate, parse_level, solve

PAIRINGS = ["aB bC cA", "aB bC cD dE eF fA", "aA aB aC aD aE", "fA eB dC cD bE aF", "bA cA dA eB eC eD eE"]
CASES = [("doorkey", 8, {}), ("doorkey", 9, {"boxes": 5}), ("rooms", 10, {"rooms": 3}),
         ("rooms", 14, {"rooms": 4, "distractors": 2}), ("rooms", 17, {"rooms": 6})]


def shape(level) -> list[str]:
    """The grid with every key written k and every door D: the geometry without the letters."""
    return ["".join("k" if c.islower() and c != "." else "D" if c in "ABCDEF" else c for c in row) for row in level.rows]


# seeds 0-9 in every run, 10-39 with the benchmark-sized tests (``pytest -m slow``): 48 cases of 40 seeds each
SEEDS = [pytest.param(range(10), id="seeds0-9"), pytest.param(range(10, 40), id="seeds10-39", marks=pytest.mark.slow)]


@pytest.mark.parametrize("seeds", SEEDS)
@pytest.mark.parametrize("pairs", PAIRINGS)
@pytest.mark.parametrize("keys", ["kept", "consumed"])
@pytest.mark.parametrize(("family", "size", "options"), CASES, ids=lambda c: str(c))
def test_paired_layouts_are_solvable_and_keep_the_seeds_geometry(pairs, keys, family, size, options, seeds):
    """For 40 seeds: the level follows the pairing (headers, name, rules), is solvable within max_steps, has
    the same walls, boxes, start, goal and key/door cells as the seed's matching layout, and every door's letter
    is opened by some key lying in the level."""
    if family == "rooms" and options["rooms"] - 1 > len({p[1] for p in pairs.split()}):
        pytest.skip("this pairing opens fewer door letters than the layout has doors")
    for seed in seeds:
        level = generate(family, size, seed, opens=pairs, keys=keys, **options)
        plain = generate(family, size, seed, **options)
        assert level.rules == Rules(keys=keys, pairs=pairs)
        assert level.name.startswith(plain.name + "-") and level.rules.short() in level.name
        assert parse_level(format_level(level)).rules == level.rules
        assert shape(level) == shape(plain)
        held = set(level.keys.values())
        assert all(any(level.rules.opens(k, d) for k in held) for d in level.doors.values()), format_level(level)
        plan = solve(level)
        assert plan is not None and len(plan) <= level.max_steps, format_level(level)


def test_the_same_arguments_give_the_same_paired_level():
    """generate(..., opens=) is a pure function of its arguments; different seeds give different levels."""
    a = [format_level(generate("rooms", 12, s, rooms=3, opens="aB bC cA")) for s in range(15)]
    assert a == [format_level(generate("rooms", 12, s, rooms=3, opens="cA bC aB")) for s in range(15)]
    assert len(set(a)) == 15


def test_a_pairing_that_opens_too_few_door_letters_is_refused():
    """Five doors of different letters cannot be lettered from a pairing that opens two: a ValueError saying so."""
    with pytest.raises(ValueError, match="opens 2 door letter"):
        generate("rooms", 17, 0, rooms=6, opens="aB bC")


@pytest.mark.parametrize(("options", "message"), [
    ({"opens": "aZ"}, "not a door letter"),
    ({"opens": "aB", "doors": "any"}, "not both"),
    ({"opens": ""}, "at least one key–door pair"),
])
def test_bad_opens_options_are_value_errors(options, message):
    """A malformed pairing, or opens= with doors=, is a ValueError naming the fault."""
    with pytest.raises(ValueError, match=message):
        generate("doorkey", 8, 0, **options)


def test_gymnasium_ids_take_opens_as_a_kwarg():
    """gym.make(id, opens=...) generates paired layouts for a family and re-pairs a fixed level; info says so;
    check_env passes; a pairing that locks a fixed level's only door is refused."""
    gym = pytest.importorskip("gymnasium")
    from gymnasium.utils.env_checker import check_env

    import procmem_tui.gym_env  # noqa: F401  (registers the ids)

    env = gym.make("procmem/Rooms-v0", opens="cA aB bC", keys="consumed").unwrapped
    _, info = env.reset(seed=3)
    assert info["rules"] == {"doors": "pairs", "keys": "consumed", "opens": "aB bC cA"}
    assert env.level.rules == Rules(keys="consumed", pairs="aB bC cA") and info["optimal_steps"] > 0
    check_env(gym.make("procmem/DoorKey-v0", opens="bA").unwrapped, skip_render_check=True)
    fixed = gym.make("procmem/Level-v0", level="classic", opens="aA cB").unwrapped
    assert fixed.level.rules.pairs == ("aA", "cB") and fixed.reset()[1]["optimal_steps"] == 10
    with pytest.raises(ValueError, match="cannot be solved"):
        gym.make("procmem/Level-v0", level="classic", opens="bA")
    with pytest.raises(ValueError, match="not both"):
        gym.make("procmem/Level-v0", level="classic", opens="aA", doors="any")
