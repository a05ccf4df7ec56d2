"""Rules learned, not given, across worlds (benchmarks/rules_transfer.py, smaller): one library trained on default
doorkey layouts, then on the rule-variant levels; in a new process the first episode on each variant level already
played is optimal, and on unseen default-rule levels it stays within 1.25x optimal — what one variant level taught
is a doubt to weigh, not a reason to abandon the rule learned on many levels."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow  # runs a benchmark script (training in one process, playing in others)
def test_variant_training_does_not_spoil_unseen_default_levels(tmp_path):
    """After training on default layouts and rule variants, a new process plays every variant level played optimally
    and unseen default-rule levels within 1.25x."""
    out = tmp_path / "rules.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "rules_transfer.py"), "--train", "8", "--json", str(out)]
    done = subprocess.run(command, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=170)
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert all(r["success"] for r in result["levels"]), result["levels"]
    assert result["summary"]["variant, played"]["worst"] == 1.0, result["levels"]
    assert result["summary"]["default, unseen"]["worst"] <= 1.25, result["levels"]
