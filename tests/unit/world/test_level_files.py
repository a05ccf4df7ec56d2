"""Level text: the shipped levels, the exact format/parse round trip, loading by name or path."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given, settings
from level_strategies import level_texts

from procmem_tui.world import builtin_level_names, format_level, generate, load_level, parse_level, solve

LEVEL_DIR = resources.files("procmem_tui") / "assets" / "levels"
SHIPPED = sorted(p.name for p in LEVEL_DIR.iterdir() if p.name.endswith(".txt"))

# Optimal lengths, checked by hand against the plans `procmem check NAME` prints.
OPTIMAL = {
    "classic": 10, "two_doors": 24, "three_doors": 43, "distractor_keys": 43,
    "warehouse": 48, "maze": 86, "open_field": 113, "long_haul": 120,
    "any_key": 14, "spend_wisely": 18, "second_key": 26,
    "lesser_key": 23, "key_cycle": 32,
}
# The levels that play under a rule variant (their headers), shipped after the default-rule ones; the ones with
# a key–door pairing (`; opens:`) come last.
VARIANTS = {"any_key": ("any", "kept"), "spend_wisely": ("matching", "consumed"), "second_key": ("matching", "consumed"),
            "lesser_key": ("pairs", "consumed"), "key_cycle": ("pairs", "kept")}
PAIRINGS = {"lesser_key": ("aC", "bC", "bD"), "key_cycle": ("aB", "bC", "cA")}


def content(level):
    """What a level file says (the source it was read from aside)."""
    return (level.rows, level.name, level.description, level.max_steps, level.preamble)


def test_builtin_names_strip_the_order_prefix_and_keep_file_order():
    """builtin_level_names() lists every shipped file, NN_ prefix removed, in file-name order."""
    assert builtin_level_names() == [name[:-4].split("_", 1)[1] for name in SHIPPED]
    assert builtin_level_names()[0] == "classic"


@pytest.mark.parametrize("file_name", SHIPPED)
def test_shipped_level_round_trips_exactly(file_name):
    """format_level(parse_level(text)) gives back the file's text byte for byte."""
    text = (LEVEL_DIR / file_name).read_text(encoding="utf-8")
    assert format_level(parse_level(text, file_name)) == text


@pytest.mark.parametrize("file_name", SHIPPED)
def test_shipped_level_has_headers_fits_and_is_solvable_in_time(file_name):
    """Each shipped level names itself after its file, has a description and max_steps, fits 32x32, and is solvable."""
    level = load_level(file_name[:-4].split("_", 1)[1])
    assert level.name == file_name[:-4].split("_", 1)[1]
    assert level.description
    assert any(line.startswith("; max_steps:") for line in level.preamble)
    assert level.width <= 32 and level.height <= 32
    plan = solve(level)
    assert plan is not None and len(plan) <= level.max_steps


def test_shipped_levels_have_the_documented_optimal_lengths_in_order_of_difficulty():
    """Optimal lengths match the documented table; the default-rule levels come first, in order of difficulty,
    then the variant levels, then the pairing levels, each group in order of difficulty among themselves."""
    names = builtin_level_names()
    lengths = {name: len(solve(load_level(name))) for name in names}
    assert lengths == OPTIMAL
    plain = [name for name in names if name not in VARIANTS]
    variants = [name for name in names if name in VARIANTS and name not in PAIRINGS]
    paired = [name for name in names if name in PAIRINGS]
    assert names == plain + variants + paired
    for group in (plain, variants, paired):
        ordered = [lengths[name] for name in group]
        assert ordered == sorted(ordered)
    assert max(lengths.values()) >= 60


def test_variant_levels_declare_their_rules_and_say_why_in_their_description():
    """Each variant level's headers give its rules, and its description names the rule it is about."""
    for name in builtin_level_names():
        level = load_level(name)
        assert (level.rules.doors, level.rules.keys) == VARIANTS.get(name, ("matching", "kept")), name
        if name in VARIANTS:
            assert ("any key" in level.description) == level.rules.any_door, name
            assert ("used up" in level.description) == level.rules.consumes, name
        assert level.rules.pairs == PAIRINGS.get(name, ()), name
        if name in PAIRINGS:
            assert f"(opens: {level.rules.pairs_text()})" in level.description, name


def test_classic_is_the_design_layout():
    """classic parses to DESIGN.md's grid: start at (0,0), key at (2,2), door at (3,3), goal at (4,4)."""
    level = load_level("classic")
    assert (level.width, level.height, level.max_steps) == (5, 5, 50)
    assert level.start == (0, 0)
    assert level.keys == {(2, 2): "a"} and level.doors == {(3, 3): "A"}
    assert level.goals == {(4, 4)} and level.boxes == {(1, 3)}


def test_load_by_path_equals_load_by_name(tmp_path):
    """A copy of a shipped level loaded by path has the same grid and headers as the built-in."""
    path = tmp_path / "copy.txt"
    path.write_text(format_level(load_level("two_doors")), encoding="utf-8")
    by_path = load_level(path)
    assert content(by_path) == content(load_level("two_doors"))
    assert by_path.source == str(path)
    assert load_level(str(path)) == by_path


def test_name_defaults_to_the_file_stem(tmp_path):
    """A file without a name header is named after its file; without max_steps the limit is 4*W*H."""
    path = tmp_path / "tiny_one.txt"
    path.write_text("@.G\n", encoding="utf-8")
    level = load_level(path)
    assert (level.name, level.max_steps) == ("tiny_one", 12)


def test_crlf_line_endings_parse_like_lf():
    """Windows line endings give the same rows and headers as Unix ones."""
    text = format_level(load_level("classic"))
    assert parse_level(text.replace("\n", "\r\n")).rows == parse_level(text).rows


@settings(max_examples=200, deadline=None)
@given(level_texts())
def test_any_valid_text_round_trips(text):
    """For random well-formed level text, formatting the parsed level gives back the text."""
    assert format_level(parse_level(text, check_solvable=False)) == text


@pytest.mark.parametrize(("family", "options"), [("doorkey", {}), ("doorkey", {"boxes": 4}), ("rooms", {"rooms": 3})])
def test_generated_levels_round_trip(family, options):
    """Generated levels format to text that parses back to an equal level."""
    for seed in range(20):
        level = generate(family, 9, seed, **options)
        again = parse_level(format_level(level), check_solvable=False)
        assert content(again) == content(level) and format_level(again) == format_level(level)
