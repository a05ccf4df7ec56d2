"""Pilot's waits for idle, each a 10 ms look instead of a 20 ms one; its waits for the screen, on the busy widgets
only (``fewer_screen_waits``).

``Pilot.press`` waits twice a key, and ``Pilot.pause`` once, for the process to go idle: Textual sleeps in steps of
``SLEEP_GRANULARITY`` (20 ms) and stops after the first step in which the process (every thread of it) used less
than a twentieth of the step's CPU. A key handled in a millisecond still cost 40 ms of sleep, about 1,800 waits a
run, most of the Pilot tests' wall time on 2 workers. With 10 ms steps the test still waits until the process has
gone idle (the same rule: under a twentieth of a step's CPU, the same 1 s limit), only its look is shorter. Fifty
keys on the main screen, one process, at a load average of 14: 3.8-4.9 s of wall time with 20 ms steps, 2.3-3.2 s
with 10 ms, 1.9-2.5 s with 5 ms (whose idle mark, a quarter of a millisecond of CPU, the event loop's own wake-up
comes near), for the same CPU (0.5-1.0 s). Test-only: a person's ``procmem`` never waits for idle."""

from __future__ import annotations

import asyncio

STEP = 0.01  # seconds: Textual's own is 1/50


def shorter_idle_waits() -> bool:
    """Make Textual's wait for idle look every ``STEP`` seconds; False (nothing changed) where Textual's private
    ``textual._wait`` no longer keeps its step in the module (read at each sleep) as Textual 8.2 does."""
    try:
        from textual import _wait
    except ImportError:
        return False
    names = _wait.wait_for_idle.__code__.co_names
    if not {"SLEEP_GRANULARITY", "SLEEP_IDLE"} <= set(names) or not hasattr(_wait, "SLEEP_IDLE"):
        return False
    _wait.SLEEP_GRANULARITY = STEP
    _wait.SLEEP_IDLE = STEP / 20
    return True


def fewer_screen_waits() -> bool:
    """Make ``Pilot``'s wait for the screen (``press``, ``pause``, ``click``: once each) wait only on the message
    pumps that have something to process; False (nothing changed) where Textual's private ``Pilot._wait_for_screen``
    no longer hands a callback to every widget of the screen as Textual 8.2 does.

    Textual's wait posts a callback to the app and to every widget of the screen (27 on the main screen) and waits
    until each has run it: every one of them wakes, dispatches the callback and then an idle event, about 3 ms of CPU
    a wait, even when 25 of them have nothing queued. A widget whose task waits on its empty queue (so no
    message is queued or being handled, and it has mounted) and that has no ``call_next`` callback waiting would
    run the callback at once: it is left out. The app and the screen always take part, so the wait still ends only
    after every message queued before it has been handled, as Textual's does."""
    try:
        from textual.pilot import Pilot
    except ImportError:
        return False
    if getattr(Pilot._wait_for_screen, "fewer_screen_waits", False):
        return True
    names = set(Pilot._wait_for_screen.__code__.co_names)
    if not {"walk_children", "call_later", "WaitForScreenTimeout"} <= names:
        return False
    from textual.pilot import WaitForScreenTimeout

    async def wait_for_busy_pumps(self, timeout: float = 30.0) -> bool:
        """Textual's ``Pilot._wait_for_screen``, with the idle widgets left out."""
        try:
            screen = self.app.screen
        except Exception:
            return False
        pumps = [self.app, screen, *(node for node in screen.walk_children(with_self=False) if busy(node))]
        count = 0
        all_ran = asyncio.Event()

        def ran() -> None:
            nonlocal count
            count -= 1
            if count == 0:
                all_ran.set()

        for pump in pumps:
            if pump.call_later(ran):
                count += 1
        if count:
            waits = [asyncio.create_task(all_ran.wait()), asyncio.create_task(self.app._exception_event.wait())]
            _, pending = await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()
            if len(pending) == len(waits):
                raise WaitForScreenTimeout("Timed out while waiting for widgets to process pending messages.")
            if count > 0:
                return False
        return True

    wait_for_busy_pumps.fewer_screen_waits = True
    Pilot._wait_for_screen = wait_for_busy_pumps
    return True


def busy(pump) -> bool:
    """Whether a message pump has work before it: a message queued, one being handled (its task is not waiting on
    its queue: handling a message, mounting, or not started), or a ``call_next`` callback waiting."""
    queue = pump._message_queue
    return bool(queue.values) or not queue.ready_event._waiters or bool(pump._next_callbacks)
