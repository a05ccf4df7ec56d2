"""Ranking the applicable skills: exact top k of similarity + Thompson-sampled posterior, sampled lazily.

Score = ``similarity_weight · cosine + posterior_weight · posterior``, where ``posterior`` is a Thompson sample
from Beta(1 + successes, 1 + failures) shrunk towards the posterior mean by ``exploration`` (1 = a plain sample,
0 = the mean: no draws). Candidates are visited in blocks (256, 512, …) by decreasing upper bound of their score
(the posterior term is at most ``mean + exploration · (1 − mean)``); once the k-th best score beats every
remaining bound, the rest cannot enter the top k and are not sampled. The result is exactly the top k of the full
ranking; ties rank by row (never by comparing Skills).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from procmem_tui.memory.skill import Skill


@dataclass(frozen=True)
class Retrieved:
    """One retrieved skill and the numbers that ranked it; ``rank`` 1 is the best."""

    skill: Skill
    similarity: float
    posterior: float
    score: float
    rank: int

    def describe(self) -> str:
        return f"{self.skill.name}: sim {self.similarity:.2f}, post {self.posterior:.2f} (score {self.score:.2f})"


def explain(results: list[Retrieved]) -> str:
    """One line: ``chose X: sim 0.93, post 0.88 (score 1.81); runner-up Y: …``."""
    if not results:
        return "no applicable skill"
    text = "chose " + results[0].describe()
    if len(results) > 1:
        text += "; runner-up " + results[1].describe()
    return text


def dot_rows(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """``matrix @ vector`` as float64, without BLAS: OpenBLAS's threaded gemv is 10x slower on a busy machine
    (thread wake-ups), and einsum gives the same bytes whatever the thread settings."""
    return np.einsum("ij,j->i", matrix, vector).astype(np.float64)


def top_k(
    rows: np.ndarray,
    sims: np.ndarray,
    attempts: np.ndarray,
    successes: np.ndarray,
    k: int,
    rng: np.random.Generator,
    exact: Callable[[int], bool],
    *,
    similarity_weight: float,
    posterior_weight: float,
    exploration: float,
) -> list[tuple[float, int, float, float]]:
    """The best ``k`` of the candidate ``rows`` (with their similarities and statistics, aligned) as
    ``(-score, row, similarity, posterior)``, best first. ``exact(row)`` drops a false-positive candidate; it is
    asked only of rows about to enter the top k."""
    ws, wp, e = similarity_weight, posterior_weight, exploration
    mean = (1.0 + successes) / (2.0 + attempts)
    upper = ws * sims + wp * (mean + e * (1.0 - mean))
    best: list[tuple[float, int, float, float]] = []
    pending = None  # candidate indices not yet visited (None: all of them)
    block = max(4 * k, 256)
    while True:
        todo = rows.size if pending is None else pending.size
        if todo <= block:
            chosen = np.arange(rows.size) if pending is None else pending
            pending = np.arange(0)
        else:  # the next block: the candidates whose bound reaches the block-th largest (ties all included)
            values = upper if pending is None else upper[pending]
            cut = np.partition(values, values.size - block)[values.size - block]
            take = values >= cut
            chosen = np.flatnonzero(take) if pending is None else pending[take]
            pending = np.flatnonzero(~take) if pending is None else pending[~take]
            block *= 2
        chosen_rows = rows[chosen]
        order = np.lexsort((chosen_rows, -upper[chosen]))
        chosen, chosen_rows = chosen[order], chosen_rows[order]
        post = mean[chosen]
        if e > 0.0:
            draws = rng.beta(1.0 + successes[chosen], 1.0 + attempts[chosen] - successes[chosen])
            post = post + e * (draws - post)
        scores = ws * sims[chosen] + wp * post
        for j in np.lexsort((chosen_rows, -scores)):
            key = (-float(scores[j]), int(chosen_rows[j]), float(sims[chosen[j]]), float(post[j]))
            if len(best) == k and key[:2] >= best[-1][:2]:
                break
            if not exact(key[1]):
                continue
            best.append(key)
            best.sort()
            del best[k:]
        # stop when no unvisited candidate's bound reaches the k-th best score (a tie might still win on row)
        if pending.size == 0 or (len(best) == k and -best[-1][0] > float(upper[pending].max())):
            return best
