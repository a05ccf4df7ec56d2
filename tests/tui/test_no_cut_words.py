"""At 80x24, the smallest terminal the game runs in, and at 100x30 and 120x40, no screen cuts a word: the main
screen on every kind of level (small, rule variants, maze-sized, under fog, with skills named after another
level), every dialog of the game, and the editor with its dialogs. ``cut_words`` says what counts as a cut (an
ellipsis inside a word, letters run into a frame, a one-line text with more lines hidden); each screen's findings
are listed together. (At 120x40 the map picker's descriptions ended 'the office…'.)

The same walks check each dialog's footer (``footer_keys``): it lists the dialog's own keys and none of the
game's, and when the dialog closes the game's keys are back."""

from __future__ import annotations

import pytest
from cut_words import cut_words
from editor_helpers import editor_app, settle
from footer_keys import LIST_KEYS, entries, footer, own_keys_problems
from tui_helpers import build_app, win_by_keys

from procmem_tui.tui.messages import LevelChosen

# 80x24 in every run; the larger terminals (≈ 10 s each a walk) with the benchmark-sized tests (`pytest -m slow`)
SIZES = [(80, 24), *(pytest.param(size, marks=pytest.mark.slow) for size in ((100, 30), (120, 40)))]
LEVELS = ("classic", "two_doors", "three_doors", "any_key", "lesser_key", "key_cycle", "long_haul", "open_field")


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def size(request):
    return request.param


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


async def _quiet(app, pilot) -> None:
    """Let the screen settle and clear the toasts (they come and go over the panels)."""
    for _ in range(3):
        await pilot.pause(0.02)
    app.clear_notifications()
    for toast in app.query("GameToast"):
        toast.display = False
    await pilot.pause()


async def _look(app, pilot, name: str, found: dict) -> None:
    await _quiet(app, pilot)
    problems = cut_words(app)
    if problems:
        found[name] = problems


def _report(found: dict) -> str:
    return "\n".join(f"{name}:\n  " + "\n  ".join(problems) for name, problems in found.items())


async def test_the_main_screen_cuts_no_word_on_any_kind_of_level(size):
    """Classic's skills (named '… (classic)') stay listed on every other level: long names in the table, two
    of them differing only in where they start (the second win is taken over from the first's replay at step
    1), which must stay apart (they were both 'fetch key a fro…')."""
    from procmem_tui.tui.widgets.skills import SkillsTable

    app = build_app("--level", "classic")
    found: dict = {}
    async with app.run_test(size=size) as pilot:
        await _look(app, pilot, "classic, first frame", found)
        await win_by_keys(app, pilot)
        await pilot.press("e", "enter", "right", "t")
        await pilot.pause()
        await win_by_keys(app, pilot)
        await _look(app, pilot, "classic, after two wins", found)
        table = app.main.query_one(SkillsTable)
        full = {table.values(sid)["name"] for sid in table.order}
        assert {"fetch key a from 0,0 (classic)", "fetch key a from 0,1 (classic)"} <= full
        for level in LEVELS[1:]:
            app.choose_level(LevelChosen(level=level))
            await _look(app, pilot, level, found)
            shown = [table.shown_name(sid) for sid in table.order]
            if len(set(shown)) < len(shown):
                found.setdefault(level, []).append(f"two skills share a shown name: {shown}")
        app.view_override = 3
        app.choose_level(LevelChosen(level="maze"))
        await pilot.press("left", "left")
        await _look(app, pilot, "maze under fog", found)
    assert not found, _report(found)


async def test_no_dialog_of_the_game_cuts_a_word_and_each_shows_its_own_keys(size):
    """Help, skill details, the episode browser, a replay, the learning curves, the map picker, what the agent
    knows, quit: no word cut, and each footer lists the dialog's keys, none of the game's; the game's come back
    when it closes (help's ``j`` scrolls, as its footer says)."""
    app = build_app("--level", "classic")
    found: dict = {}

    def own_keys(name: str, *wanted: str) -> None:
        if problems := own_keys_problems(app, *wanted):
            found.setdefault(name, []).extend(problems)

    def game_keys_back(name: str) -> None:
        if app.screen is not app.main or "↑↓←→ move" not in entries(footer(app)):
            found.setdefault(name, []).append(f"after it the game's keys are not back: {footer(app)!r}")

    async with app.run_test(size=size) as pilot:
        await pilot.press("i")
        await _look(app, pilot, "skill details, empty", found)
        await pilot.press("escape")
        for _ in range(3):
            await win_by_keys(app, pilot)
            await pilot.press("up")
        for key, name, wanted in (
            ("question_mark", "help", ("j k scroll", "g G top/end", "esc close")),
            ("i", "skill details", (*LIST_KEYS, "esc close")),
            ("c", "learning curves", ("esc close",)),
            ("m", "map picker", (*LIST_KEYS, "⏎ choose", "tab next field", "esc cancel")),
            ("f", "what the agent knows", (*LIST_KEYS, "tab other list", "esc close")),
        ):
            await pilot.press(key)
            await _look(app, pilot, name, found)
            assert app.screen is not app.main, name
            own_keys(name, *wanted)
            if name == "help":
                await pilot.press("j", "j")
                assert app.screen.query_one("#help-body").scroll_y > 0
            await pilot.press("escape")
            await pilot.pause()
            game_keys_back(name)
        await pilot.press("e")
        await _look(app, pilot, "episode browser", found)
        own_keys("episode browser", *LIST_KEYS, "⏎ replay", "esc close")
        await pilot.press("enter")
        await pilot.press("right", "right")
        await _look(app, pilot, "replay", found)
        own_keys("replay", "→ step", "t take over", "esc close")
        await pilot.press("escape", "escape")
        await _quiet(app, pilot)
        assert app.screen is app.main
        game_keys_back("episode browser and replay")
        await pilot.press("right", "q")
        await _look(app, pilot, "quit?", found)
        assert type(app.screen).__name__ == "QuitScreen"
        own_keys("quit?", "q quit", "esc cancel")
    assert not found, _report(found)


async def test_the_editor_and_its_dialogs_cut_no_word_and_show_their_own_keys(size):
    """The editor, save as, a try, the headers form, leave?, a new level: no word cut; the editor's footer has
    ``^s save``, and the save-as and new-level dialogs list their own keys instead of the editor's."""
    from procmem_tui.tui.screens.editor_dialogs import NewLevelScreen

    app = editor_app("classic")
    found: dict = {}

    def own_keys(name: str, *wanted: str) -> None:
        problems = own_keys_problems(app, *wanted)
        if "^s save" in footer(app):
            problems.append(f"footer {footer(app)!r} shows the editor's ^s save")
        if problems:
            found.setdefault(name, []).extend(problems)

    async with app.run_test(size=size) as pilot:
        await settle(pilot, app)
        await _look(app, pilot, "editor", found)
        if "^s save" not in entries(footer(app)):
            found.setdefault("editor", []).append(f"footer {footer(app)!r} lacks ^s save")
        await pilot.press("ctrl+s")
        await _look(app, pilot, "save as", found)
        own_keys("save as", "esc cancel")
        await pilot.press("escape")
        await pilot.press("p")
        await _look(app, pilot, "trying the level", found)
        await pilot.press("escape")
        await pilot.press("i")
        await _look(app, pilot, "headers", found)
        await pilot.press("enter", "X")
        await pilot.press("escape")
        await _look(app, pilot, "leave?", found)
        await pilot.press("n")
        app.push_screen(NewLevelScreen(shown="classic"))
        await _look(app, pilot, "new level", found)
        own_keys("new level", "esc cancel")
    assert not found, _report(found)
