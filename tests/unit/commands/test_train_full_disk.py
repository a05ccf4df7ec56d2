"""``procmem train`` when the library cannot take an episode (a full disk): one line naming the file and the
episode, and the library as it was before that episode. It once said only "procmem train: the library file:
database or disk is full", naming neither the file nor what was kept."""

from __future__ import annotations

import sqlite3

from procmem_tui.cli import main
from procmem_tui.memory import SkillStore
from procmem_tui.memory import store as store_module


def test_a_full_disk_names_the_library_and_the_episode_not_recorded(tmp_path, capsys, monkeypatch):
    path = tmp_path / "lib.sqlite3"
    assert main(["train", "--level", "classic", "--episodes", "2", "--library", str(path), "--quiet"]) == 0
    with SkillStore.open(path) as store:
        skills = store.skill_count()

    def full(self, *args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_module.SkillStore, "record_episode", full)
    capsys.readouterr()
    assert main(["train", "--level", "classic", "--episodes", "3", "--library", str(path), "--quiet"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"procmem train: {path}: episode 3 could not be recorded (database or disk is full); the library keeps "
        "what it held before it")
    monkeypatch.undo()
    with SkillStore.open(path) as store:
        assert store.episode_count() == 2 and store.last_episode() == 2 and store.skill_count() == skills
