"""``procmem bench --json``: every row carries how long the agent took per decision on the held-out layouts (95th
percentile and maximum, in milliseconds) and per plan over skills (procmem only) — the numbers the issue's time
limits are checked against; ``--first`` also gives episode 1's decisions alone (an empty library exploring)."""

from __future__ import annotations

import json
import math

import pytest

from procmem_tui.cli import main


@pytest.mark.parametrize("mode", [[], ["--first"]])
def test_every_row_reports_positive_finite_decision_times(tmp_path, mode):
    out = tmp_path / "bench.json"
    assert main(["bench", *mode, "--agents", "procmem", "planner", "--sizes", "6", "--train", "2", "--eval", "2",
                 "--workers", "1", "--json", str(out)]) == 0
    results = json.loads(out.read_text())["results"]
    assert len(results) == 2
    for r in results:
        p95, worst = r["decision_ms_p95"], r["decision_ms_max"]
        assert math.isfinite(p95) and math.isfinite(worst) and 0 < p95 <= worst
    procmem, planner = results
    assert 0 < procmem["plan_ms_p95"] <= procmem["plan_ms_max"] < math.inf
    assert planner["plan_ms_p95"] is None and planner["plan_ms_max"] is None


def test_first_episodes_report_episode_one_decisions_apart(tmp_path):
    """``--first`` times episode 1 alone as well: its decisions are among all the episodes' (so its maximum is at most
    theirs), and its column is in the table."""
    out = tmp_path / "bench.json"
    assert main(["bench", "--first", "--agents", "procmem", "--sizes", "6", "--train", "3", "--eval", "2",
                 "--workers", "1", "--json", str(out)]) == 0
    (r,) = json.loads(out.read_text())["results"]
    assert 0 < r["ep1_decision_ms_p95"] <= r["ep1_decision_ms_max"] <= r["decision_ms_max"]
