"""Learning curves (``c``): steps against optimal, success rate, library size and the share of steps taken
inside skills, per level or generated family, over the recorded episodes (``procmem_tui.curves``).

Each plot's y axis is laid out when it is drawn, for the rows it has then (``tui.ticks``): every row stands for
a round value and the labels name them, so a constant 7 skills reads "7" and optimal play "1"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Select, Static
from textual_plotext import PlotextPlot

from procmem_tui.curves import curves
from procmem_tui.tui.ticks import label, row_axis
from procmem_tui.tui.unsaved import merged
from procmem_tui.tui.widgets.key_bar import dialog_keys
from procmem_tui.tui.symbols import ascii_only, ascii_text, sym

MAX_EPISODES = 20_000
FRAME_LINES = 5  # a plot's lines that are not data rows: title, top frame, x axis, its labels, its name
PERCENT = {"curve-success", "curve-share"}
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


def y_range(panel_id: str, values: list[float]) -> tuple[float, float]:
    """The values the axis must hold: rates and shares 0..1 whatever the data (a constant 100% used to sit
    mid-plot on an axis from 0.5 to 1.5); the step ratio from optimal (1) to its worst, at least up to 2; the
    library's size from its smallest to its largest."""
    if panel_id in PERCENT:
        return 0.0, 1.0
    low, high = min(values, default=0.0), max(values, default=1.0)
    if panel_id == "curve-ratio":
        low = min(low, 1.0)
        return low, max(high, low + 1.0)
    return low, high


class CurvePlot(PlotextPlot):
    """A plotext plot whose y axis is laid out for the rows it is drawn on (the rows change with the window)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.y_values: tuple[float, float] | None = None  # the range the axis must hold; None: no data yet
        self.axis = None  # the last axis drawn (``tui.ticks.Axis``), for tests

    def render(self):
        if self.y_values is not None:
            axis = self.axis = row_axis(*self.y_values, self.size.height - FRAME_LINES,
                                        integer=self.id == "curve-library")
            if axis is not None:
                self.plt.ylim(axis.low, axis.high)
                self.plt.yticks(list(axis.ticks), [label(t, percent=self.id in PERCENT) for t in axis.ticks])
        return super().render()


class CurvesScreen(ModalScreen):
    BINDINGS = [Binding("escape", "close", "close", id="curves-close")]

    def __init__(self, store, current_group: str | None = None, waiting=None) -> None:
        """``waiting``: a function giving the episodes whose record waits for the library (``tui.unsaved.rows``),
        drawn after the recorded ones."""
        super().__init__()
        self.store = store
        self.waiting = waiting
        self.current_group = current_group
        self.groups: dict = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="curves-dialog"):
            yield Static(ascii_text("[b]Learning curves[/] over the recorded episodes — Esc closes"), id="curves-title")
            yield Select([], prompt="level or family", id="curves-group")
            with Grid(id="curves-grid"):
                for panel_id, _ in PANELS:
                    yield CurvePlot(id=panel_id)
            yield Static(id="curves-summary")
        yield dialog_keys()

    def on_mount(self) -> None:
        waiting = self.waiting() if self.waiting is not None else []  # read first: ``unsaved.rows``
        rows = merged(waiting, self.store.list_episodes(limit=MAX_EPISODES) if self.store is not None else [])
        self.groups = curves(rows)
        select = self.query_one(Select)
        if not self.groups:  # the message under the title, not under four empty plots
            self.query_one("#curves-summary", Static).update("no episodes recorded yet: play one, or let the agent play")
            select.display = self.query_one("#curves-grid").display = False
            self.query_one("#curves-dialog").styles.height = "auto"  # a small box, not a screen of nothing
            return
        names = sorted(self.groups, key=lambda g: -len(self.groups[g]))
        select.set_options([(f"{g} ({len(self.groups[g])} episode{'s' if len(self.groups[g]) != 1 else ''})", g)
                            for g in names])
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
            plot = self.query_one(f"#{panel_id}", CurvePlot)
            plt = plot.plt
            plt.clear_data()
            plt.clear_figure()
            plt.title(ascii_text(title))
            plt.xlabel("episode")
            plt.plot(xs, series[panel_id], marker=sym("plot-marker"))
            if ascii_only():  # plotext ticks its x axes with "┬", which tmux draws as "_" there: no x axes
                plt.xaxes(False, False)
            plot.y_values = y_range(panel_id, series[panel_id])
            ticks = episode_ticks(len(xs))
            plt.xticks(ticks, [str(t) for t in ticks])
            if panel_id == "curve-ratio":
                plt.hline(1.0)
            plot.refresh()
        first, last = curve.mean_ratio(first=5), curve.mean_ratio(last=5)
        summary = f"{group}: {len(curve)} episode{'s' if len(curve) != 1 else ''}, {sum(curve.success) / len(curve):.0%} won"
        if first is not None and last is not None:
            summary += ascii_text(f"; steps ÷ optimal {first:.2f} over the first 5 → {last:.2f} over the last 5")
        self.query_one("#curves-summary", Static).update(summary)

    def action_close(self) -> None:
        self.dismiss(None)
