"""``procmem doctor`` on a library whose integrity check fails although every row reads (a damaged index page):
every other verb refuses the file and names ``doctor --repair``; doctor must then not call it clean. It once
printed "0 damaged" and exited 0, so a user sent to it was told nothing was wrong with a file nothing else opens."""

from __future__ import annotations

import sqlite3

from procmem_tui.cli import main
from procmem_tui.memory import SkillStore

PAGE = 4096


def _index_damaged(tmp_path):
    """Four episodes of classic, then the page of the index on episodes' level names overwritten (a table scan
    never reads it, so every row still reads)."""
    path = tmp_path / "lib.sqlite3"
    assert main(["train", "--level", "classic", "--episodes", "4", "--library", str(path), "--quiet"]) == 0
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = db.execute("SELECT pageno FROM dbstat WHERE name = 'episodes_level'").fetchone()[0]
        assert db.execute("PRAGMA page_size").fetchone()[0] == PAGE
    db.close()
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(b"\x0a" + b"\xff" * 40)  # an index leaf whose cell count and offsets point nowhere
    return path


def test_doctor_names_a_failed_integrity_check_even_when_every_row_reads(tmp_path, capsys):
    path = _index_damaged(tmp_path)
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["episodes", "list", "--library", str(path)]) == 1
    assert "'procmem doctor --repair" in capsys.readouterr().err
    assert main(["doctor", "--library", str(path)]) == 1
    out = capsys.readouterr().out
    assert "4 episodes" in out and "1 damaged" in out
    assert "file (integrity check): SQLite's integrity check fails (" in out
    assert main(["doctor", "--library", str(path), "--repair"]) == 1
    assert path.read_bytes() == before
    copy = tmp_path / "lib.repaired.sqlite3"
    assert main(["doctor", "--library", str(copy)]) == 0
    with SkillStore.open(copy) as store:
        assert store.episode_count() == 4 and store.skill_count() > 0


def test_a_repaired_copy_that_cannot_be_written_is_said_of_the_copy(tmp_path, capsys, monkeypatch):
    """A full disk while the copy is written: one line naming the copy, saying the library is left as it was.
    It once read "procmem doctor: the library file: database or disk is full", blaming the library."""
    from procmem_tui.memory import doctor

    path = _index_damaged(tmp_path)
    before = path.read_bytes()

    def full(db):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(doctor.schema, "create", full)
    capsys.readouterr()
    assert main(["doctor", "--library", str(path), "--repair"]) == 1
    err = capsys.readouterr().err.strip()
    copy = tmp_path / "lib.repaired.sqlite3"
    assert err == (f"procmem doctor: {copy}: cannot write the repaired copy (database or disk is full); "
                   f"{path} is left as it was")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if "repaired" in p.name) == []
