"""Driving the level editor in tests: ``procmem edit``'s app on a draft, and waiting for the solver worker."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.commands.edit import open_draft
from procmem_tui.tui.editing import EditorApp
from procmem_tui.tui.screens.trial import Trials
from procmem_tui.world import builtin_level_names
from procmem_tui.editing.user_levels import builtin_levels_dir

CLASSIC_GRID = ["..#.G", ".X.A#", "..a..", ".....", "@...."]


def editor_app(file: str, size=(9, 7)) -> EditorApp:
    draft, target, note = open_draft(file, size)
    return EditorApp(draft, target, Trials(make_agent), note)


async def settle(pilot, app) -> None:
    """Wait until the editor's verdict is final (the solver worker has answered)."""
    for _ in range(200):
        await pilot.pause(0.01)
        if app.editor.checked:
            return
    raise AssertionError("the solver never answered")


def builtin_text(name: str) -> str:
    stem = [p for p in builtin_levels_dir().iterdir() if p.name.endswith(f"_{name}.txt")]
    assert name in builtin_level_names() and stem
    return stem[0].read_text(encoding="utf-8")


def grid_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith(";")]
