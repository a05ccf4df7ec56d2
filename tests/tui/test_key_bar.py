"""The main screen's footer (``widgets.key_bar.KeyBar``): one line that fits the terminal's width.

At 80 columns it shows the keys a new player needs (move, pick up, open, play, help, quit) in full instead of
being cut off; whatever does not fit is still bound and listed in the help screen; a click on an entry presses
its key; while the terminal is too small the game's keys (switched off) leave it, help and quit stay.
"""

from __future__ import annotations

from procmem_tui.tui.screens.help import DESCRIPTIONS, HelpScreen
from procmem_tui.tui.screens.main import GAME_BINDINGS
from procmem_tui.tui.widgets.key_bar import Entry, KeyBar, entries_of, fit_entries
from tui_helpers import build_app, resize

ESSENTIAL = ["↑↓←→ move", "p pickup", "o open", "space play", "? help", "q quit"]


def test_fit_entries_leaves_out_the_least_important_first_and_keeps_help_and_quit_last():
    """Too narrow a bar leaves out the least important entries first (new layout, then the map), keeps help and quit
    last, and fits its width."""
    entries = [Entry("app.move('move_up')", "↑↓←→", "up", "move"), Entry("app.new_layout", "g", "g", "new"),
               Entry("app.play_pause", "space", "space", "play"), Entry("help", "?", "question_mark", "help"),
               Entry("app.map", "m", "m", "map"), Entry("quit", "q", "q", "quit")]
    wide = fit_entries(entries, 200)
    assert [e.description for e in wide] == ["move", "new", "play", "map", "help", "quit"]
    narrow = fit_entries(entries, 40)
    assert [e.description for e in narrow] == ["move", "play", "help", "quit"]  # new, then map, left out
    assert sum(e.width for e in narrow) + 2 * len(narrow) <= 40


async def test_at_80x24_the_essential_keys_show_in_full_the_rest_are_in_help_and_a_click_presses_one():
    """At 80x24 the footer fits, shows every essential key in full, and every key it leaves out is bound and in the
    help screen; a click on space play starts autoplay."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.main.query_one(KeyBar)
        line = bar.text
        assert len(line) <= 80
        for entry in ESSENTIAL:
            assert entry in line, f"{entry!r} not in the footer: {line!r}"
        shown = {e.action for e in bar.shown}
        described = {action for action, _ in DESCRIPTIONS}
        left_out = {f"app.{action}" for *_, action, _, show, _ in GAME_BINDINGS if show} - shown
        assert left_out, "at 80 columns some keys are expected to be left out"
        for action in left_out:  # still reachable: bound, and listed in the help screen
            assert action in described
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        x = bar.text.index("space play")  # a click on an entry presses its key
        await pilot.click(KeyBar, offset=(x + 1, 0))
        await pilot.pause()
        assert app.play_mode == "AUTO"


async def test_a_wide_terminal_shows_every_footer_key():
    """At 200 columns every shown binding is there, the curves (c) and the palette (ctrl+p) included."""
    app = build_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        bar = app.main.query_one(KeyBar)
        line = bar.text
        for entry in [*ESSENTIAL, "n step", "+- speed", "r restart", "g new", "m map", "i skills", "e replays",
                      "c curves", "^p palette", "f knows", "y why"]:
            assert entry in line
        assert len(bar.shown) == len(entries_of(app.main))


async def test_too_small_hides_the_game_keys_and_keeps_help_and_quit():
    """While the terminal is too small the footer shows only help and quit; resized to 80x24 the game's keys come
    back."""
    app = build_app()
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        line = app.main.query_one(KeyBar).text
        assert "? help" in line and "q quit" in line
        assert not any(entry in line for entry in ["move", "pickup", "play", "step", "speed"])
        await resize(pilot, 80, 24)
        await pilot.pause()
        assert "space play" in app.main.query_one(KeyBar).text
