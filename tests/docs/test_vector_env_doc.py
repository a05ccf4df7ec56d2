"""docs/vector_env.md's examples run as written: the make_vec lines build the envs they say, and the tabular
agent trained on the batched env reaches the optimal return of classic (12.3) in every world."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

pytest.importorskip("gymnasium")

ROOT = Path(__file__).resolve().parents[2]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "vector_env.md").read_text(encoding="utf-8"), re.S)


def _run(code: str) -> str:
    """What ``code`` prints, run as a script (its own globals, ``__name__ == "__main__"``) in this process: the
    doc's imports are the suite's, so an interpreter of its own would only add its start (a second of CPU)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "docs/vector_env.md", "exec"), {"__name__": "__main__"})
    return out.getvalue()


def test_the_make_vec_lines_build_the_envs_they_name():
    """The first block runs; its last env is a SyncVectorEnv, the ones before it the batched env."""
    assert len(BLOCKS) == 2
    out = _run(BLOCKS[0] + "\nprint(type(envs.unwrapped).__name__)\n")
    assert out.strip().endswith("SyncVectorEnv")


def test_the_tabular_agent_learns_the_optimal_return():
    """The training example prints a greedy mean return of 12.3, the optimum of classic."""
    out = _run(BLOCKS[1])
    assert "greedy return: mean 12.3" in out, out
