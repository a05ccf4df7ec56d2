"""Fog is turned on and off in the app, from the palette ("fog" finds it), not only by quitting and starting again
with ``--view N``: a new user reads of fog in the help and found nothing in the app that turned it on. On, the
level shown and every one chosen after are played under sight 3 (the benchmarks' fog), a generated family too; off,
the whole level is in sight again, also on a level whose own header asks for fog."""

from __future__ import annotations

from procmem_tui.tui.palette import FOG_RADIUS, ProcmemCommands
from procmem_tui.tui.messages import LevelChosen
from tui_helpers import SIZE, build_app, palette_command


def titles(app) -> list[str]:
    return [title for title, _, _ in ProcmemCommands(app.screen)._commands()]


async def test_fog_on_and_off_from_the_palette():
    app = build_app("--level", "classic")
    async with app.run_test(size=SIZE) as pilot:
        assert app.session.view is None and "Fog on: sight 3 cells" in titles(app)
        await palette_command(pilot, "fog")
        assert app.session.view == FOG_RADIUS == 3 and app.session.level.name == "classic"
        assert app.session.state.steps == 0 and "Fog off: the whole level in sight" in titles(app)
        assert app.check_action("watch", ()) is True  # v: the whole level, while the agent plays
        app.choose_level(LevelChosen(level="two_doors"))  # the next level chosen is under fog too
        assert app.session.view == 3 and app.session.level.name == "two_doors"
        app.choose_level(LevelChosen(family="doorkey", size=8))
        assert app.session.view == 3
        app.changes.set_fog(None)
        await pilot.pause()
        assert app.session.view is None and app.session.source.family == "doorkey"
        assert "Fog on: sight 3 cells" in titles(app)


async def test_fog_off_lifts_a_level_s_own_fog():
    app = build_app("--level", "classic", "--view", "2")
    async with app.run_test(size=SIZE) as pilot:
        assert app.session.view == 2
        app.changes.set_fog(None)
        await pilot.pause()
        assert app.session.view is None
        assert any("fog off: the whole level is in sight" in str(line) for line in app.main.query_one("#log").history)
