"""Episode numbers come from the library file, so processes sharing one library never reuse a number (issue 12,
item 4) and a new process continues the count where the last one stopped."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from procmem_tui.agents import make_agent
from procmem_tui.memory import SkillStore
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level

ROOT = Path(__file__).resolve().parents[3]
_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

_ALLOCATE = """
import sys
from procmem_tui.memory import SkillStore
with SkillStore.open(sys.argv[1]) as store:
    print(" ".join(str(store.allocate_episode()) for _ in range(int(sys.argv[2]))))
"""


def test_two_processes_allocating_at_once_never_get_the_same_number(tmp_path):
    """Two processes each take 150 numbers from one library at the same time: 300 distinct numbers, 1..300."""
    path = tmp_path / "lib.sqlite3"
    SkillStore.open(path).close()
    procs = [subprocess.Popen([sys.executable, "-c", _ALLOCATE, str(path), "150"], env=_ENV, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    numbers = [int(n) for out, _ in outputs for n in out.split()]
    assert sorted(numbers) == list(range(1, 301))


def test_two_train_runs_on_one_library_record_distinct_episode_numbers(tmp_path):
    """Two `procmem train` runs at once on one library: every recorded episode has its own number."""
    path = tmp_path / "lib.sqlite3"
    SkillStore.open(path).close()
    command = [sys.executable, "-m", "procmem_tui", "train", "--level", "classic", "--episodes", "12",
               "--library", str(path), "--quiet"]
    procs = [subprocess.Popen(command, env=_ENV, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    errors = [p.communicate(timeout=170)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    db = sqlite3.connect(path)
    numbers = [row[0] for row in db.execute("SELECT episode FROM episodes")]
    db.close()
    assert len(numbers) == 24 and len(set(numbers)) == 24


def test_a_new_session_on_the_same_library_continues_the_count_and_skills_use_it(tmp_path):
    """Session 2 on the same file starts above session 1's numbers; skills learned there record those numbers, so
    eviction compares uses from different runs on one clock."""
    path = tmp_path / "lib.sqlite3"
    level = LevelSource.fixed(load_level("classic"))
    with SkillStore.open(path) as store:
        session = Session(level, make_agent("procmem", library=store.load_library()), store)
        first = [session.run_episode().episode for _ in range(3)]
    with SkillStore.open(path) as store:
        session = Session(level, make_agent("procmem", library=store.load_library()), store)
        second = [session.run_episode().episode for _ in range(2)]
        library = session.agent.library
    assert first == [1, 2, 3]
    assert second[0] > first[-1] and second == [second[0], second[0] + 1]
    assert max(s.last_used_episode for s in library) in second
