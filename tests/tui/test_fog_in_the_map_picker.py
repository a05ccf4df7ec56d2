"""The map picker has a fog switch: a new player choosing a level there could not say "in fog" (only the palette's
words, or quitting to start again with ``--view``). It opens as the app's fog is (on, with its sight, after
``--view 2``; off without), ``f`` turns it over, and the level chosen, and every one after, is played as it says;
left alone it changes nothing. At 80x24 the switch is in sight as the picker opens, and the dialog scrolls to
the field the focus is on: its family row was below the screen's edge there, tabbed to but never seen."""

from __future__ import annotations

from textual.widgets import Checkbox, OptionList

from procmem_tui.tui.messages import LevelChosen
from procmem_tui.tui.screens.map_picker import MapPicker
from tui_helpers import SIZE, build_app, resize


async def choose(pilot, app, name: str, *keys: str) -> tuple[bool, str]:
    """Open the picker (m), press ``keys`` there, then choose level ``name``; returns the switch as it was then
    (on or off, its words)."""
    await pilot.press("m")
    await pilot.pause()
    picker = app.screen
    assert isinstance(picker, MapPicker), "the map picker did not open"
    await pilot.press(*keys)
    switch = picker.query_one("#map-fog", Checkbox)
    seen = switch.value, str(switch.label)
    options = picker.query_one("#map-levels", OptionList)
    options.highlighted = next(i for i, option in enumerate(options.options) if option.id == name)
    await pilot.press("enter")
    await pilot.pause()
    assert app.screen is app.main and app.session.level.name == name
    return seen


def said(app, words: str) -> bool:
    return any(words in str(line) for line in app.main.query_one("#log").history)


async def test_the_map_picker_s_fog_switch_plays_the_chosen_level_and_the_next_in_fog_or_not():
    app = build_app("--level", "classic", "--view", "2")
    async with app.run_test(size=SIZE) as pilot:
        on, words = await choose(pilot, app, "two_doors")  # left alone: the app's fog, sight 2
        assert on and "sight 2 cells" in words and app.session.view == 2

        on, _ = await choose(pilot, app, "classic", "f")  # off
        assert not on and app.session.view is None and said(app, "fog off: the whole level is in sight")

        on, _ = await choose(pilot, app, "two_doors")  # it opens off now, and left alone stays off
        assert not on and app.session.view is None

        on, words = await choose(pilot, app, "classic", "f")  # on: the palette's sight, 3
        assert on and "sight 3 cells" in words and app.session.view == 3 and said(app, "fog on: only what is within 3")
        app.choose_level(LevelChosen(family="doorkey", size=8))
        assert app.session.view == 3, "the next level chosen is not in fog"


async def test_at_80x24_the_switch_is_in_sight_and_the_family_row_scrolls_into_it():
    app = build_app("--level", "classic")
    async with app.run_test(size=SIZE) as pilot:
        await resize(pilot, 80, 24)
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen.query_one("#map-dialog")
        assert dialog.region.contains_region(app.screen.query_one("#map-fog").region), "the fog switch is not in sight"
        await pilot.press("tab", "tab")
        await pilot.pause()
        family = app.screen.query_one("#map-family")
        assert app.screen.focused is family and dialog.region.contains_region(family.region), "the family row is hidden"
