"""The SQLite store: round trips, refusing files that are not ours (untouched), crash safety, retention."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from procmem_tui.memory import SkillLibrary, SkillStore, StoreError, default_library_path
from procmem_tui.memory.features import EMBED_DIM
from procmem_tui.memory.skill import KINDS, Skill
from procmem_tui.world import GridWorld, load_level, solve

ROOT = Path(__file__).resolve().parents[3]


def _random_skills(n: int, seed: int = 0) -> list[Skill]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        attempts = int(rng.integers(0, 9))
        steps = ["move_up", "pickup_key"] if KINDS[i % 3] != "composite" else ["0123456789ab", "ba9876543210"]
        out.append(Skill(
            name=f"skill {i}", kind=KINDS[i % 3], program=tuple(rng.choice(steps, size=1 + i % 4)),
            effect=(f"effect{i}",), preconditions=frozenset({f"pos:{i},0", "holding:a"} if i % 2 else set()),
            embedding=rng.standard_normal(EMBED_DIM).astype(np.float32), source=("agent", "player")[i % 2],
            origin_episode=i, attempts=attempts, successes=int(rng.integers(0, attempts + 1)), uses=i,
            created_episode=i, last_used_episode=i + 1, context="" if i % 3 else "abc123def456",
        ))
    return out


def test_skills_round_trip_with_byte_identical_embeddings(tmp_path):
    """Skills saved and loaded back are equal field by field, in insertion order, with identical embedding bytes."""
    path = tmp_path / "lib.sqlite3"
    lib = SkillLibrary()
    skills = _random_skills(40)
    for s in skills:
        lib.add(s, 0)
    lib.add(Skill(**{**skills[3].__dict__, "program": ("move_up",)}), 3)  # skill 3 (motor) improves: a second version
    with SkillStore.open(path) as store:
        store.save_library(lib)
        assert lib.dirty_ids() == set()
    with SkillStore.open(path) as store:
        loaded = store.load_library()
    assert loaded.dirty_ids() == set()
    assert [s.id for s in loaded] == [s.id for s in lib]
    for a, b in zip(lib, loaded):
        assert a == b
        assert a.embedding.tobytes() == b.embedding.tobytes()
    assert len(loaded.get(skills[3].id).versions) == 2


def test_save_deletes_removed_skills_and_keeps_order_of_new_ones(tmp_path):
    """Removed skills are deleted by the next save; skills added after a reload come after the old ones."""
    path = tmp_path / "lib.sqlite3"
    skills = _random_skills(5)
    with SkillStore.open(path) as store:
        lib = store.load_library()
        for s in skills[:4]:
            lib.add(s, 0)
        store.save_library(lib)
        lib = store.load_library()
        lib.remove(skills[1].id)
        lib.add(skills[4], 1)
        store.save_library(lib)
        again = store.load_library()
    assert [s.id for s in again] == [skills[i].id for i in (0, 2, 3, 4)]


def test_episodes_round_trip_and_filters(tmp_path, solved):
    """An episode comes back with its level text, start, actions and per-step records; listing is newest first
    and filters by level, source and success; 'last' is the newest. The yardstick is the caller's: recorded as
    given, unknown when not given (the memory never runs the solver)."""
    with SkillStore.open(tmp_path / "lib.sqlite3") as store:
        first = store.record_episode(solved("classic", 1), optimal_steps=10)
        second = store.record_episode(solved("two_doors", 2, player_steps=2))
        assert second > first and store.get_episode(second).optimal_steps is None
        row = store.get_episode(first)
        assert row.level_name == "classic" and row.optimal_steps == 10 and row.steps == 10
        assert row.success and row.terminated and not row.truncated and row.reward == pytest.approx(12.3)
        assert row.actions == tuple(a.value for a in solve(load_level("classic")))
        assert row.step_records[1].skill_id == "abc" and row.step_records[1].reason == "step 1"
        assert row.step_records[-1].events == ("moved", "goal_reached")
        assert row.start == GridWorld(load_level("classic")).state
        assert "..#.G" in row.level_text
        assert store.get_episode("last").id == second
        assert [r.id for r in store.list_episodes()] == [second, first]
        assert [r.id for r in store.list_episodes(level="classic")] == [first]
        assert [r.id for r in store.list_episodes(source="player")] == [second]
        assert store.list_episodes(success=False) == []
        with pytest.raises(StoreError, match="no episode 99"):
            store.get_episode(99)


def _assert_refused(path: Path, pattern: str) -> None:
    before = path.read_bytes()
    with pytest.raises(StoreError, match=pattern) as info:
        SkillStore.open(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    assert path.read_bytes() == before


def test_non_sqlite_file_is_refused_untouched(tmp_path):
    """A text file is refused with one line naming it, and its bytes are unchanged."""
    path = tmp_path / "notes.sqlite3"
    path.write_text("my precious notes\n" * 50)
    _assert_refused(path, "not an SQLite database")


def test_foreign_sqlite_database_is_refused_untouched(tmp_path):
    """An SQLite file of another application (no procmem_tui meta) is refused and left byte-identical."""
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE users (name TEXT)")
    db.execute("INSERT INTO users VALUES ('ada')")
    db.commit()
    db.close()
    _assert_refused(path, "not a procmem_tui library")


def test_damaged_library_is_refused_untouched(tmp_path, solved):
    """A library file cut short (truncated) is refused as damaged and left byte-identical."""
    path = tmp_path / "lib.sqlite3"
    with SkillStore.open(path) as store:
        lib = store.load_library()
        for s in _random_skills(300):
            lib.add(s, 0)
        store.save_library(lib)
        for i in range(20):
            store.record_episode(solved("classic", i))
    data = path.read_bytes()
    assert len(data) > 8 * 4096
    path.write_bytes(data[: len(data) // 2])
    _assert_refused(path, "damaged")


@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_read_only_library_is_refused_as_read_only_not_damaged(tmp_path, monkeypatch, read_only):
    """A library in a read-only file or folder (WAL writes beside it) is refused as read-only, untouched."""
    path = tmp_path / "lib.sqlite3"
    SkillStore.open(path).close()
    locked = path if read_only == "file" else tmp_path
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: real_access(p, mode) and Path(p) != locked)  # root ignores chmod
    _assert_refused(path, f"library {read_only} is read-only")


def test_new_library_in_a_read_only_folder_is_refused(tmp_path, monkeypatch):
    """A new library in a folder that cannot be written is refused as read-only and no file is created."""
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: real_access(p, mode) and Path(p) != tmp_path)
    with pytest.raises(StoreError, match="is read-only"):
        SkillStore.open(tmp_path / "new.sqlite3")
    assert not (tmp_path / "new.sqlite3").exists()


def test_library_from_a_newer_schema_is_refused(tmp_path):
    """A library whose schema version is newer than this code's is refused (not downgraded or rewritten)."""
    path = tmp_path / "lib.sqlite3"
    SkillStore.open(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    _assert_refused(path, "newer procmem_tui")


def test_fresh_store_is_in_memory_and_default_path_uses_user_data_dir(tmp_path, monkeypatch, solved):
    """open(None) writes no file; default_library_path() lives in platformdirs' user data dir, created."""
    with SkillStore.open(None) as store:
        assert store.path == ":memory:"
        store.record_episode(solved())
        assert store.episode_count() == 1
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_data_dir", lambda app: str(tmp_path / "data" / app))
    path = default_library_path()
    assert path == tmp_path / "data" / "procmem_tui" / "library.sqlite3" and path.parent.is_dir()


def test_retention_prunes_oldest_episodes_never_skills(tmp_path, solved):
    """With retention 3, recording 7 episodes keeps the newest 3; skills are untouched by pruning."""
    with SkillStore.open(tmp_path / "lib.sqlite3", retention=3) as store:
        lib = store.load_library()
        for s in _random_skills(6):
            lib.add(s, 0)
        store.save_library(lib)
        ids = [store.record_episode(solved(episode=i)) for i in range(7)]
        assert [r.id for r in store.list_episodes()] == ids[:-4:-1]
        assert store.skill_count() == 6
        assert store.prune_episodes(keep=1) == 2
        assert [r.id for r in store.list_episodes()] == [ids[-1]]
        assert store.skill_count() == 6


WRITER = """
import sys
import numpy as np
from procmem_tui.memory import Skill, SkillStore
from procmem_tui.memory.features import EMBED_DIM
store = SkillStore.open(sys.argv[1])
lib = store.load_library()
i = 0
while True:
    lib.add(Skill(name=f"s{i}", kind="motor", program=("move_up",) * (1 + i % 5), effect=(f"e{i}",),
                  embedding=np.full(EMBED_DIM, i, dtype=np.float32)), i)
    if i > 3:
        lib.record_outcome(f"{lib.skills()[i % 3].id}", True, i)
    store.save_library(lib)
    i += 1
    if i == 5:
        print("ready", flush=True)
"""


def test_sigkilled_writer_leaves_a_library_that_opens(tmp_path):
    """A process killed with SIGKILL while saving in a loop leaves a file that opens, passes quick_check and loads."""
    path = tmp_path / "lib.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, env=env, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.5)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with SkillStore.open(path) as store:
        lib = store.load_library()
    assert len(lib) >= 5
    assert all(s.embedding.shape == (EMBED_DIM,) for s in lib)


def test_unreadable_stored_skill_is_skipped_with_a_warning(tmp_path, caplog):
    """A skill row whose JSON was mangled by hand does not lock the library: the load skips it with one warning
    naming the file and the row, keeps the good skills, and writes nothing."""
    path = tmp_path / "lib.sqlite3"
    good, bad = _random_skills(2)
    with SkillStore.open(path) as store:
        lib = store.load_library()
        lib.add(good, 0)
        lib.add(bad, 0)
        store.save_library(lib)
    db = sqlite3.connect(path)
    db.execute("UPDATE skills SET program = '[not json' WHERE id = ?", (bad.id,))
    db.commit()
    db.close()
    with SkillStore.open(path, read_only=True) as store:
        lib = store.load_library()
        assert [s.id for s in lib] == [good.id]
        assert store.skipped == [f"skill {bad.id}"]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and str(path) in warnings[0] and bad.id in warnings[0] and "not valid JSON" in warnings[0]


def test_schema_1_library_is_upgraded_in_place(tmp_path, solved):
    """A library written with schema 1 (episodes without skill_steps/library_size) opens, is upgraded to the
    current schema, keeps its episodes and skills, and records new episodes."""
    from procmem_tui.memory import store as store_module

    path = tmp_path / "old.sqlite3"
    with SkillStore.open(path) as store:
        lib = store.load_library()
        lib.add(_random_skills(1)[0], 0)
        store.save_library(lib)
        old_id = store.record_episode(solved())
    db = sqlite3.connect(path)  # rewrite the episodes table as schema 1 had it
    db.executescript(
        "ALTER TABLE episodes DROP COLUMN library_size; ALTER TABLE episodes DROP COLUMN skill_steps;"
        "PRAGMA user_version = 1; UPDATE meta SET value = '1' WHERE key = 'schema_version';"
    )
    db.close()
    with SkillStore.open(path) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == store_module.SCHEMA_VERSION
        assert store.get_episode(old_id).steps == 10
        new_id = store.record_episode(solved(), library_size=1)
        assert store.get_episode(new_id).library_size == 1
        assert len(store.load_library()) == 1
