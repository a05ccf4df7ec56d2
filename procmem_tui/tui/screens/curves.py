"""Learning curves (``c``): steps against optimal, success rate, library size and the share of steps taken
inside skills, per level or generated family, over the recorded episodes (``procmem_tui.curves``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Select, Static
from textual_plotext import PlotextPlot

from procmem_tui.curves import curves

MAX_EPISODES = 20_000
PANELS = (
    ("curve-ratio", "steps ÷ optimal (1 = optimal)"),
    ("curve-success", "success rate (last 10)"),
    ("curve-library", "skills in the library"),
    ("curve-share", "share of steps inside skills"),
)


def episode_ticks(count: int, most: int = 6) -> list[int]:
    """Whole episode numbers for the x axis (plotext would label 1.0 3.2 5.5 …)."""
    if count <= most:
        return list(range(1, count + 1))
    return sorted({round(1 + i * (count - 1) / (most - 1)) for i in range(most)})


def y_limits(panel_id: str, values: list[float]) -> tuple[float, float]:
    """Fixed, honest y ranges: rates and shares on 0..1 (a constant 100% used to sit mid-plot on an
    axis from 0.5 to 1.5), the step ratio from just under optimal, library size from 0."""
    top = max(values, default=1.0)
    if panel_id == "curve-ratio":
        return 0.9, max(2.0, top * 1.05)
    if panel_id == "curve-library":
        return 0.0, max(1.0, top) * 1.1
    return 0.0, 1.05


class CurvesScreen(ModalScreen):
    BINDINGS = [Binding("escape", "close", "close", id="curves-close")]

    def __init__(self, store, current_group: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.current_group = current_group
        self.groups: dict = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="curves-dialog"):
            yield Static("[b]Learning curves[/] over the recorded episodes — Esc closes", id="curves-title")
            yield Select([], prompt="level or family", id="curves-group")
            with Grid(id="curves-grid"):
                for panel_id, _ in PANELS:
                    yield PlotextPlot(id=panel_id)
            yield Static(id="curves-summary")

    def on_mount(self) -> None:
        rows = self.store.list_episodes(limit=MAX_EPISODES) if self.store is not None else []
        self.groups = curves(rows)
        select = self.query_one(Select)
        if not self.groups:
            self.query_one("#curves-summary", Static).update("no episodes recorded yet: play one, or let the agent play")
            return
        names = sorted(self.groups, key=lambda g: -len(self.groups[g]))
        select.set_options([(f"{g} ({len(self.groups[g])} episodes)", g) for g in names])
        select.value = self.current_group if self.current_group in self.groups else names[0]

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.value in self.groups:
            self.draw(event.value)

    def draw(self, group: str) -> None:
        curve = self.groups[group]
        xs = list(range(1, len(curve) + 1))
        series = {
            "curve-ratio": [r if r is not None else 0.0 for r in curve.ratio],
            "curve-success": list(curve.success_rate),
            "curve-library": [s if s is not None else 0 for s in curve.library_size],
            "curve-share": list(curve.skill_share),
        }
        for panel_id, title in PANELS:
            plt = self.query_one(f"#{panel_id}", PlotextPlot).plt
            plt.clear_data()
            plt.clear_figure()
            plt.title(title)
            plt.xlabel("episode")
            plt.plot(xs, series[panel_id], marker="braille")
            plt.ylim(*y_limits(panel_id, series[panel_id]))
            ticks = episode_ticks(len(xs))
            plt.xticks(ticks, [str(t) for t in ticks])
            if panel_id == "curve-ratio":
                plt.hline(1.0)
            self.query_one(f"#{panel_id}", PlotextPlot).refresh()
        first, last = curve.mean_ratio(first=5), curve.mean_ratio(last=5)
        summary = f"{group}: {len(curve)} episode{'s' if len(curve) != 1 else ''}, {sum(curve.success) / len(curve):.0%} won"
        if first is not None and last is not None:
            summary += f"; steps ÷ optimal {first:.2f} over the first 5 → {last:.2f} over the last 5"
        self.query_one("#curves-summary", Static).update(summary)

    def action_close(self) -> None:
        self.dismiss(None)
