"""The game talks like a game: a log line per event (keys, doors, bumps folded ×N, restarts), a key underfoot
on the board, a first-run hint, the Why line in words and whole words, q asking before ending a game, the
palette finding themes by any word, vi keys in lists, skill details naming the level, a scrolling board saying
so."""

from __future__ import annotations

from tui_helpers import SIZE, build_app, plan_keys, press_until, type_keys, until

from procmem_tui.tui.screens.confirm import QuitScreen
from procmem_tui.tui.widgets.event_log import EventLog
from procmem_tui.tui.widgets.grid import GridView


def _log(app) -> list[str]:
    return app.main.query_one(EventLog).history


async def test_the_palette_finds_themes_by_any_word_and_keys_doors_bumps_and_restarts_each_get_one_line():
    """In one app on classic (each part started the same one; the palette's search changes nothing in the game):
    - the palette matches a command by any of its words: contrast finds the high-contrast theme, door does not;
    - by keys: "you picked up key a", "you opened door A"; three bumps into the edge fold into one line "×3"; r
      logs the restart."""
    from procmem_tui.tui.palette import ProcmemCommands, word_match

    assert word_match("contrast", "Theme: procmem-high-contrast") > 0
    assert word_match("door", "Theme: procmem-high-contrast") == 0
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = ProcmemCommands(app.screen)
        hits = [hit async for hit in provider.search("contrast")]
        assert any("high-contrast" in str(hit.text) for hit in hits)

        await pilot.press("left", "left", "left")
        await pilot.pause()
        assert _log(app)[-1] == "that is the edge of the level ×3"
        await pilot.press("r")
        await pilot.pause()
        assert _log(app)[-1].startswith("restarted")
        await type_keys(pilot, *plan_keys(app))
        await pilot.pause()
        log = _log(app)
        assert "you picked up key a" in log and "you opened door A" in log


async def test_a_key_underfoot_shows_on_the_board():
    """Standing on key a (classic: right, right, up, up) the player's cell reads "@a", not "@@"."""
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right", "up", "up")
        await pilot.pause()
        grid = app.main.query_one(GridView)
        text = "\n".join(grid.render_line(y).text for y in range(grid.size.height))
        assert "@a" in text and "@@" not in text
        await pilot.press("p")
        await pilot.pause()
        text = "\n".join(grid.render_line(y).text for y in range(grid.size.height))
        assert "@@" in text and "@a" not in text


async def test_q_asks_during_a_game_and_q_again_quits():
    """Mid-episode q opens a question (Esc goes back to the same game); q q quits. Before any move q quits. The
    question says what quitting loses and what it keeps (it said only "will not be saved", which read as if the
    world model learned in the episode were lost too)."""
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen) and app.is_running
        assert "what the agent learned about the world in it is kept" in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main and app.session.state.steps == 1
        await pilot.press("q", "q")
        await pilot.pause()
    assert app.return_code == 0 and app.store is None
    fresh = build_app()
    async with fresh.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not fresh.is_running


async def test_q_while_the_agent_plays_holds_the_game_until_answered():
    """q during autoplay pauses the agent while the question is up (no step is played, nothing is saved behind
    it, so "not finished: it will not be recorded" stays true); Esc gives the agent control back."""
    from procmem_tui.tui.app import AUTO, PAUSED

    app = build_app("--level", "maze", "--autoplay", "--speed", "60")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.session.state.steps > 2)
        await press_until(pilot, "q", lambda: isinstance(app.screen, QuitScreen))
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen) and app.play_mode == PAUSED
        steps = app.session.state.steps
        await pilot.pause(0.3)
        assert app.session.state.steps == steps and app.session.episode == 1
        await press_until(pilot, "escape", lambda: app.session.state.steps > steps)
        assert app.screen is app.main and app.play_mode == AUTO


async def test_the_first_level_hints_what_to_do_and_the_why_line_speaks_in_words_and_never_cuts_a_word():
    """In one app on classic at 80x24 (each part started the same one; the first reads the screen before any key):
    - a first run: the log and the Why line say "get @@ to ★: stand on ⌐a and press p, then beside ■A press o",
      and the log says the level;
    - after the person's win the agent plays from memory: its Why line has no raw "sim 0.98, post 0.46", and at
      80 columns every line ends at a whole word (or "… y"), and y shows the whole text, its lines kept apart
      (the first-run hint's two lines ran together: "… the agent plays get @@ to ★ …")."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        hint = "get @@ to ★: stand on ⌐a and press p, then beside ■A press o"
        assert any(hint in line for line in _log(app))
        assert hint in app.view.why.text
        assert any(line.startswith("classic: the tutorial's") for line in _log(app))

        await pilot.press("y")
        await pilot.pause()
        first_run = app.view.why_text
        assert "\n" in first_run and [n.message for n in app._notifications][-1].count("\n") == first_run.count("\n")
        await type_keys(pilot, *plan_keys(app))
        await pilot.press("n")
        await pilot.pause()
        for _ in range(4):
            app.step_agent()
        await pilot.pause()
        why = app.view.why
        full = why.text
        assert "sim " not in full and "post " not in full
        shown = [why.render_line(y).text.rstrip() for y in range(why.size.height)]
        words = set(full.replace("\n", " ").split())
        for line in shown:
            last = line.removesuffix(" … y").split()[-1] if line.strip() else ""
            assert not last or last in words, (last, shown)
        await pilot.press("y")
        await pilot.pause()
        assert any(full.split("\n")[0][:40] in n.message for n in app._notifications)


async def test_skill_details_name_the_level_and_j_k_g_G_move_through_the_episode_browser():
    """After three wins, a skill's conditions name the level (level classic), never its fingerprint; in the episode
    browser j and k move the cursor down and up, G to the last row, g to the first."""
    from procmem_tui.tui.screens.episodes import EpisodeBrowser
    from tui_helpers import win_by_keys

    from procmem_tui.tui.screens.skill import precondition_words

    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await win_by_keys(app, pilot)
            await pilot.press("n")
        for skill in app.session.agent.library:  # a skill's details name the level, not its fingerprint
            words = precondition_words(skill, getattr(app.session.agent, "fingerprint", None))
            assert "level:" not in words
            if any(p.startswith("level:") for p in skill.preconditions):
                assert "level classic" in words
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EpisodeBrowser)
        table = app.screen.query_one("#episodes-table")
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0




async def test_a_scrolling_board_says_it_scrolls():
    """A 32x32 level at 80x24 shows through a window: the board's subtitle says which rows show."""
    app = build_app("--family", "doorkey", "--size", "32")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        subtitle = str(app.main.query_one("#grid-box").border_subtitle)
        assert "↕" in subtitle and "of 32" in subtitle
