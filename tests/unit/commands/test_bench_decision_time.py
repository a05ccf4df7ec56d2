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
    """bench (and bench --first) reports positive, finite p95 and worst decision times per agent, and plan times for
    procmem only."""
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


def test_the_targets_line_gives_16x16_decisions_and_32x32_plans():
    """Under the table, issue 16's targets stand beside procmem's numbers on the sizes they name, each with its
    verdict: p95 per decision (and episode 1's alone with ``--first``) on 16x16, the slowest plan (and with
    ``--first`` episode 1's slowest decision, a curiosity search) on 32x32; over the budget anywhere is OVER; other
    agents and sizes add none."""
    from procmem_tui.commands.bench import _time_targets

    row = {"agent": "procmem", "family": "rooms", "options": (("rooms", 3),), "decision_ms_p95": 1.234,
           "ep1_decision_ms_p95": 2.5, "ep1_decision_ms_max": 48.0, "plan_ms_max": 41.26}
    rows = [dict(row, size=16), dict(row, size=32), dict(row, size=8), dict(row, size=16, agent="explorer")]
    lines = _time_targets(rows, first=True)
    assert lines[0] == ("procmem rooms 16 (3 rooms): p95 per decision 1.23 ms, episode 1 2.50 ms: met (target ≤ 5 ms "
                        "on 16x16)")
    assert lines[1] == ("procmem rooms 32 (3 rooms): slowest plan 41.3 ms, slowest decision of episode 1 48.0 ms: met "
                        "(target ≤ 50 ms per plan on 32x32)")
    assert len(lines) == 3 and "CPU time" in lines[2]
    assert _time_targets([dict(row, size=8)], first=False) == []
    over = _time_targets([dict(row, size=16, ep1_decision_ms_p95=26.0), dict(row, size=32, ep1_decision_ms_max=88.7)],
                         first=True)
    assert over[0].endswith("episode 1 26.00 ms: OVER (target ≤ 5 ms on 16x16)")
    assert "88.7 ms: OVER" in over[1]
    assert _time_targets([dict(row, size=32, ep1_decision_ms_max=88.7)], first=False)[0].endswith(
        "slowest plan 41.3 ms: met (target ≤ 50 ms per plan on 32x32)")


def test_commands_collect_young_garbage_less_often(monkeypatch):
    """``main`` raises the young generation's threshold (``cli.YOUNG_THRESHOLD``) while a verb runs, so a decision's
    caches are not walked again every 700 allocations; the older generations keep theirs, and the caller's
    thresholds are back once ``main`` returns (tests and other callers run it in-process)."""
    import gc

    from procmem_tui.cli import YOUNG_THRESHOLD
    from procmem_tui.commands import check

    seen = []
    real_run = check.run
    monkeypatch.setattr(check, "run", lambda args: seen.append(gc.get_threshold()) or real_run(args))
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, *before[1:])
        assert main(["check", "classic"]) == 0
        assert seen == [(YOUNG_THRESHOLD, *before[1:])]
        assert gc.get_threshold() == (700, *before[1:])
    finally:
        gc.set_threshold(*before)
