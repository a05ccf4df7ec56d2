"""The suite's Pilot waits for idle look every 10 ms (``tests/shared_waits.py``), not Textual's 20 ms, and its waits
for the screen wait on the widgets that have work before them, not on all of them: these fail when a Textual upgrade
moves what the hooks rely on (the suite would still pass, each key slower again)."""

from __future__ import annotations

import shared_waits
from textual import _wait
from textual.pilot import Pilot

from tui_helpers import build_app


def test_the_hook_still_fits_this_textual_and_is_set_in_every_test_process():
    assert (_wait.SLEEP_GRANULARITY, _wait.SLEEP_IDLE) == (shared_waits.STEP, shared_waits.STEP / 20)
    assert shared_waits.shorter_idle_waits(), "textual._wait changed: read its wait_for_idle, then mend shared_waits"
    assert getattr(Pilot._wait_for_screen, "fewer_screen_waits", False)
    assert shared_waits.fewer_screen_waits(), "Pilot._wait_for_screen changed: read it, then mend shared_waits"


async def test_the_screen_wait_waits_for_a_widget_handling_a_message_and_leaves_out_idle_ones():
    """An idle widget (waiting on its empty queue) is left out; one with a message queued, or whose handler is
    still running, is waited for: the wait ends after the handler has finished, as Textual's does."""
    import asyncio

    from textual.widgets import Static

    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        widgets = list(app.screen.walk_children())
        assert widgets and not any(shared_waits.busy(w) for w in widgets)
        widget = app.screen.query(Static).first()
        finished = []

        async def slow() -> None:
            started.set()
            await asyncio.sleep(0.1)
            finished.append(True)

        started = asyncio.Event()
        widget.call_later(slow)
        assert shared_waits.busy(widget)  # queued
        await started.wait()
        assert not widget._message_queue.values and shared_waits.busy(widget)  # being handled
        await pilot._wait_for_screen()
        assert finished == [True]
        assert not shared_waits.busy(widget)
