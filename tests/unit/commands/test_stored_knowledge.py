"""A knowledge row its agent cannot restore: every verb agrees (``commands/stored_knowledge.py``). ``doctor`` names
it as damaged in one line and ``--repair`` leaves it out; ``train``, ``knowledge`` and ``skills export`` refuse the
library in the same one line pointing at ``procmem doctor --repair`` and leave the file's bytes as they were —
whichever way the row is malformed (before, only a malformed inside was refused, and doctor called it clean)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from typing import Callable

import pytest

from procmem_tui.cli import main


def _without_version(data: dict) -> str:
    data.pop("version")
    return json.dumps(data)


def _set(part: str, value) -> Callable[[dict], str]:
    def edit(data: dict) -> str:
        data[part] = value
        return json.dumps(data)
    return edit


def _bad_fact(data: dict) -> str:
    data["world_model"]["units"][0] = 5
    return json.dumps(data)


VARIANTS = {  # name: (the stored text made from the good document, what doctor's line says)
    "not JSON": (lambda data: "{not json", "its data is not valid JSON"),
    "not an object": (lambda data: "[1, 2]", "its data is not a JSON object"),
    "a missing key": (_without_version, "knowledge has no version number"),
    "level_maps not pairs": (_set("level_maps", [[1]]), "its 'level_maps' part is malformed"),
    "level_maps not a list": (_set("level_maps", 5), "its 'level_maps' part is malformed"),
    "a world-model fact of the wrong shape": (_bad_fact, "its 'world_model' part is malformed"),
}


@pytest.fixture
def library(classic_trained, tmp_path) -> str:
    path = tmp_path / "lib.sqlite3"
    shutil.copy(classic_trained / "lib.sqlite3", path)
    return str(path)


def _store(library: str, variant: str) -> None:
    make, _ = VARIANTS[variant]
    with sqlite3.connect(library) as db:
        text = db.execute("SELECT data FROM knowledge WHERE agent = 'procmem'").fetchone()[0]
        db.execute("UPDATE knowledge SET data = ? WHERE agent = 'procmem'", (make(json.loads(text)),))
    db.close()


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_doctor_names_each_malformed_row(library, variant, capsys):
    """doctor reports the row as damaged (exit 1), in one line naming what is wrong, as a restore would find it."""
    _store(library, variant)
    assert main(["doctor", "--library", library]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("1 knowledge; 1 damaged"), out
    assert len(out) == 2 and out[1].startswith(f"  knowledge procmem: {VARIANTS[variant][1]}"), out


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_verb_refuses_it_in_the_same_line_and_leaves_the_file(library, variant, capsys):
    """train, knowledge and skills export end in one line (exit 1, no traceback) naming the problem and
    ``procmem doctor --repair``; the library's bytes are unchanged (no fresh start saved over the row)."""
    _store(library, variant)
    before = open(library, "rb").read()
    lines = set()
    for verb in (["train", "--level", "classic", "--episodes", "1", "--quiet"], ["knowledge"],
                 ["skills", "export", library + ".json"]):
        assert main([*verb, "--library", library]) == 1, verb
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert f"'procmem doctor --repair --library {library}' writes a copy without it" in err, err
        assert VARIANTS[variant][1] in err, err
        lines.add(err.split(": ", 1)[1])
    assert len(lines) == 1, lines
    assert open(library, "rb").read() == before


def test_the_repaired_copy_opens_and_trains(library, capsys):
    """doctor --repair leaves the row out of its copy: the copy is clean, and trains (its agent starting afresh)."""
    _store(library, "level_maps not pairs")
    assert main(["doctor", "--library", library, "--repair"]) == 1
    copy = library.replace(".sqlite3", ".repaired.sqlite3")
    assert "wrote " + copy in capsys.readouterr().out
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT COUNT(*) FROM knowledge").fetchone()[0] == 0
    db.close()
    assert main(["train", "--level", "classic", "--episodes", "1", "--quiet", "--library", copy]) == 0
    assert main(["doctor", "--library", copy]) == 0
    assert "1 knowledge; 0 damaged" in capsys.readouterr().out


def test_knowledge_under_a_name_no_agent_keeps_is_damaged(library, capsys):
    """A row no agent can restore because no agent keeps knowledge under its name: doctor names it and --repair
    leaves it out; skills export refuses it (its import would); train, which never reads it, is not stopped."""
    with sqlite3.connect(library) as db:
        db.execute("UPDATE knowledge SET agent = 'bogus'")
    db.close()
    assert main(["doctor", "--library", library, "--repair"]) == 1
    assert "  knowledge bogus: no agent keeps knowledge under this name" in capsys.readouterr().out
    assert main(["skills", "export", library + ".json", "--library", library]) == 1
    assert "agent 'bogus' is damaged" in capsys.readouterr().err
    assert main(["train", "--level", "classic", "--episodes", "1", "--quiet", "--library", library]) == 0


def test_a_newer_versions_knowledge_is_not_damage(library, capsys):
    """A document of a newer version (a newer procmem_tui's) is kept unread, not called damaged: doctor is clean
    and train runs without overwriting it."""
    with sqlite3.connect(library) as db:
        db.execute("""UPDATE knowledge SET data = '{"version": 99, "future": 1}'""")
    db.close()
    assert main(["doctor", "--library", library]) == 0
    assert main(["train", "--level", "classic", "--episodes", "1", "--quiet", "--library", library]) == 0
    with sqlite3.connect(library) as db:
        assert db.execute("SELECT data FROM knowledge").fetchone()[0] == '{"version": 99, "future": 1}'
    db.close()
