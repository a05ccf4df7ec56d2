"""The Skills panel: a live table of every skill in the library.

The row of the skill now running is highlighted with its progress (▶ 3/7); a skill just learned or improved
flashes (✦). Rows are updated cell by cell, only where a value changed. Clicking a row posts ``SkillChosen``.

The columns fit the panel's width, never scrolling sideways: when it is narrow (a big level leaves the right
column 52 cells) the table drops "last", then "kind", shortens "success" to a rate, then drops "len", so the
skill's name keeps at least ``NAME_MIN`` cells. Long names lose whole words to "…", so that different skills
keep different names (``tui.short_names``); on a level, the "(level)" suffix of the skills learned there is
left out (the panel's level is the one on screen).
"""

from __future__ import annotations

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from procmem_tui.safe_text import printable
from procmem_tui.tui.messages import SkillChosen
from procmem_tui.tui.short_names import shorten_all
from procmem_tui.tui.symbols import sym

COLUMNS = (("state", "", 6), ("name", "skill", 18), ("kind", "kind", 5), ("source", "src", 5), ("length", "len", 3),
           ("uses", "uses", 4), ("success", "success", 10), ("last", "last", 4))
RATE_COLUMN = ("rate", "succ", 4)  # "success" narrowed to its percentage
NAME_MIN = 22
PADDING = 2  # the DataTable's cell padding, both sides
SCROLLBAR = 1
KIND_SHORT = {"motor": "motor", "abstract": "abstr", "composite": "comp"}


def source_label(skill) -> str:
    return "you" if skill.source == "player" else "agent"


def fit_columns(width: int) -> tuple[tuple[tuple[str, str, int], ...], int]:
    """The columns shown in ``width`` cells and the name column's width (see the module's docstring)."""
    columns = list(COLUMNS)

    def name_width() -> int:
        return width - SCROLLBAR - sum(w + PADDING for key, _, w in columns if key != "name") - PADDING

    for step in ("last", "kind", "success", "length"):
        if name_width() >= NAME_MIN:
            break
        index = next(i for i, c in enumerate(columns) if c[0] == step)
        if step == "success":
            columns[index] = RATE_COLUMN
        else:
            del columns[index]
    return tuple(columns), max(8, name_width())


def short_name(name: str, level_name: str | None) -> str:
    """The name without its "(level)" suffix when that level is the one being played."""
    suffix = f" ({level_name})"
    return name[: -len(suffix)] if level_name and name.endswith(suffix) else name


def row_values(skill) -> dict[str, str]:
    rate = f"{round(100 * skill.success_rate)}% {skill.successes}/{skill.attempts}" if skill.attempts else sym("dash")
    return {
        "name": skill.name,
        "kind": KIND_SHORT.get(skill.kind, skill.kind),
        "source": source_label(skill),
        "length": str(skill.length),
        "uses": str(skill.uses),
        "success": rate,
        "rate": f"{round(100 * skill.success_rate)}%" if skill.attempts else sym("dash"),
        "last": f"ep{skill.last_used_episode}" if skill.last_used_episode else sym("dash"),
    }


class SkillsTable(DataTable, can_focus=False):
    """``sync(skills, running, progress, flashing)`` brings the table up to date with as few cell updates as it can."""

    DEFAULT_CSS = "SkillsTable { height: 1fr; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, show_cursor=False, **kwargs)
        self._values: dict[str, dict[str, str]] = {}
        self._marks: dict[str, tuple[str, str]] = {}  # skill id -> (state cell, style) on screen
        self._shown: dict[str, str] = {}  # skill id -> its name as the name column shows it
        self._shown_for: tuple | None = None
        self._shown_cache: dict[str, str] = {}
        self.order: list[str] = []
        self.columns_shown: tuple[tuple[str, str, int], ...] = COLUMNS
        self.level_name: str | None = None
        self._name_width = 18

    def on_mount(self) -> None:
        self._add_columns()

    def render_lines(self, crop):
        """Draw with the table's style worked out once: ``DataTable`` asks for ``rich_style`` at every line, and
        each time it walks the ancestors' styles (the table's 20 lines at 120x40: 20 walks a draw instead of 1)."""
        self._line_style = super().rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._line_style = None

    @property
    def rich_style(self):
        line_style = getattr(self, "_line_style", None)
        return super().rich_style if line_style is None else line_style

    def _add_columns(self) -> None:
        """Labels as ``Text``: a string would be parsed as markup, loading Rich's emoji table (3 ms of start-up)."""
        for key, label, width in self.columns_shown:
            self.add_column(Text(label), key=key, width=self._name_width if key == "name" else width)

    def _rebuild(self) -> None:
        self.clear(columns=True)
        self._add_columns()
        self._shown = self._shown_names()
        for sid in self.order:
            self.add_row(*self._cells(sid, self._marks[sid]), key=sid)

    def _shown_names(self) -> dict[str, str]:
        """Every name shortened to the column against the others (worked out again only when a name, the
        level or the width changed: a skill starting or finishing changes none of them)."""
        names = {sid: short_name(values["name"], self.level_name) for sid, values in self._values.items()}
        key = (tuple(names.items()), self._name_width)
        if key != self._shown_for:
            self._shown_for, self._shown_cache = key, shorten_all(names, self._name_width)
        return self._shown_cache

    def on_resize(self) -> None:
        """Fit the columns to the new width (rebuilt with the public API, on resize only)."""
        self.fit_width(self.content_region.width)

    def fit_width(self, width: int) -> None:
        """Fit the columns to ``width`` cells; the screen calls it before the first layout, from the width
        its layout gives the table, so the first frame does not lay the table out twice."""
        columns, name_width = fit_columns(width)
        if (columns, name_width) == (self.columns_shown, self._name_width):
            return
        self.columns_shown, self._name_width = columns, name_width
        if self.is_mounted:
            self._rebuild()

    def set_level(self, level_name: str | None) -> None:
        """The level on screen: its skills are shown without the "(level)" suffix."""
        if level_name != self.level_name:
            self.level_name = level_name
            self._rebuild()

    def shown_name(self, skill_id: str) -> str:
        """The name as the table shows it (suffix dropped, shortened to the column)."""
        return self._shown[skill_id]

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
        old_values = dict(self._values)
        for skill in skills:
            self._values[skill.id] = row_values(skill)
        old_shown, self._shown = self._shown, self._shown_names()
        for skill in skills:
            sid = skill.id
            values = self._values[sid]
            mark = self._mark(sid, running, progress, flashing)
            if sid not in old_values:
                self._marks[sid] = mark
                self.add_row(*self._cells(sid, mark), key=sid)
                self.order.append(sid)
                continue
            old, old_mark = old_values[sid], self._marks[sid]
            restyle = mark[1] != old_mark[1]
            for key, _, _ in self.columns_shown[1:]:
                changed = old_shown.get(sid) != self._shown[sid] if key == "name" else values[key] != old[key]
                if restyle or changed:
                    self.update_cell(sid, key, self._cell(sid, key, mark[1]))
            if mark != old_mark:
                self.update_cell(sid, "state", Text(mark[0], style=mark[1] or "bold"))
            self._marks[sid] = mark

    def set_running(self, running: str | None, progress: tuple[int, int] | None, flashing=frozenset()) -> None:
        """Cheap per-step update: restyle only the rows whose mark changed (the running skill's progress)."""
        for sid in list(self._marks):
            mark = self._mark(sid, running, progress, flashing)
            old = self._marks[sid]
            if mark == old:
                continue
            if mark[1] != old[1]:
                for key, _, _ in self.columns_shown[1:]:
                    self.update_cell(sid, key, self._cell(sid, key, mark[1]))
            self.update_cell(sid, "state", Text(mark[0], style=mark[1] or "bold"))
            self._marks[sid] = mark

    @staticmethod
    def _mark(sid, running, progress, flashing) -> tuple[str, str]:
        if sid == running:
            done, total = progress or (0, 0)
            return f"{sym('running')}{done}/{total}", "bold reverse"
        if sid in flashing:
            return f"{sym('new')} new", "bold #000000 on #98c379"
        return "", ""

    def _cell(self, sid: str, key: str, style: str) -> Text:
        value = self._shown[sid] if key == "name" else self._values[sid][key]
        if key == "source" and value == "you":
            style = style or "bold"
        return Text(printable(value), style=style)

    def _cells(self, sid: str, mark: tuple[str, str]) -> list[Text]:
        cells = [Text(mark[0], style=mark[1] or "bold")]
        cells += [self._cell(sid, key, mark[1]) for key, _, _ in self.columns_shown[1:]]
        return cells

    def on_click(self, event) -> None:
        """A click on a row opens that skill's details (the table shows no cursor, so DataTable selects none)."""
        meta = event.style.meta
        row = meta.get("row", -1)
        if isinstance(row, int) and 0 <= row < self.row_count:
            row_key = self.coordinate_to_cell_key(Coordinate(row, 0)).row_key
            self.post_message(SkillChosen(str(row_key.value)))
