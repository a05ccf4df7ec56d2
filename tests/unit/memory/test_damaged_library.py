"""A library altered by hand (dropped column, wrong kinds, wrong embedding length, huge counts, a trigger, deeply
nested JSON, bad episode fields): a damaged shape ends every verb in one StoreError line naming the file and what
is wrong, never a traceback, the file left byte-for-byte as it was; damaged rows are skipped with one warning line
(issue 19: a library is never locked out) and ``procmem doctor`` lists and repairs them. Run through ``cli.main`` (the same error
boundary as the shell, without an interpreter start per case); ``play`` stops before the app would start."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import cli_run
from procmem_tui.cli import main
from procmem_tui.tui.app import ProcmemApp

ROOT = Path(__file__).resolve().parents[3]


def _env(home: Path) -> dict[str, str]:
    return {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(home),
            "XDG_STATE_HOME": str(home / "state"), "XDG_DATA_HOME": str(home / "data")}


def procmem(*args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "procmem_tui", *args], capture_output=True, text=True,
                          env=_env(home), cwd=home, timeout=60)


def in_process(*args: str, home: Path) -> subprocess.CompletedProcess:
    return cli_run.procmem(*args, env=_env(home), cwd=home)


@pytest.fixture
def trained(classic_trained) -> Path:
    """A library after two episodes of classic (tests/unit/conftest.py); tests damage a copy."""
    return classic_trained / "lib.sqlite3"


DAMAGE = {
    "dropped column": ("ALTER TABLE skills DROP COLUMN context", "skills.context is missing"),
    "changed column type": ("ALTER TABLE episodes RENAME COLUMN reward TO r; ALTER TABLE episodes ADD COLUMN reward TEXT",
                            "episodes.reward"),
    "a trigger": ("CREATE TRIGGER t AFTER INSERT ON episodes BEGIN DELETE FROM skills; END", "trigger"),
    "text count": ("UPDATE skills SET attempts = 'many'", "attempts must be a whole number"),
    "huge count": ("UPDATE skills SET uses = 4000000000000000000", "uses must be from 0"),
    "short embedding": ("UPDATE skills SET embedding = X'00000000'", "embedding has 1 numbers"),
    "nested JSON": ("UPDATE skills SET program = '" + "[" * 5000 + "]" * 5000 + "'", "nested too deeply"),
    "unknown action": ("UPDATE skills SET program = '[\"fly\"]' WHERE kind = 'motor'", "not an action"),
    "start off the grid": ("UPDATE episodes SET start_json = '{\"pos\": [9, 9], \"keys\": [], \"opened\": [], "
                           "\"taken\": [], \"steps\": 0}'", "out of range"),
    "success not a flag": ("UPDATE episodes SET success = 7", "success must be true or false"),
    "steps JSON not a list": ("UPDATE episodes SET steps_json = '{}'", "must be a list"),
}
VERBS = {
    "skills list": ["skills", "list"],
    "train": ["train", "--level", "classic", "--episodes", "1"],
    "export": ["export", "last", "--json", "out.json"],
    "stats": ["stats"],
    "episodes": ["episodes", "list"],
    "replay": ["replay", "last"],
    "play (the app)": ["play"],
}
# which damage each verb reads (the schema checks apply to every verb; rows only where the verb reads them)
SHAPE = {"dropped column", "changed column type", "a trigger"}
SKILL_ROWS = {"text count", "huge count", "short embedding", "nested JSON", "unknown action"}
EPISODE_DETAIL = {"start off the grid", "steps JSON not a list"}
READ_ONLY = {"skills list", "export", "stats", "episodes"}


def _outcome(damage: str, verb: str) -> str:
    """'refused' (exit 1, one error line), 'warned' (exit 0, one warning line: rows skipped) or 'clean'."""
    if damage in SHAPE:
        return "refused"
    if damage in SKILL_ROWS:
        return "warned" if verb in ("skills list", "train", "replay", "play (the app)") else "clean"
    if damage in EPISODE_DETAIL:
        return "refused" if verb in ("export", "replay") else "clean"
    if damage == "success not a flag":
        return {"stats": "warned", "episodes": "warned", "export": "refused", "replay": "refused"}.get(verb, "clean")
    raise AssertionError(damage)


CASES = [(d, v) for d in sorted(DAMAGE) for v in VERBS if _outcome(d, v) != "clean"]


@pytest.mark.parametrize("damage, verb", CASES)
def test_a_damaged_library_degrades_in_one_line(tmp_path, trained, damage, verb, capsys, monkeypatch):
    """A damaged shape is refused (exit 1, one line naming the file and the damage, the file untouched); damaged
    rows never lock the library: a verb that reads them skips them with one warning line and goes on (exit 0), and
    only the verb that asks for that very row (export, replay of it) is refused. Read-only verbs write nothing."""
    library = tmp_path / "lib.sqlite3"
    shutil.copy(trained, library)
    sql, words = DAMAGE[damage]
    db = sqlite3.connect(library)
    db.executescript(sql)
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = library.read_bytes()
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    outcome = _outcome(damage, verb)
    if outcome == "refused":
        monkeypatch.setattr(ProcmemApp, "run", lambda self: pytest.fail("the app started on a damaged library"))
    else:  # the app reads the library after its first frame (``tui.start``): without a screen, read it here
        monkeypatch.setattr("procmem_tui.commands.terminal.require_terminal", lambda: None)
        monkeypatch.setattr(ProcmemApp, "run", lambda self: self.deferred and self.load())
    code = main([*VERBS[verb], "--library", str(library)])
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert str(library) in err and words in err, err
    if outcome == "refused":
        assert code == 1
    else:
        assert code == 0 and "warning: " in err and "skipped" in err and "procmem doctor" in err, err
    if outcome == "refused" or verb in READ_ONLY:
        assert library.read_bytes() == before
    assert not list((tmp_path / "state").rglob("crash-*.txt"))


def test_from_the_shell_too(tmp_path, trained):
    """One case through a real process: a damaged skill row is skipped with one warning line (exit 0), the other
    skills are listed, the file untouched; doctor names the row (exit 1) and --repair writes a clean copy beside
    it that lists every good skill with no warning (the verbs after the first through ``cli_run``: the same parser
    and error boundary, without an interpreter start each)."""
    library = tmp_path / "lib.sqlite3"
    shutil.copy(trained, library)
    db = sqlite3.connect(library)
    total = db.execute("SELECT COUNT(*) FROM skills").fetchone()[0]
    bad = db.execute("SELECT id FROM skills WHERE kind = 'motor' LIMIT 1").fetchone()[0]
    db.execute("UPDATE skills SET program = ? WHERE id = ?", ("[" * 5000 + "]" * 5000, bad))
    db.commit()
    db.close()
    before = library.read_bytes()
    done = procmem("skills", "list", "--library", str(library), home=tmp_path)
    assert done.returncode == 0 and len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert "nested too deeply" in done.stderr and bad in done.stderr and library.read_bytes() == before
    assert f"{total - 1} skills" in done.stdout
    doctor = in_process("doctor", "--library", str(library), home=tmp_path)
    assert doctor.returncode == 1 and f"skills {bad}: " in doctor.stdout and doctor.stderr == ""
    repaired = in_process("doctor", "--library", str(library), "--repair", home=tmp_path)
    copy = tmp_path / "lib.repaired.sqlite3"
    assert repaired.returncode == 1 and copy.exists() and library.read_bytes() == before, repaired.stdout
    again = in_process("skills", "list", "--library", str(copy), home=tmp_path)
    assert again.returncode == 0 and again.stderr == "" and f"{total - 1} skills" in again.stdout
    assert in_process("doctor", "--library", str(copy), home=tmp_path).returncode == 0


def test_a_cut_short_library_is_called_damaged_and_left_as_it_was(tmp_path, trained):
    """A library file cut short (a copy stopped half way, a full disk) is refused as damaged, naming SQLite's own
    reason, by a verb that writes and one that reads, and its bytes stay as they were (it once said "cannot open
    the file read-only", as if the file's mode were the trouble)."""
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(trained.read_bytes()[:20000])
    before = cut.read_bytes()
    for verb in (["train", "--level", "classic", "--episodes", "1"], ["knowledge"]):
        done = in_process(*verb, "--library", str(cut), home=tmp_path)
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr.count("\n") == 1 and "the library is damaged (database disk image is malformed)" in done.stderr
        assert "refusing to touch it" in done.stderr and "Traceback" not in done.stderr
    assert cut.read_bytes() == before
