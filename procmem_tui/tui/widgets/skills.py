"""The Skills panel: a live table of every skill in the library.

The row of the skill now running is highlighted with its progress (▶ 3/7); a skill just learned or improved
flashes (✦). Rows are updated cell by cell, only where a value changed. Clicking a row posts ``SkillChosen``.
"""

from __future__ import annotations

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from procmem_tui.tui.messages import SkillChosen

COLUMNS = (("state", "", 6), ("name", "skill", 18), ("kind", "kind", 5), ("source", "src", 5), ("length", "len", 3),
           ("uses", "uses", 4), ("success", "success", 10), ("last", "last", 4))
FIXED_WIDTH = sum(width for key, _, width in COLUMNS if key != "name") + 2 * len(COLUMNS) + 1
KIND_SHORT = {"motor": "motor", "abstract": "abstr", "composite": "comp"}


def source_label(skill) -> str:
    return "you" if skill.source == "player" else "agent"


def row_values(skill) -> dict[str, str]:
    rate = f"{round(100 * skill.success_rate)}% {skill.successes}/{skill.attempts}" if skill.attempts else "—"
    return {
        "name": skill.name,
        "kind": KIND_SHORT.get(skill.kind, skill.kind),
        "source": source_label(skill),
        "length": str(skill.length),
        "uses": str(skill.uses),
        "success": rate,
        "last": f"ep{skill.last_used_episode}" if skill.last_used_episode else "—",
    }


class SkillsTable(DataTable, can_focus=False):
    """``sync(skills, running, progress, flashing)`` brings the table up to date with as few cell updates as it can."""

    DEFAULT_CSS = "SkillsTable { height: 1fr; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, show_cursor=False, **kwargs)
        self._values: dict[str, dict[str, str]] = {}
        self._marks: dict[str, tuple[str, str]] = {}  # skill id -> (state cell, style) on screen
        self.order: list[str] = []

    def on_mount(self) -> None:
        self._name_width = 18
        self._add_columns()

    def _add_columns(self) -> None:
        for key, label, width in COLUMNS:
            self.add_column(label, key=key, width=self._name_width if key == "name" else width)

    def on_resize(self) -> None:
        """The name column takes the width the others leave (rebuilt with the public API, on resize only)."""
        width = max(12, self.scrollable_content_region.width - FIXED_WIDTH)
        if width == self._name_width:
            return
        self._name_width = width
        self.clear(columns=True)
        self._add_columns()
        for sid in self.order:
            self.add_row(*self._cells(self._values[sid], self._marks[sid]), key=sid)

    def values(self, skill_id: str) -> dict[str, str]:
        """The plain values shown for a skill (for tests), plus its state cell."""
        return {**self._values[skill_id], "state": self._marks.get(skill_id, ("", ""))[0]}

    def sync(self, skills, running: str | None = None, progress: tuple[int, int] | None = None,
             flashing: frozenset[str] = frozenset()) -> None:
        skills = list(skills)
        ids = [s.id for s in skills]
        for gone in [i for i in self.order if i not in set(ids)]:
            self.remove_row(gone)
            self._values.pop(gone, None)
            self._marks.pop(gone, None)
        self.order = [i for i in self.order if i in self._values]
        for skill in skills:
            sid = skill.id
            values = row_values(skill)
            mark = self._mark(sid, running, progress, flashing)
            if sid not in self._values:
                self.add_row(*self._cells(values, mark), key=sid)
                self.order.append(sid)
            else:
                old, old_mark = self._values[sid], self._marks[sid]
                restyle = mark[1] != old_mark[1]
                for key, value in values.items():
                    if restyle or value != old[key]:
                        self.update_cell(sid, key, Text(value, style=mark[1]))
                if mark != old_mark:
                    self.update_cell(sid, "state", Text(mark[0], style=mark[1] or "bold"))
            self._values[sid], self._marks[sid] = values, mark

    def set_running(self, running: str | None, progress: tuple[int, int] | None, flashing=frozenset()) -> None:
        """Cheap per-step update: restyle only the rows whose mark changed (the running skill's progress)."""
        for sid in list(self._marks):
            mark = self._mark(sid, running, progress, flashing)
            old = self._marks[sid]
            if mark == old:
                continue
            if mark[1] != old[1]:
                for key, value in self._values[sid].items():
                    self.update_cell(sid, key, Text(value, style=mark[1]))
            self.update_cell(sid, "state", Text(mark[0], style=mark[1] or "bold"))
            self._marks[sid] = mark

    @staticmethod
    def _mark(sid, running, progress, flashing) -> tuple[str, str]:
        if sid == running:
            done, total = progress or (0, 0)
            return f"▶{done}/{total}", "bold reverse"
        if sid in flashing:
            return "✦ new", "bold #000000 on #98c379"
        return "", ""

    @staticmethod
    def _cells(values: dict[str, str], mark: tuple[str, str]) -> list[Text]:
        cells = [Text(mark[0], style=mark[1] or "bold")]
        cells += [Text(values[key], style=mark[1]) for key, _, _ in COLUMNS[1:]]
        return cells

    async def _on_click(self, event) -> None:
        await super()._on_click(event)
        meta = event.style.meta
        row = meta.get("row", -1)
        if isinstance(row, int) and 0 <= row < self.row_count:
            row_key = self.coordinate_to_cell_key(Coordinate(row, 0)).row_key
            self.post_message(SkillChosen(str(row_key.value)))
