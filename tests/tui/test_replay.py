"""The replay, the episode browser, take-over and the learning curves, driven by keys (Pilot) and one snapshot."""

from __future__ import annotations

from dataclasses import replace

from tui_helpers import SIZE, build_app, clear_toasts, resize, type_keys, until, win_by_keys

from procmem_tui.recording import replay
from procmem_tui.tui.screens.curves import CurvesScreen, episode_ticks, y_range
from procmem_tui.tui.screens.episodes import EpisodeBrowser
from procmem_tui.tui.screens.replay import ReplayScreen
from procmem_tui.tui.widgets.timeline import Timeline
from procmem_tui.world import GridWorld, solve


async def _win_and_open_browser(app, pilot):
    await win_by_keys(app, pilot)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, EpisodeBrowser)
    assert len(app.screen.rows) == 1 and app.screen.rows[0].source == "player"
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ReplayScreen)
    return app.screen


async def test_replay_steps_plays_to_its_end_and_takes_over_from_the_step_shown():
    """One replay of a won episode (one app: each part started the same app and won the same episode):
    - → and ← move one step; the grid shows the re-simulated state; home/end jump; the panel names the step;
    - space plays the replay (faster with +) and it stops by itself at its last step; t there, at the goal, is
      refused and the replay stays;
    - t at step k: a new episode whose start is the recorded state k (fresh step budget), in manual mode, which
      the agent can finish."""
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _win_and_open_browser(app, pilot)
        plan = solve(app.session.level)
        world = GridWorld(screen.replay.level)
        states = [world.state] + [world.step(a).state for a in plan]
        await pilot.press("right", "right", "right")
        assert screen.index == 3 and screen.state == states[3]
        assert "@" in screen.query_one("#replay-grid").rows[-1 - states[3].pos[1]]
        await pilot.press("left")
        assert screen.index == 2 and screen.state == states[2]
        await pilot.press("end")
        assert screen.index == len(plan) and screen.state == states[-1]
        assert "goal_reached" in screen.step_text() and "you chose" in screen.step_text()
        await pilot.press("home")
        assert screen.index == 0 and screen.query_one(Timeline).index == 0

        await pilot.press("space")
        assert screen.playing and screen.index < len(screen.replay)
        await pilot.press("plus", "plus", "plus")
        await until(pilot, lambda: not screen.playing, tries=500)
        assert screen.index == len(screen.replay) and not screen.playing
        await pilot.press("end", "t")  # taking over at the goal is refused
        assert app.screen is screen

        await pilot.press("home", "right", "right", "right", "right", "right")
        expected = screen.state
        assert screen.index == 5
        episodes_before = app.session.episode
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is app.main
        state = app.session.state
        assert (state.pos, state.keys, state.taken) == (expected.pos, expected.keys, expected.taken)
        assert state.steps == 0 and app.play_mode == "MANUAL"
        assert app.session.episode == episodes_before + 1
        assert app.session.optimal_steps == len(solve(app.session.level, state))
        await pilot.press("space")  # the agent can finish it from there
        await until(pilot, lambda: app.session.done, tries=1000)
        assert app.session.finished is not None and app.session.finished.success


async def test_the_curves_show_the_level_played_and_a_tampered_episode_replays_with_a_warning():
    """After a won episode (one app for both parts):
    - c opens the learning curves on the level being played, with its episodes counted; escape closes them;
    - a record whose level changed since replays with a visible warning, not a crash."""
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await win_by_keys(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CurvesScreen)
        assert screen.query_one("#curves-group").value == "classic"
        assert "classic: 1 episode, 100% won" in str(screen.query_one("#curves-summary").render())
        await pilot.press("escape")
        assert app.screen is app.main

        row = app.store.get_episode("last")
        tampered = replay(replace(row, level_text=row.level_text.replace(".X.A#", ".XA.#")))
        app.open_replay(tampered)
        await pilot.pause()
        warnings = app.screen.query_one("#replay-warnings")
        assert warnings.display and "differs from the record" in str(warnings.render())


async def test_browser_filters_by_source_and_escape_closes():
    """The episode browser lists both episodes; filtering by source agent leaves the agent's, a level no episode has
    leaves none; escape closes it."""
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await win_by_keys(app, pilot)
        await pilot.press("right")  # next episode
        await pilot.press("n")  # the agent takes a step, then finish with the agent
        while not app.session.done:
            app.step_agent()
        await pilot.press("e")
        await pilot.pause()
        browser = app.screen
        assert len(browser.rows) == 2
        browser.query_one("#episodes-source").value = "agent"
        await pilot.pause()
        assert [r.source for r in browser.rows] == ["agent"]
        browser.query_one("#episodes-level").value = "nothing-like-this"
        await pilot.pause()
        assert browser.rows == []
        await pilot.press("escape")
        assert app.screen is app.main


def test_curves_axes_use_whole_episodes_and_honest_ranges():
    """Episode ticks are whole numbers (plotext labelled 1.0 3.2 5.5); rates sit on 0..1 whatever the data
    (a constant 100% success used to be drawn mid-plot on a 0.5..1.5 axis); the step ratio holds optimal (1)."""
    assert episode_ticks(3) == [1, 2, 3]
    ticks = episode_ticks(11)
    assert ticks[0] == 1 and ticks[-1] == 11 and len(ticks) <= 6 and all(isinstance(t, int) for t in ticks)
    assert y_range("curve-success", [1.0, 1.0]) == (0.0, 1.0)
    assert y_range("curve-share", [0.5]) == (0.0, 1.0)
    assert y_range("curve-ratio", [3.0, 1.5]) == (1.0, 3.0)
    assert y_range("curve-ratio", [1.0, 1.0]) == (1.0, 2.0)


async def test_the_replay_timeline_names_its_skills_and_the_speed_is_in_the_title():
    """Under the timeline a legend names the skills that ran (by name, not id); + and - show the replay
    speed in the title instead of a toast that followed the person back to the game (every title the screen
    shows is read: under load the replay could end, and its title lose the speed, before the test looked)."""
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await win_by_keys(app, pilot)
        await pilot.press("n")  # episode 2: the agent plays it with the player's skills
        while not app.session.done:
            app.step_agent()
        await pilot.pause()
        app.open_replay(replay(app.store.get_episode("last")))
        await pilot.pause()
        screen = app.screen
        names = {s.name for s in app.session.agent.library}
        legend = screen.query_one(Timeline).legend
        assert legend and set(legend) <= names
        titles: list[str] = []  # every title shown: under load a 10-step replay can end before a look at the title

        def shown(title: str) -> None:
            titles.append(title)

        screen.watch(screen, "sub_title", shown, init=False)
        await pilot.press("space", "plus")
        assert any("playing at 8 steps/s" in title for title in titles), titles
        await pilot.pause()
        assert not [n for n in app._notifications if "speed" in n.message]
        footer_keys = {b.description for b in screen.BINDINGS}
        assert {"step", "back", "first", "last"} <= footer_keys


def test_replay_screen_snapshot(snap_compare):
    """A replay five steps in looks as recorded."""
    app = build_app()

    async def win_then_replay(pilot):
        await win_by_keys(app, pilot)
        row = replace(app.store.get_episode("last"), started_at="2026-01-01T00:00:00+00:00")
        clear_toasts(app)
        app.open_replay(replay(row))
        await pilot.pause()
        await pilot.press("right", "right", "right", "right", "right")

    assert snap_compare(app, terminal_size=SIZE, run_before=win_then_replay)


async def _replay_of_a_played_episode(app, pilot, actions):
    """Play ``actions`` as the person's own moves (fast, without key presses), finish the episode with the
    agent, and open its replay."""
    for action in actions:
        app.player_move(action.value)
    while not app.session.done:
        app.step_agent()
    await pilot.pause()
    clear_toasts(app)
    app.open_replay(replay(app.store.get_episode("last")))
    await pilot.pause()
    return app.screen


def _level_cells_on_screen(screen) -> None:
    """The replay's board is fully on screen and shows the recorded state's player (never clipped)."""
    grid = screen.query_one("#replay-grid")
    box = screen.query_one("#replay-grid-box").region
    assert screen.region.contains_region(box) and box.contains_region(grid.region)
    assert grid.region.width == grid.cell[0] * len(grid.rows_in_view[0])
    assert grid.region.height == grid.cell[1] * len(grid.rows_in_view)
    assert "@" in "".join(grid.rows_in_view)


async def test_a_big_level_replays_whole_at_80x24_with_the_main_grids_rule():
    """At 80x24 the largest built-in level replays whole (one-character cells: 2x1 would not fit), classic
    gets cells bigger than 2x1, both chosen by the main grid's rule (``fit_board``); the board follows the
    recorded steps."""
    from procmem_tui.tui.layout import fit_board
    from procmem_tui.tui.screens.replay import CHROME, PANELS
    from tui_helpers import largest_builtin

    for level, expected in ((largest_builtin(), (1, 1)), ("classic", None)):
        app = build_app("--level", level)
        async with app.run_test(size=(80, 24)) as pilot:
            lv = app.session.level
            screen = await _replay_of_a_played_episode(app, pilot, solve(lv)[:3])
            assert isinstance(screen, ReplayScreen)
            grid = screen.query_one("#replay-grid")
            board = fit_board((80 - PANELS, 24 - CHROME), (lv.width, lv.height))
            assert grid.cell == board.cell and not board.scrolls
            assert len(grid.rows_in_view) == lv.height and len(grid.rows_in_view[0]) == lv.width
            if expected:
                assert grid.cell == expected
            else:
                assert grid.cell[0] > 2
            _level_cells_on_screen(screen)
            await pilot.press("end")
            _level_cells_on_screen(screen)


async def test_a_level_too_big_even_for_one_character_cells_replays_in_a_window_that_follows_the_player():
    """A 32x32 generated layout at 80x24: the replay shows a window onto the level (like the main grid) that
    moves with the recorded player, and a resize to 240x70 shows it whole with bigger cells."""
    app = build_app("--family", "rooms", "--size", "32")
    async with app.run_test(size=(80, 24)) as pilot:
        plan = solve(app.session.level)
        screen = await _replay_of_a_played_episode(app, pilot, plan)
        grid = screen.query_one("#replay-grid")
        assert screen.board.scrolls and grid.cell == (1, 1) and len(grid.rows_in_view) < 32
        origins = set()
        for _ in range(len(screen.replay)):
            await type_keys(pilot, "right")  # one wait a step (``Pilot.press`` waits twice): each step still checked
            _level_cells_on_screen(screen)
            origins.add(grid.origin)
        assert len(origins) > 1, "the window never moved"
        await resize(pilot, 240, 70)
        await pilot.pause()
        assert not screen.board.scrolls and len(grid.rows_in_view) == 32 and grid.cell[0] >= 2
        _level_cells_on_screen(screen)


def test_replay_of_the_largest_level_at_80x24_snapshot(snap_compare):
    """A replay of the largest built-in level at 80x24, 25 steps in, looks as recorded."""
    from tui_helpers import largest_builtin

    app = build_app("--level", largest_builtin())

    async def play_then_replay(pilot):
        for action in solve(app.session.level)[:20]:
            app.player_move(action.value)
        while not app.session.done:
            app.step_agent()
        await pilot.pause()
        row = replace(app.store.get_episode("last"), started_at="2026-01-01T00:00:00+00:00")
        clear_toasts(app)
        app.open_replay(replay(row))
        await pilot.pause()
        await type_keys(pilot, *["right"] * 25)

    assert snap_compare(app, terminal_size=(80, 24), run_before=play_then_replay)


async def test_the_replay_board_title_is_cut_only_between_words_and_grows_with_the_window():
    """A fog replay of rooms4-16-s11-aC.bD.cB: at 80x24 its title is the level's name alone (name, size and sight
    do not fit; Textual cut it inside '16x16' and lost the sight), at 200x60 all three."""
    app = build_app("--level", "rooms4-16-s11-aC.bD.cB", "--view", "3")
    async with app.run_test(size=(80, 24)) as pilot:  # played by the solver's moves: the agent's fog episode costs
        screen = await _replay_of_a_played_episode(app, pilot, solve(app.session.level))
        box = screen.query_one("#replay-grid-box")
        assert str(box.border_title) == "rooms4-16-s11-aC.bD.cB"
        await resize(pilot, 200, 60)
        await pilot.pause()
        assert str(box.border_title) == "rooms4-16-s11-aC.bD.cB · 16x16 · sight 3"


async def test_a_name_too_long_for_the_replay_title_leaves_the_sight():
    """A fog replay of rooms4-28-s507-any+consumed at 80x24: the name does not fit the board's column, so the
    title says 'sight 3' alone (it was empty: the sight went with the name)."""
    app = build_app("--level", "rooms4-28-s507-any+consumed", "--view", "3")
    async with app.run_test(size=(80, 24)) as pilot:  # played by the solver's moves, as above
        screen = await _replay_of_a_played_episode(app, pilot, solve(app.session.level))
        assert str(screen.query_one("#replay-grid-box").border_title) == "sight 3"


async def test_the_replay_says_you_for_an_episode_played_alone_and_with_the_agent_when_both_played():
    """The replay's episode panel names who played from the steps: "you reached the goal" for an episode won by
    keys alone (it said "you (with the agent)" for every episode a person touched), "you (with the agent)" when
    the agent chose some of the steps."""
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _win_and_open_browser(app, pilot)
        assert "\nyou reached the goal in" in screen._episode_text()
        await pilot.press("escape", "escape")
        await until(pilot, lambda: app.screen is app.main)
        await pilot.press("right", "right")  # the next episode, then one move by hand
        while not app.session.done:
            app.step_agent()
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EpisodeBrowser))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReplayScreen))
        assert app.screen.replay.row.episode == 2
        assert "\nyou (with the agent) reached the goal in" in app.screen._episode_text()
