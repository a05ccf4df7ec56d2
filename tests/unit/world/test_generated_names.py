"""A generated level's name is a level name: ``load_level("rooms3-12-s7-consumed")`` is the generator's level of
that family, rooms, size, seed and rule variant (pairings and ``any+consumed`` too), so a name printed by the app,
``procmem episodes`` or a benchmark table can be played, checked and trained on; names the generator would not
give back are not levels, and a well-shaped name with numbers the generator refuses says why in one line."""

from __future__ import annotations

import pytest

from procmem_tui.cli import main
from procmem_tui.world import LevelError, format_level, generate, load_level


@pytest.mark.parametrize("family, size, seed, options", [
    ("rooms", 12, 7, {"rooms": 3, "keys": "consumed"}),
    ("rooms", 16, 11, {"rooms": 4, "opens": "aC bD cB"}),
    ("rooms", 15, 996, {"rooms": 5, "doors": "any", "keys": "consumed"}),
    ("rooms", 10, 10, {"rooms": 3, "opens": "aB bC cA", "keys": "consumed"}),
    ("doorkey", 8, 9, {"opens": "bA"}),
    ("doorkey", 20, 101, {}),
])
def test_a_generated_name_loads_the_generated_level(family, size, seed, options):
    """A generated level's name loads the same level, rule variants and pairings included."""
    level = generate(family, size, seed, **options)
    assert format_level(load_level(level.name)) == format_level(level)


@pytest.mark.parametrize("name", ["rooms3-12-s07", "doorkey-8-s1-default", "rooms3-12-s7-eaten", "rooms-12-s7",
                                  "doorkey-8-s1-any+any+consumed"])
def test_names_the_generator_would_not_give_are_not_levels(name):
    """Names the generator would not give (a padded seed, the default rule written out, an unknown rule, no room
    count, a doubled rule) are no level."""
    with pytest.raises(LevelError, match="no such level"):
        load_level(name)


def test_a_generated_name_with_refused_numbers_says_why(capsys):
    """A generated name with a size out of range says which number and why, in one line."""
    assert main(["check", "rooms3-99-s7"]) == 1
    assert capsys.readouterr().err.strip() == ("procmem check: rooms3-99-s7: read as a generated level's name, but "
                                               "size must be a whole number from 5 to 32, not 99")


def test_a_file_of_that_name_comes_first(tmp_path, monkeypatch):
    """A file named like a generated level is loaded before the generator's level."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doorkey-8-s1").write_text("; name: mine\n@G\n", encoding="utf-8")
    assert load_level("doorkey-8-s1").name == "mine"
