"""The first-episodes benchmark (benchmarks/first_episodes.py --quick): every level is played by a new agent on
an empty library file; episode 2 runs both in the same process and in a new process from the file as it was after
episode 1, so a knowledge the agent does not persist shows up as a new-process episode 2 worse than the
same-process one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


# A run of the benchmark script (6 levels, two agents, a new process per episode 2; 7 s under load): benchmark-sized,
# so with the slow tests (`pytest -m slow`, which CI runs too), as the 38-level run below is (a few minutes).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def quick(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("first") / "first.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "first_episodes.py"), "--quick", "--episodes", "3",
               "--json", str(out)]
    done = subprocess.run(command, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text())


def test_every_level_is_played_by_every_agent_with_all_the_numbers(quick):
    """--quick: both agents on all 6 levels, 3 episodes each, every number of a row present and consistent."""
    rows = quick["levels"]
    assert {r["agent"] for r in rows} == {"procmem", "explorer"}
    assert len(rows) == 2 * 6
    for r in rows:
        assert len(r["episodes"]) == 3 and r["ep1"] == round(r["episodes"][0] / r["optimal"], 4)
        assert r["ep2_new_process"] is not None and r["learned_at"] > 0 and r["facts"] > 0
    assert quick["summary"]["procmem"]["levels"] == 6


def test_the_explorer_forgets_so_its_new_process_episode_2_replays_its_episode_1(quick):
    """A fresh explorer with the same seed in a new process plays as its first episode did: nothing carried over."""
    for r in quick["levels"]:
        if r["agent"] == "explorer":
            assert r["ep2_new_process"] == r["ep1"], r


def test_procmem_recalls_a_small_level_in_a_new_process(quick):
    """classic's episode 2 is optimal in the same process and in a new one on the library file."""
    classic = next(r for r in quick["levels"] if r["agent"] == "procmem" and r["level"] == "classic")
    assert classic["ep2"] == 1.0 and classic["ep2_new_process"] == 1.0


@pytest.mark.parametrize("view, mean_bound, worst_bound", [(None, 1.6, 3.0), ("3", 2.5, 5.0)])
def test_first_episodes_on_unseen_levels_meet_the_targets(tmp_path, view, mean_bound, worst_bound):
    """Issue 16's targets for episode 1 from an empty library on unseen levels (mean 1.6x, worst 3x optimal) and
    issue 17's under sight 3 (mean 2.5x the full-information optimum); the map and the model kept in the library
    make a new process's episode 2 the same as the same process's, level by level."""
    out = tmp_path / "first.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "first_episodes.py"), "--agents", "procmem",
               "--episodes", "2", "--json", str(out)] + (["--view", view] if view else [])
    done = subprocess.run(command, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=580)
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    summary = result["summary"]["procmem"]
    assert summary["levels"] == 38 and summary["ep1_failures"] == 0
    assert summary["ep1_mean"] <= mean_bound and summary["ep1_worst"] <= worst_bound, summary
    assert all(r["ep2_new_process"] == r["ep2"] for r in result["levels"]), result["levels"]
