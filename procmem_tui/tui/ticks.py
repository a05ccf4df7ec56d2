"""A y axis for a text plot of a few rows, whose labels name the rows they sit on.

A text plot has few rows (two or three in a learning-curve panel at 80x24), and plotext labels them with the
values at fractions of its range (``8.8``, ``1.27``): a constant 7 skills sat beside "8.8", optimal play beside
"1.27". Here the data's range is first widened to round ends (multiples of 1 for counts; for other values, of
the round step — 1, 2, 2.5 or 5 times a power of ten — nearest a tenth of the range), then spread so that the
bottom row's middle is the low end and the top row's middle the high end. The labels are the two ends and every
row whose middle is a round value in between, each exactly that row's value. Pure Python (no Textual, no plotext).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

STEPS = (1.0, 2.0, 2.5, 5.0)
MAX_LABELS = 5  # labels between the ends are multiples of the round step that gives at most this many


@dataclass(frozen=True)
class Axis:
    """The plot's y range ``low``..``high`` over its rows, and the labelled values (``ticks``), each the middle
    of a row."""

    low: float
    high: float
    ticks: tuple[float, ...]


def round_step(at_least: float, integer: bool = False) -> float:
    """The smallest round step (1, 2, 2.5, 5 times a power of ten; a whole number for counts) ≥ ``at_least``."""
    at_least = max(at_least, 1.0 if integer else 1e-9)
    power = 10.0 ** math.floor(math.log10(at_least))
    for scale in (1.0, 10.0):
        for step in STEPS:
            value = _snap(step * power * scale)
            if value >= at_least * (1 - 1e-9) and (not integer or value == int(value)):
                return value
    raise AssertionError("unreachable: 10 × the power is always ≥ at_least")


def row_axis(low: float, high: float, rows: int, *, integer: bool = False) -> Axis | None:
    """The axis for data from ``low`` to ``high`` on ``rows`` rows (None when there are no rows)."""
    if rows < 1:
        return None
    low, high = min(low, high), max(low, high)
    unit = 1.0 if integer else round_step((high - low) / 10 or abs(high) / 10 or 0.1)
    bottom, top = _snap(math.floor(low / unit + 1e-9) * unit), _snap(math.ceil(high / unit - 1e-9) * unit)
    if top == bottom:
        top = _snap(bottom + unit)
    if rows == 1:
        return Axis(bottom, top, (bottom,))
    row = (top - bottom) / (rows - 1)
    every = round_step((top - bottom) / (MAX_LABELS - 1), integer)
    middles = [_snap(bottom + i * row) for i in range(rows)]
    ticks = tuple(m for i, m in enumerate(middles) if i in (0, rows - 1) or _is_multiple(m, every))
    return Axis(bottom - row / 2, top + row / 2, ticks)


def _snap(value: float) -> float:
    """``value`` without the float noise of a multiplication (0.30000000000000004 → 0.3)."""
    return round(value, 9)


def _is_multiple(value: float, step: float) -> bool:
    ratio = value / step
    return abs(ratio - round(ratio)) < 1e-6


def label(value: float, *, percent: bool = False) -> str:
    """A tick's text: ``7``, ``1.5``, ``2.4``, or ``50%``."""
    if percent:
        return f"{value:.0%}"
    return f"{value:g}"
