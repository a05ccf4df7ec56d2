"""The editor inside the game, without leaving the app: map picker → new level → type, save, play, hand to the
agent → leave, and the game plays the saved level; the palette's "Edit this level…" opens a built-in as a copy;
ctrl+q in the editor leaves the editor, not the app."""

from __future__ import annotations

import pytest
from tui_helpers import build_app, type_keys

from procmem_tui.editing.user_levels import user_levels_dir

LEVEL = ["############", "#@...#.....#", "#.a..A..b..#", "#....#.....#", "######B#####",
         "#..........#", "#.........G#", "############"]


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


async def test_a_12x8_level_with_two_doors_from_nothing_to_played_in_the_app():
    """From the map picker: a new 12x8 level typed, checked, saved as two_rooms, tried by the agent with the app's
    library, left with ctrl+q; the game then plays it and the picker lists it."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        options = app.screen.query_one("#map-levels")
        options.highlighted = [o.id for o in options.options].index("edit:new")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#new-width").value = "12"
        dialog.query_one("#new-height").value = "8"
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert editor.__class__.__name__ == "EditorScreen" and editor.draft.width == 12
        await type_keys(pilot, *[key for row in LEVEL for key in (*row, "enter")])
        for _ in range(200):
            await pilot.pause(0.01)
            if editor.checked:
                break
        assert editor.verdict.ok, editor.verdict.message
        optimal = len(editor.verdict.plan)
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#save-path").value = "two_rooms"
        await pilot.press("enter")
        await pilot.pause()
        assert (user_levels_dir() / "two_rooms.txt").read_text(encoding="utf-8").endswith("\n".join(LEVEL) + "\n")
        await pilot.press("t")  # the agent, with the app's library
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        result = str(editor.query_one("#editor-result").render())
        assert "the agent (your library)" in result and f"(optimal {optimal})" in result
        await pilot.press("ctrl+q")  # saved: leaves without asking
        await pilot.pause()
        assert app.screen is app.main and app.session.level.rows == tuple(LEVEL)
        await pilot.press("m")
        await pilot.pause()
        ids = [o.id for o in app.screen.query_one("#map-levels").options if o is not None]
        assert f"file:{user_levels_dir() / 'two_rooms.txt'}" in ids


async def test_edit_this_level_from_the_palette_opens_a_copy_and_ctrl_q_leaves_only_the_editor():
    """Edit this level opens a copy of the built-in level; q does nothing in the editor and ctrl+q leaves the
    editor, not the app."""
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        from procmem_tui.tui import editing

        editing.edit_shown(app)
        await pilot.pause()
        editor = app.screen
        await settle_screen(pilot, editor)
        assert editor.target is None and editor.draft.name == "classic_copy" and editor.verdict.ok
        await pilot.press("q")  # the game's quit key does nothing here
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and app.screen is app.main


async def settle_screen(pilot, editor) -> None:
    for _ in range(200):
        await pilot.pause(0.01)
        if editor.checked:
            return
    raise AssertionError("the solver never answered")


async def test_the_palette_lists_the_editor_and_saved_levels():
    """The command palette offers New level…, Edit this level… and the user's saved levels, marked yours."""
    from procmem_tui.editing.user_levels import path_for, write_atomically
    from procmem_tui.tui.palette import ProcmemCommands

    write_atomically(path_for("mine"), "; name: mine\n@..G\n")
    app = build_app()
    async with app.run_test(size=(120, 40)):
        provider = ProcmemCommands(app.screen)
        titles = [title for title, _, _ in provider._commands()]
    assert {"New level…", "Edit this level…", "Level: mine (yours)"} <= set(titles)
