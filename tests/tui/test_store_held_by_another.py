"""Another process holding the library's write lock (a ``prune`` compacting a large library, a second ``procmem``)
never holds up the game: the episode's record waits in the saver's thread (``tui.saving``) while play goes on, and
is written, in order, once the library is free. The app says it is waiting; a record still waiting when the app
ends is waited for after the screen is gone and, if the library stays held, named as not saved; never dropped
silently, and the library is never left half written. The record was written on the event loop, where SQLite's
30 s wait froze the game and then lost the episode."""

from __future__ import annotations

import sqlite3

from textual.widgets import DataTable
from procmem_tui.commands import common, play
from procmem_tui.memory import SkillStore
from procmem_tui.memory import store as store_module
from procmem_tui.tui import app as app_module
from procmem_tui.tui.app import ProcmemApp
from procmem_tui.tui.editing import edit_shown
from procmem_tui.tui.screens.editor import EditorScreen
from procmem_tui.tui.screens.trial import TrialScreen
from procmem_tui.tui.screens.curves import CurvesScreen
from procmem_tui.tui.screens.episodes import EpisodeBrowser
from procmem_tui.tui.screens.replay import ReplayScreen
from tui_helpers import SIZE, _parser, press_until, until, win_by_keys


def file_app(library, *argv: str) -> ProcmemApp:
    """The app as ``procmem play --library FILE`` builds it (a file: another connection can hold its lock)."""
    args = _parser().parse_args(["play", "--library", str(library), "--seed", "0", "--level", "classic", *argv])
    session, store, factory = play.build(args)
    return ProcmemApp(session, store, agent_name=args.agent, speed=args.speed, autoplay=args.autoplay,
                      agent_factory=factory, seed=args.seed, view=args.view)


def hold(library) -> sqlite3.Connection:
    """Another process's write lock on the library (a second connection in ``BEGIN IMMEDIATE``)."""
    other = sqlite3.connect(str(library), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def log_lines(app) -> list[str]:
    return [str(line) for line in app.main.query_one("#log").history]


async def win_while_held(app, pilot, library) -> sqlite3.Connection:
    """Another process takes the library's lock, then episode 1 is won by keys: its record waits in the app's saver,
    which tries again every 0.02 s. Returns the other process's connection, to let go of the lock."""
    app.saver.try_again = 0.02
    other = hold(library)
    await win_by_keys(app, pilot, saved=False)
    return other


async def test_a_held_library_does_not_hold_up_the_game_and_the_episode_is_saved_when_it_frees(tmp_path):
    """Two episodes won while the library is held: each win returns at once, the next episode starts with the next
    number, the app says the record waits; the episode browser lists both waiting episodes (marked ``*``, newest
    first) and replays the newest, and the curves count them (they read only the library, so the episodes just
    played were missing from all three); once the lock is let go both are recorded, in order, with their skills
    and the agent's knowledge, and the browser lists them as saved."""
    library = tmp_path / "lib.sqlite3"
    app = file_app(library)
    async with app.run_test(size=SIZE) as pilot:
        app.saver.tell_after = 0.0
        other = await win_while_held(app, pilot, library)  # the record waits in the saver's thread; the game does not
        assert app.session.finished.episode == 1
        await press_until(pilot, "up", lambda: not app.session.done)
        assert app.session.episode == 2 and app.saver.waiting() == 1
        await win_by_keys(app, pilot, saved=False)
        await press_until(pilot, "up", lambda: not app.session.done)
        assert app.session.episode == 3 and app.saver.waiting() == 2
        await press_until(pilot, "up", lambda: any("episode 1 is not saved yet" in line for line in log_lines(app)))
        assert any("saved as soon as the library is free" in line for line in log_lines(app))
        await pilot.press("e")
        browser = app.screen
        assert isinstance(browser, EpisodeBrowser), "the episode browser did not open"
        table = browser.query_one(DataTable)
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == ["2*", "1*"], "waiting episodes not listed"
        assert "not saved yet" in str(browser.query_one("#episodes-count").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen), "the waiting episode did not replay"
        assert app.screen.replay.row.episode == 2 and len(app.screen.replay) == app.session.history[-1].steps
        assert "not saved yet" in app.screen._episode_text()
        await pilot.press("escape", "c")
        await pilot.pause()
        assert isinstance(app.screen, CurvesScreen), "the curves did not open"
        assert "classic: 2 episodes, 100% won" in str(app.screen.query_one("#curves-summary").render())
        await pilot.press("escape")
        other.rollback()
        other.close()
        assert app.saver.wait(10)
        await press_until(pilot, "up", lambda: any("episodes 1 to 2 saved: the library was free again" in line for line in log_lines(app)))
        await pilot.press("e")
        table = app.screen.query_one(DataTable)
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == ["2", "1"], "saved episodes listed twice"
        await pilot.press("escape")
        episodes = app.store.list_episodes()
        assert sorted(row.episode for row in episodes) == [1, 2]
        assert app.store.skill_count() == len(app.session.agent.library) > 0
        assert app.store.load_knowledge(app.session.agent.name)


async def test_a_record_still_waiting_at_exit_is_named_not_saved_and_the_library_stays_whole(tmp_path, monkeypatch,
                                                                                             capsys):
    """The app ends while the library is held: the terminal is told it waits, then which episode was not saved;
    the library holds nothing half written and takes the next session's records."""
    monkeypatch.setattr(app_module, "EXIT_PATIENCE", 0.3)
    monkeypatch.setattr(app_module, "UNMOUNT_PATIENCE", 0.05)
    library = tmp_path / "lib.sqlite3"
    app = file_app(library)
    other = None
    async with app.run_test(size=SIZE) as pilot:
        other = hold(library)
        await win_by_keys(app, pilot, saved=False)
    assert app.store is not None  # left open for the last call, after the screen is gone
    common._last_writes(app)
    said = capsys.readouterr().err
    assert "procmem: episode 1 is not saved yet: another process holds the library; waiting up to" in said
    assert "procmem: episode 1 is not saved: another process held the library" in said
    other.rollback()
    other.close()
    with SkillStore.open(library) as store:
        assert (store.episode_count(), store.last_episode(), store.skill_count()) == (0, 0, 0)
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_a_lost_record_s_skills_go_with_the_next(tmp_path, monkeypatch):
    """A record the library refused (not a lock: an error of its own) is said so in red, and play goes on
    without saving; the skills it carried are marked unsaved in the agent's library again, not forgotten."""
    library = tmp_path / "lib.sqlite3"
    app = file_app(library)
    async with app.run_test(size=SIZE) as pilot:
        def refused(self, *args, **kwargs):
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(SkillStore, "record_episode", refused)
        await win_by_keys(app, pilot, saved=False)
        await press_until(pilot, "up", lambda: any("could not be saved" in line for line in log_lines(app)))
        assert any("episode 1 could not be saved: disk I/O error; playing on without saving" in line
                   for line in log_lines(app))
        assert app.store is None and app.session.store is None
        assert app.session.agent.library.dirty_ids()  # the skills learned are still to be saved


async def test_clearing_the_library_while_a_record_waits_clears_it_after_the_record(tmp_path):
    """The library is cleared while an episode's record waits for it: once free, the record is written and then the
    clear, so no skill of the waiting record comes back into the cleared library."""
    library = tmp_path / "lib.sqlite3"
    app = file_app(library)
    async with app.run_test(size=SIZE) as pilot:
        other = await win_while_held(app, pilot, library)
        app.changes.clear_library()
        assert len(app.session.agent.library) == 0 and app.saver.waiting() == 2
        other.rollback()
        other.close()
        assert app.saver.wait(10)
        assert app.store.skill_count() == 0 and app.store.episode_count() == 1


async def test_an_editor_try_while_the_library_is_held_returns_at_once_and_is_saved_behind_the_game(tmp_path,
                                                                                                    monkeypatch):
    """The agent tries the shown level from the editor (t: the library in use) while another process holds the
    library: the try ends at once and its record waits in the app's saver, behind the game's; once free, both are
    written, and the game's episode keeps its number. The try's record was written on the event loop, where
    SQLite waited for the lock (30 s; 1 s here) and then failed."""
    monkeypatch.setattr(store_module, "WAIT", 1)
    library = tmp_path / "lib.sqlite3"
    app = file_app(library)
    async with app.run_test(size=SIZE) as pilot:
        other = await win_while_held(app, pilot, library)
        edit_shown(app)
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        editor = app.screen
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TrialScreen))
        await pilot.press("enter")  # the agent plays the rest at once
        await until(pilot, lambda: app.screen is editor)
        assert "reached the goal" in str(editor.query_one("#editor-result").render())
        assert app.saver.waiting() == 2 and app.store.episode_count() == 0
        other.rollback()
        other.close()
        assert app.saver.wait(10)
        await pilot.pause()
        assert [row.episode for row in app.store.list_episodes()] == [2, 1]
        assert app.session.history[-1].episode == 1 and app.session.history[-1].episode_id is not None
