"""The level verbs of the ``procmem`` command: ``check`` and ``levels``, run as a user would run them."""

from __future__ import annotations

import os
import subprocess

import pytest

import cli_run
from procmem_tui.world import builtin_level_names


def procmem(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """The command through ``cli.main`` in this process (``cli_run``), as the shell runs it."""
    return cli_run.procmem(*args, env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}, cwd=cwd)


BAD_FILES = {
    "unknown_char.txt": b"@.\n.Z\n",
    "ragged.txt": b"@..G\n..\n",
    "unsolvable.txt": b"@#G\n",
    "binary.txt": b"@.\x00G\n",
    "latin1.txt": b"@.G \xe9\n",
    "empty.txt": b"",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_check_on_a_bad_file_exits_1_with_one_line_and_no_traceback(tmp_path, name):
    """`procmem check BAD` prints exactly one line on stderr (file:line:column: why), nothing on stdout, exit 1."""
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    result = procmem("check", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{path}:" in lines[0]


@pytest.mark.parametrize("target", ["missing", "directory"])
def test_check_on_a_missing_file_or_directory_exits_1_with_one_line(tmp_path, target):
    """A path that does not exist, or is a directory, ends in one stderr line and exit 1."""
    path = tmp_path / "nothing.txt" if target == "missing" else tmp_path
    result = procmem("check", str(path))
    assert (result.returncode, result.stdout, len(result.stderr.splitlines())) == (1, "", 1)
    assert "Traceback" not in result.stderr


def test_check_quiet_prints_the_optimal_length():
    """`procmem check classic --quiet` prints 10 and nothing else."""
    result = procmem("check", "classic", "--quiet")
    assert (result.returncode, result.stdout, result.stderr) == (0, "10\n", "")


def test_check_prints_the_plan_for_a_level_file(tmp_path):
    """`procmem check FILE` on a good file exits 0 and prints the optimal count and the plan."""
    path = tmp_path / "tiny.txt"
    path.write_text("; name: tiny\n@aAG\n")
    result = procmem("check", str(path))
    assert result.returncode == 0, result.stderr
    assert "optimal: 5 actions" in result.stdout
    assert "plan: move_right pickup_key open_door move_right move_right" in result.stdout


def test_levels_lists_every_shipped_level():
    """`procmem levels` names every built-in level with its optimal length."""
    result = procmem("levels")
    assert result.returncode == 0, result.stderr
    for name in builtin_level_names():
        assert name in result.stdout
    assert "113" in result.stdout and "120" in result.stdout


def test_levels_says_how_to_play_generated_levels(tmp_path):
    """After the tables, one line says that --family plays generated layouts (with the rule flags) and that a
    generated level's name is a level name; the name it gives as an example loads."""
    from procmem_tui.world import load_level

    result = procmem("levels")
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("Generated levels: --family doorkey|rooms") and "--opens" in last
    assert "--level rooms3-12-s7-consumed" in last and load_level("rooms3-12-s7-consumed").rules.consumes


@pytest.mark.parametrize(("name", "rules", "optimal"), [
    ("second_key", "rules: matching doors, keys consumed (a variant)", 26),
    ("any_key", "rules: any key opens any door, keys kept (a variant)", 14),
    ("classic", "rules: matching doors, keys kept", 10),
])
def test_check_prints_the_rules_and_the_plan_under_them(name, rules, optimal):
    """`procmem check` names the level's rules on their own line and prints the optimal plan under them."""
    result = procmem("check", name)
    assert result.returncode == 0, result.stderr
    assert rules + "\n" in result.stdout
    assert f"optimal: {optimal} actions" in result.stdout


def test_check_names_the_sight_radius_only_under_fog(tmp_path):
    """`procmem check` says a level's sight radius (its `; view:` header) and that the plan sees the whole level;
    a level without the header gets no sight line."""
    path = tmp_path / "fog.txt"
    path.write_text("; view: 3\n@aAG\n")
    result = procmem("check", str(path))
    assert result.returncode == 0, result.stderr
    assert "sight: radius 3 (fog; the plan below sees the whole level)\n" in result.stdout
    assert "optimal: 5 actions" in result.stdout
    assert "sight" not in procmem("check", "classic").stdout


def test_check_under_either_keys_header_gives_that_variants_plan(tmp_path):
    """The same grid checked with `; keys: kept` and `; keys: consumed` gives the two variants' optimal lengths."""
    grid = "a.#.#..\n@.A.A.G\n.a#.#..\n"
    lengths = {}
    for keys in ("kept", "consumed"):
        path = tmp_path / f"{keys}.txt"
        path.write_text(f"; keys: {keys}\n{grid}")
        result = procmem("check", str(path), "--quiet")
        assert result.returncode == 0, result.stderr
        lengths[keys] = int(result.stdout)
    assert lengths["consumed"] > lengths["kept"]


BAD_VARIANTS = {
    "doors.txt": ("; doors: some\n@G\n", ":1:10: doors must be matching or any, not 'some'"),
    "case.txt": ("; Max_Steps: -5\n@G\n", ":1:14: max_steps must be a positive whole number"),
    "crowded.txt": (
        "\n".join(["@a" + "." * 18]
                  + ["".join("A" if (r * 7 + c * 3) % 11 == 0 else "." for c in range(20)) for r in range(1, 19)]
                  + ["." * 17 + "#BG"]) + "\n",
        ":1:1: too many key/door combinations to solve",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_VARIANTS))
def test_check_refuses_bad_rule_headers_and_unsolvably_large_levels_in_one_line(tmp_path, name, monkeypatch):
    """A bad rule value, a mis-cased bad header and a level beyond the solver's budget: one line, exit 1. The
    budget is lowered to 20,000 states, as the editor's test of the same error does: the real one (a million)
    gives the same line after 1.5 s of search (tests/unit/world/test_solver.py pins that it is large enough)."""
    from procmem_tui.world import solve

    monkeypatch.setattr(solve, "__kwdefaults__", {"budget": 20_000})
    text, expected = BAD_VARIANTS[name]
    path = tmp_path / name
    path.write_text(text)
    result = procmem("check", str(path))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.count("\n") == 1 and f"{path}{expected}" in result.stderr


@pytest.mark.parametrize("target", ["fifo", "empty name"])
def test_check_refuses_a_fifo_and_an_empty_name_without_hanging(tmp_path, target):
    """A FIFO (no writer) and an empty level name end in one line and exit 1, at once."""
    if target == "fifo":
        arg = str(tmp_path / "pipe.txt")
        os.mkfifo(arg)
    else:
        arg = ""
    result = procmem("check", arg)
    assert (result.returncode, result.stdout, result.stderr.count("\n")) == (1, "", 1)
    assert ("FIFO" if target == "fifo" else "the level name is empty") in result.stderr


def test_levels_shows_each_levels_rules():
    """`procmem levels` has a rules column: default for classic, any for any_key, consumed for second_key."""
    result = procmem("levels")
    rows = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.count("│") > 3}
    assert "default" in rows["classic"] and "any" in rows["any_key"] and "consumed" in rows["second_key"]
