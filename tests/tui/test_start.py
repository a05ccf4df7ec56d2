"""The app's two-step start (``tui.start``): ``procmem play`` paints the first level before numpy, SQLite, the
library and the agent are loaded, then shows exactly what a session built up front shows."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from textual import events

from procmem_tui.cli import UserError, build_parser
from procmem_tui.commands import play
from procmem_tui.tui import start
from procmem_tui.tui.widgets.grid import GridView
from tui_helpers import build_app

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "sqlite3", "tcod", "gymnasium", "procmem_tui.agents.procedural", "procmem_tui.memory.store",
         "procmem_tui.memory.library", "procmem_tui.agents.knowledge", "procmem_tui.session", "procmem_tui.agents.base",
         "procmem_tui.editing", "rich._emoji_codes", "textual.widgets._data_table")

FIRST_FRAME = r"""
import asyncio, json, sys
from dataclasses import replace
import procmem_tui.tui.app
from procmem_tui.cli import build_parser
from procmem_tui.commands import play
from procmem_tui.tui.widgets.grid import GridView

HEAVY = %r
seen = {"imported": [m for m in HEAVY if m in sys.modules]}
args = build_parser(["play"])[0].parse_args(["play", "--fresh"])
app = play.make_app(args)
build = app.deferred.build

def observed_build():
    grid = app.main.query_one(GridView)
    seen["board"] = "".join(grid.render_line(y).text for y in range(grid.size.height))
    seen["loaded"] = [m for m in HEAVY if m in sys.modules]
    return build()

app.deferred = replace(app.deferred, build=observed_build)

async def main():
    async with app.run_test(size=(80, 24)):
        await app.started.wait()
    print(json.dumps(seen))

asyncio.run(main())
""" % (HEAVY,)


def _args(*argv: str):
    return build_parser(["play"])[0].parse_args(["play", "--fresh", "--seed", "0", *argv])


def test_the_first_frame_is_painted_before_numpy_sqlite_and_the_agent_load():
    """In a fresh interpreter, importing the app, the CLI and ``play`` loads none of numpy, SQLite, tcod,
    Gymnasium, the agent, the store, the session, the editor's package, Rich's emoji table or Textual's DataTable
    (the skills table mounts after the first frame), and the board (player and goal) is on screen before they
    load: they cost more than Textual's own start, so the first frame must not wait for them."""
    done = subprocess.run([sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["imported"] == [] and seen["loaded"] == [], seen
    assert "@@" in seen["board"] and "★" in seen["board"], seen["board"]


@pytest.mark.parametrize("size", [(80, 24), (240, 70)])
async def test_the_loaded_screen_is_the_one_a_session_built_first_shows(size):
    """Once loaded, the deferred start shows the same screen, character for character, as the app handed a
    session built before it started (the board, titles, panels, log and hint; at 240x70 the per-episode bars
    too): the panels its first frame left empty are mounted in their places."""
    deferred_app, built_app = play.make_app(_args()), build_app()
    screens = []
    for app in (deferred_app, built_app):
        async with app.run_test(size=size) as pilot:
            await app.started.wait()
            await pilot.pause()
            screens.append(app.export_screenshot())
    assert deferred_app.session is not None and deferred_app.deferred is None
    assert screens[0] == screens[1]


async def test_keys_pressed_before_the_session_exists_act_in_order_once_it_is_there(monkeypatch):
    """Keys that arrive while only the board is drawn wait: once the session is built they move the player,
    in order, as if pressed after."""
    app = play.make_app(_args())
    at_build = {}
    build = app.deferred.build

    def observed_build():
        at_build.update(session=app.session, started=app.started.is_set())
        return build()

    app.deferred = replace(app.deferred, build=observed_build)
    first_frame = start.preview

    def preview_then_keys(app_, deferred):
        first_frame(app_, deferred)
        for key in ("right", "right", "up"):
            app_.post_message(events.Key(key, None))

    monkeypatch.setattr(start, "preview", preview_then_keys)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.started.wait()
        await pilot.pause()
        assert at_build == {"session": None, "started": False}
        assert app.session.state.pos == (2, 1) and app.session.state.steps == 3


async def test_a_failure_while_loading_ends_the_app_with_that_error():
    """What the deferred build raises ends the app (exit code 1) with the error kept for the CLI's boundary,
    which prints it as one line."""
    app = play.make_app(_args())

    def broken():
        raise UserError("the library went away")

    app.deferred = replace(app.deferred, build=broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert isinstance(app.failure, UserError) and app.return_code == 1
    assert app.session is None and not app.started.is_set()


def test_a_level_under_fog_is_built_before_the_first_frame():
    """A level with a sight radius needs the agent's sight for its first frame: its session is built first."""
    app = play.make_app(_args("--level", "classic", "--view", "2"))
    assert app.deferred is None and app.session is not None and app.session.view == 2
    app.flush_store()


@pytest.mark.parametrize("when", ["during the build", "while the panels are mounted"])
async def test_an_exit_asked_while_the_session_is_loaded_ends_the_app_without_a_failure(when, monkeypatch):
    """A signal that arrives while the deferred start builds the session or mounts the panels the first frame left
    empty (SIGTERM asks ``app.exit(return_code=143)``) ends the app with that code, not with an internal error:
    mounting into a closing screen raised MountError, which the CLI reported as a crash with exit code 1."""
    from procmem_tui.tui.screens.main import MainScreen

    app = play.make_app(_args())
    build, complete = app.deferred.build, MainScreen.complete

    def build_then_exit():
        built = build()
        if when == "during the build":
            app.exit(return_code=143)
        return built

    async def exit_then_complete(screen):
        app.exit(return_code=143)
        await asyncio.sleep(0.05)  # the app closes its screens meanwhile, as a signal's exit does
        await complete(screen)

    app.deferred = replace(app.deferred, build=build_then_exit)
    if when != "during the build":
        monkeypatch.setattr(MainScreen, "complete", exit_then_complete)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.failure is None and app.return_code == 143
