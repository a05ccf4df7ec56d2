"""A bad number given to a flag reads the same on every verb: one line naming the flag, its range and what was
given, the verb's --help, exit 2 (a usage error), nothing started. ``--speed`` and ``serve --port`` once answered
in their own words with exit 1, and a word given to them as "invalid int value"."""

from __future__ import annotations

import pytest

from cli_run import procmem


@pytest.mark.parametrize("argv, said", [
    (["play", "--speed", "0"], "argument --speed: must be from 1 to 60, not 0 (see 'procmem play --help')"),
    (["play", "--speed", "fast"], "argument --speed: must be a whole number from 1 to 60, not 'fast'"),
    (["serve", "--port", "70000"], "argument --port: must be from 1 to 65535, not 70000 (see 'procmem serve --help')"),
    (["serve", "--port", "http"], "argument --port: must be a whole number from 1 to 65535, not 'http'"),
    (["train", "--episodes", "0"], "argument --episodes: must be from 1 to"),
    (["play", "--seed", "-1"], "argument --seed: must be from 0 to"),
])
def test_a_bad_flag_value_is_one_usage_line_and_exit_2(argv, said, tmp_path):
    done = procmem(*argv, "--fresh", env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert said in done.stderr and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


@pytest.mark.parametrize("argv, said", [
    (["play", "--family", "rooms", "--size", "3"], "procmem play: --size must be a whole number from 5 to 32, not 3"),
    (["train", "--family", "rooms", "--rooms", "9"], "procmem train: --rooms must be from 2 to 6, not 9"),
    (["bench", "--families", "doorkey", "--sizes", "40"], "procmem bench: --sizes must be a whole number from 5 to 32"),
])
def test_a_family_size_out_of_range_names_the_flag_given(argv, said, tmp_path):
    """The generator's range, said with the flag the user typed (it once said 'size must be …', as the generator
    names its parameter): one line, exit 1."""
    done = procmem(*argv, env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}, cwd=tmp_path)
    assert done.returncode == 1 and said in done.stderr and done.stderr.count("\n") == 1
