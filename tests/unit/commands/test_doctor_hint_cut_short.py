"""A library cut short after its first page (its schema) but before the page of its meta table: doctor cannot
save anything from it (it cannot tell the file is ours), so the other verbs' refusal must not send the user there.
It once did ("... copies out what can still be read"), and doctor then refused: "damaged where it says whose it
is"."""

from __future__ import annotations

import sqlite3

from procmem_tui.cli import main


def test_a_file_cut_before_its_meta_page_is_not_sent_to_doctor(tmp_path, capsys):
    whole = tmp_path / "whole.sqlite3"
    assert main(["train", "--level", "classic", "--episodes", "2", "--library", str(whole), "--quiet"]) == 0
    with sqlite3.connect(whole) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        assert db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'meta'").fetchone()[0] > 1
    db.close()
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(whole.read_bytes()[:page_size])
    capsys.readouterr()
    assert main(["skills", "list", "--library", str(cut)]) == 1
    err = capsys.readouterr().err
    assert f"the file is cut short: {page_size:,} of the" in err and "doctor" not in err
    assert main(["doctor", "--library", str(cut), "--repair"]) == 1
    assert "damaged where it says whose it is" in capsys.readouterr().err
    assert not (tmp_path / "cut.repaired.sqlite3").exists()
