"""Seeded generators: solvable for many seeds, every door needed, deterministic across processes, strict inputs."""

from __future__ import annotations


import pytest

from procmem_tui.world import FAMILIES, format_level, generate, parse_level, solve

SEEDS = range(500)
QUICK_SEEDS = 40  # in every run; the rest of the 500 in the slow sweep

CASES = [
    ("doorkey", 5, {}), ("doorkey", 8, {}), ("doorkey", 16, {}), ("doorkey", 32, {}),
    ("doorkey", 8, {"boxes": 6}),
    ("rooms", 5, {"rooms": 2}), ("rooms", 16, {"rooms": 2}),
    ("rooms", 8, {"rooms": 3}), ("rooms", 16, {"rooms": 3}), ("rooms", 10, {"rooms": 3, "distractors": 2}),
    ("rooms", 12, {"rooms": 4}), ("rooms", 17, {"rooms": 6}),
]


def case_id(case) -> str:
    family, size, options = case
    return f"{family}-{size}-" + "-".join(f"{k}{v}" for k, v in options.items())


def door_needed(level, door) -> bool:
    """Whether walling up this door makes the level unsolvable."""
    x, y = door
    rows = list(level.rows)
    r = level.height - 1 - y
    rows[r] = rows[r][:x] + "#" + rows[r][x + 1:]
    return solve(parse_level("\n".join(rows) + "\n", check_solvable=False)) is None


def assert_solvable_within_the_step_limit(case, seeds) -> None:
    family, size, options = case
    for seed in seeds:
        level = generate(family, size, seed, **options)
        assert (level.width, level.height) == (size, size)
        plan = solve(level)
        assert plan is not None, f"{family} {size} seed {seed} {options} is unsolvable:\n{format_level(level)}"
        assert len(plan) <= level.max_steps


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_the_first_40_seeds_are_solvable_within_the_step_limit(case):
    """Seeds 0-39 give a size x size level the solver finishes within max_steps (seeds 40-499 are the slow sweep
    below)."""
    assert_solvable_within_the_step_limit(case, SEEDS[:QUICK_SEEDS])


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_500_seeds_are_solvable_within_the_step_limit(case):
    """Every one of 500 seeds gives a size x size level the solver finishes within max_steps (with the test above,
    which checks seeds 0-39: this sweep checks 40-499)."""
    assert_solvable_within_the_step_limit(case, SEEDS[QUICK_SEEDS:])


def test_six_rooms_at_the_largest_size_are_solvable():
    """rooms=6 at size 32 (the slowest case to solve; 60 seeds) is solvable too."""
    for seed in range(60):
        assert solve(generate("rooms", 32, seed, rooms=6)) is not None


@pytest.mark.parametrize("size", [5, 8, 16])
def test_doorkey_has_one_key_one_door_one_goal_and_the_door_guards_it(size):
    """doorkey: exactly one 'a', one 'A', one 'G', and walling the door makes the goal unreachable."""
    for seed in range(40):
        level = generate("doorkey", size, seed)
        assert sorted(level.keys.values()) == ["a"] and sorted(level.doors.values()) == ["A"]
        assert len(level.goals) == 1
        assert door_needed(level, next(iter(level.doors)))


@pytest.mark.parametrize("rooms", [2, 3, 4, 6])
def test_rooms_has_one_door_per_wall_and_every_door_is_needed(rooms):
    """rooms: rooms-1 doors with distinct letters, a key for each, and each door is on the only way to the goal."""
    for seed in range(25):
        level = generate("rooms", 3 * rooms + 2, seed, rooms=rooms, distractors=1)
        letters = sorted(level.doors.values())
        assert len(letters) == rooms - 1 == len(set(letters))
        assert {c.upper() for c in level.keys.values()} >= set(letters)
        assert len(level.keys) == rooms  # rooms-1 useful keys and one distractor
        for door in level.doors:
            assert door_needed(level, door)


def test_same_arguments_give_the_same_level_and_seeds_differ():
    """generate() is a pure function of its arguments, and different seeds give different layouts."""
    a = [format_level(generate("rooms", 12, s, rooms=3)) for s in range(20)]
    b = [format_level(generate("rooms", 12, s, rooms=3)) for s in range(20)]
    assert a == b
    assert len(set(a)) == 20


def test_levels_are_the_same_across_processes_and_hash_seeds(hash_seed_runs):
    """Two interpreters with different PYTHONHASHSEED print exactly the levels this process generates (the job
    ``levels`` of ``hash_seeds``, each seed's interpreter shared with the other hash-seed tests)."""
    outputs = [(hash_seed_runs / seed / "levels.out").read_text() for seed in ("0", "4242")]
    here = "".join(
        format_level(generate("doorkey", 8, s)) + format_level(generate("doorkey", 9, s, boxes=5))
        + format_level(generate("rooms", 14, s, rooms=4, distractors=2))
        for s in range(6)
    )
    assert outputs[0] == outputs[1] == here


@pytest.mark.parametrize(
    ("family", "size", "seed", "options"),
    [
        ("maze", 8, 0, {}),
        ("", 8, 0, {}),
        ("doorkey", 4, 0, {}),
        ("doorkey", 33, 0, {}),
        ("doorkey", 8.5, 0, {}),
        ("doorkey", "8", 0, {}),
        ("doorkey", 8, -1, {}),
        ("rooms", 10, 0, {"rooms": 1}),
        ("rooms", 10, 0, {"rooms": 7}),
        ("rooms", 16, 0, {"rooms": 6}),
        ("rooms", 10, 0, {"rooms": 3, "distractors": 5}),
        ("rooms", 10, 0, {"rooms": 3, "distractors": -1}),
    ],
)
def test_bad_arguments_raise_value_error(family, size, seed, options):
    """Unknown families, sizes outside 5-32 or not whole, negative seeds and bad room options are ValueErrors."""
    with pytest.raises(ValueError):
        generate(family, size, seed, **options)


def test_families_lists_the_generators():
    """FAMILIES names exactly the families generate() accepts."""
    assert set(FAMILIES) == {"doorkey", "rooms"}
    for family in FAMILIES:
        generate(family, 8, 0)
