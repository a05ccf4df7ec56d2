"""The layout adapts from the classic 80x24 terminal up to 240x70, by one rule (``tui.layout``).

At every size every level shows what a person needs to play: the board with the player, the goal, keys and
doors; the keys and doors panels; the skills panel; the Why line; the footer. Small levels get bigger cells in
big windows; big levels fall back to one-character cells, then to a window that follows the player. The log
and the chart fold away first and come back when the window grows. Resizing never loses the game.
"""

from __future__ import annotations

import pytest

from procmem_tui.tui.screens.main import content_widths
from procmem_tui.tui.widgets.charts import Charts
from procmem_tui.tui.widgets.doors import Doors
from procmem_tui.tui.widgets.event_log import EventLog
from procmem_tui.tui.widgets.grid import GridView
from procmem_tui.tui.widgets.inventory import Inventory
from procmem_tui.tui.widgets.key_bar import KeyBar
from procmem_tui.tui.widgets.skills import SkillsTable, fit_columns
from procmem_tui.tui.widgets.why import WhyLine
from procmem_tui.world import solve
from tui_helpers import LAYOUT_LEVELS, build_app, largest_builtin, layout_level_args, resize

SIZES = [(80, 24), (100, 30), (160, 50), (240, 70)]


def on_screen(app, widget) -> bool:
    region, screen = widget.region, app.screen.region
    return widget.display and region.area > 0 and screen.contains_region(region)


def assert_playable(app) -> None:
    """Everything a person needs is on screen, and the board shows the player, goal, keys and doors."""
    main = app.main
    assert not main.has_class("-too-small")
    grid = main.query_one(GridView)
    for widget in (main.query_one("#grid-box"), grid, main.query_one(Inventory), main.query_one(Doors),
                   main.query_one(SkillsTable), main.query_one(WhyLine), main.query_one(KeyBar)):
        assert on_screen(app, widget), f"{widget} is not fully on screen"
    assert main.query_one(SkillsTable).region.height >= 5
    board = main.query_one("#grid-box").region
    assert grid.region.width == grid.cell[0] * len(grid.rows_in_view[0]) and board.contains_region(grid.region)
    seen = "".join(grid.rows_in_view)
    assert "@" in seen
    if not main.plan.scrolls:
        level = app.session.level
        assert "G" in seen and all(k in seen for k in level.keys.values())
        assert all(d in seen for d in level.doors.values())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("level", LAYOUT_LEVELS)
def test_every_size_is_laid_out_from_the_first_frame_playable_and_as_recorded(snap_compare, level, size):
    """At 80x24, 100x30, 160x50 and 240x70 classic, a 16x16 doorkey layout and the largest built-in level:

    - the main screen is the app's first screen and is arranged for the level and the terminal from its first
      compose: the skills table and the log are told the widths the layout gives them (so the first frame is not
      laid out again when they learn them) — these widths match what they get (the gutters agree with app.tcss);
    - the game is fully playable: a move moves the player on the board;
    - after those two moves (up, right) the screen looks as recorded (pytest-textual-snapshot; update with
      ``--snapshot-update -n 0`` after checking the change by eye).

    (One app for the three: they were a layout test and a snapshot test with the same twelve starts.)"""
    app = build_app(*layout_level_args(level))

    async def first_frame_then_two_moves(pilot):
        await pilot.pause()
        assert app.screen_stack == [app.main]
        main = app.main
        skills, log = main.query_one(SkillsTable), main.query_one(EventLog)
        skills_width, log_width = content_widths(main.plan)
        assert skills_width == skills.content_region.width
        assert skills.columns_shown == fit_columns(skills_width)[0]
        if main.plan.log:
            assert log_width == log.wrap_width == log.scrollable_content_region.width
        assert main.query_one(GridView).cell == main.plan.cell
        assert_playable(app)
        before = app.session.state.steps
        await pilot.press("up", "right")
        assert app.session.state.steps == before + 2
        grid = app.main.query_one(GridView)
        x, y = app.session.state.pos
        assert grid.rows[app.session.level.height - 1 - y][x] == "@"
        checked.append(True)

    checked = []
    assert snap_compare(app, terminal_size=size, run_before=first_frame_then_two_moves)
    assert checked, "the layout checks did not run to their end"


async def test_classic_gets_big_cells_in_a_big_window():
    """The board is the centre of a big screen: classic at 160x50 uses cells of at least 4x2, at 80x24 it
    still gets more than the old two characters a cell."""
    app = build_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        cw, ch = app.main.query_one(GridView).cell
        assert cw >= 4 and ch >= 2
        assert app.main.query_one("#grid-box").region.width >= 5 * 4
        await resize(pilot, 80, 24)
        await pilot.pause()
        assert app.main.query_one(GridView).cell[0] > 2


async def test_the_chart_folds_first_and_comes_back_and_the_log_stays():
    """At 80x24 the per-episode chart folds away (the board, keys, doors and skills stay) and the event log moves
    under the panels, a few lines tall (it used to fold too: the game's talk went unseen); the chart returns
    when the window grows, and folds again when it shrinks."""
    app = build_app("--family", "doorkey", "--size", "16")
    async with app.run_test(size=(80, 24)) as pilot:
        for size, shown in [((80, 24), False), ((160, 50), True), ((80, 24), False), ((240, 70), True)]:
            await resize(pilot, *size)
            await pilot.pause()
            log, charts = app.main.query_one(EventLog), app.main.query_one(Charts)
            assert on_screen(app, charts) == shown, size
            assert on_screen(app, log) and log.region.height >= 5, size
            assert_playable(app)


async def test_a_big_level_scrolls_with_the_player_at_80x24():
    """A 32x32 level at 80x24 is a window onto the level that follows the player: never a refusal."""
    app = build_app("--family", "rooms", "--size", "32")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        grid = app.main.query_one(GridView)
        assert app.main.plan.scrolls and grid.cell == (1, 1)
        assert len(grid.rows_in_view) < 32
        origins = set()
        for action in solve(app.session.level):  # across the three rooms to the goal
            app.action_move(action.value)
            if app.session.done:
                break
            assert "@" in "".join(grid.rows_in_view), "the player left the window"
            origins.add(grid.origin)
        assert len(origins) > 1, "the window never moved"


async def test_a_resize_storm_keeps_the_game():
    """Many sizes in a row (including too small ones): no exception, the player's position and step count
    kept, and the board shows the player wherever the game is shown."""
    app = build_app("--level", largest_builtin())
    sizes = [(80, 24), (240, 70), (79, 24), (81, 25), (200, 30), (80, 60), (60, 20), (120, 40), (100, 30),
             (161, 49), (80, 24), (239, 69), (90, 26), (300, 90), (80, 24)]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "up", "right")
        pos, steps = app.session.state.pos, app.session.state.steps
        for size in sizes:
            await resize(pilot, *size)
            await pilot.pause()
            assert app.session.state.pos == pos and app.session.state.steps == steps
            if size[0] >= 80 and size[1] >= 24:
                assert_playable(app)
            else:
                assert app.main.has_class("-too-small")
        await pilot.press("left")
        assert app.session.state.steps == steps + 1


async def test_the_board_title_is_fitted_again_when_the_window_changes():
    """open_field under fog opened at 80x24 has room for "open_field · sight 3" only; grown to 200x60 the title
    says its size again, and after a window too small for the game (where the title could not hold a word) it
    comes back whole. The title was fitted once, at the first width, and kept."""
    app = build_app("--level", "open_field", "--view", "3")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.main.query_one("#grid-box")
        assert str(box.border_title) == "open_field · sight 3"
        for size in ((200, 60), (40, 12), (100, 30), (200, 60)):
            await resize(pilot, *size)
            await pilot.pause()
        assert str(box.border_title) == "open_field · 24x16 · sight 3"
