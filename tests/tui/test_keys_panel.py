"""The keys panel names every key at 80x24: on one line (a narrow column) it takes the widest form that fits
instead of cutting the last keys with "…" (open_field showed ``find a b c d …``, hiding key e)."""

from __future__ import annotations

import pytest
from textual.app import App

from procmem_tui.tui.textual_private import screen_text
from procmem_tui.tui.widgets.inventory import Inventory
from tui_helpers import build_app


def panel_line(app, widget) -> str:
    region = widget.content_region
    return screen_text(app)[region.y][region.x:region.right].rstrip()


async def test_open_field_at_80x24_names_every_key_to_find():
    """At 80x24 open_field's one-line keys panel names all five keys to find, none cut with …."""
    app = build_app("--level", "open_field")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        inventory = app.main.query_one(Inventory)
        assert inventory.compact
        line = panel_line(app, inventory)
        assert "…" not in line
        assert line.replace(" ", "").endswith("findabcde"), line


class OnePanel(App):
    CSS = "Inventory { width: 20; height: 1; }"

    def compose(self):
        yield Inventory()


@pytest.mark.parametrize("held, lying, expected", [
    ("", "abc", "no keys  find a b c"),  # fits as it is
    ("", "abcdef", "find a b c d e f"),  # "no keys" goes first
    ("ab", "cdef", "⌐a ⌐b   find c d e f"),
    ("abc", "def", "⌐a⌐b⌐c  find def"),  # then the spaces between letters
])
async def test_a_narrow_panel_takes_the_widest_form_that_fits(held, lying, expected):
    """A one-line panel takes the widest form that fits: no keys goes first, then the spaces between letters."""
    app = OnePanel()
    async with app.run_test(size=(40, 3)) as pilot:
        inventory = app.query_one(Inventory)
        inventory.set_compact(True)
        inventory.show(tuple(held + lying), frozenset(held))
        await pilot.pause()
        assert panel_line(app, inventory) == expected
