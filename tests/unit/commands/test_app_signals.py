"""SIGTERM/SIGHUP while an app runs (``commands/app_signals.py``): an app that cannot close (Textual's shutdown
blocked on a terminal that went away) still ends, ``GRACE`` seconds after the signal, with 128 + the signal's
number; an app that closes in time is never cut short, even when the process runs on after it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

APP = """
import threading, time
from procmem_tui.commands import app_signals
app_signals.GRACE = {grace}

class App:
    def __init__(self):
        self.closed = threading.Event()
    def call_from_thread(self, callback, *args, **kwargs):
        if {stuck}:  # the event loop never runs again: the request waits for ever
            threading.Event().wait()
        callback(*args, **kwargs)
    def exit(self, return_code=0):
        self.closed.set()

app = App()
with app_signals.ending_on_signals(app):
    print("ready", flush=True)
    app.closed.wait()
time.sleep({after})
print("after", flush=True)
"""


def _run(stuck: bool, grace: float, after: float, signum: int) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = APP.format(stuck=stuck, grace=grace, after=after)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == "ready"
        proc.send_signal(signum)
        out, _ = proc.communicate(timeout=20)
        return proc.returncode, out
    except subprocess.TimeoutExpired:
        return -1, "still running 20 s after the signal"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_an_app_that_cannot_close_ends_after_the_grace_with_the_signals_code():
    """The old handler only asked the app to exit: with its event loop stuck the process lived on for ever."""
    assert _run(stuck=True, grace=0.3, after=0, signum=signal.SIGHUP) == (128 + signal.SIGHUP, "")


def test_an_app_that_closes_in_time_is_not_cut_short_afterwards():
    """The app closes at once; the process then runs on past the grace and ends on its own (exit 0)."""
    assert _run(stuck=False, grace=0.2, after=0.6, signum=signal.SIGTERM) == (0, "after\n")
