"""Tables printed into a pipe or a file (no terminal, no ``COLUMNS``) keep every cell whole: Rich would otherwise
assume 80 columns and cut a wide table's cells to a few characters (``11.…`` for a ratio of 11.43)."""

from __future__ import annotations

import shutil

import cli_run

PIPED = {"PATH": "/usr/bin:/bin"}  # no COLUMNS, stdout not a terminal: as `procmem … | tee out.txt` runs


def test_bench_levels_table_is_whole_when_piped():
    """The widest table (eleven columns): the agent's name, the level's name and the ratios are printed whole."""
    done = cli_run.procmem("bench", "--levels", "classic", "--agents", "procmem", "--train", "2", "--workers", "1",
                           env=PIPED)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("│ procmem")]
    assert rows and "│ classic " in rows[0] and "search expansions per episode" in done.stdout
    assert not any("…" in line for line in done.stdout.splitlines() if line.startswith(("│", "┃")))


def test_stats_table_is_whole_when_piped_and_columns_still_wins(tmp_path, classic_trained):
    """``procmem stats`` piped: whole cells; with ``COLUMNS=40`` the table fits 40 columns as the user asked."""
    library = str(tmp_path / "lib.sqlite3")
    shutil.copy(classic_trained / "lib.sqlite3", library)
    piped = cli_run.procmem("stats", "--library", library, env=PIPED)
    assert piped.returncode == 0 and "│ classic " in piped.stdout
    assert not any("…" in line for line in piped.stdout.splitlines() if line.startswith(("│", "┃")))
    narrow = cli_run.procmem("stats", "--library", library, env={**PIPED, "COLUMNS": "40"})
    assert max(len(line) for line in narrow.stdout.splitlines() if line.startswith(("│", "┃", "┏", "└"))) <= 40
