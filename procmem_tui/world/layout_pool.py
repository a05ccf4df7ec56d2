"""A pool of generated layouts for batched worlds to reset onto, so a reset copies arrays instead of generating.

Why: 4,096 worlds on DoorKey 8x8 under a random policy finish ~16 episodes per batched step, far more than the
generators make (~1 ms a layout with its solver run). So the worlds draw from a pool of compiled layouts, and the
pool is renewed a block at a time: ``swap()`` writes the block a background thread generated since the last
swap over the oldest slots and starts the next block. The batch only waits if a block is not ready by the time
it is due (``refresh_count`` layouts take longer than the caller's ``refresh_every`` steps).

Deterministic: the pool's layout seeds come from ``numpy.random.default_rng((seed, block))``, block 0 fills it
and block b > 0 replaces slots ``(b - 1) * refresh_count ...`` (mod capacity), so the same seed and the same
number of swaps give the same pool whatever the thread's timing.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np

from procmem_tui.world.batched import Layouts, compile_levels
from procmem_tui.world.generate import generate
from procmem_tui.world.level import Level
from procmem_tui.world.solve import optimal_steps

SEED_LIMIT = 2**31 - 1  # layout seeds are drawn below this, as the single Gymnasium env draws them


class _Block:
    """Levels with their compiled arrays, solver lengths and seeds (-1 for a fixed level)."""

    def __init__(self, levels: list[Level], seeds: np.ndarray) -> None:
        self.levels = levels
        self.layouts = compile_levels(levels)
        self.seeds = seeds.astype(np.int64)
        self.optimal = np.array([_optimal(level) for level in levels], dtype=np.int64)


def _objects(items: list) -> np.ndarray:
    """A 1-d object array of ``items`` (numpy left alone might try to nest them)."""
    array = np.empty(len(items), dtype=object)
    array[:] = items
    return array


def _optimal(level: Level) -> int:
    length = optimal_steps(level)
    return -1 if length is None else length


class LayoutPool:
    """``capacity`` layouts of one size: ``levels``, ``layouts`` (arrays), ``seeds`` and ``optimal`` per slot."""

    def __init__(self, block: _Block, make_block=None, refresh_count: int = 0) -> None:
        self._initial = block
        self._make_block = make_block
        self.refresh_count = refresh_count if make_block is not None else 0
        self._executor: ThreadPoolExecutor | None = None
        self._pending: Future | None = None
        self.restore()

    @classmethod
    def generated(
        cls, family: str, size: int, options: dict[str, Any], capacity: int, seed: int = 0, refresh_count: int = 0
    ) -> "LayoutPool":
        """A pool of ``generate(family, size, s, **options)`` layouts; ``refresh_count`` new ones per ``swap``."""
        if capacity < 1:
            raise ValueError(f"pool_size must be at least 1, not {capacity}")
        if not 0 <= refresh_count <= capacity:
            raise ValueError(f"refresh_count must be from 0 to the pool size {capacity}, not {refresh_count}")

        def make_block(block: int, count: int) -> _Block:
            seeds = np.random.default_rng((seed, block)).integers(0, SEED_LIMIT, size=count)
            return _Block([generate(family, size, int(s), **options) for s in seeds], seeds)

        return cls(make_block(0, capacity), make_block, refresh_count)

    @classmethod
    def fixed(cls, level: Level) -> "LayoutPool":
        """A pool of one level that never changes."""
        return cls(_Block([level], np.array([-1])))

    def __len__(self) -> int:
        return len(self.levels)

    def restore(self) -> None:
        """Back to the first block's layouts, the refresh stream restarted (what ``reset(seed=…)`` needs)."""
        self._cancel()
        block = self._initial
        self.levels = _objects(block.levels)
        lay = block.layouts
        self.layouts = Layouts(lay.height, lay.width, lay.cells.copy(), lay.start.copy(), lay.max_steps.copy(),
                               lay.opens.copy(), lay.prefer.copy(), lay.consumes.copy())
        self.seeds = block.seeds.copy()
        self.optimal = block.optimal.copy()
        self.block = 0
        self._start_next()

    def swap(self) -> None:
        """Write the next block over the oldest slots (waiting for it only if it is not ready), start the one after."""
        if self._pending is None:
            return
        block: _Block = self._pending.result()
        self._pending = None
        self.block += 1
        slots = (np.arange(self.refresh_count) + (self.block - 1) * self.refresh_count) % len(self)
        self.levels[slots] = _objects(block.levels)
        lay, new = self.layouts, block.layouts
        lay.cells[slots], lay.start[slots], lay.max_steps[slots] = new.cells, new.start, new.max_steps
        lay.opens[slots], lay.prefer[slots], lay.consumes[slots] = new.opens, new.prefer, new.consumes
        self.seeds[slots], self.optimal[slots] = block.seeds, block.optimal
        self._start_next()

    def close(self) -> None:
        self._cancel()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    def _start_next(self) -> None:
        if self.refresh_count == 0:
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="procmem-layouts")
        self._pending = self._executor.submit(self._make_block, self.block + 1, self.refresh_count)

    def _cancel(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
