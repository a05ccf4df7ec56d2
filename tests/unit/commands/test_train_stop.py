"""ctrl+c or SIGTERM during ``procmem train`` stops it between two steps: the episode under way is not recorded and
teaches no skill, but what the agent learned of the world in its steps is kept, so a new process knows it
(``procmem knowledge``). The exit code is 128 + the signal, and the library checks clean."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from procmem_tui.memory import SkillStore

ROOT = Path(__file__).resolve().parents[3]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _long_corridor(path: Path, size: int = 41) -> Path:
    """A serpentine under fog: seconds of play for any agent (the optimum is 762 steps); the run is stopped long
    before its end."""
    rows = []
    for y in range(size):
        if y % 2:
            rows.append("." * size)
        elif y in (0, size - 1):
            rows.append("#" * size)
        else:
            gap = size - 2 if (y // 2) % 2 else 1
            rows.append("".join("." if x == gap else "#" for x in range(size)))
    rows[size - 2] = "@" + rows[size - 2][1:]
    rows[1] = rows[1][:-1] + "G"
    path.write_text("; name: corridor\n; view: 2\n" + "\n".join(rows) + "\n")
    return path


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl+c", "SIGTERM"])
def test_a_stopped_run_keeps_what_the_unfinished_episode_taught(tmp_path, signum):
    """ctrl+c or SIGTERM in the second episode: exit 128 + the signal, one line saying the episode was not recorded
    and where its learning is kept; a new process knows that level's steps, and doctor passes."""
    library, corridor = tmp_path / "lib.sqlite3", _long_corridor(tmp_path / "corridor.txt")
    command = [sys.executable, "-m", "procmem_tui", "train", "--level", "classic", "--level", str(corridor),
               "--episodes", "1", "--library", str(library)]
    run = subprocess.Popen(command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = run.stdout.readline()  # classic's episode is recorded; the corridor's begins
        assert first.startswith("Episode 1:"), first + run.stderr.read()
        time.sleep(1.0)  # well inside the corridor's episode (seconds of play), some steps into it
        run.send_signal(signum)
        out, err = run.communicate(timeout=60)
    finally:
        run.kill()
    assert run.returncode == 128 + signum, err
    assert f"stopped by {signal.Signals(signum).name} during episode 2 (not recorded); what the agent learned in " \
           f"it is kept in {library}" in err
    assert "Episode 2" not in out
    classic_steps, skills = (int(n) for n in re.search(r"Steps=(\d+),.*Skills=(\d+),", first).groups())
    with SkillStore.open(library, read_only=True) as store:
        assert (store.episode_count(), store.skill_count()) == (1, skills)
    shown = subprocess.run([sys.executable, "-m", "procmem_tui", "knowledge", "--library", str(library), "--level",
                            str(corridor)], env=ENV, capture_output=True, text=True, timeout=60)
    heading = shown.stdout.splitlines()[0]
    assert "as on corridor:" in heading, heading  # not "never played there": its steps are known
    assert int(re.search(r"([\d,]+) steps seen", heading).group(1).replace(",", "")) > classic_steps
    doctor = subprocess.run([sys.executable, "-m", "procmem_tui", "doctor", "--library", str(library)], env=ENV,
                            capture_output=True, text=True, timeout=60)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
