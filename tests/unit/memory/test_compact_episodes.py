"""Compact, visible storage (issue 19): new episode rows keep their level, steps and actions zlib-packed (about
1.4 KB per 100-step episode, was ~17 KB), rows written before still read the same, a damaged packed column is a
skipped row (never a lock-out, never a decompression bomb), ``procmem stats`` shows the file's size and what takes
it, and ``procmem prune`` frees the space (VACUUM) without touching skills or knowledge."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import zlib
from pathlib import Path

import pytest

import cli_run
from shared_build import shared_folder

from procmem_tui.memory.episode_check import EpisodeError
from procmem_tui.memory.episodes import episode_from_detail_row, unpack
from procmem_tui.memory.store import SkillStore

ROOT = Path(__file__).resolve().parents[3]


def procmem(*args: str, home: Path) -> subprocess.CompletedProcess:
    """``procmem ARGS`` as from a shell in ``home`` (``cli_run``: the same parser and error boundary, in this
    process)."""
    env = {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(home),
           "XDG_STATE_HOME": str(home / "state"), "XDG_DATA_HOME": str(home / "data")}
    return cli_run.procmem(*args, env=env, cwd=home)


@pytest.fixture(scope="session")
def recorded(tmp_path_factory) -> Path:
    """20 episodes of about 80 steps (the explorer on rooms 24x24; it crosses 10x10 rooms in about 40 now) and 5
    of procmem on classic (skills, knowledge). 20 give the same bytes per episode as 60 did (about 1.3 KB: the
    pages are full either way) at a third of the cost."""

    def build(home: Path) -> None:
        for argv in (["--agent", "explorer", "--family", "rooms", "--size", "24", "--episodes", "20"],
                     ["--level", "classic", "--episodes", "5"]):
            done = procmem("train", *argv, "--library", str(home / "lib.sqlite3"), "--quiet", home=home)
            assert done.returncode == 0, done.stderr

    return shared_folder(tmp_path_factory, "compact_recorded", build) / "lib.sqlite3"


def test_a_hundred_step_episode_takes_under_two_kilobytes(recorded):
    """Recorded episodes of about 80 steps take at most 2 KB each in the file."""
    db = sqlite3.connect(recorded)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    explorer = db.execute("SELECT COUNT(*), AVG(steps) FROM episodes WHERE agent = 'explorer'").fetchone()
    episode_bytes = db.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'episodes%'").fetchone()[0]
    total = db.execute("SELECT COUNT(*) FROM episodes").fetchone()[0]
    db.close()
    assert explorer[0] == 20 and explorer[1] >= 75
    assert episode_bytes / total <= 2048, episode_bytes / total


def test_rows_written_before_read_the_same(recorded, tmp_path):
    """An old row (plain JSON text) and the packed row of the same episode give the same EpisodeRow."""
    from procmem_tui.memory.episodes import DETAIL_COLUMNS

    db = sqlite3.connect(recorded)
    row = db.execute(f"SELECT {DETAIL_COLUMNS} FROM episodes ORDER BY id DESC LIMIT 1").fetchone()
    db.close()
    packed = episode_from_detail_row(row)
    level_text, start, actions, steps, learned = row[16:]
    assert all(isinstance(v, bytes) for v in (level_text, actions, steps))
    old = (*row[:16], unpack(level_text, "level", "e", 10**7), start,
           json.dumps(unpack(actions, "actions", "e", 10**7)), unpack(steps, "steps", "e", 10**8), learned)
    assert episode_from_detail_row(old) == packed


def _bomb() -> bytes:
    """80 MiB that pack into 80 KB: made by the test that uses it (0.5 s of CPU), not by every worker's import."""
    packer, zeros = zlib.compressobj(), b"0" * (1024 * 1024)
    return b"z" + packer.compress(b"[" * 10) + b"".join(packer.compress(zeros) for _ in range(80)) + packer.flush()


@pytest.mark.parametrize("blob, words", [
    (lambda: b"z" + b"not zlib", "does not decompress"),
    (lambda: b"q" + zlib.compress(b"[]"), "unknown kind"),
    (_bomb, "longer than"),  # a decompression bomb
], ids=["not-zlib", "unknown-kind", "bomb"])
def test_a_damaged_packed_column_is_one_line(blob, words):
    """A packed column that does not decompress, has an unknown kind or would unpack past its limit (a decompression
    bomb) is one EpisodeError."""
    damaged = blob()
    with pytest.raises(EpisodeError, match=words):
        unpack(damaged, "steps", "episode 3", 64 * 1024 * 1024)


def test_a_damaged_packed_row_is_skipped_and_doctor_names_it(recorded, tmp_path):
    """A damaged packed row does not stop episodes list, and doctor names the row and its column."""
    library = tmp_path / "lib.sqlite3"
    library.write_bytes(recorded.read_bytes())
    db = sqlite3.connect(library)
    victim = db.execute("SELECT id, episode FROM episodes ORDER BY id LIMIT 1").fetchone()
    db.execute("UPDATE episodes SET steps_json = ? WHERE id = ?", (b"z" + b"garbage", victim[0]))
    db.commit()
    db.close()
    listed = procmem("episodes", "list", "--limit", "1000", "--library", str(library), home=tmp_path)
    assert listed.returncode == 0 and listed.stderr == ""  # the summary does not read the packed columns
    doctor = procmem("doctor", "--library", str(library), home=tmp_path)
    assert doctor.returncode == 1 and f"episodes {victim[0]}: its steps does not decompress" in doctor.stdout


def test_stats_shows_the_file_size_and_what_takes_it(recorded, tmp_path):
    """stats' first line names the library, its size and what takes it: episodes (with their count), skills,
    knowledge."""
    done = procmem("stats", "--library", str(recorded), home=tmp_path)
    first = done.stdout.splitlines()[0]
    assert done.returncode == 0 and first.startswith(f"library: {recorded}, ")
    assert "episodes " in first and "(25)" in first and "skills " in first and "knowledge " in first


def test_prune_frees_the_space_and_keeps_skills_and_knowledge(recorded, tmp_path):
    """prune --keep 5 removes the other episodes in one line, keeps skills, knowledge and the episode counter,
    shrinks the file by the freed pages, and training goes on after it."""
    library = tmp_path / "lib.sqlite3"
    library.write_bytes(recorded.read_bytes())

    def kept(path):
        db = sqlite3.connect(path)
        try:
            return (db.execute("SELECT * FROM skills ORDER BY id").fetchall(),
                    db.execute("SELECT * FROM knowledge ORDER BY agent").fetchall(),
                    db.execute("SELECT value FROM meta WHERE key = 'last_episode'").fetchone())
        finally:
            db.close()

    def episode_bytes(path):
        db = sqlite3.connect(path)
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return db.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'episodes%'").fetchone()[0]
        finally:
            db.close()

    before, episodes_before = kept(library), episode_bytes(library)
    size = library.stat().st_size
    done = procmem("prune", "--keep", "5", "--library", str(library), home=tmp_path)
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 1 and "removed 20 episodes, kept 5" in done.stdout
    assert kept(library) == before and before[0] and before[1]
    freed = episodes_before - episode_bytes(library)
    assert freed >= episodes_before / 2 and library.stat().st_size <= size - freed + 4096  # the pages left the file
    again = procmem("train", "--level", "classic", "--episodes", "1", "--library", str(library), "--quiet", home=tmp_path)
    assert again.returncode == 0 and "Episodes: 1" in again.stdout
