"""What a move repaints: the panels whose text changed, nothing else. Textual repaints a whole widget at each
assignment of its border title, even of the same text, and one frame's update covers the box around every
widget repainted (so one needless repaint on the right makes the frame redraw every panel in between)."""

from __future__ import annotations

from tui_helpers import build_app


async def test_a_move_under_fog_repaints_neither_the_skills_table_nor_the_boards_box():
    """A move under fog, whose board title says the sight radius at every step, changes the board and the
    episode panel only: the skills table (its subtitle says nothing runs) and the board's box (its title is the
    same) are not repainted."""
    app = build_app("--level", "two_doors", "--view", "2")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        repainted: list[str] = []
        for widget in (app.main.query_one("#skills"), app.main.query_one("#grid-box")):
            def counting(*regions, _widget=widget, _refresh=widget.refresh, **options):
                repainted.append(_widget.id)
                return _refresh(*regions, **options)

            widget.refresh = counting
        start = app.session.state.pos
        await pilot.press("right")
        assert app.session.state.pos != start, "the move was not made"
        assert repainted == []
