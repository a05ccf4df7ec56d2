"""Every script in benchmarks/ still imports against the package: a renamed function in procmem_tui broke
decision_time.py once, unnoticed, because only some benchmarks have tests of their own."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.mark.parametrize("script", sorted(p.name for p in BENCHMARKS.glob("*.py")))
def test_the_benchmark_script_imports(script):
    """Importing the script resolves every name it takes from procmem_tui; a script run as a command has ``main``."""
    spec = importlib.util.spec_from_file_location(f"benchmark_{script[:-3]}", BENCHMARKS / script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if '__name__ == "__main__"' in (BENCHMARKS / script).read_text():
        assert callable(getattr(module, "main", None))
