"""A library or export written before the skill embedding measured every kind the same way (32 numbers, the
nearest key, door and goal picked by hand) still opens: its skills load without an embedding (similarity 0, not a
damaged row), the library still retrieves them by their facts, `procmem doctor` finds nothing wrong, learning a
skill again gives it an embedding of today's layout, and an old export file imports."""

from __future__ import annotations

import json

import numpy as np

from procmem_tui.cli import main
from procmem_tui.memory import SkillStore, skill_rows
from procmem_tui.memory.features import EMBED_DIM, LEGACY_DIM
from procmem_tui.memory.skill import MOTOR, Skill
from procmem_tui.memory.skill_file import EXPORT_FORMAT, skill_to_dict


def _skill(width: int) -> Skill:
    return Skill(name="fetch key a", kind=MOTOR, program=("move_up", "pickup_key"), effect=("key_picked:a",),
                 preconditions=frozenset({"at:0,0"}), embedding=np.full(width, 0.25, dtype=np.float32),
                 attempts=2, successes=2, uses=2, last_used_episode=2, context="abc123def456")


def _old_library(path) -> None:
    """A library with one skill row as the earlier layout wrote it (its embedding: 32 float32 numbers)."""
    with SkillStore.open(path) as store, store.transaction() as db:
        row = skill_rows.skill_to_row(_skill(LEGACY_DIM), 0)
        db.execute(f"INSERT INTO skills ({skill_rows.COLUMNS}) VALUES ({', '.join('?' * len(row))})", row)


def test_an_old_library_opens_and_its_skills_take_todays_embedding_when_learned_again(tmp_path, capsys):
    """An old library's skills load without an embedding, are still retrieved by their facts, take today's embedding
    when learned again, and doctor finds nothing wrong."""
    path = tmp_path / "old.sqlite3"
    _old_library(path)
    with SkillStore.open(path) as store:
        library = store.load_library()
        (old,) = library.skills()
        assert store.skipped == [] and old.embedding.size == 0 and old.successes == 2
        found = library.retrieve(frozenset({"at:0,0"}), np.ones(EMBED_DIM, dtype=np.float32), k=1)
        assert [r.skill.id for r in found] == [old.id]
        library.add(_skill(EMBED_DIM), 3)
        store.save_library(library)
    with SkillStore.open(path) as store:
        (again,) = store.load_library().skills()
    assert again.id == old.id and again.embedding.shape == (EMBED_DIM,) and again.successes == 4
    assert main(["doctor", "--library", str(path)]) == 0, capsys.readouterr()


def test_an_old_export_file_imports(tmp_path, capsys):
    """An export written with the old embedding imports; its skill loads without one."""
    exported = tmp_path / "old.json"
    exported.write_text(json.dumps({"format": EXPORT_FORMAT, "skills": [skill_to_dict(_skill(LEGACY_DIM), embedding=True)]}))
    library = tmp_path / "lib.sqlite3"
    assert main(["skills", "import", str(exported), "--library", str(library)]) == 0, capsys.readouterr().err
    with SkillStore.open(library) as store:
        (skill,) = store.load_library().skills()
    assert skill.name == "fetch key a" and skill.embedding.size == 0
