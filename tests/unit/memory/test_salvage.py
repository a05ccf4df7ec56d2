"""``procmem doctor --repair`` on a library with a damaged page (bytes overwritten in the middle of the file): the
rows that can still be read are saved in the repaired copy, the lost range is named, the damaged file keeps its
bytes, and the copy goes on counting episodes after the last number handed out. It once refused the whole file
("the library is damaged ... refusing to touch it"), saving nothing, and the other verbs' refusal did not say
that doctor could help."""

from __future__ import annotations

import sqlite3

from procmem_tui.cli import main
from procmem_tui.memory import SkillStore

PAGE = 4096


def _library(tmp_path):
    """Eight episodes of two_doors: the episodes table spans two leaf pages (the first holding the oldest rows)."""
    path = tmp_path / "lib.sqlite3"
    assert main(["train", "--level", "two_doors", "--episodes", "8", "--library", str(path), "--quiet"]) == 0
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        leaves = db.execute("SELECT pageno FROM dbstat WHERE name = 'episodes' AND pagetype = 'leaf' "
                            "ORDER BY pageno").fetchall()
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        kept = db.execute("SELECT id FROM episodes ORDER BY id").fetchall()
    db.close()
    assert len(leaves) >= 2 and page_size == PAGE
    return path, leaves[0][0], [r[0] for r in kept]


def test_repair_saves_the_rows_a_damaged_page_does_not_hide(tmp_path, capsys):
    path, page, ids = _library(tmp_path)
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(b"\x0d" + b"\xff" * 40)  # a leaf page whose cell count and offsets point nowhere
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["episodes", "list", "--library", str(path)]) == 1  # every other verb refuses it, naming the way out
    assert f"refusing to touch it ('procmem doctor --repair --library {path}' copies out what can" in capsys.readouterr().err
    assert main(["doctor", "--library", str(path), "--repair"]) == 1
    out = capsys.readouterr().out
    assert "episodes (damaged page): a damaged page: the first rows to rowid" in out
    assert path.read_bytes() == before
    copy = tmp_path / "lib.repaired.sqlite3"
    with SkillStore.open(copy) as store:
        saved = [e.id for e in store.list_episodes(limit=100)]
        assert saved and set(saved) < set(ids) and max(saved) == max(ids)  # the newest rows, past the damage
        assert store.load_library().skills  # the skills table was not touched by the damage: all saved
        assert store.last_episode() == len(ids)
    assert main(["doctor", "--library", str(copy)]) == 0
