"""Rule variants (`; doors: matching|any`, `; keys: kept|consumed`): headers, the world's steps, built-in levels,
generators and the Gymnasium kwargs, each as a user meets them."""

from __future__ import annotations

import pytest

from procmem_tui.world import (
    Action, GridWorld, LevelError, Rules, State, format_level, generate, load_level, parse_level, solve, with_rules,
)

UP, DOWN, LEFT, RIGHT = Action.MOVE_UP, Action.MOVE_DOWN, Action.MOVE_LEFT, Action.MOVE_RIGHT
PICK, OPEN = Action.PICKUP_KEY, Action.OPEN_DOOR


def level(text: str, **kwargs):
    return parse_level(text, "v.txt", **kwargs)


def error_of(text: str) -> LevelError:
    with pytest.raises(LevelError) as info:
        parse_level(text, "v.txt")
    return info.value


# --- headers ---------------------------------------------------------------------------------------------


def test_no_rule_headers_is_the_tutorials_game():
    """Without headers a level plays matching doors with kept keys."""
    assert level("@aAG\n").rules == Rules("matching", "kept")


@pytest.mark.parametrize(
    ("headers", "doors", "keys"),
    [
        ("; doors: any\n", "any", "kept"),
        ("; keys: consumed\n", "matching", "consumed"),
        ("; keys: consumed\n; doors: any\n", "any", "consumed"),
        ("; doors: matching\n; keys: kept\n", "matching", "kept"),
        ("; Doors: ANY\n;KEYS:Consumed\n", "any", "consumed"),
    ],
)
def test_rule_headers_set_the_rules_and_round_trip(headers, doors, keys):
    """Each header, in any order and any letter case, sets its rule; formatting gives back the text unchanged."""
    text = "; name: v\n" + headers + "@abAG\n"
    parsed = level(text)
    assert (parsed.rules.doors, parsed.rules.keys) == (doors, keys)
    assert format_level(parsed) == text
    assert parse_level(format_level(parsed)) == parse_level(text)


@pytest.mark.parametrize(
    ("header", "column", "what"),
    [
        ("; doors: some", 10, "doors must be matching or any, not 'some'"),
        ("; doors:", 9, "not ''"),
        ("; keys:   lost", 11, "keys must be kept or consumed, not 'lost'"),
        ("; KEYS: kept once", 9, "not 'kept once'"),
    ],
)
def test_unknown_rule_value_names_file_line_and_column(header, column, what):
    """An unknown value of a rule header is a LevelError at the value's line and first column."""
    err = error_of(f"; name: v\n{header}\n@G\n")
    assert (err.source, err.line, err.column) == ("v.txt", 2, column)
    assert what in err.message


@pytest.mark.parametrize("header", ["; Max_Steps: -5", "; MAX-STEPS: -5", "; max steps: -5"])
def test_known_header_names_are_matched_without_regard_to_case(header):
    """`; Max_Steps: -5` is the max_steps header (and refused), not a silent comment."""
    err = error_of(f"{header}\n@G\n")
    assert (err.line, "max_steps must be a positive whole number" in err.message) == (1, True)


def test_a_header_given_twice_in_two_spellings_is_refused():
    """`; keys:` and `; Keys:` are the same header: the second is reported."""
    err = error_of("; keys: kept\n; Keys: consumed\n@G\n")
    assert (err.line, "given twice" in err.message) == (2, True)


def test_other_colon_lines_stay_comments():
    """A `;` line naming no known header (`; note: …`) is a comment, kept in the text."""
    parsed = level("; note: keys are not a header here\n; hint: any: none\n@G\n")
    assert parsed.rules == Rules() and len(parsed.preamble) == 2


def test_a_huge_max_steps_is_refused_not_overflowing():
    """A 4,301-digit max_steps is one LevelError at its value, not a Python error."""
    err = error_of("; max_steps: " + "9" * 4301 + "\n@G\n")
    assert (err.line, err.column) == (1, 14)


def test_with_rules_rewrites_only_the_rule_headers():
    """with_rules gives the same grid and other headers under new rules; its text parses back to it."""
    base = load_level("classic")
    variant = with_rules(base, Rules("any", "consumed"))
    assert variant.rules == Rules("any", "consumed") and variant.rows == base.rows
    assert variant.preamble[:3] == base.preamble
    assert parse_level(format_level(variant)).rules == variant.rules
    assert with_rules(variant, Rules()).preamble == base.preamble


def test_rules_refuse_unknown_values_in_code():
    """Rules('some') is a ValueError naming the choices."""
    with pytest.raises(ValueError, match="doors must be matching or any"):
        Rules("some")


# --- the world under each variant ---------------------------------------------------------------------------


def test_consumed_key_leaves_the_inventory_and_a_second_door_stays_shut():
    """keys: consumed: the key that opened a door is gone, so the next door of its letter needs another key."""
    env = GridWorld(level("; keys: consumed\nA@A\n.a.\n..G\n", check_solvable=False))
    env.step(DOWN)
    env.step(PICK)
    env.step(UP)
    first = env.step(OPEN)
    assert first.events == ("door_opened",) and first.state.keys == frozenset()
    assert env.step(OPEN).events == ("no_effect",)


def test_a_second_key_of_a_held_letter_is_left_where_it_lies_until_the_first_is_spent():
    """In every variant a key of a letter already held is not taken; once the held one is used up, it is."""
    env = GridWorld(level("; keys: consumed\naa@AG\n"))
    env.step(LEFT)
    assert env.step(PICK).events == ("key_picked",)
    env.step(LEFT)
    refused = env.step(PICK)
    assert refused.events == ("no_effect",) and (0, 0) not in refused.state.taken
    env.step(RIGHT)
    env.step(RIGHT)
    env.step(OPEN)
    env.step(LEFT)
    env.step(LEFT)
    assert env.step(PICK).state.keys == {"a"}


def test_any_door_prefers_the_doors_own_letter_then_the_first_letter_held():
    """doors: any: door B takes key b when held, else the alphabetically first key held (seen under consumed)."""
    text = "; doors: any\n; keys: consumed\n.B.\n.@.\n..G\n"
    env = GridWorld(level(text, check_solvable=False))
    env.reset(State((1, 1), frozenset("cba")))
    assert env.step(OPEN).state.keys == {"a", "c"}
    env.reset(State((1, 1), frozenset("ec")))
    assert env.step(OPEN).state.keys == {"e"}


def test_any_door_opens_with_a_wrong_key_matching_does_not():
    """With only key b held, door C opens under doors: any and stays shut under matching doors."""
    text = ".C.\n.@.\n..G\n"
    for header, events in (("", ("no_effect",)), ("; doors: any\n", ("door_opened",))):
        env = GridWorld(level(header + text, check_solvable=False), State((1, 1), frozenset("b")))
        assert env.step(OPEN).events == events


def test_open_door_takes_the_first_side_the_rules_allow():
    """Under doors: any the first closed side (up) opens even with no matching key; under matching it is skipped."""
    text = ".A.\n.@B\n..G\n"
    env = GridWorld(level("; doors: any\n" + text, check_solvable=False), State((1, 1), frozenset("b")))
    assert env.step(OPEN).state.opened == {(1, 2)}
    env = GridWorld(level(text, check_solvable=False), State((1, 1), frozenset("b")))
    assert env.step(OPEN).state.opened == {(2, 1)}


# --- the built-in variant levels make their point -----------------------------------------------------------


def test_spend_wisely_wasting_the_key_on_the_near_door_costs_a_long_detour():
    """Opening the first door A passed uses up key a: the goal then needs 12 more actions than the optimum."""
    lvl = load_level("spend_wisely")
    env = GridWorld(lvl)
    for action in (RIGHT, RIGHT, PICK, RIGHT, OPEN):
        env.step(action)
    assert env.state.keys == frozenset() and env.state.opened == {(3, 3)}
    assert env.state.steps + len(solve(lvl, env.state)) == len(solve(lvl)) + 12


def test_second_key_needs_the_detour_only_when_keys_are_used_up():
    """second_key: 26 actions with consumed keys (two pickups), 19 if keys were kept (one pickup)."""
    lvl = load_level("second_key")
    assert (len(solve(lvl)), solve(lvl).count(PICK)) == (26, 2)
    kept = solve(with_rules(lvl, Rules()))
    assert (len(kept), kept.count(PICK)) == (19, 1)


def test_any_key_is_solvable_only_when_any_key_opens_any_door():
    """any_key: 14 actions under doors: any; under matching doors its goal cannot be reached."""
    lvl = load_level("any_key")
    assert len(solve(lvl)) == 14
    assert solve(with_rules(lvl, Rules())) is None


# --- generators and Gymnasium -----------------------------------------------------------------------------


@pytest.mark.parametrize("family", ["doorkey", "rooms"])
def test_generators_take_the_variants_as_options_and_keep_the_layout(family):
    """generate(..., keys=, doors=) sets the rules and headers, names the variant, and keeps the seed's grid."""
    plain = generate(family, 10, 4)
    variant = generate(family, 10, 4, keys="consumed", doors="any")
    assert variant.rows == plain.rows and variant.rules == Rules("any", "consumed")
    assert variant.name == plain.name + "-any+consumed"
    assert parse_level(format_level(variant)).rules == variant.rules
    assert solve(variant) is not None


def test_rooms_with_consumed_keys_is_the_issues_example():
    """generate("rooms", 10, seed, rooms=3, keys="consumed") gives solvable consumed-key levels."""
    for seed in range(20):
        lvl = generate("rooms", 10, seed, rooms=3, keys="consumed")
        assert lvl.rules.consumes and solve(lvl) is not None


def test_generator_refuses_an_unknown_variant():
    """A bad keys= or doors= option is a ValueError naming the choices."""
    with pytest.raises(ValueError, match="keys must be kept or consumed"):
        generate("rooms", 10, 0, keys="lost")


def test_gymnasium_ids_take_the_variants_as_kwargs():
    """gym.make(id, keys=..., doors=...) plays under those rules; info reports them."""
    gym = pytest.importorskip("gymnasium")
    import procmem_tui.gym_env  # noqa: F401  (registers the ids)

    env = gym.make("procmem/Rooms-v0", keys="consumed").unwrapped
    _, info = env.reset(seed=0)
    assert env.level.rules.consumes and info["rules"] == {"doors": "matching", "keys": "consumed", "opens": ""}
    fixed = gym.make("procmem/Level-v0", level="classic", doors="any").unwrapped
    assert fixed.level.rules.any_door and fixed.level.rows == load_level("classic").rows
    assert gym.make("procmem/Level-v0", level="second_key").unwrapped.level.rules.consumes
    with pytest.raises(ValueError, match="cannot be solved"):
        gym.make("procmem/Level-v0", level="any_key", doors="matching")


@pytest.mark.parametrize(("options", "message"), [
    ({"colour": 1}, "unknown option 'colour' for the rooms family; its options are: rooms, distractors, doors, keys"),
    ({"rooms": "3"}, "rooms must be a whole number, not '3'"),
    ({"doors": "some"}, "doors must be matching or any"),
])
def test_generator_options_are_checked_with_a_clear_message(options, message):
    """An unknown or mistyped generator option is a ValueError naming it (never a TypeError from inside)."""
    with pytest.raises(ValueError) as info:
        generate("rooms", 10, 0, **options)
    assert message in str(info.value)
