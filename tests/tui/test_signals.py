"""SIGTERM and SIGHUP end the app like ``q`` (issue 19): checked in a real terminal (tmux). Before the signal the
pane is in the alternate screen with the cursor hidden and mouse reporting on; after it the pane is back in the
normal screen, the cursor visible, mouse reporting off, and the exit code is 128 + the signal number. The library
the app had open is intact and readable."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout.strip()


def pane_state(session: str) -> tuple[str, str, str]:
    """(alternate screen on, cursor visible, mouse reporting on) as tmux sees the pane."""
    return tuple(tmux("display", "-p", "-t", session, "#{alternate_on} #{cursor_flag} #{mouse_any_flag}").split())


def wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_restores_the_terminal_and_states_its_exit_code(tmp_path, signum):
    session = f"procmem-signal-{os.getpid()}-{signum}"
    pidfile, rcfile, library = tmp_path / "pid", tmp_path / "rc", tmp_path / "lib.sqlite3"
    script = tmp_path / "run.sh"
    script.write_text(
        f"cd {tmp_path}\nexport PYTHONPATH={ROOT} HOME={tmp_path} XDG_STATE_HOME={tmp_path}/state\n"
        f"sh -c 'echo $$ > {pidfile}; exec {sys.executable} -m procmem_tui play --library {library}'\n"
        f"echo $? > {rcfile}\nexec sleep 600\n")
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "40", f"sh {script}")
    try:
        wait_for(lambda: pidfile.exists() and pane_state(session) == ("1", "0", "1"))
        time.sleep(1.0)  # the app is up and drawing
        os.kill(int(pidfile.read_text()), signum)
        wait_for(lambda: rcfile.exists() and rcfile.read_text().strip() != "")
        assert int(rcfile.read_text()) == 128 + signum
        assert pane_state(session) == ("0", "1", "0")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    done = subprocess.run([sys.executable, "-m", "procmem_tui", "doctor", "--library", str(library)],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stdout + done.stderr
