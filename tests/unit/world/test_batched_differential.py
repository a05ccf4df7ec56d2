"""One home for the rules: the batched step (world/batched.py) agrees with ``GridWorld.step`` state by state,
reward by reward, event by event, terminated and truncated, on random and hand-made levels under every rule
variant, with random action sequences (episodes that end are reset and go on, so resets are compared too).

Each hypothesis example steps a batch of worlds, one rollout (level, starting keys, action sequence) per world;
the quick test runs a few hundred rollouts, the slow one more than 10,000."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procmem_tui.world import ACTIONS, GridWorld, Level, builtin_level_names, generate, load_level, parse_level
from procmem_tui.world.batched import EVENTS, BatchedWorlds, compile_levels
from procmem_tui.world.gridworld import State
from procmem_tui.world.level import KEY_LETTERS, MAX_KEYS
from procmem_tui.world.level import with_rules as with_level_rules
from procmem_tui.world.rules import DOOR_RULES, KEY_RULES, Rules

# Door-heavy cells with every letter, so doors open often, several held keys compete for a door, and the
# door search order matters (doors on several sides of the agent).
CELLS = "......###XGabcdefaABCDEFAB"
WORLDS_PER_EXAMPLE = 8


# Pairings that make ties: several keys for one door, one key for several, a door's own key left out, a door
# no key opens.
PAIRINGS = ("aB bC cA", "aA aB bA bB", "cA bA", "bB cB aC fA", "dD eD fE")


def all_rules() -> list[Rules]:
    """Every rule variant: doors matching/any, a few key–door pairings, each with keys kept/consumed."""
    doors = [Rules(doors=d, keys=k) for d in DOOR_RULES for k in KEY_RULES]
    return doors + [Rules(keys=k, pairs=p) for p in PAIRINGS for k in KEY_RULES]


@st.composite
def any_rules(draw) -> Rules:
    """A variant of all_rules, or a random pairing over all six letters (keys kept or consumed)."""
    if draw(st.booleans()):
        return draw(st.sampled_from(all_rules()))
    every = [k + d for k in KEY_LETTERS for d in KEY_LETTERS.upper()]
    pairs = draw(st.lists(st.sampled_from(every), min_size=1, max_size=12, unique=True))
    return Rules(keys=draw(st.sampled_from(KEY_RULES)), pairs=tuple(pairs))


def rollout(levels: list[Level], held: list[frozenset[str]], actions: np.ndarray) -> int:
    """Step a batch (world i on levels[i], starting with held[i]) and ``GridWorld``s side by side through
    ``actions`` (T, N); assert they agree at every step. Returns the number of episodes compared."""
    n = len(levels)
    layouts = compile_levels(levels)
    slots = np.arange(n)
    batch = BatchedWorlds(n, layouts)
    masks = np.array([sum(1 << KEY_LETTERS.index(k) for k in keys) for keys in held], dtype=np.uint8)
    batch.held[:] = masks
    worlds = [GridWorld(level, State(level.start, keys)) for level, keys in zip(levels, held)]
    episodes = n
    for t in range(actions.shape[0]):
        event, reward, terminated, truncated = batch.step(actions[t])
        for i, world in enumerate(worlds):
            expected = world.step(int(actions[t, i]))
            where = f"world {i} ({levels[i].name}, {levels[i].rules.short()}) step {t}"
            assert EVENTS[event[i]] == expected.events, where
            assert reward[i] == expected.reward, where
            assert bool(terminated[i]) == expected.terminated, where
            assert bool(truncated[i]) == expected.truncated, where
            assert batch.state_of(i, levels[i]) == expected.state, where
        done = np.flatnonzero(terminated | truncated)
        if len(done):
            batch.reset_worlds(done, layouts, slots[done])
            batch.held[done] = masks[done]
            for i in done:
                worlds[i].reset(State(levels[i].start, held[i]))
            episodes += len(done)
    return episodes


@st.composite
def random_batches(draw, max_side: int = 6) -> tuple[list[Level], list[frozenset[str]], np.ndarray]:
    """WORLDS_PER_EXAMPLE random levels of one size (one rule variant each), starting keys, and actions."""
    width = draw(st.integers(1, max_side))
    height = draw(st.integers(2 if width == 1 else 1, max_side))
    levels = []
    for _ in range(WORLDS_PER_EXAMPLE):
        cells = draw(st.lists(st.sampled_from(CELLS), min_size=width * height, max_size=width * height))
        start = draw(st.integers(0, width * height - 1))
        goal = draw(st.integers(0, width * height - 2))
        goal += goal >= start
        cells[start], cells[goal] = "@", "G"
        key_cells = [i for i, c in enumerate(cells) if c in KEY_LETTERS]
        for i in key_cells[MAX_KEYS:]:  # a level holds at most MAX_KEYS keys (parse_level refuses more)
            cells[i] = "."
        rows = ["".join(cells[r * width:(r + 1) * width]) for r in range(height)]
        rules = draw(any_rules())
        header = [f"; max_steps: {draw(st.integers(1, 30))}", *rules.headers()]
        levels.append(parse_level("\n".join(header + rows) + "\n", "<random>", check_solvable=False))
    held = [draw(st.frozensets(st.sampled_from(KEY_LETTERS), max_size=3)) for _ in levels]
    return levels, held, draw(action_arrays(len(levels)))


def action_arrays(n: int, max_steps: int = 60):
    seeds = st.integers(0, 2**32 - 1)
    lengths = st.integers(10, max_steps)
    return st.tuples(seeds, lengths).map(
        lambda sl: np.random.default_rng(sl[0]).integers(0, len(ACTIONS), size=(sl[1], n)))


@st.composite
def generated_batches(draw) -> tuple[list[Level], list[frozenset[str]], np.ndarray]:
    """Generated levels of one family and size under a drawn rule variant (pairings put on with with_rules),
    from random seeds."""
    family = draw(st.sampled_from(["doorkey", "rooms"]))
    size = draw(st.integers(5, 9))
    rules = draw(any_rules())
    options = {"keys": rules.keys}
    if family == "rooms":
        options["rooms"] = draw(st.integers(2, min(3, (size + 1) // 3)))
        options["distractors"] = draw(st.integers(0, 2))
    else:
        options["boxes"] = draw(st.integers(0, 3))
    seeds = draw(st.lists(st.integers(0, 10**6), min_size=WORLDS_PER_EXAMPLE, max_size=WORLDS_PER_EXAMPLE))
    levels = [with_level_rules(generate(family, size, s, **options), rules) for s in seeds]
    held = [draw(st.frozensets(st.sampled_from(KEY_LETTERS), max_size=2)) for _ in levels]
    return levels, held, draw(action_arrays(len(levels), max_steps=120))


def builtin_batches():
    """Each built-in level under each rule variant, eight worlds with their own actions and starting keys."""
    return st.tuples(
        st.sampled_from(builtin_level_names()),
        any_rules(),
        st.lists(st.frozensets(st.sampled_from(KEY_LETTERS), max_size=2), min_size=WORLDS_PER_EXAMPLE,
                 max_size=WORLDS_PER_EXAMPLE),
        action_arrays(WORLDS_PER_EXAMPLE, max_steps=150),
    ).map(lambda t: ([with_level_rules(load_level(t[0]), t[1])] * WORLDS_PER_EXAMPLE, t[2], t[3]))


def any_batch():
    return st.one_of(random_batches(), generated_batches(), builtin_batches())


_FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_SLOW = settings(max_examples=1300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(any_batch())
def test_batched_step_agrees_with_gridworld(batch):
    """A few hundred rollouts: random, generated and built-in levels, every variant, random actions."""
    rollout(*batch)


@pytest.mark.slow
def test_batched_step_agrees_with_gridworld_on_ten_thousand_rollouts():
    """More than 10,000 rollouts (1,300 examples of 8 worlds, each world one level, starting keys and action
    sequence), resets included; the count is checked, so a shorter run fails."""
    rollouts = []

    @_SLOW
    @given(any_batch())
    def run(batch):
        rollout(*batch)
        rollouts.append(len(batch[0]))

    run()
    assert sum(rollouts) >= 10_000


@pytest.mark.slow  # a sweep: every built-in level x every variant x 16 worlds x 200 steps (~14 s CPU)
def test_every_builtin_level_and_variant_on_a_seeded_batch():
    """Every built-in level under every variant: 16 worlds with seeded random actions, 200 steps, all agree."""
    rng = np.random.default_rng(0)
    for name in builtin_level_names():
        for rules in all_rules():
            level = with_level_rules(load_level(name), rules)
            held = [frozenset(rng.choice(list(KEY_LETTERS), size=int(rng.integers(0, 3)), replace=False))
                    for _ in range(16)]
            rollout([level] * 16, held, rng.integers(0, len(ACTIONS), size=(200, 16)))


def test_open_door_picks_the_same_door_and_key_for_every_held_set():
    """Exhaustively: doors of random letters on the four sides (or walls), every set of held keys (64), every
    variant and random pairings: one open_door, then each move off the spot, agree with GridWorld (which door
    in search order, which key, whether it is used up)."""
    rng = np.random.default_rng(7)
    rule_sets = all_rules() + [
        Rules(keys=str(rng.choice(KEY_RULES)), pairs=tuple(rng.choice(
            [k + d for k in KEY_LETTERS for d in KEY_LETTERS.upper()], size=int(rng.integers(1, 14)), replace=False)))
        for _ in range(20)
    ]
    held = [frozenset(k for i, k in enumerate(KEY_LETTERS) if mask >> i & 1) for mask in range(64)]
    for rules in rule_sets:
        for _ in range(6):
            around = [str(rng.choice(list("ABCDEF#."))) for _ in range(4)]  # up, right, down, left
            rows = [f".{around[0]}.", f"{around[3]}@{around[1]}", f"G{around[2]}."]
            text = "\n".join([*rules.headers(), *rows]) + "\n"
            level = parse_level(text, "<around>", check_solvable=False)
            open_then_moves = np.array([[5] * 64, [0] * 64, [5] * 64, [3] * 64, [1] * 64, [2] * 64])
            rollout([level] * 64, held, open_then_moves)
