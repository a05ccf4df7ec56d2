"""A library opened read-only refuses every write, also where it is read through a copy in memory (an empty file,
an older schema upgraded in memory, never in the file): a write there once seemed to succeed and was lost when
the store closed (``replay`` of a read-only library hands its store to a take-over that records episodes)."""

from __future__ import annotations

import sqlite3

import pytest

from procmem_tui.memory import SkillStore


def _older(path) -> None:
    with SkillStore.open(path) as store:
        store.allocate_episode()
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode=DELETE; DROP TABLE knowledge; PRAGMA user_version = 3;"
                     "UPDATE meta SET value = '3' WHERE key = 'schema_version';")
    db.close()


@pytest.mark.parametrize("make", [lambda path: path.write_bytes(b""), _older], ids=["empty file", "older schema"])
def test_a_read_only_store_read_through_a_copy_in_memory_refuses_writes(tmp_path, make):
    path = tmp_path / "lib.sqlite3"
    make(path)
    before = path.read_bytes()
    with SkillStore.open(path, read_only=True) as store:
        assert store.read_only
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.allocate_episode()
    assert path.read_bytes() == before
