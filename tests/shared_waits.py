"""Pilot's waits for idle, each a 10 ms look instead of a 20 ms one.

``Pilot.press`` waits twice a key, and ``Pilot.pause`` once, for the process to go idle: Textual sleeps in steps of
``SLEEP_GRANULARITY`` (20 ms) and stops after the first step in which the process (every thread of it) used less
than a twentieth of the step's CPU. A key handled in a millisecond still cost 40 ms of sleep, about 1,800 waits a
run, most of the Pilot tests' wall time on 2 workers. With 10 ms steps the test still waits until the process has
gone idle (the same rule: under a twentieth of a step's CPU, the same 1 s limit), only its look is shorter. Fifty
keys on the main screen, one process, at a load average of 14: 3.8-4.9 s of wall time with 20 ms steps, 2.3-3.2 s
with 10 ms, 1.9-2.5 s with 5 ms (whose idle mark, a quarter of a millisecond of CPU, the event loop's own wake-up
comes near), for the same CPU (0.5-1.0 s). Test-only: a person's ``procmem`` never waits for idle."""

from __future__ import annotations

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
