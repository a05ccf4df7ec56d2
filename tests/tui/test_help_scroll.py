"""The help's text scrolls a line per ``j``/``k`` however fast the keys come (procmem_tui/tui/widgets/lists.py,
``ViScroll``)."""

from __future__ import annotations

from tui_helpers import build_app, type_keys


async def test_keys_faster_than_the_screen_each_scroll_a_line():
    """Three ``j`` in one burst (a held key, a fast typist) scroll three lines, two ``k`` then two back: each key
    used to count from where the last scroll was headed before the screen refreshed, so the burst moved one line."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 5
        await type_keys(pilot, "j", "j", "j")
        assert body.scroll_target_y == 3
        await type_keys(pilot, "k", "k")
        assert body.scroll_target_y == 1
        await type_keys(pilot, "k", "k")
        assert body.scroll_target_y == 0
