"""Per-episode bars: steps against the optimal length, and reward, one column per episode, the newest at the right.

Textual's Sparkline stretches a few values over the whole width and scales between the data's own min and
max, so one episode filled the panel and a run of optimal episodes drew nothing. Here each episode is one
column on a fixed scale: for steps the lowest bar ▁ *is* optimal and the bar grows with steps ÷ optimal (up
to 4×, or the worst episode shown); an episode that ran out of steps is a full red bar. Reward bars rise
from the lowest reward shown (or 0) to the highest.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label

from procmem_tui.tui.symbols import sym


WINDOW = 200  # the last N episodes at most (the panel shows as many as fit)
ROWS = 2
LEVELS = 8 * ROWS
RATIO_TOP = 4.0
EMPTY = Content.styled("no episodes yet", "$text-muted")


def bar_levels(values: list[float], low: float, high: float) -> list[int]:
    """Each value as 1..LEVELS on the scale low..high (low → 1, the thinnest visible bar)."""
    span = (high - low) or 1.0
    return [1 + round(max(0.0, min(1.0, (v - low) / span)) * (LEVELS - 1)) for v in values]


def bars(levels: list[int], styles: list[str]) -> Content:
    """``ROWS`` lines of block characters, one column per level."""
    lines = []
    for row in reversed(range(ROWS)):
        parts = []
        for level, style in zip(levels, styles):
            filled = max(0, min(8, level - 8 * row))
            parts.append((sym("bars")[filled], style))
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


class Bars(Widget):
    """``show(levels, styles)``: the newest episodes that fit, oldest at the left (cut to the width when drawn,
    so a resize needs no update of its own)."""

    DEFAULT_CSS = "Bars { width: 1fr; height: 2; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.levels: list[int] = []
        self.bar_styles: list[str] = []

    def show(self, levels: list[int], styles: list[str]) -> None:
        self.levels, self.bar_styles = levels, styles
        self.refresh()

    def render(self) -> Content:
        if not self.levels:
            return EMPTY
        width = self.size.width or 40
        return bars(self.levels[-width:], self.bar_styles[-width:])


class Charts(Vertical):
    DEFAULT_CSS = """
    Charts { height: auto; }
    Charts Horizontal { height: 2; }
    Charts Label { width: 14; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(f"steps\n{sym('bars')[1]} = optimal", id="steps-label")
            yield Bars(id="steps-bars")
        with Horizontal():
            yield Label("reward", id="reward-label")
            yield Bars(id="reward-bars")

    def show(self, history) -> None:
        """``history`` is the session's list of EpisodeSummary."""
        recent = history[-WINDOW:]
        if not recent:
            return
        ratios = [min(s.optimality_ratio, 10.0) for s in recent]
        top = max(RATIO_TOP, max((r for r, s in zip(ratios, recent) if s.success), default=1.0))
        levels = [lv if s.success else LEVELS for lv, s in zip(bar_levels(ratios, 1.0, top), recent)]
        styles = ["$error" if not s.success else ("$success" if r <= 1.0 else "$warning")
                  for r, s in zip(ratios, recent)]
        self.query_one("#steps-bars", Bars).show(levels, styles)
        rewards = [s.reward for s in recent]
        self.query_one("#reward-bars", Bars).show(bar_levels(rewards, min(0.0, min(rewards)), max(rewards)),
                                                  ["$accent"] * len(rewards))
        last = recent[-1]
        self.query_one("#steps-label", Label).update(f"steps {last.steps}/{last.optimal_steps}\n{sym('bars')[1]} = optimal")
        self.query_one("#reward-label", Label).update(f"reward {last.reward:+.1f}")
