"""``memory.doctor`` checks knowledge rows with the check the command passes in (the agent's own, which this layer
cannot import): a row the check names is damaged and left out of the repaired copy; without a check only its JSON
is checked."""

from __future__ import annotations

import sqlite3

from procmem_tui.memory import SkillStore, doctor


def _library(tmp_path) -> str:
    path = tmp_path / "lib.sqlite3"
    with SkillStore.open(path) as store:
        store.save_knowledge("procmem", {"version": 1, "shape": "wrong"}, 1)
        store.save_knowledge("other", {"version": 1}, 1)
    return str(path)


def _check(agent: str, document: dict) -> str | None:
    return "its 'shape' part is malformed" if "shape" in document else None


def test_the_check_passed_in_names_the_row_and_repair_leaves_it_out(tmp_path):
    """The row the check rejects is reported with its agent and the check's phrase; the repaired copy holds the
    other row only."""
    path = _library(tmp_path)
    report = doctor.examine(path, _check)
    assert report.bad == [("knowledge", "procmem", "its 'shape' part is malformed")]
    copy, _ = doctor.repair(path, _check)
    with sqlite3.connect(copy) as db:
        assert [r[0] for r in db.execute("SELECT agent FROM knowledge")] == ["other"]
    db.close()


def test_without_a_check_a_json_object_is_good(tmp_path):
    """The layer alone knows no agent: a JSON object passes."""
    assert doctor.examine(_library(tmp_path)).clean
