"""Two processes on one library file: creating it at the same moment never fails, and two writers lose nothing
(a skill's stored uses equal the runs the episodes recorded; episode numbers are distinct)."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

from procmem_tui.memory.episodes import unpack
from procmem_tui.memory import SkillStore

ROOT = Path(__file__).resolve().parents[3]
ROUNDS = 25


def _open_in_lockstep(folder: str, barrier, errors) -> None:
    for i in range(ROUNDS):
        barrier.wait()
        try:
            SkillStore.open(Path(folder) / f"lib{i}.sqlite3").close()
        except Exception as exc:  # noqa: BLE001 - the test counts any failure
            errors.put(f"round {i}: {type(exc).__name__}: {exc}")


def test_two_processes_creating_the_same_new_library_never_fail(tmp_path):
    """25 rounds: two processes released by one barrier open the same new file; every open succeeds."""
    context = multiprocessing.get_context("fork")
    barrier, errors = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_open_in_lockstep, args=(str(tmp_path), barrier, errors)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    failures = []
    while not errors.empty():
        failures.append(errors.get())
    assert failures == [] and all(w.exitcode == 0 for w in workers)
    for i in range(ROUNDS):
        with SkillStore.open(tmp_path / f"lib{i}.sqlite3") as store:
            assert store.skill_count() == 0


def _runs_per_skill(db: sqlite3.Connection) -> Counter:
    """Skill executions recorded in the episodes (consecutive steps of one skill are one run)."""
    runs: Counter = Counter()
    for (steps,) in db.execute("SELECT steps_json FROM episodes"):
        last = None
        for _actor, skill_id, _reason, _reward, _events in json.loads(unpack(steps, "steps", "e", 10**8)):
            if skill_id is not None and skill_id != last:
                runs[skill_id] += 1
            last = skill_id
    return runs


def test_two_train_processes_on_one_library_lose_nothing(tmp_path):
    """Two `train` processes at once on a library both already use: every motor and abstract skill's stored
    uses equal the runs recorded in the episodes of both (composite skills run through their parts, so their
    runs are not in the step records), and every episode has its own number."""
    library = str(tmp_path / "lib.sqlite3")

    def train(seed: int, episodes: int) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "procmem_tui", "train", "--level", "two_doors", "--episodes", str(episodes),
             "--seed", str(seed), "--library", library, "--quiet"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)

    first = train(0, 2)
    assert first.wait(120) == 0, first.stderr.read()
    both = [train(1, 12), train(2, 12)]
    for process in both:
        assert process.wait(300) == 0, process.stderr.read()
    db = sqlite3.connect(library)
    runs = _runs_per_skill(db)
    stored = {sid: uses for sid, kind, uses in db.execute("SELECT id, kind, uses FROM skills") if kind != "composite"}
    assert sum(runs.values()) > 50
    assert stored == {sid: runs.get(sid, 0) for sid in stored}
    numbers = [n for (n,) in db.execute("SELECT episode FROM episodes")]
    assert len(numbers) == 26 and len(set(numbers)) == 26
    db.close()
