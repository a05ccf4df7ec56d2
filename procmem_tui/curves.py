"""Learning curves from recorded episodes: steps against optimal, success, library size and skill share,
per level (or per generated family and size), oldest episode first. Shared by ``procmem stats`` and the
app's curves screen, so both show the same numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

WINDOW = 10
_SEED_SUFFIX = re.compile(r"-s\d+$")


def group_of(level_name: str, family: str | None) -> str:
    """``classic`` for a fixed level; ``doorkey-8`` for every layout of doorkey 8x8 (the seed dropped)."""
    return _SEED_SUFFIX.sub("", level_name) if family else level_name


@dataclass(frozen=True)
class Curve:
    group: str
    episodes: tuple[int, ...]
    steps: tuple[int, ...]
    optimal: tuple[int | None, ...]
    ratio: tuple[float | None, ...]
    success: tuple[bool, ...]
    success_rate: tuple[float, ...]
    library_size: tuple[int | None, ...]
    skill_share: tuple[float, ...]
    sources: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.episodes)

    def mean_ratio(self, first: int | None = None, last: int | None = None) -> float | None:
        values = [r for r in self.ratio if r is not None]
        values = values[:first] if first else values[-last:] if last else values
        return sum(values) / len(values) if values else None


def curves(rows) -> dict[str, Curve]:
    """Rows in any order (as ``list_episodes`` gives them) → one curve per group, oldest episode first."""
    groups: dict[str, list] = {}
    for row in sorted(rows, key=lambda r: r.id):
        groups.setdefault(group_of(row.level_name, row.family), []).append(row)
    return {name: _curve(name, members) for name, members in groups.items()}


def _curve(name: str, rows: list) -> Curve:
    success = tuple(r.success for r in rows)
    rolling = tuple(
        sum(success[max(0, i - WINDOW + 1): i + 1]) / len(success[max(0, i - WINDOW + 1): i + 1])
        for i in range(len(success))
    )
    return Curve(
        group=name,
        episodes=tuple(r.id for r in rows),
        steps=tuple(r.steps for r in rows),
        optimal=tuple(r.optimal_steps for r in rows),
        ratio=tuple(r.steps / r.optimal_steps if r.optimal_steps else None for r in rows),
        success=success,
        success_rate=rolling,
        library_size=tuple(r.library_size for r in rows),
        skill_share=tuple(r.skill_steps / r.steps if r.steps else 0.0 for r in rows),
        sources=tuple(r.source for r in rows),
    )
