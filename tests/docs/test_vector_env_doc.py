"""docs/vector_env.md's examples run as written: the make_vec lines build the envs they say, and the tabular
agent trained on the batched env reaches the optimal return of classic (12.3) in every world."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("gymnasium")

ROOT = Path(__file__).resolve().parents[2]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "vector_env.md").read_text(encoding="utf-8"), re.S)


def _run(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=170)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_make_vec_lines_build_the_envs_they_name():
    """The first block runs; its last env is a SyncVectorEnv, the ones before it the batched env."""
    assert len(BLOCKS) == 2
    out = _run(BLOCKS[0] + "\nprint(type(envs.unwrapped).__name__)\n")
    assert out.strip().endswith("SyncVectorEnv")


def test_the_tabular_agent_learns_the_optimal_return():
    """The training example prints a greedy mean return of 12.3, the optimum of classic."""
    out = _run(BLOCKS[1])
    assert "greedy return: mean 12.3" in out, out
