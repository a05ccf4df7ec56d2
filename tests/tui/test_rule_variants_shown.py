"""A level's rule variant is visible in the app: in the level panel's title and in the map picker."""

from __future__ import annotations

from procmem_tui.tui.screens.map_picker import MapPicker
from tui_helpers import SIZE, build_app


async def test_the_level_panel_title_names_a_variant_and_stays_plain_for_the_default():
    """On second_key the grid's title says keys are consumed; on classic it names no rule."""
    app = build_app("--level", "second_key")
    async with app.run_test(size=SIZE):
        title = str(app.main.query_one("#grid-box").border_title)
        assert "second_key" in title and "keys consumed" in title
    app = build_app("--level", "classic")
    async with app.run_test(size=SIZE):
        title = str(app.main.query_one("#grid-box").border_title)
        assert "consumed" not in title and "any key" not in title


async def test_at_80x24_the_episode_panel_says_the_rules_of_any_key():
    """At 80x24 the board's title has no room for the rules (it used to cut them, "any key opens …"): the
    episode panel gives them a line of their own, whole; default-rule levels get no such line."""
    app = build_app("--level", "any_key")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.main.query_one("#episode")
        lines = [panel.render_line(y).text for y in range(panel.size.height)]
        assert any("any key opens any door" in line for line in lines), lines
        assert "…" not in str(app.main.query_one("#grid-box").border_title)
    app = build_app("--level", "classic")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.main.query_one("#episode").outer_size.height == 6


async def test_a_spent_key_is_neither_held_nor_left_to_find():
    """On spend_wisely, after key a opens a door it leaves the inventory, and 'to find' lists only the spare a
    still lying in the storeroom; once that one is taken and spent too, nothing is held and nothing left to find."""
    from procmem_tui.tui.widgets.inventory import Inventory

    app = build_app("--level", "spend_wisely")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right", "p", "right", "o")  # opens the near door A with the only key held
        await pilot.pause()
        inventory = app.main.query_one(Inventory)
        assert app.session.state.keys == frozenset() and inventory.held == ()
        assert "to find: a" in str(inventory.render())
        await pilot.press("up", "up", "left", "left", "left", "p")  # the spare key at the storeroom's far end
        await pilot.pause()
        assert inventory.held == ("a",) and "to find" not in str(inventory.render())
        await pilot.press("right", "right", "right", "down", "down", "right", "right", "right", "right", "o")
        await pilot.pause()
        assert app.session.state.opened == {(3, 3), (7, 1)} and app.session.state.keys == frozenset()
        assert "no keys" in str(inventory.render()) and "to find" not in str(inventory.render())


async def test_a_pairing_is_named_in_the_title_and_the_map_picker_marks_every_variant_level():
    """On key_cycle the grid's title names its pairs; its map picker (the list is the same whichever level is
    shown) shows both pairing levels' opens: header, and each variant level's rule headers next to its size;
    default-rule levels show none."""
    app = build_app("--level", "key_cycle")
    async with app.run_test(size=SIZE) as pilot:
        title = str(app.main.query_one("#grid-box").border_title)
        assert "key_cycle" in title and "aB bC cA" in title
        await pilot.press("m")
        assert isinstance(app.screen, MapPicker)
        options = app.screen.query_one("#map-levels")
        prompts = {options.get_option_at_index(i).id: str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count)}
        assert "opens: aB bC cA ·" in prompts["key_cycle"]
        assert "opens: aC bC bD, keys: consumed ·" in prompts["lesser_key"]
        assert "doors: any ·" in prompts["any_key"]
        assert "keys: consumed ·" in prompts["spend_wisely"] and "keys: consumed ·" in prompts["second_key"]
        assert "doors:" not in prompts["classic"] and "keys:" not in prompts["classic"]
