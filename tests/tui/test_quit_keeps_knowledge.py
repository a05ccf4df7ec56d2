"""What the agent learns in an episode left unfinished outlives the app (issue 16): in a real terminal (tmux), on an
empty library, a person bumps into the level's edge and steps onto floor, then quits with ``q`` (or the process
gets SIGTERM) mid-episode. Another process on the same library (``procmem knowledge``, run in the test's own process
once the app's has ended: ``cli_run``) knows what those steps showed, named by level; no episode was recorded and no
skill learned (skills come only from finished episodes), and the library checks clean."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time

import pytest

from cli_run import procmem
from procmem_tui.memory import SkillStore
from terminal_helpers import procmem_in_tmux, wait_for

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


@pytest.mark.parametrize("how", ["q", "SIGTERM"])
def test_what_an_unfinished_episode_taught_is_known_after_quitting(tmp_path, how):
    """Bumps and a step in an episode left by q or SIGTERM are known to procmem knowledge in another process than
    the app's (per level and pooled), no episode is recorded, and doctor passes."""
    library = tmp_path / "lib.sqlite3"
    with procmem_in_tmux(tmp_path, "play", "--library", str(library), "--level", "classic") as pane:
        wait_for(pane.running)
        wait_for(lambda: "step 0/50" in pane.screen())
        pane.keys("Left", "Left", "Down", "Right")
        wait_for(lambda: "step 4/50" in pane.screen())
        if how == "q":
            pane.keys("q")  # a game under way: it asks first
            wait_for(lambda: "esc cancel" in pane.screen())
            pane.keys("q")
            assert pane.exit_code() == 0
        else:
            os.kill(pane.pid, signal.SIGTERM)
            assert pane.exit_code() == 128 + signal.SIGTERM
    shown = procmem("knowledge", "--library", str(library), "--level", "classic")
    assert shown.returncode == 0, shown.stderr
    assert "moving into the edge: blocked (seen 3×, this level only)" in shown.stdout
    assert "moving onto floor: moved in (seen 1×, this level only)" in shown.stdout
    assert "4 steps seen" in shown.stdout.splitlines()[0]
    pooled = procmem("knowledge", "--library", str(library), "--json")
    assert any("(seen 3×, classic only)" in line["text"] for line in json.loads(pooled.stdout)["lines"])
    with SkillStore.open(library, read_only=True) as store:
        assert (store.episode_count(), store.skill_count()) == (0, 0)
    doctor = procmem("doctor", "--library", str(library))
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
