"""Settings for the whole suite."""

from __future__ import annotations

import pytest

SLOW_TIMEOUT = 600  # seconds: a benchmark-sized test on a loaded 2-core machine takes minutes, not hours


def pytest_collection_modifyitems(items) -> None:
    """A test marked slow gets a longer timeout than the suite's 180 s, unless it sets its own: under load a
    benchmark-sized test (2,000 keys in the app, 10,000 rollouts) needs minutes and must not fail for it."""
    for item in items:
        if item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))
