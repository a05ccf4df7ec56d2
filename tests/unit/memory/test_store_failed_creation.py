"""A new library whose creation fails on a full disk (SQLite makes the file, then cannot write a byte of it)
leaves nothing behind, so the path still reads as "no library here". It once left an empty file, which the
verbs that read then took for an empty library."""

from __future__ import annotations

import sqlite3

import pytest

from procmem_tui.memory import StoreError, SkillStore
from procmem_tui.memory import store as store_module


def _full(db):
    raise sqlite3.OperationalError("database or disk is full")


def test_a_library_that_could_not_be_created_leaves_no_file(tmp_path, monkeypatch):
    path = tmp_path / "new.sqlite3"
    monkeypatch.setattr(store_module, "_use_wal", _full)  # its first write: the header's WAL mark
    with pytest.raises(StoreError, match="cannot open the library for writing .database or disk is full."):
        SkillStore.open(path)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    with pytest.raises(StoreError, match="no library here"):
        SkillStore.open(path, read_only=True)


def test_an_empty_file_that_was_there_before_is_left(tmp_path, monkeypatch):
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")
    monkeypatch.setattr(store_module, "_use_wal", _full)
    with pytest.raises(StoreError):
        SkillStore.open(path)
    assert path.read_bytes() == b""
