"""The board under fog, read as plain characters (what ``tmux capture-pane -p``, NO_COLOR or a monochrome
terminal shows): at every cell size the app uses and in both themes, a cell in sight, one remembered and one
never seen differ for every kind, and no in-sight cell of any kind reads as a remembered one."""

from __future__ import annotations

from tui_helpers import build_app

from procmem_tui.tui.fog import FogLayer
from procmem_tui.tui.layout import CELLS
from procmem_tui.tui.widgets.grid import GridView
from procmem_tui.world import GridWorld, parse_level
from procmem_tui.world.glyphs import IN_SIGHT, REMEMBERED, UNKNOWN

# the top row in sight, the middle one remembered (as last seen), the bottom one never seen; the player in sight
KINDS = {".": "floor", "#": "wall", "X": "box", "G": "goal", "a": "key", "A": "locked door", "1": "open door"}
LEVEL = parse_level(".#XGaA.@\n.#XGaA..\n.......G\n", "looks.txt", check_solvable=False)
FOG = FogLayer(codes=(".#XGaA1@", ".#XGaA1.", "????????"),
               looks=(IN_SIGHT * 8, REMEMBERED * 8, UNKNOWN * 8))


def cell_blocks(grid: GridView) -> list[list[str]]:
    """Each cell's characters (all its lines joined), rows of cells top first."""
    cw, ch = grid.cell
    lines = [grid.render_line(y).text for y in range(ch * LEVEL.height)]
    return [["\n".join(line[x * cw:(x + 1) * cw] for line in lines[row * ch:(row + 1) * ch])
             for x in range(LEVEL.width)] for row in range(LEVEL.height)]


async def test_three_looks_differ_in_plain_characters_at_every_cell_size_and_theme():
    """The real board (the app's GridView) draws a row of every kind in sight, one remembered and one never seen;
    read back as text, at each of layout.CELLS in the default and the high-contrast theme, every kind has three
    different blocks, and no in-sight block equals any remembered one."""
    app = build_app("--level", "warehouse", "--view", "3")
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.screen.query_one(GridView)
        state = GridWorld(LEVEL).state
        for theme in ("textual-dark", "procmem-high-contrast"):
            app.theme = theme
            await pilot.pause()
            for cell in CELLS:
                grid.set_cells(cell)
                grid.show(LEVEL, state, fog=FOG)
                seen, remembered, never = cell_blocks(grid)
                where = f"{theme} {cell[0]}x{cell[1]}"
                for x, kind in enumerate(KINDS.values()):
                    assert len({seen[x], remembered[x], never[x]}) == 3, (where, kind, seen[x], remembered[x])
                assert not set(seen) & set(remembered), (where, seen, remembered)
                assert len(set(never)) == 1 and never[0] not in set(seen) | set(remembered), where
