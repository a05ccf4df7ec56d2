"""The event log (``widgets.event_log.EventLog``): entries wrap to the panel's width, the newest stays in view,
and a log that outgrows its panel keeps its wrapping (the scrollbar's column is reserved from the start)."""

from __future__ import annotations

from procmem_tui.tui.widgets.event_log import EventLog
from tui_helpers import build_app, resize, type_keys


async def test_entries_wrap_to_the_panel_and_the_newest_stays_in_view():
    """Forty long entries wrap to the log's width, which the scrollbar does not change, and the log stays scrolled
    to the newest."""
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
    """A wider window rewraps the log to its new, wider width, the first entries still readable."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        log = app.main.query_one(EventLog)
        narrow = log.wrap_width
        await resize(pilot, 160, 50)
        await pilot.pause()
        assert log.wrap_width == log.scrollable_content_region.width > narrow
        assert "skills in the library" in "".join(log.render_line(y).text for y in range(log.size.height))


async def test_the_newest_line_stays_in_view_through_ten_level_changes():
    """At 80x24, ten level changes through the map picker (m, a few downs, enter), as a person does: each one
    resizes the log (its height follows the board's); after each the newest entry is the last line shown
    wherever the log is (it used to stop following after a few changes; a maze-sized board used to fold it)."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        log = app.main.query_one(EventLog)
        for i in range(1, 11):
            await pilot.press("m")
            await type_keys(pilot, *["down"] * (i % 6 + 1))
            await pilot.press("enter")
            await pilot.pause()
            assert log.history[-1].startswith("level:")
            assert app.main.plan.log and log.region.height >= 5, "the log is always shown"
            shown = [log.render_line(y).text.strip() for y in range(log.size.height)]
            assert [line for line in shown if line][-1].endswith(log.history[-1].split()[-1]), (i, shown)


async def test_scrolling_up_stops_following_and_the_bottom_resumes_it():
    """The person can read back: a new entry does not yank the view down while they are scrolled up."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        log = app.main.query_one(EventLog)
        for i in range(30):
            app.view.log(f"entry {i}")
        await pilot.pause()
        log.scroll_home(animate=False, immediate=True)
        app.view.log("entry 30")
        await pilot.pause()
        assert log.scroll_y == 0 and not log.following
        log.scroll_end(animate=False, immediate=True)
        app.view.log("entry 31")
        await pilot.pause()  # draws the frame; the log scrolls to its new line after a frame is drawn,
        await pilot.pause()  # so the scroll runs here (one pause passed only when a timer's frame came between)
        assert log.following and log.render_line(log.size.height - 1).text.strip() == "entry 31"
