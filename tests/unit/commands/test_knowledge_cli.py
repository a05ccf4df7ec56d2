"""``procmem knowledge``: a new process reads the learned model from a stored library and prints it with its
evidence (text and JSON, pooled or as on one level); an empty library knows nothing; bad input is one clear line."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from procmem_tui.cli import main


@pytest.fixture
def library(classic_trained, tmp_path) -> str:
    path = tmp_path / "lib.sqlite3"
    shutil.copy(classic_trained / "lib.sqlite3", path)
    return str(path)


def test_a_trained_library_shows_what_was_learned_with_evidence(library, capsys):
    """Two episodes of classic: the key's pickup is known with its evidence, named by level."""
    assert main(["knowledge", "--library", library]) == 0
    out = capsys.readouterr().out
    assert out.startswith("What procmem knows about the world: ")
    assert "pickup_key standing on a key: gone, key of its own letter gained, reward +1 (seen 2×, classic only)" in out
    assert "\nkeys\n" in out and "\ngoals\n" in out


def test_the_json_form_and_the_view_of_one_level(library, capsys):
    """--json gives every line with its status; --level classic says 'this level only' for classic's evidence, and
    a level never played says so."""
    assert main(["knowledge", "--library", library, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["known"] == sum(1 for line in data["lines"] if line["status"] == "known") > 0
    assert data["steps_seen"] > 0 and data["level"] is None
    assert main(["knowledge", "--library", library, "--level", "classic"]) == 0
    assert "(seen 2×, this level only)" in capsys.readouterr().out
    assert main(["knowledge", "--library", library, "--level", "maze"]) == 0
    assert "never played there" in capsys.readouterr().out.splitlines()[0]


def test_an_empty_library_knows_nothing(tmp_path, capsys):
    """An empty library file: the model knows nothing, and the file stays empty."""
    path = tmp_path / "empty.sqlite3"
    path.touch()
    assert main(["knowledge", "--library", str(path)]) == 0
    assert "nothing learned yet" in capsys.readouterr().out
    assert path.read_bytes() == b""


def test_bad_input_ends_in_one_line(library, tmp_path, capsys):
    """An unknown level, a file that is not a library, and a damaged model each end in one line, no traceback; the
    damaged model's line points at ``procmem doctor --repair``, as train's does."""
    assert main(["knowledge", "--library", library, "--level", "nosuch"]) != 0
    assert capsys.readouterr().err.count("\n") == 1
    other = tmp_path / "other.txt"
    other.write_text("not a library")
    assert main(["knowledge", "--library", str(other)]) != 0
    assert capsys.readouterr().err.count("\n") == 1
    with sqlite3.connect(library) as db:
        data = json.loads(db.execute("SELECT data FROM knowledge WHERE agent = 'procmem'").fetchone()[0])
        data["world_model"]["units"] = [["move", "ahead"]]
        db.execute("UPDATE knowledge SET data = ? WHERE agent = 'procmem'", (json.dumps(data),))
    assert main(["knowledge", "--library", library]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'world_model' part is malformed" in err and "Traceback" not in err
    assert "procmem doctor --repair" in err


def test_remembered_dead_ends_are_listed_with_the_model(library, capsys):
    """The tries the agent remembers as dead ends (``failures`` in its knowledge) follow the model's lines, in text
    and JSON; a library with none says so; a damaged part refuses the library in one line, as train would."""
    assert main(["knowledge", "--library", library]) == 0
    assert "dead ends: none remembered" in capsys.readouterr().out
    with sqlite3.connect(library) as db:
        data = json.loads(db.execute("SELECT data FROM knowledge WHERE agent = 'procmem'").fetchone()[0])
        fingerprint = data["plays"][0][0]
        data["failures"] = [[fingerprint, [["open_door", "door", "A", ["a"], [3, 3], 2]]]]
        db.execute("UPDATE knowledge SET data = ? WHERE agent = 'procmem'", (json.dumps(data),))
    assert main(["knowledge", "--library", library]) == 0
    out = capsys.readouterr().out
    assert "open_door on door A holding a, at 3,3: led to a dead end 2× (classic)" in out.split("dead ends")[1]
    assert main(["knowledge", "--library", library, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["dead_ends"] == [
        "open_door on door A holding a, at 3,3: led to a dead end 2× (classic)"]
    with sqlite3.connect(library) as db:
        data["failures"] = "broken"
        db.execute("UPDATE knowledge SET data = ? WHERE agent = 'procmem'", (json.dumps(data),))
    assert main(["knowledge", "--library", library]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'failures' part is malformed" in err and "procmem doctor --repair" in err
