"""``bench.map_in_order``, the one pool the benchmarks and ``procmem bench`` share: results come back in job order
whether the jobs run in this process or in workers, and progress is told once per job."""

import pytest

from procmem_tui.bench import map_in_order


def _square_after_a_pause(n: int) -> int:
    import time

    time.sleep(0.02 * (3 - n % 3))  # later jobs finish first, so order is not an accident of timing
    return n * n


@pytest.mark.parametrize("workers", [1, 2])
def test_results_in_job_order_and_progress_per_job(workers):
    ticks = []
    assert map_in_order(_square_after_a_pause, list(range(6)), workers, lambda: ticks.append(1)) == [
        0, 1, 4, 9, 16, 25]
    assert len(ticks) == 6
