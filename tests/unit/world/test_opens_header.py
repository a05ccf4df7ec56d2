"""The `; opens: aB bC cA` header: which key opens which door, as the parser reads it, as Rules answers it, as the
world plays it, and every way it can be written wrong (a LevelError naming line and column)."""

from __future__ import annotations

import pytest

from procmem_tui.world import (
    Action, GridWorld, LevelError, Rules, State, format_level, load_level, parse_level, solve, with_rules,
)
from procmem_tui.world.rules import rules_from_options

UP, DOWN, LEFT, RIGHT = Action.MOVE_UP, Action.MOVE_DOWN, Action.MOVE_LEFT, Action.MOVE_RIGHT
PICK, OPEN = Action.PICKUP_KEY, Action.OPEN_DOOR


def level(text: str, **kwargs):
    return parse_level(text, "p.txt", **kwargs)


def error_of(text: str) -> LevelError:
    with pytest.raises(LevelError) as info:
        parse_level(text, "p.txt", check_solvable=False)
    return info.value


# --- reading and writing the header ----------------------------------------------------------------------


@pytest.mark.parametrize("header", ["; opens: aB bC cA", "; opens: cA, aB,bC", "; Opens:   bC   cA aB  "])
def test_opens_sets_the_pairs_in_any_order_and_round_trips(header):
    """The pairs are read whatever their order or separators (spaces, commas); the file text comes back exactly."""
    text = f"; name: p\n{header}\n@aB.G\n"
    parsed = level(text)
    assert parsed.rules.pairs == ("aB", "bC", "cA") and parsed.rules.paired and parsed.rules.doors == "pairs"
    assert format_level(parsed) == text
    assert parse_level(format_level(parsed), "p.txt") == parsed


def test_opens_combines_with_keys_consumed():
    """`keys: consumed` applies to the key a pairing used."""
    parsed = level("; keys: consumed\n; opens: aB\n@aB.G\n")
    assert parsed.rules == Rules(keys="consumed", pairs="aB") and parsed.rules.consumes


@pytest.mark.parametrize(
    ("header", "column", "what"),
    [
        ("; opens: aB bZ", 14, "'Z' is not a door letter (A–F) in the pair 'bZ'"),
        ("; opens: aB gC", 13, "'g' is not a key letter (a–f) in the pair 'gC'"),
        ("; opens: aB ab", 14, "'b' is not a door letter"),
        ("; opens: aB Ab", 13, "'A' is not a key letter"),
        ("; opens: aBc", 10, "'aBc' is not a key–door pair: write a key letter a–f then a door letter A–F, like aB"),
        ("; opens:  aB a", 14, "'a' is not a key–door pair"),
        ("; opens: aB bC aB", 16, "the pair aB is given twice"),
        ("; opens:", 9, "opens needs at least one key–door pair"),
        ("; opens: ,, ", 10, "opens needs at least one key–door pair"),
    ],
)
def test_a_bad_pair_names_its_line_and_column(header, column, what):
    """A malformed pair, an unknown letter, a repeated pair or no pair at all: a LevelError at that pair."""
    err = error_of(f"; name: p\n{header}\n@aBG\n")
    assert (err.source, err.line, err.column) == ("p.txt", 2, column)
    assert what in err.message


@pytest.mark.parametrize(("text", "line", "other"), [
    ("; doors: any\n; opens: aB\n@aBG\n", 2, "the doors: header is on line 1"),
    ("; opens: aB\n; name: p\n; doors: matching\n@aBG\n", 3, "the opens: header is on line 1"),
])
def test_opens_and_doors_together_are_refused_at_the_later_line(text, line, other):
    """`opens:` and `doors:` are exclusive, even `doors: matching`: the second of the two is reported."""
    err = error_of(text)
    assert (err.line, err.column) == (line, 1)
    assert "opens: and doors: cannot both be given" in err.message and other in err.message


def test_opens_given_twice_is_refused():
    """Two `opens:` lines are a repeated header, not a longer pairing."""
    err = error_of("; opens: aB\n; opens: bC\n@aBG\n")
    assert (err.line, "given twice" in err.message) == (2, True)


def test_a_pairing_that_locks_the_only_way_is_unsolvable():
    """A door no pair names stays locked: key a lies before door A, but `opens: aB` leaves A shut for good."""
    with pytest.raises(LevelError, match="no goal can be reached"):
        level("; opens: aB\n@aAG\n")
    assert len(solve(level("@aAG\n"))) == 5


def test_with_rules_writes_and_removes_the_opens_header():
    """with_rules swaps doors:/opens: headers for the new rules' own lines; other headers stay as written."""
    base = level("; name: p\n; doors: any\n; note: kept\n@aB.G\n")
    paired = with_rules(base, Rules(pairs="aB", keys="consumed"))
    assert paired.preamble == ("; name: p", "; note: kept", "; opens: aB", "; keys: consumed")
    assert parse_level(format_level(paired)).rules == paired.rules
    assert with_rules(paired, Rules("any")).preamble == ("; name: p", "; note: kept", "; doors: any")


# --- Rules: the one definition of the door rule -------------------------------------------------------------


def test_key_for_uses_only_the_pairs_and_the_alphabetically_first_key():
    """Under `opens: aB bB cA`, door B takes a before b, door A only c, doors C–F nothing."""
    rules = Rules(pairs="aB bB cA")
    assert rules.key_order("B") == ("a", "b") and rules.key_order("a") == ("c",)
    assert rules.key_for("B", {"b", "a", "c"}) == "a"
    assert rules.key_for("B", {"b", "c"}) == "b"
    assert rules.key_for("A", {"a", "b"}) is None
    assert all(rules.key_for(door, set("abcdef")) is None for door in "CDEF")


def test_opens_and_its_table_agree_with_key_for():
    """opens(key, door) and the 6x6 opens_table say the same as key_for with that key alone, for every rule."""
    for rules in (Rules(), Rules("any"), Rules(pairs="aB bC cA"), Rules(keys="consumed", pairs="fA aF aA")):
        table = rules.opens_table
        for i, key in enumerate("abcdef"):
            for j, door in enumerate("ABCDEF"):
                alone = rules.key_for(door, {key}) == key
                assert rules.opens(key, door) == table[i][j] == alone


def test_matching_is_the_pairing_of_every_letter_with_itself():
    """`doors: matching` and `opens: aA bB cC dD eE fF` choose the same key for every door and every hand."""
    from itertools import combinations

    matching, pairing = Rules(), Rules(pairs="aA bB cC dD eE fF")
    hands = [set(c) for n in range(7) for c in combinations("abcdef", n)]
    assert all(matching.key_for(d, h) == pairing.key_for(d, h) for d in "ABCDEF" for h in hands)
    assert matching.opens_table == pairing.opens_table


@pytest.mark.parametrize(("rules", "describe", "label", "short", "headers"), [
    (Rules(pairs="bC aB cA"), "keys open doors aB bC cA only, keys kept", "keys open doors aB bC cA only",
     "aB.bC.cA", "opens: aB bC cA"),
    (Rules(keys="consumed", pairs=["aA"]), "keys open doors aA only, keys consumed",
     "keys open doors aA only · keys consumed", "aA+consumed", "opens: aA, keys: consumed"),
])
def test_every_view_of_the_rules_states_the_pairs(rules, describe, label, short, headers):
    """describe(), label(), short() and as_headers_text() all name the pairs (views and titles read them)."""
    assert (rules.describe(), rules.label(), rules.short(), rules.as_headers_text()) == (describe, label, short, headers)
    assert not rules.is_default


def test_rules_refuse_bad_pairings_in_code():
    """Rules(pairs=...) checks the pairs like the parser; `doors: any` with pairs, or 'pairs' alone, is refused."""
    with pytest.raises(ValueError, match="not a door letter"):
        Rules(pairs="aZ")
    with pytest.raises(ValueError, match="exclusive"):
        Rules("any", pairs="aB")
    with pytest.raises(ValueError, match="needs the pairs"):
        Rules("pairs")
    assert Rules(pairs=("cA", "aB")) == Rules(pairs="aB cA") == Rules("pairs", pairs="aB,cA")
    assert hash(Rules(pairs="aB cA")) == hash(Rules(pairs="cA aB"))


def test_rules_from_options_replaces_the_door_rule():
    """opens= replaces the base's door rule and keeps its keys rule; doors= drops a pairing; both is an error."""
    base = Rules(keys="consumed", pairs="aB")
    assert rules_from_options(opens="bC", base=Rules("any")) == Rules(pairs="bC")
    assert rules_from_options(doors="matching", base=base) == Rules(keys="consumed")
    assert rules_from_options(keys="kept", base=base) == Rules(pairs="aB")
    with pytest.raises(ValueError, match="not both"):
        rules_from_options(doors="any", opens="aB")


# --- the world plays it ---------------------------------------------------------------------------------


def test_the_wrong_looking_key_opens_the_door_and_the_obvious_one_does_not():
    """`opens: aB bC cA`: holding b, door B does not open; holding a, it does."""
    text = "; opens: aB bC cA\n.B.\n.@.\n..G\n"
    env = GridWorld(level(text, check_solvable=False), State((1, 1), frozenset("b")))
    assert env.step(OPEN).events == ("no_effect",)
    env.reset(State((1, 1), frozenset("a")))
    assert env.step(OPEN).events == ("door_opened",)


def test_consumed_pairing_spends_the_alphabetically_first_key_that_fits():
    """`opens: aB bB cB` with consumed keys: holding b and c, door B spends b; holding a, b, c, it spends a."""
    text = "; opens: aB bB cB\n; keys: consumed\n.B.\n.@.\n..G\n"
    env = GridWorld(level(text, check_solvable=False), State((1, 1), frozenset("cb")))
    assert env.step(OPEN).state.keys == {"c"}
    env.reset(State((1, 1), frozenset("abc")))
    assert env.step(OPEN).state.keys == {"b", "c"}


def test_a_door_no_pair_names_stays_shut_with_every_key():
    """Under `opens: aB`, door A never opens, whatever is held: open_door is no_effect."""
    env = GridWorld(level("; opens: aB\n.A.\n.@.\n..G\n", check_solvable=False), State((1, 1), frozenset("abcdef")))
    assert env.step(OPEN).events == ("no_effect",)


def test_open_door_skips_a_side_whose_door_no_held_key_opens():
    """With doors A (up) and B (right) beside it and only key a held under `opens: aB`, open_door opens B."""
    env = GridWorld(level("; opens: aB\n.A.\n.@B\n..G\n", check_solvable=False), State((1, 1), frozenset("a")))
    assert env.step(OPEN).state.opened == {(2, 1)}


def test_a_builtin_level_keeps_its_layout_under_a_pairing():
    """with_rules(classic, opens: aA) plays exactly like classic (its one door is A, its one key a)."""
    classic = load_level("classic")
    assert solve(with_rules(classic, Rules(pairs="aA"))) == solve(classic)
    assert solve(with_rules(classic, Rules(pairs="bA"))) is None
