"""Schema 4: old library files (schemas 1–3) are upgraded in place, gain the knowledge table and a global episode
counter that starts above every episode number they mention; knowledge is stored per agent name."""

from __future__ import annotations

import sqlite3

import pytest

import numpy as np

from procmem_tui.memory import SkillStore, StoreError, schema
from procmem_tui.memory.features import EMBED_DIM
from procmem_tui.memory.skill import Skill


def _skill(last_used: int) -> Skill:
    return Skill(name="reach goal", kind="abstract", program=("goto:goal", "move_up"), effect=("goal_reached",),
                 preconditions=frozenset(), embedding=np.ones(EMBED_DIM, dtype=np.float32), source="agent",
                 origin_episode=2, attempts=3, successes=3, uses=3, created_episode=2, last_used_episode=last_used)


def _old_library(path, version: int, solved) -> None:
    """A library as schema ``version`` wrote it: two episodes (numbers 1 and 3) and a skill last used in episode 7."""
    with SkillStore.open(path) as store:
        library = store.load_library()
        library.add(_skill(7), 7)
        store.save_library(library)
        store.record_episode(solved(episode=1))
        store.record_episode(solved(episode=3))
    drop = {3: [], 2: ["learned"], 1: ["learned", "library_size", "skill_steps"]}[version]
    db = sqlite3.connect(path)
    db.executescript(
        "DROP TABLE knowledge; DELETE FROM meta WHERE key = 'last_episode';"
        + "".join(f"ALTER TABLE episodes DROP COLUMN {c};" for c in drop)
        + f"PRAGMA user_version = {version}; UPDATE meta SET value = '{version}' WHERE key = 'schema_version';"
    )
    db.close()


@pytest.mark.parametrize("version", [1, 2, 3])
def test_old_library_is_upgraded_and_numbers_continue_above_its_episodes(tmp_path, version, solved):
    """A schema 1–3 file opens (never refused), becomes schema 4 with a knowledge table, keeps its skills and
    episodes, and hands out episode numbers above every number it mentions (the skill's last use, 7)."""
    path = tmp_path / "old.sqlite3"
    _old_library(path, version, solved)
    with SkillStore.open(path) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION == 4
        assert len(store.load_library()) == 1 and store.episode_count() == 2
        assert store.last_episode() == 7
        assert store.allocate_episode() == 8
        store.save_knowledge("procmem", {"version": 1, "x": [1, 2]}, 8)
    with SkillStore.open(path) as store:
        assert store.allocate_episode() == 9
        assert store.load_knowledge("procmem") == {"version": 1, "x": [1, 2]}


def test_a_new_library_counts_from_one_and_never_repeats(tmp_path):
    """A new file's counter starts at 1 and keeps growing across openings (a new process continues it)."""
    path = tmp_path / "lib.sqlite3"
    with SkillStore.open(path) as store:
        assert [store.allocate_episode() for _ in range(3)] == [1, 2, 3]
    with SkillStore.open(path) as store:
        assert store.allocate_episode() == 4


def test_schema_4_file_without_its_knowledge_table_is_refused_untouched(tmp_path):
    """A file that claims schema 4 but lacks the knowledge table is damaged: refused, byte-identical."""
    path = tmp_path / "lib.sqlite3"
    SkillStore.open(path).close()
    db = sqlite3.connect(path)
    db.execute("DROP TABLE knowledge")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="missing tables: knowledge"):
        SkillStore.open(path)
    assert path.read_bytes() == before


def test_knowledge_is_kept_per_agent_and_replaced_on_save():
    """Each agent name has one knowledge document; saving again replaces it; unknown agents have none."""
    with SkillStore.open(None) as store:
        assert store.load_knowledge("procmem") is None
        store.save_knowledge("procmem", {"version": 1, "a": 1}, 1)
        store.save_knowledge("other", {"version": 1, "b": 2}, 1)
        store.save_knowledge("procmem", {"version": 1, "a": 2}, 2)
        assert store.load_knowledge("procmem") == {"version": 1, "a": 2}
        assert store.knowledge_agents() == ["other", "procmem"]


def test_knowledge_that_is_not_json_is_refused_in_one_line(tmp_path):
    """Knowledge that is not JSON is refused in one line naming the file, the agent and ``procmem doctor --repair``
    (not read as none: the next save would replace what could be repaired), and the file is left as it was; NaN
    is never written."""
    path = tmp_path / "lib.sqlite3"
    with SkillStore.open(path) as store:
        with pytest.raises(ValueError):
            store.save_knowledge("procmem", {"x": float("nan")}, 1)
        assert store.load_knowledge("procmem") is None
    db = sqlite3.connect(path)
    db.execute("INSERT INTO knowledge VALUES ('procmem', '{not json', 1, 'now')")
    db.commit()
    db.close()
    before = path.read_bytes()
    with SkillStore.open(path) as store:
        with pytest.raises(StoreError) as refused:
            store.load_knowledge("procmem")
    message = str(refused.value)
    assert "\n" not in message and str(path) in message and "'procmem'" in message and "not valid JSON" in message
    assert f"procmem doctor --repair --library {path}" in message
    assert path.read_bytes() == before


def test_a_failed_write_in_a_group_rolls_back_the_whole_group(solved):
    """transaction() groups writes: when one fails, the episode and skills written before it in the group are not
    kept, and the library still has its changes marked unsaved (a later save writes them)."""
    with SkillStore.open(None) as store:
        library = store.load_library()
        library.add(_skill(1), 1)
        with pytest.raises(ValueError), store.transaction():
            store.record_episode(solved())
            store.save_library(library)
            store.save_knowledge("procmem", {"bad": float("inf")}, 1)
        assert store.episode_count() == 0 and store.skill_count() == 0
        assert library.dirty_ids()
        store.save_library(library)
        assert store.skill_count() == 1


def test_knowledge_written_by_a_newer_version_is_not_overwritten():
    """An older procmem_tui cannot read a newer knowledge document, so it must not replace it with its own."""
    with SkillStore.open(None) as store:
        store.save_knowledge("procmem", {"version": 7, "future": True}, 1)
        store.save_knowledge("procmem", {"version": 2, "a": 1}, 2)
        assert store.load_knowledge("procmem") == {"version": 7, "future": True}
        store.save_knowledge("procmem", {"version": 7, "future": False}, 3)
        assert store.load_knowledge("procmem") == {"version": 7, "future": False}
