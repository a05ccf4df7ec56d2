"""ctrl+z in the game suspends procmem to the shell, as in any terminal program, and ``fg`` draws the whole screen
again. Textual reads keys raw, so ctrl+z once did nothing; bound alone, ``fg`` came back to a blank screen until a
widget changed (Textual redraws what changed; the shell had drawn over the rest)."""

from __future__ import annotations

from tui_helpers import SIZE, build_app

from procmem_tui.tui.screens.main import MainScreen


def test_ctrl_z_in_the_game_suspends_the_process():
    bound = {b.key: b.action for b in MainScreen.BINDINGS}
    assert bound["ctrl+z"] == "app.suspend_process"


async def test_coming_back_from_a_suspend_redraws_the_whole_screen(monkeypatch):
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        calls = []
        monkeypatch.setattr(type(app.screen), "refresh", lambda self, *a, **k: calls.append(k) or self)
        app.app_resume_signal.publish(app)  # what Textual's driver posts after SIGCONT (fg)
        await pilot.pause()
        assert calls and calls[-1].get("layout")
