"""A new process on the same library behaves as if the last one had never stopped: every built-in level learned
by `procmem train` in one process is played optimally from the first episode of the next."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cli_run
from procmem_tui.world import builtin_level_names

ROOT = Path(__file__).resolve().parents[3]


def _train(library: Path, level: str, episodes: int, out: Path, new_process: bool = True) -> list[dict]:
    """``procmem train`` on ``library``: in a process of its own, or (the first run, whose process is not what is
    pinned) through ``cli.main`` in this one, which spares an interpreter start."""
    argv = ["train", "--level", level, "--episodes", str(episodes), "--library", str(library), "--json", str(out),
            "--quiet"]
    if new_process:
        done = subprocess.run([sys.executable, "-m", "procmem_tui", *argv], env={**os.environ, "PYTHONPATH": str(ROOT)},
                              capture_output=True, text=True, timeout=170)
    else:
        done = cli_run.procmem(*argv)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text())["episodes"]


LEVELS = builtin_level_names()  # the variant levels too: the agent learns their rules (issue 9)
QUICK = {"classic", "two_doors", "any_key"}  # in every run; the other levels (two processes each) are slow
CASES = [level if level in QUICK else pytest.param(level, marks=[pytest.mark.slow]) for level in LEVELS]


@pytest.mark.parametrize("level", CASES)
def test_a_level_learned_in_one_process_is_optimal_from_the_next_processes_first_episode(tmp_path, level):
    """Process 1 explores, then masters the level; process 2's first episode is optimal, all inside skills, and
    its episode number continues process 1's count."""
    library = tmp_path / "lib.sqlite3"
    first = _train(library, level, 6, tmp_path / "a.json", new_process=False)
    assert first[0]["steps"] > first[0]["optimal_steps"]  # it had to explore: the level was unknown
    assert first[-1]["steps"] == first[-1]["optimal_steps"]
    (again,) = _train(library, level, 1, tmp_path / "b.json")
    assert again["success"] and again["steps"] == again["optimal_steps"]
    assert again["skill_steps"] == again["steps"]
    assert again["episode"] > first[-1]["episode"]
