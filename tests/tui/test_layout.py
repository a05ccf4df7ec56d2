"""The layout adapts to the level and the terminal: every panel stays readable, or the game says it cannot fit.

Also what the panels show while episodes fly by: one toast at a time, per-episode bars on a fixed scale, a
Why line that neither wraps out of sight nor changes every frame.
"""

from __future__ import annotations

from textual.widgets.data_table import ColumnKey

from procmem_tui.tui.app import AUTO, PAUSED
from procmem_tui.tui.layout import LOG_LEFT, LOG_MIN
from procmem_tui.tui.widgets.charts import Bars
from procmem_tui.tui.widgets.event_log import EventLog
from procmem_tui.tui.widgets.skills import NAME_MIN, SkillsTable
from procmem_tui.tui.widgets.toast import GameToast
from procmem_tui.tui.widgets.why import WhyLine
from procmem_tui.world import solve
from tui_helpers import SIZE, build_app, plan_keys, press_until, resize, win_by_keys


def column_keys(table: SkillsTable) -> list[str]:
    return [str(key.value) for key in table.columns]


async def test_a_32x32_level_fits_120x40_with_the_log_under_the_panels():
    """On a 32x32 level the log moves to the right column (it used to shrink to its border under the grid),
    and the skills table fits its narrower column: fewer columns, a readable name, no sideways scrolling."""
    app = build_app("--family", "rooms", "--size", "32")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.main.has_class("-too-small")
        grid_box, log = app.main.query_one("#grid-box"), app.main.query_one(EventLog)
        right, table = app.main.query_one("#right"), app.main.query_one(SkillsTable)
        assert log.region.x >= grid_box.region.right, "the log should sit right of the grid"
        assert log.region.x == right.region.x and log.region.y >= right.region.bottom
        assert log.region.height >= LOG_MIN and log.region.bottom <= app.main.query_one("#body").region.bottom
        assert table.region.height >= 10
        # the table fits its column: "last" and "kind" gave way, the name keeps its minimum
        assert "last" not in column_keys(table) and "kind" not in column_keys(table)
        assert table.columns[ColumnKey("name")].width >= NAME_MIN
        for action in solve(app.session.level):  # a win (played without Pilot's per-key round trip)
            app.action_move(action.value)
        await pilot.pause()
        assert app.session.finished.success and table.row_count > 0
        assert table.max_scroll_x == 0, "the skills table scrolls sideways"


async def test_the_log_table_skill_names_toast_and_bars_on_classic_before_and_after_a_win(app):
    """In one app on classic (each part started the same one; what a part reads, the ones before leave as it
    was: the board at the start, then one optimal win by keys, then a second episode with a detour):
    - at the start (big cells at 120x40) the log is under the board, tall; the right column keeps len and
      success, and the skill's name its minimum width;
    - "fetch key a from 0,0 (classic)" shows as "fetch key a from 0,0" while classic is on screen;
    - the episode's end and the skills it made share one toast (two used to stack over the skills panel), and it
      is the game's own toast, not one of Textual's notifications piling up; a second win replaces the toast;
    - per-episode bars: an optimal episode is the thinnest bar, a slower one a taller bar, one column each
      (Textual's Sparkline stretched one episode over the whole width and drew a run of optimal episodes as
      nothing)."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        grid_box, log = app.main.query_one("#grid-box"), app.main.query_one(EventLog)
        assert log.region.x == grid_box.region.x and log.region.y >= grid_box.region.bottom
        assert log.region.height >= LOG_LEFT
        table = app.main.query_one(SkillsTable)
        assert {"length", "success"} <= set(column_keys(table))
        assert table.columns[ColumnKey("name")].width >= NAME_MIN

        await win_by_keys(app, pilot)  # optimal: 10 steps
        await pilot.pause()
        full = [sid for sid in table.order if table.values(sid)["name"].endswith(" (classic)")]
        assert full, "skill names"
        assert all(not table.shown_name(sid).endswith("(classic)") for sid in full), "skill names"
        toast = app.main.query_one(GameToast)
        assert toast.display, "toast"
        assert "reached the goal" in toast.message and "skill" in toast.message, "toast"
        bars = app.main.query_one("#steps-bars", Bars)
        assert bars.levels == [1], "bars"

        await pilot.press("n")  # episode 2, played by hand with a detour
        await pilot.press("right", "left", "right", "left")
        for key in plan_keys(app):
            await pilot.press(key)
        await pilot.pause()
        assert toast.display and "Episode 2" in toast.message, "a second win replaces the toast"
        assert len(bars.levels) == 2 and bars.levels[1] > bars.levels[0], "bars"
        lines = str(bars.render()).split("\n")
        assert len(lines) == 2 and all(len(line) == 2 for line in lines), "bars"


async def test_the_game_keys_are_off_while_the_terminal_is_too_small():
    """Too small at 80x20, the message names both sizes; moves pressed while the game is hidden would act unseen:
    they do nothing until it fits again; resized big enough, the game comes back and takes a move. (One app: the
    message and the recovery were a second test of the same start.)"""
    app = build_app("--level", "maze")
    async with app.run_test(size=(80, 20)) as pilot:
        assert app.main.has_class("-too-small")
        text = str(app.main.query_one("#too-small").render())
        assert "80×20" in text and f"{app.size_needed()[0]}×{app.size_needed()[1]}" in text
        await pilot.press("up", "space", "n")
        assert app.session.state.steps == 0 and app.play_mode == "MANUAL"
        await resize(pilot, *SIZE)
        await pilot.pause()
        assert not app.main.has_class("-too-small")
        await pilot.press("up")
        assert app.session.state.steps == 1


async def test_in_a_browser_the_too_small_page_says_to_zoom_out_and_no_toast_covers_it():
    """Served to a browser (``procmem serve``; ``App.is_web``), a page too small for the game says to zoom out
    (it said to enlarge "the terminal's" window, and a browser user's quick way back is the zoom); a toast shown
    meanwhile stays hidden, as the game it speaks of is (it covered the message in Chromium at 71×19)."""
    from unittest import mock

    from procmem_tui.tui.screens.main import TooSmall
    from procmem_tui.tui.widgets.toast import ToastCorner

    app = build_app()
    with mock.patch.object(type(app), "is_web", new_callable=mock.PropertyMock, return_value=True):
        async with app.run_test(size=(71, 19)) as pilot:
            await pilot.pause()
            text = str(app.main.query_one(TooSmall).render())
            assert "The page fits 71×19 characters" in text and "Zoom out" in text
            app.main.query_one(GameToast).show("a skill learned", title="procedural memory")
            await pilot.pause()
            assert not app.main.query_one(ToastCorner).display
            await resize(pilot, *SIZE)
            await pilot.pause()
            assert app.main.query_one(ToastCorner).display


async def test_fast_autoplay_keeps_the_why_line_readable():
    """At 60 steps/s the Why line changes a few times a second, not every step; it stays two lines; on
    pause it shows the decision actually taken last. The Why line's clock moves 1/60 s a step, so what is
    pinned is the pacing per step at 60 steps/s, however fast this machine runs the steps."""
    app = build_app("--level", "maze", "--speed", "60")
    async with app.run_test(size=SIZE) as pilot:
        why = app.main.query_one(WhyLine)
        shown = []
        original = why.update
        ticks = iter(range(10**6))
        app.view.clock = lambda: next(ticks) / 60

        def counting_update(content):
            shown.append(content)
            original(content)

        why.update = counting_update
        await press_until(pilot, "space", lambda: app.play_mode == AUTO)
        for _ in range(600):  # up to 30 s on a loaded machine; about 0.5 s on a quiet one
            if app.session.state.steps >= 30:
                break
            await pilot.pause(0.05)
        await press_until(pilot, "space", lambda: app.play_mode == PAUSED)
        await pilot.pause()
        steps = app.session.state.steps
        assert steps >= 30
        assert len(shown) <= steps // 3, f"{len(shown)} Why updates for {steps} steps"
        assert why._shown is app.session.last_decision
        assert why.text.count("\n") <= 1


async def test_the_why_line_names_the_running_skill_once(app):
    """The reason "run 'X' (…)" no longer repeats the skill's name right after "skill X 1/5"."""
    async with app.run_test(size=SIZE) as pilot:
        await win_by_keys(app, pilot)
        await pilot.press("n", "n")  # episode 2, the agent's first action: one of the player's skills
        decision = app.session.last_decision
        assert decision.skill_name
        first_line = app.main.query_one(WhyLine).text.split("\n")[0]
        assert first_line.count(decision.skill_name) == 1, first_line
