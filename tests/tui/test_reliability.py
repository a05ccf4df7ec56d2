"""The app under hostile input: PageDown right after ctrl+p (Textual 8.2.8's ``KeyError: 0``) does not end it, a
replayed episode's Rich markup and escape codes are shown literally, and an error inside the app ends it with
``failure`` set for the CLI's one-line boundary instead of Textual's traceback."""

from __future__ import annotations

import asyncio
import json

from textual.command import CommandList, CommandPalette
from textual.widgets import Static

from procmem_tui.errors import describe
from procmem_tui.recording import episode_from_json, episode_to_json, replay
from procmem_tui.tui.palette import SafeCommandPalette
from tui_helpers import build_app


async def _palette_list_just_shown(app) -> CommandList:
    """Open the palette and return as soon as its list is visible, before Textual has laid it out."""
    app.action_command_palette()
    for _ in range(10_000):
        if isinstance(app.screen, CommandPalette):
            found = app.screen.query(CommandList)
            if found and found.first().has_class("--visible"):
                return found.first()
        await asyncio.sleep(0)
    raise AssertionError("the command list never became visible")


async def test_pagedown_right_after_ctrl_p_moves_a_page_instead_of_crashing():
    """The moment that crashes Textual 8.2.8 (list visible and highlighted, not laid out): PageDown is kept until
    the list has its size, then moves a page; the app keeps running."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        commands = await _palette_list_just_shown(app)
        assert isinstance(app.screen, SafeCommandPalette)
        assert commands.highlighted == 0 and not commands.scrollable_content_region  # the crashing state
        await app._check_bindings("pagedown")
        for _ in range(50):
            await pilot.pause()
            if commands.highlighted:
                break
        assert app.is_running and isinstance(app.screen, SafeCommandPalette)
        assert commands.highlighted > 0
        await pilot.press("pagedown", "pageup", "pagedown")
        await pilot.press("escape")
        assert app.failure is None


async def test_markup_and_escape_codes_in_a_replayed_episode_are_shown_literally():
    """A tampered episode file names its level '[bold red]x[/]' with an escape code and gives a step the reason
    '[link=file:///etc]y[/]': the replay screen shows both as written, without the escape."""
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        from procmem_tui.agents import make_agent
        from procmem_tui.session import LevelSource, Session
        from procmem_tui.world import load_level

        session = Session(LevelSource.fixed(load_level("classic")), make_agent("planner"), app.store)
        episode = app.store.get_episode(session.run_episode().episode_id)
        doc = json.loads(episode_to_json(episode))
        doc["level_name"] = "[bold red]x[/]\x1b[2J"
        doc["decisions"][0]["reason"] = "[link=file:///etc]y[/]"
        rec = replay(episode_from_json(json.dumps(doc)))
        app.open_replay(rec)
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        texts = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "[bold red]x[/]" in texts and "[link=file:///etc]y[/]" in texts and "\x1b" not in texts


async def test_an_error_inside_the_app_becomes_its_failure_not_a_traceback(tmp_path, monkeypatch):
    """An exception in a handler ends the app with failure set and exit code 1, no Textual traceback; the one line
    names it and the crash report holds it."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    app = build_app()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            def broken() -> None:
                raise RuntimeError("a bug in a handler")

            app.action_help = broken
            await pilot.press("question_mark")
            await pilot.pause()
    except RuntimeError:
        pass  # Pilot re-raises what ended the app, as Textual does
    assert isinstance(app.failure, RuntimeError) and app.return_code == 1
    assert not app._exit_renderables  # no Textual traceback is printed on exit
    message, code = describe(app.failure, ["play"])
    assert code == 1 and "internal error (RuntimeError: a bug in a handler)" in message
    assert "a bug in a handler" in next(tmp_path.rglob("crash-*.txt")).read_text()



def test_the_map_picker_lists_a_saved_level_without_its_control_characters(tmp_path, monkeypatch):
    """A saved level whose description carries an escape sequence is listed in the map picker with the sequence
    stripped, as the built-in levels are (both go through one ``level_line``)."""
    from procmem_tui.editing.user_levels import user_levels_dir
    from procmem_tui.tui.screens.map_picker import saved_levels

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = user_levels_dir()
    folder.mkdir(parents=True)
    (folder / "evil.txt").write_text("; name: evil\n; description: a \x1b]0;pwned\x07 room\n@.G\n", encoding="utf-8")
    [(name, _, text)] = saved_levels()
    assert name == "evil" and "(yours)" in text and "room" in text
    assert "\x1b" not in text and "\x07" not in text


async def test_the_collector_is_left_as_it_was_by_an_app_built_and_by_an_app_run():
    """The app freezes what exists while it runs (fewer objects for every collection) and hands it back when it
    ends; an app that is built but never run (a test, an embedding program) must not leave the collector frozen."""
    import gc

    before = gc.get_freeze_count()
    app = build_app()
    app.store.close()
    assert gc.get_freeze_count() == before
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() > before
    assert gc.get_freeze_count() == before and gc.isenabled()
