"""Read-only verbs open read-only libraries (issue 19): ``SkillStore.open(read_only=True)`` uses SQLite's
``mode=ro``, so it reads a file it may not write, never writes (a write raises), and creates nothing where there
is no library (it refuses a path with no file, so a mistyped path is not read as an empty library). Through real processes: ``skills list``, ``skills export``, ``episodes list``, ``export`` and
``stats`` on a read-only file in a read-only folder."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from procmem_tui.memory.store import SkillStore, StoreError

ROOT = Path(__file__).resolve().parents[3]


def procmem(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(home),
           "XDG_STATE_HOME": str(home / "state"), "XDG_DATA_HOME": str(home / "data")}
    return subprocess.run([sys.executable, "-m", "procmem_tui", *args], capture_output=True, text=True, env=env,
                          cwd=home, timeout=120)


@pytest.fixture(scope="module")
def trained(tmp_path_factory, classic_trained) -> Path:
    """A copy of the library after two episodes of classic (tests/unit/conftest.py), with no -wal beside it."""
    path = tmp_path_factory.mktemp("ro") / "lib.sqlite3"
    path.write_bytes((classic_trained / "lib.sqlite3").read_bytes())
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode=DELETE")  # a copy shipped read-only has no -wal/-shm beside it
    db.close()
    return path


def test_a_read_only_store_reads_and_cannot_write(trained, tmp_path):
    """A store opened read-only reads skills and episodes, a write raises, and the file's bytes are unchanged."""
    library = tmp_path / "lib.sqlite3"
    library.write_bytes(trained.read_bytes())
    before = library.read_bytes()
    with SkillStore.open(library, read_only=True) as store:
        skills = store.load_library()
        assert len(skills) > 0 and store.list_episodes()
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
            store.clear_skills()
    assert library.read_bytes() == before


def test_no_library_is_refused_and_nothing_is_created(tmp_path):
    """Opening a missing library read-only raises a StoreError naming the path and creates no file; an empty
    file reads as an empty library."""
    missing = tmp_path / "none.sqlite3"
    with pytest.raises(StoreError, match="none.sqlite3: no library here"):
        SkillStore.open(missing, read_only=True)
    assert list(tmp_path.iterdir()) == []
    missing.touch()
    with SkillStore.open(missing, read_only=True) as store:
        assert len(store.load_library()) == 0 and store.list_episodes() == []
    assert missing.read_bytes() == b""


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only file")
@pytest.mark.parametrize("verb", [["skills", "list"], ["skills", "export", "{out}"], ["episodes", "list"],
                                  ["export", "last", "--json", "{out}"], ["stats"], ["doctor"]])
def test_read_only_verbs_work_on_a_read_only_library(trained, tmp_path, verb):
    """skills list/export, episodes list, export, stats and doctor succeed, silently, on a read-only library in a
    read-only folder."""
    folder = tmp_path / "shared"
    folder.mkdir()
    library = folder / "lib.sqlite3"
    library.write_bytes(trained.read_bytes())
    library.chmod(stat.S_IRUSR)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        args = [a.replace("{out}", str(tmp_path / "out.json")) for a in verb]
        done = procmem(*args, "--library", str(library), home=tmp_path)
        assert done.returncode == 0 and done.stderr == "", done.stderr
    finally:
        folder.chmod(stat.S_IRWXU)
