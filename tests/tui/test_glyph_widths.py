"""The first-run hint and the keys and doors panels draw keys, doors and the player as the board draws them:
two-column glyphs (``@@``, ``⌐a``, ``■A``) beside two-column cells, one-column glyphs (``@``, ``a``, ``A``) beside
one-column cells, and they change with the board when the window does. Under fog at 80x24 they drew two-column
glyphs the board never showed."""

from __future__ import annotations

from procmem_tui.tui.textual_private import screen_text
from procmem_tui.tui.widgets.doors import Doors
from procmem_tui.tui.widgets.grid import GridView
from procmem_tui.tui.widgets.inventory import Inventory
from tui_helpers import build_app, resize

# 30x10 under fog: one-column cells at 80x24, two-column at 120x40; the key b beside the start, the door B two
# cells to its right (seen from the start), the door A never seen.
LEVEL = """\
; name: glyph_widths
; view: 2
##############################
#@b.B...................A....#
#............................#
#............................#
#............................#
#............................#
#............................#
#............................#
#...........a...............G#
##############################
"""


def shown(app, widget) -> str:
    region = widget.content_region
    return "\n".join(line[region.x:region.right].rstrip() for line in screen_text(app)[region.y:region.bottom])


SIZES = (((80, 24), False), ((120, 40), True), ((80, 24), False))


async def test_the_hint_and_the_panels_draw_glyphs_as_wide_as_the_boards_cells(tmp_path):
    """Under fog: at 80x24 (one-column cells) the first-run hint says ``@``, and holding key b beside door B the
    panels show ``b`` and ``B``; at 120x40 (two-column cells) ``@@``, ``⌐b`` and ``■B``; back at 80x24, one column
    again."""
    level = tmp_path / "glyph_widths.txt"
    level.write_text(LEVEL)
    app = build_app("--level", str(level))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        grid, inventory, doors = (app.main.query_one(w) for w in (GridView, Inventory, Doors))
        found = []
        log = "\n".join(app.main.query_one("#log").history)
        if "new here? get @ to ★" not in log:
            found.append(f"(80, 24) log: {log!r}")
        for size, wide in SIZES:
            await resize(pilot, *size)
            await pilot.pause()
            assert (grid.cell[0] > 1) == wide, f"the board's cells at {size} are {grid.cell[0]} columns"
            if ("get @@ to ★" if wide else "get @ to ★") not in app.view.why_text:
                found.append(f"{size} hint: {app.view.why_text!r}")
        await pilot.press("right", "p")
        assert app.session.state.keys == {"b"} and doors.states == (("B", False),)
        for size, wide in SIZES:
            await resize(pilot, *size)
            await pilot.pause()
            for name, text, want, unwanted in (("keys", shown(app, inventory), "⌐b" if wide else "b", "⌐"),
                                               ("doors", shown(app, doors), "■B" if wide else "B", "■")):
                if want not in text or (not wide and unwanted in text):
                    found.append(f"{size} {name}: {text!r}")
        assert not found, "\n".join(found)


def test_the_help_names_the_one_column_glyphs_too():
    """The help explains the board in one-column cells as well as two-column ones: every one-column glyph of the
    glyph table (a key and a door as their letters), in sight and remembered, is named in its small-cells
    paragraph, so a person at 80x24 on a big level finds the @ and the letters the board shows."""
    from procmem_tui.tui.screens.help import intro
    from procmem_tui.world.glyphs import GLYPHS

    small = next(part for part in intro().split("\n\n") if part.startswith("Small cells"))
    narrow = {g.narrow.format("a" if kind == "key" else "A") for kind, pair in GLYPHS.items() for g in pair if g}
    missing = sorted(text for text in narrow if text.strip() and f"**{text}**" not in small)
    assert not missing, missing
