"""The mouse, through Pilot: a click on the board walks there (each step a real move of the person's, one at a
time, stopped by any key); a click on a skill row opens its details; a click on an episode replays it; the
wheel scrolls the panels. Every one of these is also reachable by keyboard (other tests)."""

from __future__ import annotations

from textual import events

from procmem_tui.tui import walk
from procmem_tui.tui.modes import MANUAL
from procmem_tui.tui.screens.episodes import EpisodeBrowser, EpisodeTable
from procmem_tui.tui.screens.replay import ReplayScreen
from procmem_tui.tui.screens.skill import SkillScreen
from procmem_tui.tui.walk import known_path
from procmem_tui.tui.widgets.event_log import EventLog
from procmem_tui.tui.widgets.grid import GridView
from procmem_tui.tui.widgets.skills import SkillsTable
from tui_helpers import build_app, win_by_keys

SMALL = (80, 24)


def cell_offset(grid: GridView, x: int, y: int) -> tuple[int, int]:
    """Where to click on the grid widget for the level's cell (x, y) (the cell's middle)."""
    cw, ch = grid.cell
    ox, oy = grid.origin
    line = len(grid.rows_in_view) - 1 - (y - oy)
    return (x - ox) * cw + cw // 2, line * ch + ch // 2


async def walk_done(app, pilot, limit: int = 100) -> None:
    for _ in range(limit):
        if not app.walk.walking:
            return
        await pilot.pause(0.05)
    raise AssertionError("the walk did not end")


async def test_a_click_on_a_cell_walks_the_player_there_step_by_step():
    """On classic the player (0,0) walks to the key (2,2): four of the person's steps, in manual mode, one at a
    time (the click takes the first; the walk's timer the rest, however fast a loaded machine runs it)."""
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        grid = app.main.query_one(GridView)
        positions = []
        original = app.player_move

        def recording_move(action):
            original(action)
            positions.append(app.session.state.pos)

        app.player_move = recording_move
        assert await pilot.click(GridView, offset=cell_offset(grid, 2, 2))
        assert app.session.state.steps >= 1 and (app.walk.walking or app.session.state.steps == 4)
        await walk_done(app, pilot)
        assert app.session.state.pos == (2, 2) and app.session.state.steps == 4
        assert len(positions) == 4 and len(set(positions)) == 4, positions
        assert app.play_mode == MANUAL
        x, y = app.session.state.pos
        assert grid.rows[app.session.level.height - 1 - y][x] == "@"


async def test_any_key_stops_a_walk(monkeypatch):
    """A key pressed during a walk stops it where it is, and does nothing else. The walk's steps are made an
    hour apart, so the key always meets a walk in progress however slowly a loaded machine runs the app."""
    monkeypatch.setattr(walk, "WALK_INTERVAL", 3600.0)
    app = build_app("--family", "doorkey", "--size", "16")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        grid = app.main.query_one(GridView)
        start = app.session.state.pos
        far = next((x, y) for x in range(16) for y in range(16)
                   if len(known_path(grid.rows, start, (x, y)) or ()) > 6)
        await pilot.click(GridView, offset=cell_offset(grid, *far))
        assert app.walk.walking and app.session.state.steps == 1  # the click takes the first step at once
        where = app.session.state.pos
        await pilot.press("x")
        assert not app.walk.walking, "the key did not stop the walk"
        assert app.walk._timer is None, "the walk's timer is left to take another step"
        assert app.session.state.steps == 1 and app.session.state.pos == where, "the key did more than stop it"


async def test_a_click_on_a_wall_or_a_locked_door():
    """A wall cannot be reached: no step is taken and the Why line says so. A locked door is walked up to."""
    app = build_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        grid = app.main.query_one(GridView)
        await pilot.click(GridView, offset=cell_offset(grid, 4, 3))  # classic's wall right of the door
        await pilot.pause()
        assert app.session.state.steps == 0 and "no known path" in app.main.query_one("#why").text
        await pilot.click(GridView, offset=cell_offset(grid, 3, 3))  # the door A
        await walk_done(app, pilot)
        x, y = app.session.state.pos
        assert abs(x - 3) + abs(y - 3) == 1 and app.session.state.steps == 5


async def test_a_click_walks_in_a_scrolling_window():
    """On a 32x32 level at 80x24 the click lands on the cell shown under the pointer, not the level's corner."""
    app = build_app("--family", "rooms", "--size", "32")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        grid = app.main.query_one(GridView)
        assert app.main.plan.scrolls
        x, y = app.session.state.pos
        target = next((x + dx, y) for dx in (3, 2, -3, -2) if grid.rows[31 - y][x + dx] == ".")
        await pilot.click(GridView, offset=cell_offset(grid, *target))
        await walk_done(app, pilot)
        assert app.session.state.pos == target


async def test_a_click_on_a_skill_row_opens_its_details_and_on_an_episode_replays_it():
    """After a win, a click on the skills table's second row opens that skill's details; in the episode browser a
    click on the episode opens its replay."""
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await win_by_keys(app, pilot)
        table = app.main.query_one(SkillsTable)
        second = table.order[1]
        assert await pilot.click(SkillsTable, offset=(8, 3))  # border, header, then the rows
        await pilot.pause()
        assert isinstance(app.screen, SkillScreen) and app.screen.skill_id == second
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EpisodeBrowser)
        assert await pilot.click(EpisodeTable, offset=(3, 1))
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)


async def test_the_wheel_scrolls_the_event_log():
    """The mouse wheel scrolls a full event log up."""
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        log = app.main.query_one(EventLog)
        for i in range(80):
            app.view.log(f"line {i}")
        await pilot.pause()
        assert log.max_scroll_y > 0
        bottom = log.scroll_y
        region = log.region
        log.post_message(events.MouseScrollUp(log, 2, 2, 0, -1, 0, False, False, False,
                                              screen_x=region.x + 2, screen_y=region.y + 2))
        await pilot.pause()
        assert log.scroll_y < bottom
