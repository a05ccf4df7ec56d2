"""Sparklines: steps per episode against the optimal length, and reward per episode."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Sparkline

WINDOW = 60  # the last N episodes


class Charts(Vertical):
    DEFAULT_CSS = """
    Charts { height: auto; }
    Charts Horizontal { height: 2; }
    Charts Label { width: 14; color: $text-muted; }
    Charts Sparkline { width: 1fr; height: 2; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label("steps/optimal", id="steps-label")
            yield Sparkline([], id="steps-spark")
        with Horizontal():
            yield Label("reward", id="reward-label")
            yield Sparkline([], id="reward-spark")

    def show(self, history) -> None:
        """``history`` is the session's list of EpisodeSummary."""
        recent = history[-WINDOW:]
        ratios = [min(s.optimality_ratio, 10.0) for s in recent]
        rewards = [s.reward for s in recent]
        self.query_one("#steps-spark", Sparkline).data = ratios
        self.query_one("#reward-spark", Sparkline).data = rewards
        if recent:
            last = recent[-1]
            self.query_one("#steps-label", Label).update(f"steps {last.steps}/{last.optimal_steps}")
            self.query_one("#reward-label", Label).update(f"reward {last.reward:+.1f}")
