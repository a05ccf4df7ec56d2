"""The fog-excess benchmark (benchmarks/fog_excess.py): each step of a first visit's search is filed once, by its Why
line and the cells it brought into sight; the search ends when a goal first comes into sight."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import fog_excess  # noqa: E402

from procmem_tui.world import format_level, load_level  # noqa: E402
from procmem_tui.world.level import view_overridden  # noqa: E402


def test_a_step_is_filed_by_its_why_line_and_what_it_showed():
    """A search step is filed by its Why line and how many cells it brought into sight (walk back, look 1-2, 3-4,
    5+, take along, experiment)."""
    frontier = "explored: to see 17 cells never seen from (10, 5)"
    assert [fog_excess.kind_of(frontier, n) for n in (0, 1, 2, 3, 4, 5, 7)] == [
        "walk back", "look 1-2", "look 1-2", "look 3-4", "look 3-4", "look 5+", "look 5+"]
    assert fog_excess.kind_of("explored: pickup_key at key a: taking it along (gone), for a lock", 3) == "take along"
    assert fog_excess.kind_of("explored: moving into door A holding key a: never tried", 0) == "experiment"


def test_a_first_visit_files_every_search_step_once():
    """A first visit under fog files each step until the goal comes into sight exactly once."""
    level = view_overridden(load_level("classic"), 3)
    row = fog_excess.play((format_level(level), 0))
    assert row["success"] and row["steps"] >= row["optimal"] > 0
    assert sum(row[c] for c in fog_excess.COLUMNS) == row["goal_seen_at"] <= row["steps"]
    assert row["after_goal_seen"] >= 0
    assert 0 <= row[fog_excess.ONE_LOOK] <= row["walk back"]


def test_a_walk_back_to_the_one_look_left_is_told_from_one_within_a_tour():
    """A walk-back step to a look with no look ordered after it (no "then ... more from") is a walk back to one look;
    one to the first look of a tour, or a step that showed cells, is not."""
    alone = "explored: to see 11 cells never seen from (14, 13)"
    toured = "explored: to see 11 cells never seen from (14, 13), then 6 more from (27, 14)"
    assert fog_excess.back_to_one_look(alone, 0)
    assert not fog_excess.back_to_one_look(toured, 0)
    assert not fog_excess.back_to_one_look(alone, 3)
    assert not fog_excess.back_to_one_look("explored: moving into door A holding key a: never tried", 0)


def test_episode_1_is_summed_per_family_by_the_level_name():
    """The per-family line groups levels by their name up to the first non-letter (rooms4-24 and rooms6-30 are one
    family, fourrooms another) and averages steps ÷ optimum within each, in the order first met."""
    rows = [{"level": "rooms4-24-s106", "steps": 30, "optimal": 10}, {"level": "open-32-s121", "steps": 10,
            "optimal": 10}, {"level": "rooms6-30-s107", "steps": 10, "optimal": 10},
            {"level": "fourrooms-19-s130", "steps": 18, "optimal": 16}]
    assert fog_excess.family_means(rows) == {"rooms": 2.0, "open": 1.0, "fourrooms": 1.125}
    assert fog_excess.family_of("classic") == "classic"
