"""ctrl+c (SIGINT) and SIGTERM stop a headless run between two steps, never inside one.

Python's defaults raise ``KeyboardInterrupt`` wherever the program is (inside a world-model update, say) or, for
SIGTERM, end the process at once. While ``stopping_between_steps`` runs, either signal only notes itself
(``Stop.signum``); the loop asks ``Stop.requested`` before each step and leaves the episode there, so what the agent
learned is whole when it is kept (``Session.keep_unfinished``). A second signal falls back to the default (the
process stops at once: a store transaction under way is rolled back by SQLite, never half-written).
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))


class Stop:
    """Which signal asked the run to stop (None: none yet)."""

    def __init__(self) -> None:
        self.signum: int | None = None

    @property
    def requested(self) -> bool:
        return self.signum is not None

    @property
    def exit_code(self) -> int:
        return 128 + (self.signum or 0)

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name if self.signum else ""


@contextmanager
def stopping_between_steps() -> Iterator[Stop]:
    stop = Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def note(signum, frame) -> None:
        stop.signum = stop.signum or signum
        signal.signal(signum, signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL)

    previous = {sig: signal.signal(sig, note) for sig in SIGNALS}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
