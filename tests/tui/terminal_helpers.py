"""The app in a real terminal (tmux) as a user runs it: started in a pane, keys typed, the process signalled."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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


class Pane:
    """``procmem <args>`` running in a tmux pane: its pid, its exit code once it ended, its screen's text."""

    def __init__(self, session: str, folder: Path) -> None:
        self.session, self.pidfile, self.rcfile = session, folder / "pid", folder / "rc"

    @property
    def pid(self) -> int:
        return int(self.pidfile.read_text())

    def running(self) -> bool:
        """Up and drawing: the alternate screen is on, the cursor hidden, mouse reporting on."""
        return self.pidfile.exists() and pane_state(self.session) == ("1", "0", "1")

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str) -> None:
        tmux("send-keys", "-t", self.session, *keys)

    def exit_code(self, timeout: float = 60.0) -> int:
        wait_for(lambda: self.rcfile.exists() and self.rcfile.read_text().strip() != "", timeout)
        return int(self.rcfile.read_text())


@contextmanager
def procmem_in_tmux(folder: Path, *args: str, name: str = "procmem"):
    """Start ``python -m procmem_tui <args>`` in a 100x40 tmux pane (home and state under ``folder``); the session
    is killed afterwards."""
    session = f"{name}-{os.getpid()}-{time.monotonic_ns()}"
    pane = Pane(session, folder)
    script = folder / "run.sh"
    script.write_text(
        f"cd {folder}\nexport PYTHONPATH={ROOT} HOME={folder} XDG_STATE_HOME={folder}/state\n"
        f"sh -c 'echo $$ > {pane.pidfile}; exec {sys.executable} -m procmem_tui {' '.join(args)}'\n"
        f"echo $? > {pane.rcfile}\nexec sleep 600\n")
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "40", f"sh {script}")
    try:
        yield pane
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def procmem(*args: str) -> subprocess.CompletedProcess:
    """``procmem <args>`` in a new process, its output captured."""
    return subprocess.run([sys.executable, "-m", "procmem_tui", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
