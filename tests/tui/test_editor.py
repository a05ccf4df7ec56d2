"""The level editor as a person meets it: typing a level file's grid or painting it with the mouse rebuilds
``classic`` byte for byte; live parser errors with their cell; drafts; undo; leaving; trying the level."""

from __future__ import annotations

import pytest
from editor_helpers import CLASSIC_GRID, builtin_text, editor_app, grid_lines, settle
from tui_helpers import type_keys

from procmem_tui.editing import LEVEL_CHARS


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


async def test_typing_classic_grid_then_its_headers_in_the_form_saves_the_built_in_file(tmp_path):
    """Typing classic's grid into an empty 5x5 gives a solvable level with a 10-step plan; typing its name,
    description and max_steps in the header form then, ctrl+s saves the built-in file byte for byte (one app: the
    grid alone was a test of its own, starting the same app and typing the same keys)."""
    target = tmp_path / "classic.txt"
    app = editor_app(str(target), (5, 5))
    async with app.run_test(size=(80, 24)) as pilot:
        await type_keys(pilot, *[key for line in CLASSIC_GRID for key in (*line, "enter")])
        await settle(pilot, app)
        assert app.editor.verdict.ok and len(app.editor.verdict.plan) == 10
        await pilot.press("i")
        name = app.editor.query_one("#field-name")
        name.value = ""
        await type_keys(pilot, *"classic")
        await pilot.press("tab")
        await type_keys(pilot, *"the tutorial's 5x5 layout; the door now guards the goal")
        await pilot.press("tab")
        await type_keys(pilot, "5", "0")
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert target.read_bytes() == builtin_text("classic").encode("utf-8")


async def test_painting_classic_by_mouse_only_saves_the_built_in_grid(tmp_path):
    """Brushes clicked in the palette row, cells clicked and dragged on the grid; no key but ctrl+s."""
    target = tmp_path / "painted.txt"
    app = editor_app(str(target), (5, 5))
    async with app.run_test(size=(80, 24)) as pilot:
        cell = app.editor.query_one("#editor-grid").cell_width

        async def brush(char):
            await pilot.click("#editor-brushes", offset=(LEVEL_CHARS.index(char) * cell, 0))

        await brush("#")
        await pilot.click("#editor-grid", offset=(2 * cell, 0))
        await pilot.click("#editor-grid", offset=(4 * cell, 1))
        await brush("X")
        await pilot.click("#editor-grid", offset=(1 * cell, 1))
        await brush("A")
        await pilot.click("#editor-grid", offset=(3 * cell, 1))
        await brush("a")
        await pilot.click("#editor-grid", offset=(2 * cell, 2))
        await brush("G")
        await pilot.click("#editor-grid", offset=(4 * cell, 0))
        await brush("@")
        await pilot.click("#editor-grid", offset=(0, 4))
        await brush("#")  # a wrong stroke across the bottom row, then painted back with floor
        await pilot.mouse_down("#editor-grid", offset=(1 * cell, 4))
        for col in (2, 3, 4):
            await pilot.hover("#editor-grid", offset=(col * cell, 4))
        await pilot.mouse_up("#editor-grid", offset=(4 * cell, 4))
        assert app.editor.draft.rows[4] == "@####"
        await brush(".")
        await pilot.mouse_down("#editor-grid", offset=(1 * cell, 4))
        for col in (2, 3, 4):
            await pilot.hover("#editor-grid", offset=(col * cell, 4))
        await pilot.mouse_up("#editor-grid", offset=(4 * cell, 4))
        await settle(pilot, app)
        assert app.editor.verdict.ok
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert grid_lines(target.read_text(encoding="utf-8")) == grid_lines(builtin_text("classic"))


async def test_a_drag_is_one_undo_and_undo_redo_walk_the_history(tmp_path):
    """A mouse drag paints a row of walls as one undo step; ctrl+z and ctrl+y walk back and forth through the edits.
    A mouse drag paints a row of walls as one undo step; ctrl+z and ctrl+y walk back and forth through the edits."""
    app = editor_app(str(tmp_path / "u.txt"), (5, 5))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.mouse_down("#editor-grid", offset=(0, 0))
        for col in (1, 2, 3):
            await pilot.hover("#editor-grid", offset=(col * 2, 0))
        await pilot.mouse_up("#editor-grid", offset=(6, 0))
        await pilot.press("down", "G")
        assert app.editor.draft.rows[:2] == ("####.", "...G.")
        await pilot.press("ctrl+z")
        assert app.editor.draft.rows[1] == "....."
        await pilot.press("ctrl+z")
        assert app.editor.draft.rows[0] == "....."
        await pilot.press("ctrl+y", "ctrl+y")
        assert app.editor.draft.rows[:2] == ("####.", "...G.")


async def test_an_invalid_level_shows_its_error_blocks_play_and_saves_only_a_draft(tmp_path):
    """A level with no reachable goal shows the parser's message and its cell, refuses to be played, and ctrl+s
    writes only the draft (no longer dirty)."""
    target = tmp_path / "walled.txt"
    app = editor_app(str(target), (5, 5))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"@#..G", "enter", "#", "#")
        await settle(pilot, app)
        editor = app.editor
        message = f"{target}:2:1: no goal can be reached from the start '@' (the solver found no path)"
        assert editor.verdict.message == message
        assert editor.verdict.cell == (0, 0)
        assert editor.query_one("#editor-grid").error == (0, 0)
        assert "no goal can be reached" in str(editor.query_one("#editor-status").render())
        await pilot.press("p")
        await pilot.pause()
        assert app.screen is editor  # play refused
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not target.exists()
        assert (tmp_path / "walled.txt.draft").read_text(encoding="utf-8").endswith("@#..G\n##...\n" + ".....\n" * 3)
        assert not editor.history.dirty


async def test_resizing_at_an_edge_by_keys_then_leaving_with_unsaved_changes_asks_first(tmp_path):
    """+ and - with an arrow add or remove a row or column at that edge. Leaving with unsaved changes asks first:
    escape in the dialog keeps editing, yes on ctrl+q quits without writing (one app for both)."""
    app = editor_app(str(tmp_path / "l.txt"), (5, 5))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "right", "plus", "up", "minus", "left")
        assert (app.editor.draft.width, app.editor.draft.height) == (5, 6)
        await pilot.press("#", "escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        await pilot.press("escape")  # cancel: still editing
        await pilot.pause()
        assert app.screen is app.editor
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
    assert app.return_code == 0 and not (tmp_path / "l.txt").exists()


async def test_a_built_in_level_opens_as_a_copy_and_is_never_saved_over_it(tmp_path):
    """A built-in level opens as a copy: saving asks for a name (classic_copy suggested), refuses the built-in's own
    name, and writes the copy in the user levels folder."""
    app = editor_app("classic")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert dialog.__class__.__name__ == "SaveAsScreen"
        assert dialog.query_one("#save-path").value == "classic_copy"
        dialog.query_one("#save-path").value = "classic"
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.target is None or "classic.txt" not in str(app.editor.target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # the suggested name
        await pilot.pause()
    from procmem_tui.editing.user_levels import user_levels_dir

    assert (user_levels_dir() / "classic_copy.txt").is_file()
    assert not (user_levels_dir() / "classic.txt").exists()


async def test_trying_the_level_by_hand_and_by_the_agent_comes_back_with_the_result(tmp_path):
    """p tries the level by hand and T by the agent; each comes back to the editor with its result (steps, optimal,
    what was learned; the agent's from a fresh library)."""
    app = editor_app("classic")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("p")
        await pilot.pause()
        for key in ("up", "up", "right", "right", "p", "up", "o", "right", "up", "right"):
            await pilot.press(key)
        await pilot.pause()
        assert app.screen is app.editor
        result = str(app.editor.query_one("#editor-result").render())
        assert "you reached the goal in 10 steps (optimal 10)" in result and "learned" in result
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("enter")  # the agent plays the rest at once
        await pilot.pause()
        assert app.screen is app.editor
        assert "the agent (fresh library)" in str(app.editor.query_one("#editor-result").render())


async def test_a_burst_of_keys_ends_checked_and_a_stale_answer_is_dropped(tmp_path):
    """The worker checks one draft at a time; whatever arrives for an older draft never replaces the verdict."""
    from procmem_tui.editing import check_draft

    app = editor_app(str(tmp_path / "b.txt"), (9, 7))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.editor
        await type_keys(pilot, *"@.......G", "enter", *"#########")
        await settle(pilot, app)
        assert editor.checked and editor.verdict.ok and len(editor.verdict.plan) == 8
        stale = check_draft(editor.history._entries[1], editor.source)
        editor._answer(stale, editor._generation - 1, True)
        assert editor.verdict.draft == editor.draft


async def test_the_cursor_is_named_in_the_worlds_coordinates():
    """The editor says the cursor's cell as skill names do: (x, y) from 0 with y up, so classic's start, bottom
    left, is x 0, y 0 (it used to say 1,5, counted from 1 at the top left)."""
    from editor_helpers import editor_app, settle

    app = editor_app("classic")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        box = app.screen.query_one("#editor-grid-box")
        row_of_start = [i for i, r in enumerate(app.editor.draft.rows) if "@" in r][0]
        app.editor.cursor = (0, row_of_start)
        await pilot.press("right")
        await pilot.pause()
        assert "cursor x 1, y 0" in str(box.border_subtitle)
