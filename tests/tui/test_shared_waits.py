"""The suite's Pilot waits for idle look every 10 ms (``tests/shared_waits.py``), not Textual's 20 ms: this fails when
a Textual upgrade moves what the hook sets (the suite would still pass, each key 20 ms slower again)."""

from __future__ import annotations

import shared_waits
from textual import _wait


def test_the_hook_still_fits_this_textual_and_is_set_in_every_test_process():
    assert (_wait.SLEEP_GRANULARITY, _wait.SLEEP_IDLE) == (shared_waits.STEP, shared_waits.STEP / 20)
    assert shared_waits.shorter_idle_waits(), "textual._wait changed: read its wait_for_idle, then mend shared_waits"
