"""Fog on the board (a level's sight radius): the three looks per cell, the screen's memory as last seen, the
watcher's key, replays under the fog of each step, the editor's view header. Pure layer checks, then Pilot."""

from __future__ import annotations

from tui_helpers import SIZE, build_app, win_by_keys

from procmem_tui.tui.fog import IN_SIGHT, REMEMBERED, UNKNOWN, UNKNOWN_CODE, FogHistory, Sightings
from procmem_tui.tui.widgets.grid import GridView
from procmem_tui.world import Action, GridWorld, parse_level, solve
from procmem_tui.world.sight import visible_cells

# A corridor: the door A at x=3 hides the goal room; key a lies at x=1.
CORRIDOR = parse_level("; name: corridor\n; view: 2\n######\n#.A..G\n@a####\n", "corridor.txt", check_solvable=False)


def look_at(layer, level, pos):
    x, y = pos
    row = level.height - 1 - y
    return layer.looks[row][x], layer.codes[row][x]


def test_a_fresh_look_has_in_sight_and_never_seen_cells_only():
    """At the start: exactly the world's cells in sight are IN_SIGHT with their real codes; the rest UNKNOWN."""
    world = GridWorld(CORRIDOR)
    sightings = Sightings(CORRIDOR, 2)
    sightings.see(world.state)
    layer = sightings.layer(world.state)
    in_sight = visible_cells(CORRIDOR, world.state, 2)
    for y in range(CORRIDOR.height):
        for x in range(CORRIDOR.width):
            look, code = look_at(layer, CORRIDOR, (x, y))
            assert look == (IN_SIGHT if (x, y) in in_sight else UNKNOWN)
            if look == UNKNOWN:
                assert code == UNKNOWN_CODE
    assert look_at(layer, CORRIDOR, (5, 1))[0] == UNKNOWN  # the goal is out of sight


def test_cells_out_of_sight_are_remembered_as_last_seen():
    """A door seen closed stays drawn closed while out of sight, even once it is open; seen open, it is
    remembered open; a cell walked away from keeps what it held when last seen."""
    level = parse_level("; view: 3\n...........\n@a.A......G\n...........\n", "m.txt", check_solvable=False)
    start = GridWorld(level).state
    door = (3, 1)
    sightings = Sightings(level, 3)
    sightings.see(start)
    assert look_at(sightings.layer(start), level, door) == (IN_SIGHT, "A")
    far_with_door_open = start._replace(pos=(9, 0), opened=frozenset({door}), keys=frozenset("a"))
    sightings.see(far_with_door_open)
    assert look_at(sightings.layer(far_with_door_open), level, door) == (REMEMBERED, "A")
    assert look_at(sightings.layer(far_with_door_open), level, (1, 1)) == (REMEMBERED, "a")
    beside_open_door = far_with_door_open._replace(pos=(4, 1))
    sightings.see(beside_open_door)
    assert look_at(sightings.layer(beside_open_door), level, door) == (IN_SIGHT, "1")
    sightings.see(far_with_door_open)
    assert look_at(sightings.layer(far_with_door_open), level, door) == (REMEMBERED, "1")


def test_reveal_draws_the_real_level_with_sight_over_it():
    """The watcher's whole-level view: every cell's real code; in sight or not is still told apart."""
    world = GridWorld(CORRIDOR)
    sightings = Sightings(CORRIDOR, 2)
    sightings.see(world.state)
    layer = sightings.layer(world.state, reveal=True)
    assert look_at(layer, CORRIDOR, (5, 1)) == (REMEMBERED, "G")
    assert UNKNOWN not in "".join(layer.looks)


def test_fog_history_matches_a_live_look_at_every_step():
    """A replay's fog at step i (folded from checkpoints, in any order) equals what the screen saw live."""
    level = parse_level("; view: 2\n" + "\n".join(["." * 12] * 6 + ["@" + "." * 10 + "G"]) + "\n")
    world = GridWorld(level)
    states = [world.state]
    for action in [Action.MOVE_RIGHT] * 10 + [Action.MOVE_UP] * 5 + [Action.MOVE_LEFT] * 30:
        if world.done:
            break
        states.append(world.step(action).state)
    live, layers = Sightings(level, 2), []
    for state in states:
        live.see(state)
        layers.append(live.layer(state))
    history = FogHistory(level, 2, states)
    for i in [len(states) - 1, 0, 40, 33, 5, 32, 64, 17]:
        i = min(i, len(states) - 1)
        assert history.layer_at(i) == layers[i]


async def test_the_player_plays_under_fog_and_the_screen_remembers():
    """--view 2: the grid draws never-seen cells, and cells walked away from stay remembered."""
    app = build_app("--level", "open_field", "--view", "2")
    async with app.run_test(size=SIZE) as pilot:
        grid = app.main.query_one(GridView)
        looks = "".join(grid.looks)
        assert UNKNOWN in looks and IN_SIGHT in looks and REMEMBERED not in looks
        await pilot.press("left", "left", "left", "left")
        await pilot.pause()
        looks = "".join(grid.looks)
        assert REMEMBERED in looks
        assert "sight 2" in str(app.main.query_one("#grid-box").border_title)


async def test_the_first_run_hint_and_the_keys_and_doors_panels_under_fog_name_no_key_or_door():
    """Under fog nothing gives away what the board hides (one app per level checks both, at its start):
    - the hint for a new player said 'stand on ⌐a … beside ■A' from the level; under fog it says what keys and
      doors do instead, the same words on every level;
    - the panels: at warehouse's start under sight 1 no key or door is in sight, so neither panel names one;
      without fog the doors panel lists the level's doors from the start."""
    from procmem_tui.tui.widgets.doors import Doors
    from procmem_tui.tui.widgets.inventory import Inventory

    said = []
    for name in ("classic", "warehouse"):
        app = build_app("--level", name, "--view", "1")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            log = "\n".join(app.main.query_one("#log").history)
            assert "new here?" in log and "walk to see" in app.view.why_text
            said.append(app.view.why_text)
            if name == "warehouse":
                doors, inventory = app.main.query_one(Doors), app.main.query_one(Inventory)
                assert doors.states == () and "none seen yet" in str(doors.render())
                assert "find" not in str(inventory.render()) and "to find" not in str(inventory.render())
    assert said[0] == said[1]
    app = build_app("--level", "warehouse")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.main.query_one(Doors).states != ()


async def test_the_first_run_hint_draws_keys_and_doors_as_the_board_does_at_80x24():
    """At 80x24 with two-column cells the hint shows a key and a door with their letters, as the board draws
    them: '⌐a' and '■A' in full view (the level's first key and its door), '⌐a-⌐f' and '■A-■F' under fog (it
    said 'a key ⌐, o opens a door ■ of its letter'); the whole hint fits on the screen."""
    from procmem_tui.tui.textual_private import screen_text
    from procmem_tui.world.glyphs import cell_text

    for args, keys, doors in ((("--level", "warehouse"), "a", "A"),
                              (("--level", "warehouse", "--view", "3"), "a-f", "A-F")):
        app = build_app(*args)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            wide = app.main.query_one(GridView).cell[0] > 1
            assert wide, "warehouse at 80x24 has two-column cells"
            hint = app.view.why_text.splitlines()[-1]
            key, door = ("-".join(cell_text(c, IN_SIGHT, wide) for c in letters.split("-"))
                         for letters in (keys, doors))
            assert key in hint and door in hint, (args, hint)
            assert key.startswith("⌐a") and door.startswith("■A")
            assert hint in "\n".join(screen_text(app)), (args, hint)


async def test_the_watchers_key_shows_the_whole_level_while_the_agent_plays():
    """v in MANUAL says why not; with the agent in control it toggles the whole level and back."""
    app = build_app("--level", "open_field", "--view", "2", "--agent", "explorer")
    async with app.run_test(size=SIZE) as pilot:
        grid = app.main.query_one(GridView)
        await pilot.press("v")
        await pilot.pause()
        assert UNKNOWN in "".join(grid.looks)  # a person plays under fog
        await pilot.press("n")  # step mode: the agent has control
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert UNKNOWN not in "".join(grid.looks)
        assert "whole level" in str(app.main.query_one("#grid-box").border_title)
        await pilot.press("v")
        await pilot.pause()
        assert UNKNOWN in "".join(grid.looks)


def test_the_fog_title_says_the_whole_level_is_shown_before_it_says_the_sight():
    """The board's title under fog, fitted to its room: with the whole level shown (v) in warehouse's 24 columns
    at 80x24 it says "warehouse · whole (v)" (it kept the name alone, as if nothing had changed); a name too long
    for any room says the sight, or the whole level, alone."""
    from procmem_tui.tui.view import fog_title
    from procmem_tui.world import load_level

    warehouse = load_level("warehouse")
    assert fog_title(warehouse, 24, 3, reveal=False) == "warehouse · sight 3"
    assert fog_title(warehouse, 24, 3, reveal=True) == "warehouse · whole (v)"
    assert fog_title(warehouse, 80, 3, reveal=True) == "warehouse · 14x11 · sight 3 · whole level (v)"
    long = load_level("rooms4-28-s507-any+consumed")
    assert fog_title(long, 24, 3, reveal=False) == "sight 3"
    assert fog_title(long, 24, 3, reveal=True) == "whole level (v)"


async def test_a_replay_shows_the_fog_of_each_step():
    """The replay's board at step i is the fog as it was then, and its keys and doors panels name only what had
    been seen by then (they listed the whole level); v reveals the whole level, panels included."""
    from procmem_tui.tui.screens.episodes import EpisodeBrowser
    from procmem_tui.tui.screens.replay import ReplayScreen
    from procmem_tui.tui.widgets.doors import Doors
    from procmem_tui.tui.widgets.inventory import Inventory

    app = build_app("--level", "two_doors", "--view", "3")
    async with app.run_test(size=SIZE) as pilot:
        await win_by_keys(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EpisodeBrowser)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplayScreen) and screen.fog is not None
        grid = screen.query_one("#replay-grid")
        level = screen.replay.level
        for index in (0, 5, 12):
            screen.go(index)
            await pilot.pause()
            live = Sightings(level, 3)
            for state in screen.replay.states[:index + 1]:
                live.see(state)
            assert grid.looks == list(live.layer(screen.replay.states[index]).looks)
            state = screen.replay.states[index]
            seen_doors = sorted(letter for pos, letter in level.doors.items() if live.has_seen(pos))
            assert sorted(letter for letter, _ in screen.query_one(Doors).states) == seen_doors
            lying = {k for p, k in level.keys.items() if live.has_seen(p) and p not in state.taken} - state.keys
            to_find = str(screen.query_one(Inventory).render()).partition("find")[2].replace(":", "").split()
            assert sorted(to_find) == sorted(lying)
        screen.go(0)
        await pilot.pause()
        assert len(screen.query_one(Doors).states) < len(level.doors), "the doors panel names an unseen door"
        await pilot.press("v")
        await pilot.pause()
        assert UNKNOWN not in "".join(grid.looks)
        assert len(screen.query_one(Doors).states) == len(level.doors)


async def test_the_editor_sets_the_view_header_and_a_try_plays_under_it(tmp_path):
    """Typing 3 in the editor's view field writes '; view: 3'; a try of the level plays under that fog."""
    from editor_helpers import editor_app, settle
    from textual.widgets import Input

    from procmem_tui.tui.screens.trial import TrialScreen

    app = editor_app(str(tmp_path / "fogged.txt"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.editor.query_one("#field-view", Input).value = "3"
        await pilot.pause()
        editor = app.editor
        editor.edit(editor.draft.place((0, 0), "@").place((8, 6), "G"))
        await settle(pilot, app)
        assert "; view: 3" in editor.draft.text()
        assert parse_level(editor.draft.text()).view == 3
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, TrialScreen)
        assert app.screen.session.view == 3
        assert UNKNOWN in "".join(app.screen.query_one(GridView).looks)


async def test_view_flag_holds_for_levels_chosen_in_the_app_and_no_fog_has_no_watchers_key():
    """--view 2 applies to a level picked in the app and to generated layouts, not only to the first level.
    Without --view, a level without a view header draws no looks and has no v entry in the footer (checked at the
    start of the app without fog that then shows a level picked in the app keeps no view)."""
    from procmem_tui.tui.messages import LevelChosen

    app = build_app("--level", "classic", "--view", "2")
    async with app.run_test(size=SIZE) as pilot:
        app.choose_level(LevelChosen(level="maze"))
        await pilot.pause()
        assert app.session.level.name == "maze" and app.session.view == 2
        app.choose_level(LevelChosen(family="rooms", size=10))
        await pilot.pause()
        assert app.session.view == 2
        await pilot.press("g")
        await pilot.pause()
        assert app.session.view == 2
    plain = build_app("--level", "classic")
    async with plain.run_test(size=SIZE) as pilot:
        await pilot.pause()  # a level without a view header: no looks, no v
        assert plain.main.query_one(GridView).looks == []
        assert plain.check_action("watch", ()) is False
        plain.choose_level(LevelChosen(level="maze"))
        await pilot.pause()
        assert plain.session.view is None
