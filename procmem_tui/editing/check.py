"""Live checking of a draft with the parser itself, so the editor says exactly what ``procmem check`` says.

``check_draft`` parses ``draft.text()`` (the file it would save) and maps the ``LevelError``'s line and
column back to what the editor shows: a grid cell (col, row) or a header field. With ``solve=False`` it
stops before the solver (instant, for every keystroke); with ``solve=True`` it also finds the optimal
plan (the editor runs that in a worker thread).
"""

from __future__ import annotations

from dataclasses import dataclass

from procmem_tui.editing.draft import Cell, Draft
from procmem_tui.world import Action, Level, LevelError, parse_level, solve
from procmem_tui.world.actions import MOVE_DELTAS


@dataclass(frozen=True)
class Verdict:
    draft: Draft
    level: Level | None = None
    error: LevelError | None = None
    cell: Cell | None = None  # the grid cell the error points at
    field: str | None = None  # or the header field it points at
    plan: tuple[Action, ...] | None = None
    solved: bool = False  # False until the solver has run (or when the structure is already wrong)

    @property
    def ok(self) -> bool:
        return self.error is None and self.level is not None

    @property
    def message(self) -> str:
        return str(self.error) if self.error is not None else ""


def check_draft(draft: Draft, source: str, *, solve_it: bool = True) -> Verdict:
    text = draft.text()
    try:
        level = parse_level(text, source, check_solvable=solve_it)
    except LevelError as error:
        cell, field = locate(draft, error)
        return Verdict(draft, error=error, cell=cell, field=field, solved=True)
    if not solve_it:
        return Verdict(draft, level=level)
    plan = solve(level)  # cached: the parser has just solved this level
    return Verdict(draft, level=level, plan=tuple(plan or ()), solved=True)


def locate(draft: Draft, error: LevelError) -> tuple[Cell | None, str | None]:
    """The grid cell (col, row) or header field a parser error's line and column point at."""
    headers = draft.header_lines()
    first_row_line = len(headers) + 1
    if error.line >= first_row_line:
        row = min(error.line - first_row_line, draft.height - 1)
        return (max(0, error.column - 1), row), None
    field = headers[error.line - 1][0] if 1 <= error.line <= len(headers) else ""
    return None, field or None


def plan_cells(level: Level, plan: tuple[Action, ...]) -> dict[Cell, Action]:
    """The first action taken from each cell the plan crosses, by screen cell (col, row)."""
    x, y = level.start
    cells: dict[Cell, Action] = {}
    for action in plan:
        cells.setdefault((x, level.height - 1 - y), action)
        dx, dy = MOVE_DELTAS.get(action, (0, 0))
        x, y = x + dx, y + dy
    return cells
