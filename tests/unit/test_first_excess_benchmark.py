"""The first-excess benchmark (benchmarks/first_excess.py): every step above the optimum of an episode 1 is filed
once, by the try its walk ends in, and a door's try by whether the keys held fit it (the world's rules, read by the
benchmark only)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import first_excess  # noqa: E402

from procmem_tui.world import Action, format_level, load_level, parse_level  # noqa: E402
from procmem_tui.world.gridworld import State  # noqa: E402


def test_a_door_try_is_filed_by_what_the_keys_held_do_to_it():
    """A try at a door is filed by what the keys held do to it (nothing held, keys that do not fit, a fitting key);
    open_door with no door beside and pickup_key with no key have their own files."""
    level = parse_level("; opens: aB\n@B.G\nab..\n", "<test>")
    entered: set = set()
    beside = State((0, 1))
    assert first_excess.classify(level, beside, Action.OPEN_DOOR, beside, entered) == "door holding nothing"
    holding_b = beside._replace(keys=frozenset("b"))
    assert first_excess.classify(level, holding_b, Action.MOVE_RIGHT, holding_b, entered) == "door unfit keys"
    holding_a = beside._replace(keys=frozenset("a"))
    assert first_excess.classify(level, holding_a, Action.OPEN_DOOR, holding_a, entered) == "door fitting key"
    on_key = State((0, 0))
    assert first_excess.classify(level, on_key, Action.OPEN_DOOR, on_key, entered) == "open_door no door"
    assert first_excess.classify(level, beside, Action.PICKUP_KEY, beside, entered) == "pickup no key"


def test_only_the_first_move_into_a_kind_is_a_try():
    """Only the first move into a kind is a try; later moves are none, and a move that bumps is a teaching bump."""
    level = parse_level("@...G\n", "<test>")
    entered: set = set()
    moves = [first_excess.classify(level, State((x, 0)), Action.MOVE_RIGHT, State((x + 1, 0)), entered)
             for x in range(3)]
    assert moves == ["first move into kind", None, None]
    assert first_excess.classify(level, State((0, 0)), Action.MOVE_LEFT, State((0, 0)), entered) == "teaching bump"


def test_the_excess_of_an_episode_is_filed_whole():
    """Every step of episode 1 above the optimum is filed in exactly one column."""
    row = first_excess.play((format_level(load_level("classic")), 0))
    assert row["success"] and row["steps"] >= row["optimal"] > 0
    assert sum(row[c] for c in first_excess.COLUMNS) == row["steps"] - row["optimal"]
