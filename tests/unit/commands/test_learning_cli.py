"""The learning verbs (train, skills, episodes, bench): exit 0 on good input, 1 with one line on bad input,
reproducible output."""

from __future__ import annotations

import json

import pytest

from procmem_tui.cli import main


def test_train_prints_the_tutorial_style_lines_and_reaches_optimal(capsys, tmp_path):
    """train --fresh on classic: one 'Episode N: Reward=…, Steps=…, Optimal=…' line each; optimal from episode 3."""
    out_json = tmp_path / "t.json"
    assert main(["train", "--level", "classic", "--episodes", "4", "--fresh", "--json", str(out_json)]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("Episode ")]
    assert len(lines) == 4 and "Reward=12.3, Steps=10, Optimal=10" in lines[2]
    assert "=== Learned Skills" in out and "=== Library Statistics ===" in out
    data = json.loads(out_json.read_text())
    assert [e["episode"] for e in data["episodes"]] == [1, 2, 3, 4]
    assert set(data["episodes"][0]) >= {"episode", "level", "seed", "steps", "optimal_steps", "reward", "success",
                                        "skills", "skill_steps"}
    assert all(0.0 <= s["success_rate"] <= 1.0 for s in data["skills"])


def test_train_on_a_family_uses_seed_plus_episode(tmp_path):
    """--family doorkey --seed 5: episode i plays the layout of seed 5 + i (recorded in the JSON)."""
    out_json = tmp_path / "f.json"
    assert main(["train", "--family", "doorkey", "--size", "8", "--seed", "5", "--episodes", "3", "--fresh",
                 "--quiet", "--json", str(out_json)]) == 0
    assert [e["seed"] for e in json.loads(out_json.read_text())["episodes"]] == [5, 6, 7]


@pytest.mark.parametrize("argv, words, code", [
    (["train", "--level", "no_such_level", "--fresh"], "no_such_level", 1),
    (["train", "--agent", "gpt", "--fresh"], "unknown agent", 1),
    (["bench", "--agents", "gpt"], "unknown agent", 1),
    (["bench", "--families", "doorkey", "--sizes", "99"], "--sizes: must be from 5 to 32", 2),
    (["episodes", "list", "--limit", "-1", "--fresh"], "--limit: must be from 1", 2),
    (["train", "--seed", "-1", "--fresh", "--episodes", "1"], "--seed: must be from 0", 2),
    (["bench", "--seed", "-1", "--levels", "classic", "--agents", "seed"], "--seed: must be from 0", 2),
    (["bench", "--seed", "-1", "--agents", "seed", "--train", "1", "--eval", "1"], "--seed: must be from 0", 2),
])
def test_bad_input_is_one_line_and_exit_1(argv, words, code, capsys):
    """Bad level or agent name: exit 1 and a single line on stderr naming the problem (a flag out of range is a
    usage error: exit 2, one line)."""
    if code == 2:
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
    else:
        assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err and "Traceback" not in err


def test_unreadable_library_is_refused(tmp_path, capsys):
    """A library file that is not ours: exit 1, one line, and the file is left as it was."""
    bogus = tmp_path / "lib.sqlite3"
    bogus.write_bytes(b"this is not a database\n" * 10)
    for argv in (["train", "--library", str(bogus), "--episodes", "1"], ["skills", "list", "--library", str(bogus)],
                 ["episodes", "list", "--library", str(bogus)]):
        assert main(argv) == 1
        assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert bogus.read_bytes() == b"this is not a database\n" * 10


def test_skills_and_episodes_verbs_on_a_trained_library(tmp_path, capsys):
    """After training into a file: skills list/show/export/import and episodes list work; export is byte-stable."""
    lib = str(tmp_path / "lib.sqlite3")
    assert main(["train", "--level", "two_doors", "--episodes", "2", "--library", lib, "--quiet"]) == 0
    capsys.readouterr()
    assert main(["skills", "list", "--library", lib]) == 0
    assert "fetch a key" in capsys.readouterr().out
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["skills", "export", str(a), "--library", lib]) == 0
    assert main(["skills", "export", str(b), "--library", lib]) == 0
    assert a.read_bytes() == b.read_bytes()
    first_id = json.loads(a.read_text())["skills"][0]["id"]
    assert main(["skills", "show", first_id[:8], "--library", lib]) == 0
    other = str(tmp_path / "other.sqlite3")
    assert main(["skills", "import", str(a), "--library", other]) == 0
    c = tmp_path / "c.json"
    assert main(["skills", "export", str(c), "--library", other]) == 0
    assert json.loads(c.read_text())["skills"] == json.loads(a.read_text())["skills"]
    capsys.readouterr()
    assert main(["episodes", "list", "--library", lib]) == 0
    assert "two_doors" in capsys.readouterr().out
    assert main(["skills", "show", "zzzz", "--library", lib]) == 1
    assert main(["skills", "import", str(tmp_path / "missing.json"), "--library", other]) == 1


def test_training_is_identical_across_hash_seeds(hash_seed_runs):
    """Two training runs into two libraries, in processes with different PYTHONHASHSEED: identical train JSON and
    identical ``skills export`` files, byte for byte (the job ``training`` of ``hash_seeds``: train, then skills
    export, through ``cli.main`` in each seed's interpreter, shared with the other hash-seed tests)."""
    outputs = [(hash_seed_runs / seed / "train.json").read_bytes() for seed in ("1", "4242")]
    exports = [(hash_seed_runs / seed / "skills.json").read_bytes() for seed in ("1", "4242")]
    assert outputs[0] == outputs[1]
    assert exports[0] == exports[1]
    assert json.loads(outputs[0])["skills"] and len(json.loads(exports[0])["skills"]) > 3


def test_bench_runs_every_agent_on_the_same_layouts(tmp_path):
    """bench (2 workers) gives one result per agent with rates in [0, 1]; planner is exactly optimal."""
    out = tmp_path / "b.json"
    assert main(["bench", "--agents", "procmem", "planner", "seed", "--train", "3", "--eval", "5",
                 "--json", str(out)]) == 0
    results = json.loads(out.read_text())["results"]
    assert [r["agent"] for r in results] == ["procmem", "planner", "seed"]
    assert all(0.0 <= r["success_rate"] <= 1.0 for r in results)
    planner = results[1]
    assert planner["mean_ratio"] == 1.0 and planner["success_rate"] == 1.0
    assert main(["bench", "--agents", "planner", "--levels", "classic", "--train", "2"]) == 0
