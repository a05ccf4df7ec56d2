"""Every dialog's footer lists the dialog's own keys (its way back, a list's ``j k``/``g G``, its actions) and
none of the game's: the game's bar under a dialog used to show ``move``, ``pickup`` and ``play`` there, keys
that do nothing in it. When the dialog closes, the game's keys are back. All at 80x24, read from the screen."""

from __future__ import annotations

import pytest
from editor_helpers import editor_app, settle
from tui_helpers import build_app, win_by_keys

from procmem_tui.tui.textual_private import screen_text

SIZE = (80, 24)
GAME_KEYS = ("↑↓←→ move", "p pickup", "o open", "space play", "n step")
LIST_KEYS = ("j k down/up", "g G first/last")


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def footer(app) -> str:
    return screen_text(app)[-1]


def entries(line: str) -> list[str]:
    """The footer's entries (``key description``, two spaces apart)."""
    return [entry.strip() for entry in line.split("  ") if entry.strip()]


def assert_own_keys(app, name: str, *wanted: str) -> None:
    line = footer(app)
    missing = [entry for entry in wanted if entry not in entries(line)]
    game = [entry for entry in GAME_KEYS if entry in entries(line)]
    assert not missing and not game, f"{name}: footer {line!r} lacks {missing}, shows the game's {game}"


async def test_each_dialog_of_the_game_shows_its_own_keys_and_the_game_keys_come_back():
    app = build_app("--level", "classic")
    async with app.run_test(size=SIZE) as pilot:
        await win_by_keys(app, pilot)
        await pilot.press("up")
        for key, name, wanted in (
            ("question_mark", "help", ("j k scroll", "g G top/end", "esc close")),
            ("i", "skill details", (*LIST_KEYS, "esc close")),
            ("c", "learning curves", ("esc close",)),
            ("m", "map picker", (*LIST_KEYS, "⏎ choose", "tab next field", "esc cancel")),
            ("f", "knowledge", (*LIST_KEYS, "tab other list", "esc close")),
            ("e", "episode browser", (*LIST_KEYS, "⏎ replay", "esc close")),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not app.main, name
            assert_own_keys(app, name, *wanted)
            if name == "help":  # what the footer says works
                await pilot.press("j", "j")
                assert app.screen.query_one("#help-body").scroll_y > 0
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is app.main and "↑↓←→ move" in entries(footer(app)), f"after {name}: {footer(app)!r}"
        await pilot.press("e", "enter")
        await pilot.pause()
        assert_own_keys(app, "replay", "→ step", "t take over", "esc close")
        await pilot.press("escape", "escape", "right", "q")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuitScreen"
        assert_own_keys(app, "quit?", "q quit", "esc cancel")


async def test_the_editor_dialogs_show_their_own_keys_not_the_editor_s():
    from procmem_tui.tui.screens.editor_dialogs import NewLevelScreen

    app = editor_app("classic")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert "^s save" in entries(footer(app))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert_own_keys(app, "save as", "esc cancel")
        assert "^s save" not in footer(app)
        await pilot.press("escape")
        app.push_screen(NewLevelScreen(shown="classic"))
        await pilot.pause()
        assert_own_keys(app, "new level", "esc cancel")
        assert "^s save" not in footer(app)
