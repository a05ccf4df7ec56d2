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


def test_a_table_wider_than_the_terminal_is_split_into_whole_columns():
    """At 40 columns a 9-column table prints in parts, each led by the row's name and none wider than 40, with
    every number whole (Rich alone shrank every column alike: ``12.…``, ``pro…``)."""
    import io

    from rich.console import Console
    from rich.table import Table

    from procmem_tui.commands.tables import print_table

    table = Table(title="wide")
    for header in ("agent", *(f"measure {i} of it" for i in range(8))):
        table.add_column(header)
    for agent in ("procmem", "qlearning", "explorer"):
        table.add_row(agent, *(f"{12.345 * i:.3f} / {i}" for i in range(8)))
    out = io.StringIO()
    print_table(Console(file=out, width=40), table)
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 40 and not any("…" in line for line in lines)
    assert sum(line.startswith("│ qlearning ") for line in lines) > 1  # the name leads every part
    for i in range(8):
        assert f"{12.345 * i:.3f} / {i}" in out.getvalue()


def test_bench_first_at_80_columns_shows_every_agent_and_ratio_whole():
    """``procmem bench --first`` on an 80-column terminal (its table is 200 wide): every line fits, no cell is
    cut, and all three agents' ratios are there. The timing columns' widths follow the machine's load, so which
    header wraps where varies: the check reads header words, not phrases."""
    done = cli_run.procmem("bench", "--first", "--sizes", "6", "--eval", "1", "--train", "2", "--workers", "1",
                           env={**PIPED, "COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert not any("…" in line for line in lines if line.startswith(("│", "┃")))
    for agent in ("procmem", "qlearning", "explorer"):
        assert any(line.startswith(f"│ {agent} ") for line in lines)
    headers = [line.replace("┃", " ") for line in lines if line.startswith("┃")]
    header_words = {word for line in headers for word in line.split()}
    assert {"ratio", "never", "optimal"} <= header_words  # a header may wrap between words: the widths follow timings


def test_bench_refuses_no_evaluation_layouts():
    """``--eval 0`` has nothing to average: a usage error, not a table of ``nan`` (and ``NaN`` in --json, which is
    not JSON)."""
    done = cli_run.procmem("bench", "--eval", "0", env=PIPED)
    assert done.returncode == 2 and "--eval: must be from 1" in done.stderr and done.stdout == ""
