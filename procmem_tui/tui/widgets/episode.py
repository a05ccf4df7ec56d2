"""The episode at a glance: level, seed, episode number, step/limit, reward, mode, speed, optimal length, and
the level's rules when they are not the tutorial's (a fifth line, so a rule-variant level always says them)."""

from __future__ import annotations

from textual.content import Content
from procmem_tui.safe_text import printable
from procmem_tui.tui.frame import EpisodeInfo  # noqa: F401  (the panel shows one)
from procmem_tui.tui.symbols import sym
from procmem_tui.tui.widgets.panel import TextPanel

MODE_STYLES = {
    "MANUAL": "bold $text on $primary",
    "AUTO": "bold $text on $success",
    "STEP": "bold $text on $warning",
    "PAUSED": "bold $text on $secondary",
}


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, 21st."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class EpisodePanel(TextPanel):
    DEFAULT_CSS = "EpisodePanel { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.info: EpisodeInfo | None = None

    def on_resize(self) -> None:
        if self.info is not None:  # the level line is fitted to the width
            info, self.info = self.info, None
            self.show(info)

    def _level_line(self, info: EpisodeInfo) -> list:
        """Level, seed and episode number, fitted to the panel's width: the episode number is never the part cut.
        Too long, the line first leaves out the seed when there is none, then shortens the level's name in the
        middle (``rooms4-2…+consumed``)."""
        seed = sym("dash") if info.seed is None else str(info.seed)
        here = [(" · ", "$text-muted"), (ordinal(info.here), "bold"), (" here", "$text-muted")] if info.here else []
        tail = [("  episode ", "$text-muted"), (str(info.episode), "bold"), *here]
        seed_part = [("  seed ", "$text-muted"), (seed, "bold")]
        name = printable(info.level)
        room = self.content_region.width
        width = len("level ") + len(name) + sum(len(text) for text, _ in seed_part + tail)
        if room > 0 and width > room and info.seed is None:
            seed_part, width = [], width - sum(len(text) for text, _ in seed_part)
        if room > 0 and width > room:
            keep = max(3, len(name) - (width - room) - 1)
            name = name[:(keep + 1) // 2] + sym("ellipsis") + name[len(name) - keep // 2:]
        return [("level ", "$text-muted"), (name, "bold"), *seed_part, *tail]

    def show(self, info: EpisodeInfo) -> None:
        if info == self.info:
            return
        self.info = info
        bar_width = 16
        filled = min(bar_width, round(bar_width * info.steps / max(1, info.max_steps)))
        parts = [
            (f" {info.mode} ", MODE_STYLES.get(info.mode, "bold")), "  ",
            ("agent ", "$text-muted"), (info.agent, "bold"), ("  speed ", "$text-muted"), (f"{info.speed}/s", "bold"),
            "\n",
            *self._level_line(info),
            "\n",
            ("step ", "$text-muted"), (f"{info.steps}/{info.max_steps} ", "bold"),
            (sym("bar-done") * filled, "$accent"), (sym("bar-left") * (bar_width - filled), "$text-muted 40%"),
            ("  optimal ", "$text-muted"), (str(info.optimal), "bold"),
            "\n",
            ("reward ", "$text-muted"), (f"{info.reward:+.1f}", "bold $success" if info.reward >= 0 else "bold $error"),
        ]
        if info.outcome:
            parts += ["  ", (info.outcome, "bold $warning")]
        if info.rules:
            parts += ["\n", (printable(info.rules), "bold $warning")]
        self.set_class(bool(info.rules), "-rules")  # one line taller (app.tcss); a no-op when unchanged
        self.update(Content.assemble(*parts))
