"""The level verbs of the ``procmem`` command: ``check`` and ``levels``, run as a user would run them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from procmem_tui.world import builtin_level_names


def procmem(*args: str, cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "procmem_tui", *args],
        capture_output=True, text=True, timeout=60, env=env, cwd=cwd,
    )


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
