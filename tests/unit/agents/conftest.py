from __future__ import annotations

import pytest

from procmem_tui.bench import simulate_person


@pytest.fixture
def person():
    """A simulated person (the benchmark's): the solver's next action, plus a few random detour moves."""
    return simulate_person
