"""``procmem [play]``: everything a user can get wrong ends in one line and exit 1, before the app starts."""

from __future__ import annotations

import pytest

from procmem_tui.cli import main
from procmem_tui.tui.app import ProcmemApp
from tui_helpers import SIZE, build_app, type_keys


@pytest.mark.parametrize("argv, fragment", [
    (["--level", "nosuch"], "no such level"),
    (["--speed", "99"], "--speed: must be from 1 to 60"),
    (["--agent", "bogus"], "unknown agent 'bogus'"),
    (["--family", "doorkey", "--size", "99"], "--size: must be from 5 to 32, not 99"),
    (["--seed", "-1"], "--seed: must be from 0"),
])
def test_bad_arguments_end_in_one_line_and_exit_1(argv, fragment, capsys, monkeypatch):
    """One line and exit 1 (exit 2 for a flag argparse itself refuses, such as a seed or speed out of range)."""
    monkeypatch.setattr(ProcmemApp, "run", lambda self: pytest.fail("the app started"))
    try:
        code = main(["--fresh", *argv])
    except SystemExit as exc:
        code = exc.code
    assert code == (2 if {"--seed", "--speed", "--size"} & set(argv) else 1)
    err = capsys.readouterr().err
    assert fragment in err and err.count("\n") == 1


def test_a_damaged_library_file_is_refused_before_start(tmp_path, capsys, monkeypatch):
    """A library file that is not one is refused in one line naming it, exit 1, before the app starts, and left
    untouched."""
    junk = tmp_path / "skills.db"
    junk.write_bytes(b"this is not a library\n")
    monkeypatch.setattr(ProcmemApp, "run", lambda self: pytest.fail("the app started"))
    assert main(["play", "--library", str(junk)]) == 1
    err = capsys.readouterr().err
    assert "skills.db" in err and err.count("\n") == 1
    assert junk.read_bytes() == b"this is not a library\n"  # never overwritten


def test_the_app_is_started_with_the_chosen_options(monkeypatch):
    """procmem's flags reach the app: level, agent, speed, autoplay; the library is closed after the run."""
    started = {}
    monkeypatch.setattr("procmem_tui.commands.terminal.require_terminal", lambda: None)  # as on a terminal
    monkeypatch.setattr(ProcmemApp, "run", lambda self: (self.load(), started.update(app=self)))  # as after the first frame
    assert main(["--fresh", "--level", "two_doors", "--agent", "planner", "--speed", "30", "--autoplay"]) == 0
    app = started["app"]
    assert app.session.level.name == "two_doors" and app.agent_name == "planner"
    assert app.speed == 30 and app.play_mode == "AUTO"
    assert app.store is None  # flushed and closed after run


async def test_a_library_save_failure_is_reported_in_the_app_not_a_crash(app):
    """A library that fails to record a won episode is reported in the log and dropped, and the game goes on to the
    next episode."""
    class BrokenStore:
        def allocate_episode(self):
            return 1

        def record_episode(self, trajectory, **details):
            from procmem_tui.memory.store import StoreError

            raise StoreError("disk full")

        def save_library(self, library):
            pass

        def transaction(self):
            from contextlib import nullcontext

            return nullcontext()

    async with app.run_test(size=SIZE) as pilot:
        app.session.store = app.store = BrokenStore()
        from tui_helpers import plan_keys

        await type_keys(pilot, *plan_keys(app))
        for _ in range(100):  # the record is written (and fails) in the saver's thread
            await pilot.pause(0.05)
            if app.store is None:
                break
        assert app.session.done and app.store is None
        assert any("disk full" in line for line in app.main.query_one("#log").history)
        await pilot.press("up")  # the next key starts the next episode, as usual
        assert app.session.episode == 2 and not app.session.done


async def test_the_high_contrast_theme_is_registered(app):
    """The high-contrast theme is available and can be chosen."""
    async with app.run_test(size=SIZE):
        assert "procmem-high-contrast" in app.available_themes
        app.theme = "procmem-high-contrast"
        assert app.theme == "procmem-high-contrast"


def test_build_app_helper_uses_a_fresh_library():
    """The tests' app helper plays on a fresh in-memory library, never the user's."""
    app = build_app()
    assert app.store.path == ":memory:"
