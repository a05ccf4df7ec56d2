"""The learning curves of a library with no episode yet (a new user pressing c at once) say so under their title,
with no empty plots and no level chooser with nothing in it; once an episode is recorded the plots are there. It
once drew four empty frames and a chooser, the one line that explained them at the bottom of the screen. The
chooser counts one episode as one ("classic (1 episode)", not "1 episodes")."""

from __future__ import annotations

from tui_helpers import build_app, win_by_keys

from procmem_tui.tui.screens.curves import CurvesScreen
from procmem_tui.tui.textual_private import screen_text


async def test_curves_with_no_episode_say_so_at_the_top_and_draw_nothing_empty():
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CurvesScreen)
        lines = screen_text(app)
        said = next(i for i, line in enumerate(lines) if "no episodes recorded yet" in line)
        title = next(i for i, line in enumerate(lines) if "Learning curves" in line)
        assert said - title <= 2  # right under the title
        assert not app.screen.query_one("#curves-grid").display and not app.screen.query_one("#curves-group").display
        assert app.screen.query_one("#curves-dialog").size.height <= 6  # a small box, not a screen of nothing
        await pilot.press("escape")
        await win_by_keys(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#curves-grid").display and app.screen.query_one("#curves-group").display
        assert any("classic (1 episode)" in line for line in screen_text(app))  # it read "(1 episodes)"
