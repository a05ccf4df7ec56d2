"""The fog-layouts benchmark (benchmarks/fog_layouts.py): its layouts are winnable, of every family it names, sized
20-32, named apart and the same for a seed; its mazes are corridors one cell wide; a run reports episode 1 of each."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import fog_layouts  # noqa: E402

from procmem_tui.world import format_level, solve  # noqa: E402


def test_the_layouts_are_winnable_of_every_family_named_apart_and_fixed_by_the_seed():
    """The benchmark's layouts are winnable, 20-32 wide, of all six families, named apart, the same for a seed and
    different for another."""
    found = fog_layouts.layouts(2)
    levels = [lv for _, lv in found]
    assert {family for family, _ in found} == {"open", "fourrooms", "maze", "strips", "rooms", "doorkey"}
    assert len({lv.name for lv in levels}) == len(levels)
    assert all(solve(lv) is not None and 20 <= lv.width <= 32 for lv in levels)
    assert [format_level(lv) for lv in levels] == [format_level(lv) for _, lv in fog_layouts.layouts(2)]
    assert {lv.name for lv in levels}.isdisjoint(lv.name for _, lv in fog_layouts.layouts(3))


def test_a_maze_has_no_open_two_by_two_and_strips_are_at_most_four_high():
    """Its maze has no open 2x2 (corridors one cell wide) and its strips are at most four rows high."""
    maze = next(lv for family, lv in fog_layouts.layouts(2) if family == "maze")
    rows = [r for r in format_level(maze).splitlines() if not r.startswith(";")]
    assert not any(all(rows[y + dy][x + dx] != "#" for dx in (0, 1) for dy in (0, 1))
                   for y in range(len(rows) - 1) for x in range(len(rows[0]) - 1))
    strips = next(lv for family, lv in fog_layouts.layouts(2) if family == "strips")
    rows = [r for r in format_level(strips).splitlines() if not r.startswith(";")]
    heights = [len(run) for run in "".join("w" if r.count("#") > 1 else "." for r in rows).split("w") if run]
    assert heights and max(heights) <= 4


def test_a_run_reports_episode_1_of_each_layout(tmp_path):
    """A run on one layout reports its family, success, steps and optimum in the JSON."""
    out = tmp_path / "fog.json"
    assert fog_layouts.main(["--seeds", "2", "--only", "strips-24", "--json", str(out)]) == 0
    (row,) = json.loads(out.read_text())
    assert row["family"] == "strips" and row["success"] and row["steps"] >= row["optimal"] > 0
