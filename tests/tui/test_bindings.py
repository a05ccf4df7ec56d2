"""Every binding and mode change, asserted on the world state and on what the widgets show."""

from __future__ import annotations

import pytest

from procmem_tui.tui.app import AUTO, MANUAL, PAUSED, STEP
from procmem_tui.tui.screens.help import HelpScreen
from procmem_tui.tui.screens.main import MainScreen
from procmem_tui.tui.screens.map_picker import MapPicker
from procmem_tui.tui.screens.skill import SkillScreen
from procmem_tui.tui.widgets.doors import Doors
from procmem_tui.tui.widgets.episode import EpisodePanel
from procmem_tui.tui.widgets.grid import GridView
from procmem_tui.tui.widgets.inventory import Inventory
from tui_helpers import SIZE, build_app, palette_command, press_until, resize, until

# classic: the agent starts at (0, 0), the bottom-left corner; y grows upward.
LOOPS = {
    "arrows": ["up", "right", "down", "left"],
    "wasd": ["w", "d", "s", "a"],
    "hjkl": ["k", "l", "j", "h"],
}


def agent_cell(grid: GridView) -> tuple[int, int]:
    """(x, y) of the agent on screen, converting the top-first rows back to y-up coordinates."""
    rows = grid.rows
    for r, row in enumerate(rows):
        if "@" in row:
            return row.index("@"), len(rows) - 1 - r
    raise AssertionError("no agent on the grid")


async def test_move_pickup_open_restart_and_g_on_a_fixed_level(app):
    """On classic, in one app (each part started the same app):
    - arrows, WASD and hjkl each walk a square (up, right, down, left): every key moves the agent one cell that
      way, the grid draws it there (up is a row higher on screen), the step counter counts it, the player has
      control;
    - p on an empty cell takes nothing; p on key a puts it in the inventory panel; o beside door A opens it (the
      doors panel and the state agree);
    - r puts the player back at the start with no steps, in the same episode; then g on a fixed level (classic)
      goes to the generated doorkey layouts, at the next seed."""
    async with app.run_test(size=SIZE) as pilot:
        grid = app.main.query_one(GridView)
        expected = [(0, 1), (1, 1), (1, 0), (0, 0)]
        step = 0
        for name, keys in LOOPS.items():
            for key, pos in zip(keys, expected):
                row_before = next(i for i, r in enumerate(grid.rows) if "@" in r)
                await pilot.press(key)
                step += 1
                assert app.session.state.pos == pos, (name, key)
                assert agent_cell(grid) == pos, (name, key)
                assert app.main.query_one(EpisodePanel).info.steps == step
                if pos == (0, 1):
                    assert next(i for i, r in enumerate(grid.rows) if "@" in r) == row_before - 1, "up went down"
        assert app.play_mode == MANUAL

        inventory, doors = app.main.query_one(Inventory), app.main.query_one(Doors)
        assert inventory.held == () and doors.states == (("A", False),)
        await pilot.press("p")  # nothing to pick up here
        assert app.session.state.keys == frozenset()
        for key in ["up", "up", "right", "right", "p"]:  # the key a lies at (2, 2)
            await pilot.press(key)
        assert app.session.state.keys == {"a"} and inventory.held == ("a",)
        await pilot.press("up", "o")  # the door A is right of (2, 3)
        assert doors.states == (("A", True),)
        assert app.session.state.opened == {(3, 3)}

        episode = app.session.episode
        await pilot.press("r")
        assert app.session.state.pos == (0, 0) and app.session.state.steps == 0
        assert app.session.episode == episode
        assert app.main.query_one(EpisodePanel).info.steps == 0
        await pilot.press("g")
        assert app.session.source.family == "doorkey" and app.session.seed == 1


async def test_space_plays_and_pauses_like_a_video_player():
    """space starts autoplay, space again pauses it (no step while paused, the panel says PAUSED), space once
    more plays on."""
    app = build_app("--level", "maze", "--speed", "60")
    async with app.run_test(size=SIZE) as pilot:
        await press_until(pilot, "space", lambda: app.play_mode == AUTO)
        assert app.play_mode == AUTO and app._timer is not None
        await until(pilot, lambda: app.session.state.steps > 0)
        await press_until(pilot, "space", lambda: app.play_mode == PAUSED)
        assert app.play_mode == PAUSED and app._timer is None
        steps = app.session.state.steps
        assert steps > 0
        await pilot.pause(0.2)
        assert app.session.state.steps == steps
        assert app.main.query_one(EpisodePanel).info.mode == PAUSED
        await press_until(pilot, "space", lambda: app.play_mode == AUTO)
        assert app.play_mode == AUTO


async def test_n_is_exactly_one_agent_action_and_speed_keys_stay_within_1_and_60(app):
    """Each n takes exactly one step, by the agent, in step mode; + raises the autoplay speed and - lowers it, never
    above 60 or below 1 steps/s (one app for both: each started the same one)."""
    async with app.run_test(size=SIZE) as pilot:
        for expected in range(1, 6):
            await pilot.press("n")
            await pilot.pause(0.05)
            assert app.play_mode == STEP
            assert app.session.state.steps == expected
            assert app.session.transitions[-1].actor == "agent"
        assert app.main.query_one(EpisodePanel).info.mode == STEP

        start = app.speed
        await pilot.press("plus")
        assert app.speed > start
        for _ in range(10):
            await pilot.press("plus")
        assert app.speed == 60 and app.main.query_one(EpisodePanel).info.speed == 60
        for _ in range(12):
            await pilot.press("minus")
        assert app.speed == 1


async def test_a_move_key_takes_control_back_from_autoplay():
    """A move key during autoplay is the player's step and stops the agent: manual mode, no timer, no more
    steps while the person thinks."""
    app = build_app("--level", "maze", "--speed", "30")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause(0.15)
        await pilot.press("left")
        assert app.play_mode == MANUAL and app._timer is None
        steps = app.session.state.steps
        assert app.session.transitions[-1].actor == "player"
        await pilot.pause(0.2)
        assert app.session.state.steps == steps  # nobody plays while the person thinks


async def test_g_generates_the_next_layout():
    """On generated layouts g goes to the next seed's layout with a fresh step count; the panel shows the seed."""
    app = build_app("--family", "doorkey", "--size", "8")
    async with app.run_test(size=SIZE) as pilot:
        assert app.session.seed == 0
        await pilot.press("g")
        assert app.session.seed == 1 and app.session.state.steps == 0
        assert app.main.query_one(EpisodePanel).info.seed == 1


async def test_a_bad_level_file_is_reported_then_the_map_picker_and_the_palette_each_switch_level(app, tmp_path):
    """In one app on classic (each part started the same one; a part that fails names itself):
    - a path to a broken level file in the map picker keeps the current level and says which file failed; the
      picker stays open with the path, to mend it (it closed, and a typo meant opening it and typing it again);
    - m opens the map picker; choosing the second built-in level plays two_doors and the panel names it;
    - ctrl+p, "Level: three_doors", enter: the game switches to three_doors."""
    bad = tmp_path / "bad.txt"
    bad.write_text("@.Q\n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        app.screen.query_one("#map-path").value = str(bad)
        app.screen.query_one("#map-path").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.level.name == "classic", "bad level file"
        assert any("bad.txt" in n.message for n in app._notifications), "bad level file"
        assert isinstance(app.screen, MapPicker) and app.screen.query_one("#map-path").value == str(bad), "bad file"
        await pilot.press("escape")
        assert app.session.level.name == "classic", "bad level file"
        assert isinstance(app.screen, MainScreen), "bad level file: escape closes the picker"

        await pilot.press("m")
        assert isinstance(app.screen, MapPicker), "map picker"
        await pilot.press("down", "enter")  # the second built-in level
        await pilot.pause()
        assert isinstance(app.screen, MainScreen), "map picker"
        assert app.session.level.name == "two_doors", "map picker"
        assert app.main.query_one(EpisodePanel).info.level == "two_doors", "map picker"

        await palette_command(pilot, "Level: three_doors")
        assert app.session.level.name == "three_doors", "palette"


async def test_the_map_picker_opens_on_the_level_shown_and_ends_long_descriptions_with_an_ellipsis():
    """The picker highlights the level being played; every entry fits one line of the list as laid out, at
    120x40 and at 80x24, and a description too long loses whole words to " …" (descriptions used to stop at 40
    characters, mid-word; then ended 'the office…', which reads as a cut word; then were cut to 92 columns, one
    or two more than the list has beside its scrollbar, and at 80x24 every level took two lines)."""
    app = build_app("--level", "maze")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        options = app.screen.query_one("#map-levels")
        assert options.get_option_at_index(options.highlighted).id == "maze"
        for size in (SIZE, (80, 24)):
            await resize(pilot, *size)
            await pilot.pause()
            width = options.scrollable_content_region.width
            prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            assert all(len(p) <= width for p in prompts), (size, width)
            assert any(p.endswith("…") for p in prompts)
            assert all(p.endswith(" …") for p in prompts if p.endswith("…"))
            assert prompts[2].startswith("classic          5x5")


async def test_help_and_skills_screens_open_and_close_and_bindings_remap_by_id(app):
    """? opens the help, which lists every key (arrows with their letters, pick up, space, ^p, quit) and takes no
    move; escape closes it. i opens the skills screen (no skills yet), escape closes it. A keymap by binding id
    moves move-up to u and frees the up arrow."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(w.render()) for w in app.screen.query("#help-keys Static"))
        for fragment in ["↑ w k", "→ d l", "move left", "pick up", "space", "^p", "quit"]:
            assert fragment in text
        await pilot.press("up")  # moves are not live on the help screen
        assert app.session.state.steps == 0
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("i")
        assert isinstance(app.screen, SkillScreen)
        assert app.screen.query("#no-skills")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        app.set_keymap({"move-up": "u"})
        await pilot.press("u")
        assert app.session.state.pos == (0, 1)
        await pilot.press("up")  # the old key is free now
        assert app.session.state.pos == (0, 1)


def test_no_two_bindings_share_a_key_and_every_binding_has_an_id():
    """No key is bound twice across the app and the main screen (the palette's key included), every binding
    has an id (for keymaps), and WASD and hjkl are bound."""
    from procmem_tui.tui.app import ProcmemApp

    bindings = [b for b in MainScreen.BINDINGS + ProcmemApp.BINDINGS]
    keys = [k.strip() for b in bindings for k in b.key.split(",")]
    if not any(b.action == "command_palette" for b in bindings):  # else Textual adds its own
        keys.append(ProcmemApp.COMMAND_PALETTE_BINDING)
    assert len(keys) == len(set(keys)), sorted(keys)
    assert all(b.id for b in bindings)
    assert {"w", "a", "s", "d", "h", "j", "k", "l"} <= set(keys)


async def test_q_quits_and_closes_the_store(app):
    """q (nothing played) quits at once, stops the timer and closes the library."""
    async with app.run_test(size=SIZE) as pilot:
        store = app.store
        await pilot.press("q")
        await pilot.pause()
    assert app.store is None and app._timer is None
    with pytest.raises(Exception):
        store.skill_count()  # closed
