"""A replay's timeline: one column per step (or per few steps on long episodes), where skills ran and where
keys were picked, doors opened and the goal reached, with a cursor under the current step.

    ━ a step inside a skill (one colour per skill)   · a step outside any skill   ⌐ key  □ door  ★ goal

Under the cursor, a legend names the skills in their colours, the one running at the cursor in bold.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from procmem_tui.tui.symbols import sym

EVENT_GLYPHS = {"key_picked": "key", "door_opened": "door", "goal_reached": "goal"}  # names in ``tui.symbols``
SKILL_COLOURS = ("#61afef", "#c678dd", "#e5c07b", "#56b6c2", "#98c379", "#e06c75")


class Timeline(Static):
    """``show(replay, index)``; ``columns`` says how many steps each column covers (for tests)."""

    DEFAULT_CSS = "Timeline { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.replay = None
        self.index = 0
        self.per_column = 1
        self.names: dict[str, str] = {}  # skill id -> name, for the legend
        self.legend: list[str] = []  # the names in the legend (for tests)

    def show(self, replay, index: int) -> None:
        self.replay, self.index = replay, index
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        rec = self.replay
        if rec is None:
            return
        steps = len(rec)
        width = max(10, self.size.width or 60)
        self.per_column = per = max(1, -(-steps // width))
        columns = max(1, -(-steps // per))
        skill_of = [s.skill_id for s in rec.steps]
        palette: dict[str, str] = {}
        events: dict[int, str] = {}
        for index, event in rec.event_marks():
            events.setdefault(index // per, sym(EVENT_GLYPHS[event]))
        bar: list = []
        for col in range(columns):
            span = skill_of[col * per:(col + 1) * per]
            skill = next((s for s in span if s), None)
            if col in events:
                bar.append((events[col], "bold $warning"))
            elif skill:
                colour = palette.setdefault(skill, SKILL_COLOURS[len(palette) % len(SKILL_COLOURS)])
                bar.append(("━", colour))
            else:
                bar.append(("·", "$text-muted"))
        for skill in skill_of:  # every skill gets its colour, even one whose steps all fall on events
            if skill:
                palette.setdefault(skill, SKILL_COLOURS[len(palette) % len(SKILL_COLOURS)])
        cursor_col = min(self.index // per, columns)
        cursor = " " * cursor_col + sym("here")
        label = f" step {self.index}/{steps}"
        current = skill_of[self.index - 1] if 0 < self.index <= steps else None
        legend: list = []
        self.legend = []
        for skill, colour in palette.items():
            name = self.names.get(skill, skill)
            self.legend.append(name)
            legend += [("━ ", colour), (name, "bold" if skill == current else "$text-muted"), "   "]
        if not palette:
            legend.append(("no skill ran in this episode", "$text-muted"))
        self.update(Content.assemble(*bar, "\n", (cursor, "bold $accent"), (label, "$text-muted"), "\n", *legend))
