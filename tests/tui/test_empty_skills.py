"""A new library's skills table is not a silent empty box: its border says what fills it ("none yet: a won episode
teaches some"), in whole words at 80x24, until the first won episode brings skills; an agent with no memory keeps
its own title and says nothing there. It once showed only column headers over an empty panel for a new user's
whole first episode."""

from __future__ import annotations

from tui_helpers import build_app, win_by_keys

from procmem_tui.tui.textual_private import screen_text
from procmem_tui.tui.view import NO_SKILLS_YET


async def test_an_empty_skills_table_says_what_fills_it_until_a_win_does():
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.view.skills
        assert str(table.border_subtitle) == NO_SKILLS_YET
        assert any(NO_SKILLS_YET in line for line in screen_text(app))  # drawn whole on the panel's border
        await pilot.press("right")
        await pilot.pause()
        assert str(table.border_subtitle) == NO_SKILLS_YET
        await win_by_keys(app, pilot)
        await pilot.pause()
        assert table.order and str(table.border_subtitle) != NO_SKILLS_YET


async def test_an_agent_without_memory_says_nothing_under_its_table():
    app = build_app("--agent", "explorer")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "has no memory" in str(app.view.skills.border_title) and not app.view.skills.border_subtitle
