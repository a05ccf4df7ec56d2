"""Issue 12's hostile inputs, from the shell: each ends in exit != 0 and one line on stderr, with no traceback, no
crash report (it is an expected error, not a bug) and the library file byte-for-byte unchanged. Run through
``cli.main`` in this process (``cli_run``: the shell's parser and error boundary, without an interpreter start per
case), except where the process matters: files that could hang a reader, and what reaches a terminal (those
commands run one after another in one real process, ``cli_run.procmem_in_a_process``)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import cli_run

ROOT = Path(__file__).resolve().parents[3]


def _env(state: Path) -> dict[str, str]:
    return {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(state),
            "XDG_STATE_HOME": str(state / "state"), "XDG_DATA_HOME": str(state / "data")}


def procmem(*args: str, state: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return cli_run.procmem(*args, env=_env(state), cwd=cwd or state)


def assert_one_line_refusal(done: subprocess.CompletedProcess, state: Path, *words: str) -> None:
    assert done.returncode != 0, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr, done.stderr
    assert not list((state / "state").rglob("crash-*.txt")), "an expected error must not write a crash report"


@pytest.fixture
def trained(classic_trained) -> Path:
    """A library after two episodes of classic, its skills export and its last episode (tests/unit/conftest.py)."""
    return classic_trained


@pytest.fixture
def home(tmp_path, trained) -> Path:
    for name in ("lib.sqlite3", "skills.json", "episode.json"):
        shutil.copy(trained / name, tmp_path / name)
    return tmp_path


def _skills(home: Path) -> dict:
    return json.loads((home / "skills.json").read_text())


def _tampered_import(home: Path, change) -> Path:
    payload = _skills(home)
    change(payload["skills"])
    path = home / "bad.json"
    path.write_text(json.dumps(payload))
    return path


def _motor(skills: list) -> dict:
    return next(s for s in skills if s["kind"] == "motor")


IMPORTS = {
    "unknown action": (lambda s: _motor(s)["program"].append("teleport"), "not an action"),
    "integer step": (lambda s: _motor(s)["program"].append(3), "must be text"),
    "nested list step": (lambda s: _motor(s)["program"].append(["move_up"]), "must be text"),
    "empty program": (lambda s: _motor(s).update(program=[]), "is empty"),
    "huge count": (lambda s: _motor(s).update(uses=10**30), "uses must be from 0"),
    "float count": (lambda s: _motor(s).update(attempts=2.5), "attempts must be a whole number"),
    "bool count": (lambda s: _motor(s).update(uses=True), "uses must be a whole number"),
    "short embedding": (lambda s: _motor(s).update(embedding=[0.5] * 3), "embedding has 3 numbers"),
    "unknown kind": (lambda s: _motor(s).update(kind="spell"), "kind 'spell'"),
    "dangling composite": (lambda s: s.append({**{k: v for k, v in next(x for x in s if x["kind"] == "composite").items()
                                                  if k != "id"}, "program": ["0123456789ab"]}), "neither in the file"),
}


@pytest.mark.parametrize("case", sorted(IMPORTS))
def test_a_bad_skill_refuses_the_whole_import(home, case):
    """One bad skill among good ones: nothing is imported, the library is byte-identical."""
    change, words = IMPORTS[case]
    bad = _tampered_import(home, change)
    before = (home / "lib.sqlite3").read_bytes()
    done = procmem("skills", "import", str(bad), "--library", str(home / "lib.sqlite3"), state=home)
    assert_one_line_refusal(done, home, words)
    assert (home / "lib.sqlite3").read_bytes() == before


@pytest.mark.parametrize("text, words", [
    ('{"format": "procmem-skills/1", "skills": [{"embedding": [NaN]}]}', "NaN"),
    ('{"format": "procmem-skills/1", "skills": [{"embedding": [Infinity]}]}', "Infinity"),
    ('{"format": "procmem-skills/1", "skills": [{"uses": ' + "9" * 4301 + "}]}", "not a valid skills export"),
    ("[" * 100_000, "nested too deeply"),
])
def test_json_that_python_reads_oddly_is_refused(home, text, words):
    """NaN/Infinity, a 4,301-digit number and 100,000 nested lists: one line each."""
    bad = home / "odd.json"
    bad.write_text(text)
    done = procmem("skills", "import", str(bad), "--library", str(home / "lib.sqlite3"), state=home)
    assert_one_line_refusal(done, home, words)


def test_importing_a_librarys_own_export_changes_nothing(home):
    """Merging by id is idempotent: every skill is 'unchanged' and a second export is byte-identical."""
    library = str(home / "lib.sqlite3")
    done = procmem("skills", "import", str(home / "skills.json"), "--library", library, state=home)
    assert done.returncode == 0, done.stderr
    count = len(_skills(home)["skills"])
    assert f"0 new, 0 updated, {count} unchanged" in done.stdout
    assert procmem("skills", "export", str(home / "again.json"), "--library", library, state=home).returncode == 0
    assert (home / "again.json").read_bytes() == (home / "skills.json").read_bytes()


VERBS = ["skills import", "replay --json"]
TARGETS = ["/dev/zero", "/dev/urandom", "symlink", "fifo", "folder", "too big"]


@pytest.fixture(scope="module")
def refusals(tmp_path_factory, classic_trained) -> tuple[Path, dict[tuple[str, str], subprocess.CompletedProcess]]:
    """Every verb on every target, in one real process (``cli_run.procmem_in_a_process``: a read that hangs or
    fills memory ends with it, at 60 s): the home they ran in, and what each (verb, target) did."""
    home = tmp_path_factory.mktemp("not-regular")
    for name in ("lib.sqlite3", "skills.json", "episode.json"):
        shutil.copy(classic_trained / name, home / name)
    paths = {"symlink": home / "link.json", "fifo": home / "pipe.json", "folder": home, "too big": home / "big.json"}
    paths["symlink"].symlink_to("/dev/zero")
    os.mkfifo(paths["fifo"])
    with open(paths["too big"], "wb") as handle:
        handle.truncate(65 * 1024 * 1024)
    cases = [(verb, target) for verb in VERBS for target in TARGETS]
    calls = []
    for verb, target in cases:
        path = str(paths.get(target, target))
        argv = ["skills", "import", path] if verb == "skills import" else ["replay", "--json", path]
        calls.append(([*argv, "--library", str(home / "lib.sqlite3")], _env(home), home))
    return home, dict(zip(cases, cli_run.procmem_in_a_process(calls, timeout=60)))


@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize("target", TARGETS)
def test_files_that_are_not_regular_or_too_big_are_refused_at_once(refusals, verb, target):
    """Devices, a symlink to one, a FIFO with no writer, a folder, a 65 MB file: refused before reading."""
    home, done = refusals[0], refusals[1][verb, target]
    assert_one_line_refusal(done, home)
    assert any(w in done.stderr for w in ("not a regular file", "is a folder", "too big")), done.stderr


def _tampered_episode(home: Path, change) -> Path:
    doc = json.loads((home / "episode.json").read_text())
    change(doc)
    path = home / "bad-episode.json"
    path.write_text(json.dumps(doc))
    return path


def _door(doc) -> list:
    rows = [r for r in doc["level"].splitlines() if not r.startswith(";")]
    h = len(rows)
    return next([x, h - 1 - i] for i, row in enumerate(rows) for x, ch in enumerate(row) if ch == "A")


EPISODES = {
    "position off the grid": (lambda d: d["start"].update(pos=[99, 0]), "out of range"),
    "negative position": (lambda d: d["start"].update(pos=[-1, 0]), "out of range"),
    "float position": (lambda d: d["start"].update(pos=[0.5, 0]), "whole number"),
    "three-value position": (lambda d: d["start"].update(pos=[0, 0, 0]), "pair"),
    "bool position": (lambda d: d["start"].update(pos=[True, 0]), "whole number"),
    "unknown key letter": (lambda d: d["start"].update(keys=["z"]), "letter a-f"),
    "a floor cell as a door": (lambda d: d["start"].update(opened=[[0, 0]]), "not a door"),
    "a door as a taken key": (lambda d: d["start"].update(taken=[_door(d)]), "holds no key"),
    "reward not finite": (lambda d: d.update(rewards=[1e999] + d["rewards"][1:]), "Infinity"),
    "huge step count": (lambda d: d["outcome"].update(steps=10**30), "out of range"),
}


@pytest.mark.parametrize("case", sorted(EPISODES))
def test_a_tampered_episode_file_is_one_line(home, case):
    """``replay --json`` on a tampered file: refused before the app starts."""
    change, words = EPISODES[case]
    bad = _tampered_episode(home, change)
    done = procmem("replay", "--json", str(bad), "--library", str(home / "lib.sqlite3"), state=home)
    assert_one_line_refusal(done, home, words)


@pytest.mark.parametrize("argv, words", [
    (["train", "--library", "", "--episodes", "1"], "--library: must not be empty"),
    (["train", "--level", "", "--fresh"], "--level: must not be empty"),
    (["check", ""], "the level name is empty"),
    (["train", "--family", "doorkey", "--seed", str(2**64), "--fresh"], "--seed: must be from 0"),
    (["episodes", "list", "--limit", str(2**70), "--fresh"], "--limit: must be from 1"),
    (["train", "--episodes", "9" * 4301, "--fresh"], "--episodes: must be a whole number"),
    (["train", "--size", "8", "--fresh"], "--size needs --family"),
    (["train", "--family", "doorkey", "--rooms", "3", "--fresh"], "--rooms needs --family rooms"),
    (["skills", "import", "", "--fresh"], "must not be empty"),
    (["replay", "9" * 50, "--fresh"], "no episode"),
])
def test_flags_that_are_empty_out_of_range_or_do_nothing_are_refused(tmp_path, argv, words):
    """Empty, out-of-range or useless flags (a --size or --rooms without the family they need, a replay of no
    episode) are one-line refusals with no crash report."""
    assert_one_line_refusal(procmem(*argv, state=tmp_path), tmp_path, words)


@pytest.mark.parametrize("target, words", [
    ("/dev/null", "not a regular file"),
    ("long", "File name too long"),
    ("in-a-file", "Not a directory"),
])
def test_library_paths_that_cannot_be_libraries(tmp_path, target, words):
    """/dev/null is refused without leaving /dev/null-journal; a 300-byte name or a file as a folder: one line."""
    path = {"/dev/null": "/dev/null", "long": str(tmp_path / ("x" * 300)),
            "in-a-file": str(tmp_path / "plain.txt" / "lib.sqlite3")}[target]
    (tmp_path / "plain.txt").write_text("not a folder")
    journal_before = os.path.exists("/dev/null-journal")
    done = procmem("skills", "list", "--library", path, state=tmp_path)
    assert_one_line_refusal(done, tmp_path, words)
    assert os.path.exists("/dev/null-journal") == journal_before


def test_an_empty_sqlite_file_is_taken_only_when_truly_empty(tmp_path):
    """No tables and user_version 7: another program's file, refused untouched; no tables, no marks: ours."""
    marked, blank = tmp_path / "marked.sqlite3", tmp_path / "blank.sqlite3"
    for path, version in ((marked, 7), (blank, 0)):
        db = sqlite3.connect(path)
        db.execute(f"PRAGMA user_version = {version}")
        db.execute("CREATE TABLE t (x)")
        db.execute("DROP TABLE t")  # a real SQLite file with pages, but no tables
        db.commit()
        db.close()
    before = marked.read_bytes()
    assert_one_line_refusal(procmem("skills", "list", "--library", str(marked), state=tmp_path), tmp_path,
                            "user_version 7")
    assert marked.read_bytes() == before
    assert procmem("skills", "list", "--library", str(blank), state=tmp_path).returncode == 0


ESCAPE_LEVEL = """; name: evil\x1b]0;pwned\x07\x1b[2J[bold]name[/]
; description: clears \x1b[2Jthe screen
; max_steps: 50
..#.G
.X.A#
..a..
.....
@....
"""


def test_escape_codes_in_a_level_never_reach_the_terminal(tmp_path):
    """A level whose name holds OSC/CSI sequences: check, train, skills list and episodes list print none of them,
    and Rich markup in it is printed as written."""
    level = tmp_path / "evil.txt"
    level.write_text(ESCAPE_LEVEL)
    library = str(tmp_path / "lib.sqlite3")
    runs = cli_run.procmem_in_a_process([(argv, _env(tmp_path), tmp_path) for argv in (
        ["check", str(level)], ["train", "--level", str(level), "--episodes", "2", "--library", library],
        ["skills", "list", "--library", library], ["episodes", "list", "--library", library])], timeout=60)
    for done in runs:
        assert done.returncode == 0, done.stderr
        assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "evil[bold]name[/]: 5x5, ok" in runs[0].stdout  # the OSC title sequence went whole
    assert "[bold]name[/]" in runs[3].stdout
