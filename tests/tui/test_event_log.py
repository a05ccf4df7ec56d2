"""The event log (``widgets.event_log.EventLog``): entries wrap to the panel's width, the newest stays in view,
and a log that outgrows its panel keeps its wrapping (the scrollbar's column is reserved from the start)."""

from __future__ import annotations

from procmem_tui.tui.widgets.event_log import EventLog
from tui_helpers import build_app


async def test_entries_wrap_to_the_panel_and_the_newest_stays_in_view():
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        log = app.main.query_one(EventLog)
        width = log.wrap_width
        assert width == log.scrollable_content_region.width > 0
        for i in range(40):
            app.view.log(f"entry {i}: a line long enough to wrap in the narrow log beside the board")
        await pilot.pause()
        assert log.wrap_width == width, "the log rewrapped when its scrollbar appeared"
        shown = [log.render_line(y).text.rstrip() for y in range(log.size.height)]
        assert shown[-1] == "the board" and any(line.startswith("entry 39:") for line in shown)
        assert log.scroll_y == log.max_scroll_y > 0
        assert all(len(log.render_line(y).text) == width for y in range(log.size.height))
        assert log.history[-1].startswith("entry 39")


async def test_a_wider_window_rewraps_the_log():
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        log = app.main.query_one(EventLog)
        narrow = log.wrap_width
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        assert log.wrap_width == log.scrollable_content_region.width > narrow
        assert "skills in the library" in "".join(log.render_line(y).text for y in range(log.size.height))
