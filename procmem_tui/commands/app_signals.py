"""SIGTERM and SIGHUP end a running Textual app the way ``q`` does, so the terminal is restored.

Python's default for both is to die at once, leaving the terminal in the alternate screen with mouse reporting on
and the cursor hidden. While an app runs, ``ending_on_signals`` catches them and asks the app, from a helper thread
(Textual's ``call_from_thread``, which wakes its event loop), to exit: Textual then restores the terminal and the
app's unmount closes the library, as after ``q``. What was recorded stays; the episode being played, unfinished,
is not recorded (as after ``q``), but what the agent learned of the world in it is kept (``Session.keep_unfinished``). The exit code is 128 + the signal's number: 143 for SIGTERM, 129 for SIGHUP. A
second signal while the app is closing falls back to the default (the process ends at once).

A closed terminal (SIGHUP from a window or tmux session going away) can leave Textual unable to finish: its output
thread dies writing to the gone terminal and its shutdown waits on it for ever, after the library was closed (the
app's unmount comes first). So if the app's run has not returned ``GRACE`` seconds after the signal, the process
ends itself with the same exit code; every library write is one transaction, so nothing stored can be half written.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
GRACE = 10.0  # seconds a signalled app has to close before the process ends itself


@contextmanager
def ending_on_signals(app):
    """While the block runs (``app.run()``), SIGTERM/SIGHUP make ``app`` exit with code 128 + signal number."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def end(signum, frame) -> None:
        signal.signal(signum, signal.SIG_DFL)  # a second one ends the process at once

        def ask() -> None:
            try:
                app.call_from_thread(app.exit, return_code=128 + signum)
            except Exception:  # noqa: BLE001 - the app already stopped: nothing left to end
                pass

        def give_up() -> None:
            if not closed.wait(GRACE):
                os._exit(128 + signum)  # the app could not close (a gone terminal): end without it

        threading.Thread(target=ask, name="procmem-signal", daemon=True).start()
        threading.Thread(target=give_up, name="procmem-signal-grace", daemon=True).start()

    closed = threading.Event()  # the app's run returned: nothing to give up on
    previous = {sig: signal.signal(sig, end) for sig in SIGNALS}
    try:
        yield
    finally:
        closed.set()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
