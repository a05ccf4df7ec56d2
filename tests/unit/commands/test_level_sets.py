"""Training and benchmarking a user's own level set: `--level A --level B`, `--levels DIR` (its *.txt files in name
order, round-robin, --episodes per level), and one-line errors for a folder that cannot be used."""

from __future__ import annotations

import json
import shutil

import pytest

from procmem_tui.cli import main
from procmem_tui.world import format_level, load_level


@pytest.fixture
def level_dir(tmp_path):
    """A folder whose name order (1_…, 2_…) differs from the levels' own names, plus a file that is not a level."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "2_second.txt").write_text(format_level(load_level("classic")))
    (folder / "1_first.txt").write_text(format_level(load_level("two_doors")))
    (folder / "notes.md").write_text("not a level\n")
    (folder / "sub.txt").mkdir()  # a folder named like a level file is not one
    return folder


def test_train_levels_dir_goes_round_robin_in_file_name_order(tmp_path, level_dir, capsys):
    """--levels DIR --episodes 2: 1_first, 2_second, 1_first, 2_second; each line and the closing report name the level."""
    out = tmp_path / "run.json"
    assert main(["train", "--levels", str(level_dir), "--episodes", "2", "--fresh", "--json", str(out)]) == 0
    episodes = json.loads(out.read_text())["episodes"]
    assert [e["level"] for e in episodes] == ["two_doors", "classic", "two_doors", "classic"]
    text = capsys.readouterr().out
    assert "Success=True, Level=two_doors" in text
    assert "=== Per Level" in text and "classic: 2 episodes" in text


def test_train_repeated_level_flags_and_a_folder_combine(tmp_path, level_dir):
    """--level maze --levels DIR: the named level first, then the folder's files."""
    out = tmp_path / "run.json"
    assert main(["train", "--level", "maze", "--levels", str(level_dir), "--episodes", "1", "--fresh",
                 "--json", str(out), "--quiet"]) == 0
    assert [e["level"] for e in json.loads(out.read_text())["episodes"]] == ["maze", "two_doors", "classic"]


def test_a_single_level_trains_as_before(tmp_path):
    """train --level classic --episodes 2 plays classic twice, as before level sets."""
    out = tmp_path / "run.json"
    assert main(["train", "--level", "classic", "--episodes", "2", "--fresh", "--json", str(out), "--quiet"]) == 0
    assert [e["level"] for e in json.loads(out.read_text())["episodes"]] == ["classic", "classic"]


_MISSING, _A_FILE, _EMPTY, _BAD = (lambda d: d / "missing", lambda d: d / "1_first.txt",
                                  lambda d: (d / "empty").mkdir() or d / "empty",
                                  lambda d: (d / "3_bad.txt").write_text("#@\n") and d)


@pytest.mark.parametrize("verb, make, message", [
    ("train", _MISSING, "--levels {}: no such folder"),
    ("train", _A_FILE, "not a folder"),
    ("train", _EMPTY, "no level files (*.txt) in this folder"),
    ("train", _BAD, "3_bad.txt:1:1"),
    ("bench", _MISSING, "no such level: not a file here nor a built-in level"),  # bench --levels also takes level names and files
    ("bench", _EMPTY, "no level files (*.txt) in this folder"),
    ("bench", _BAD, "3_bad.txt:1:1"),
], ids=["train missing", "train a file", "train empty", "train a bad level", "bench missing", "bench empty",
        "bench a bad level"])
def test_a_folder_that_cannot_be_used_is_one_line(level_dir, capsys, verb, make, message):
    """train and bench --levels with a missing folder, a file, an empty folder or a bad level file: exit 1, one line
    saying which."""
    path = make(level_dir)
    args = ["train", "--levels", str(path), "--fresh"] if verb == "train" else ["bench", "--levels", str(path)]
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert message.format(path) in err and len(err.strip().splitlines()) == 1


def test_bench_levels_dir_measures_each_level_of_the_folder(tmp_path, level_dir):
    """bench --levels DIR measures each level of the folder in name order, each won."""
    out = tmp_path / "bench.json"
    assert main(["bench", "--levels", str(level_dir), "--agents", "procmem", "--train", "3", "--workers", "1",
                 "--json", str(out)]) == 0
    results = json.loads(out.read_text())["results"]
    assert [r["level_name"] for r in results] == ["two_doors", "classic"]
    assert all(r["success_rate"] == 1.0 for r in results)


def test_the_levels_folder_can_be_a_copy_of_the_built_ins(tmp_path):
    """The shipped level files themselves are a valid level set (they are read from the package's folder). The
    planner plays them: what is pinned is the set, read in name order, not an agent's learning."""
    from importlib import resources

    folder = tmp_path / "builtin"
    shutil.copytree(str(resources.files("procmem_tui") / "assets" / "levels"), folder)
    out = tmp_path / "run.json"
    assert main(["train", "--agent", "planner", "--levels", str(folder), "--episodes", "1", "--fresh", "--json", str(out),
                 "--quiet"]) == 0
    from procmem_tui.world import builtin_level_names

    assert [e["level"] for e in json.loads(out.read_text())["episodes"]] == builtin_level_names()
