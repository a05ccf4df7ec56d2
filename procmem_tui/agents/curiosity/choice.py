"""Keeping the best experiment offered: least cost ÷ value, then cheaper, then one that ends with a move (it also
carries the agent on), then the seeded generator's choice among equals (each equally likely)."""

from __future__ import annotations

import numpy as np


class Best:
    """The best offer so far; ``make()`` gives its actions and reason, built only for the one kept."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.kept: tuple | None = None  # (score, cost, not a move), value, make
        self._ties = 0

    @property
    def score(self) -> float | None:
        return None if self.kept is None else self.kept[0][0]

    def offer(self, cost: int, value: float, ends_with_move: bool, make, end=None) -> None:
        """``end``: where the experiment leaves the agent (read by a search that keeps its offers; not here)."""
        if value <= 0:
            return
        key = (cost / value, cost, not ends_with_move)
        if self.kept is None or key < self.kept[0]:
            self.kept, self._ties = (key, value, make), 1
        elif key == self.kept[0]:
            self._ties += 1
            if int(self.rng.integers(self._ties)) == 0:
                self.kept = (key, value, make)
