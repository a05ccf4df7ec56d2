"""A library file cut short (a copy stopped half way, a full disk): every verb's refusal says it is cut short and by
how much; ``procmem doctor --repair`` saves the rows in what is left (SQLite reads such a file once told its schema
may be off), the oldest episodes first, and the copy counts on after the last number handed out; a file cut before
its schema is refused saying nothing can be saved, with no copy written and no hint that doctor could help. The
file keeps its bytes every time. It once refused every cut file ("the library is damaged ... refusing to touch
it") even with most of its rows there, and the other verbs sent the user to a doctor that saved nothing."""

from __future__ import annotations

import sqlite3

from cli_run import procmem

EPISODES = 24


def _env(tmp_path) -> dict[str, str]:
    return {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}


def _library(tmp_path):
    """Twenty-four episodes of two_doors, checkpointed into the file; the first page of the last leaf of episodes."""
    path = tmp_path / "whole.sqlite3"
    done = procmem("train", "--level", "two_doors", "--episodes", str(EPISODES), "--library", str(path), "--quiet",
                   env=_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        last_leaf = db.execute("SELECT MAX(pageno) FROM dbstat WHERE name = 'episodes' AND pagetype = 'leaf'").fetchone()[0]
        others = db.execute("SELECT MAX(pageno) FROM dbstat WHERE name IN ('meta', 'skills', 'knowledge')").fetchone()[0]
    finally:
        db.close()
    assert last_leaf > others, "the test needs the newest episodes on the file's last pages"
    return path, page_size, last_leaf


def test_repair_saves_what_a_cut_short_library_still_holds(tmp_path):
    whole, page_size, last_leaf = _library(tmp_path)
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(whole.read_bytes()[:(last_leaf - 1) * page_size])
    before, size = cut.read_bytes(), f"{len(cut.read_bytes()):,} of the {len(whole.read_bytes()):,} bytes"
    listed = procmem("episodes", "list", "--library", str(cut), env=_env(tmp_path), cwd=tmp_path)
    assert listed.returncode == 1 and listed.stdout == "" and listed.stderr.count("\n") == 1
    assert f"the file is cut short: {size} its header names; refusing to touch it" in listed.stderr
    assert f"'procmem doctor --repair --library {cut}' copies out what can still be read" in listed.stderr
    repaired = procmem("doctor", "--repair", "--library", str(cut), env=_env(tmp_path), cwd=tmp_path)
    assert repaired.returncode == 1 and repaired.stderr == "" and "Traceback" not in repaired.stdout
    assert f"file (cut short): the file is cut short: {size}" in repaired.stdout
    assert cut.read_bytes() == before
    copy = tmp_path / "cut.repaired.sqlite3"
    db = sqlite3.connect(copy)
    try:
        saved = [r[0] for r in db.execute("SELECT episode FROM episodes ORDER BY episode")]
        skills = db.execute("SELECT COUNT(*) FROM skills").fetchone()[0]
        knowledge = db.execute("SELECT COUNT(*) FROM knowledge").fetchone()[0]
    finally:
        db.close()
    assert saved == list(range(1, len(saved) + 1)) and 0 < len(saved) < EPISODES  # the oldest, up to the cut
    assert skills > 0 and knowledge == 1  # on pages before the cut: all there
    assert procmem("doctor", "--library", str(copy), env=_env(tmp_path), cwd=tmp_path).returncode == 0
    again = procmem("train", "--level", "two_doors", "--episodes", "1", "--library", str(copy), env=_env(tmp_path),
                    cwd=tmp_path)
    assert again.returncode == 0 and f"Episode {EPISODES + 1}:" in again.stdout  # no number handed out twice


def test_a_file_cut_before_its_schema_is_refused_saying_nothing_can_be_saved(tmp_path):
    whole, _, _ = _library(tmp_path)
    for length, said in ((60, "60 bytes, not even SQLite's 100-byte header"),
                         (100, f"100 of the {len(whole.read_bytes()):,} bytes its header names")):
        cut = tmp_path / f"cut{length}.sqlite3"
        cut.write_bytes(whole.read_bytes()[:length])
        for verb in (["doctor"], ["doctor", "--repair"]):
            done = procmem(*verb, "--library", str(cut), env=_env(tmp_path), cwd=tmp_path)
            assert done.returncode == 1 and done.stdout == "" and done.stderr.count("\n") == 1, done.stderr
            assert f"the file is cut short: {said}" in done.stderr and "Traceback" not in done.stderr
            assert "nothing in it can be read, so nothing can be saved; the file is left as it was" in done.stderr
        listed = procmem("skills", "list", "--library", str(cut), env=_env(tmp_path), cwd=tmp_path)
        assert listed.returncode == 1 and f"the file is cut short: {said}" in listed.stderr
        assert "doctor" not in listed.stderr  # it could not help
        assert cut.read_bytes() == whole.read_bytes()[:length]
        assert not (tmp_path / f"cut{length}.repaired.sqlite3").exists()
