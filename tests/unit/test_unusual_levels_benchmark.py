"""The unusual-levels benchmark (benchmarks/unusual_levels.py): its levels are winnable, named apart and the same
for a seed; a run reports each episode, the slowest decision and the flags a reviewer looks for."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import unusual_levels  # noqa: E402

from procmem_tui.world import format_level, solve  # noqa: E402


def test_the_levels_are_winnable_named_apart_and_fixed_by_the_seed():
    """The benchmark's 30+ levels are winnable, named apart, the same for a seed, with widths 24 and 32 and a paired
    rule among them."""
    levels = unusual_levels.unusual_levels(0)
    assert len({lv.name for lv in levels}) == len(levels) >= 30
    assert all(solve(lv) is not None for lv in levels)
    assert [format_level(lv) for lv in levels] == [format_level(lv) for lv in unusual_levels.unusual_levels(0)]
    assert {lv.width for lv in levels} >= {24, 32} and any(lv.rules.paired for lv in levels)


def test_a_run_reports_every_episode_and_flags_what_went_wrong(tmp_path):
    """A run on one level reports its optimum, every episode with its slowest decision, and the flags flags() gives.
    A run on one level reports its optimum, every episode with its slowest decision, and the flags flags() gives."""
    out = tmp_path / "unusual.json"
    assert unusual_levels.main(["--only", "one-row", "--episodes", "4", "--view", "0", "--json", str(out)]) == 0
    (row,) = json.loads(out.read_text())["levels"]
    assert row["optimal"] == 5 and len(row["episodes"]) == 4 and row["episodes"][0]["ms"] > 0
    assert row["flags"] == unusual_levels.flags(row)


def test_the_flags_name_a_lost_first_episode_a_level_never_optimal_and_a_slow_decision():
    """The flags name a lost first episode, not optimal in the last three, never optimal, a slow decision, and an
    episode 2 worse than episode 1."""
    eps = [{"steps": 9, "success": False, "ms": 80.0}] + [{"steps": 6, "success": True, "ms": 1.0}] * 3
    assert unusual_levels.flags({"optimal": 5, "episodes": eps}) == ["LOST1", "NOT-LAST3", "NEVER", "SLOW"]
    eps = [{"steps": 7, "success": True, "ms": 1.0}, {"steps": 8, "success": True, "ms": 1.0}] + \
        [{"steps": 5, "success": True, "ms": 1.0}] * 3
    assert unusual_levels.flags({"optimal": 5, "episodes": eps}) == ["EP2>EP1"]
