"""A verb that only reads leaves the library's folder as it found it: SQLite, reading a WAL-mode library read-only,
creates its ``-wal`` and ``-shm`` files and cannot delete them as it closes, so before each command that read a
library left two files beside it (a damaged one too). Closing the read-only connection now lets SQLite tidy them
away, but only those it made, and only when no other connection has the library open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cli_run import procmem
from procmem_tui.memory.store import SkillStore


def _wal_library(folder: Path, classic_trained: Path) -> Path:
    """A copy of a trained library in WAL mode, with nothing beside it (as a closed writer leaves it)."""
    path = folder / "lib.sqlite3"
    path.write_bytes((classic_trained / "lib.sqlite3").read_bytes())
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    db.close()
    assert sorted(p.name for p in folder.iterdir()) == ["lib.sqlite3"]
    return path


@pytest.mark.parametrize("how", ["whole", "cut-short", "via-link"])
def test_read_only_verbs_leave_no_sidecar_files(tmp_path, classic_trained, how):
    """knowledge (text and JSON), episodes list, skills list, stats, export and doctor on a WAL library leave no
    -wal/-shm beside it and its bytes unchanged; so do the refusals of a library cut short, and the verbs given a
    symbolic link to the library in another folder (SQLite's files would lie beside the library, not the link)."""
    folder = tmp_path / "lib"
    folder.mkdir()
    library = _wal_library(folder, classic_trained)
    given = library
    if how == "cut-short":
        library.write_bytes(library.read_bytes()[: 4096 * 3])
    elif how == "via-link":
        (tmp_path / "elsewhere").mkdir()
        given = tmp_path / "elsewhere" / "link.sqlite3"
        given.symlink_to(library)
    before = library.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    left = {}
    for verb in (["knowledge"], ["knowledge", "--json"], ["episodes", "list"], ["skills", "list"], ["stats"],
                 ["export", "last", "--json", str(out / "e.json")], ["doctor"]):
        result = procmem(*verb, "--library", str(given), env={"COLUMNS": "100", "XDG_STATE_HOME": str(tmp_path)})
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr, (verb, result.stderr)
        assert how == "cut-short" or result.returncode == 0, (verb, result.stderr)
        beside = sorted(p.name for p in folder.iterdir() if p.name != "lib.sqlite3")
        if beside:
            left[" ".join(verb)] = beside
            for p in folder.iterdir():
                if p.name != "lib.sqlite3":
                    p.unlink()
    assert left == {}
    assert library.read_bytes() == before


def test_a_writer_keeps_its_log_while_a_reader_comes_and_goes(tmp_path, classic_trained):
    """With a writer's connection open, a read-only store's close leaves the writer's -wal and -shm in place (SQLite
    deletes them only for the last connection): the writer's next commit still lands, and a reader sees it."""
    library = _wal_library(tmp_path, classic_trained)
    writer = sqlite3.connect(library, isolation_level=None)
    writer.execute("INSERT INTO meta (key, value) VALUES ('qa-probe', '1')")
    with SkillStore.open(library, read_only=True) as store:
        assert store.list_episodes()
    assert Path(f"{library}-wal").exists() and Path(f"{library}-shm").exists()
    writer.execute("UPDATE meta SET value = '2' WHERE key = 'qa-probe'")
    with SkillStore.open(library, read_only=True) as store:
        pass
    reader = sqlite3.connect(f"file:{library}?mode=ro", uri=True)
    assert reader.execute("SELECT value FROM meta WHERE key = 'qa-probe'").fetchone() == ("2",)
    reader.close()
    writer.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib.sqlite3"]
