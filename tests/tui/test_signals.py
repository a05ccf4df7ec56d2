"""SIGTERM and SIGHUP end the app like ``q`` (issue 19): checked in a real terminal (tmux). Before the signal the
pane is in the alternate screen with the cursor hidden and mouse reporting on; after it the pane is back in the
normal screen, the cursor visible, mouse reporting off, and the exit code is 128 + the signal number. The library
the app had open is intact and readable."""

from __future__ import annotations

import os
import shutil
import signal

import pytest

from terminal_helpers import pane_state, procmem, procmem_in_tmux, wait_for

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_restores_the_terminal_and_states_its_exit_code(tmp_path, signum):
    """SIGTERM or SIGHUP while the game shows: exit code 128 + the signal, the pane back in the normal screen with
    the cursor shown and mouse reporting off, the library passes doctor."""
    library = tmp_path / "lib.sqlite3"
    with procmem_in_tmux(tmp_path, "play", "--library", str(library), name="procmem-signal") as pane:
        wait_for(pane.running)
        wait_for(lambda: "episode" in pane.screen())  # the app is up and has drawn the game
        os.kill(pane.pid, signum)
        assert pane.exit_code() == 128 + signum
        assert pane_state(pane.session) == ("0", "1", "0")
    done = procmem("doctor", "--library", str(library))
    assert done.returncode == 0, done.stdout + done.stderr
