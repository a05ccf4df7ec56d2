"""A bad number given to a flag reads the same on every verb: one line naming the flag, its range and what was
given, the verb's --help, exit 2 (a usage error), nothing started. ``--speed`` and ``serve --port`` once answered
in their own words with exit 1, and a word given to them as "invalid int value"; so did ``edit --seed``, and
``edit ""`` read as the current folder (".:1:1: this is a directory"), and ``skills show ""`` as a prefix of every
skill ("'' matches 13 skills")."""

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
    (["play", "--family", "rooms", "--size", "-3"], "argument --size: must be from 5 to 32, not -3"),
    (["play", "--family", "rooms", "--size", "3"], "argument --size: must be from 5 to 32, not 3"),
    (["train", "--family", "rooms", "--rooms", "0"], "argument --rooms: must be from 2 to 6, not 0"),
    (["train", "--family", "rooms", "--rooms", "9"], "argument --rooms: must be from 2 to 6, not 9"),
    (["bench", "--families", "doorkey", "--sizes", "40"], "argument --sizes: must be from 5 to 32, not 40"),
    (["edit", "new.txt", "--seed", "abc"], "argument --seed: must be a whole number from 0 to 4294967295, not 'abc'"),
    (["edit", "new.txt", "--seed", "4294967296"], "argument --seed: must be from 0 to 4294967295, not 4294967296"),
    (["edit", ""], "argument FILE: must not be empty (see 'procmem edit --help')"),
    (["skills", "show", ""], "argument ID: must not be empty (see 'procmem skills show --help')"),
])
def test_a_bad_flag_value_is_one_usage_line_and_exit_2(argv, said, tmp_path):
    done = procmem(*argv, "--fresh", env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert said in done.stderr and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


@pytest.mark.parametrize("argv, said", [
    (["play", "--family", "rooms", "--rooms", "6", "--size", "16"], "procmem play: 6 rooms need a size of at least 17"),
])
def test_a_family_size_the_generator_refuses_is_one_line(argv, said, tmp_path):
    """A size the generator refuses for the rooms asked: one line, exit 1. (Sizes and rooms outside the
    generator's ranges are usage errors, above; a size of -3 once read 'must be from 1 to 1000'.)"""
    done = procmem(*argv, env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}, cwd=tmp_path)
    assert done.returncode == 1 and said in done.stderr and done.stderr.count("\n") == 1


def test_the_flags_ranges_are_the_generators():
    """The CLI's ranges are written out (the generator's module loads numpy): they must stay the generator's."""
    from procmem_tui.commands.common import FAMILY_ROOMS, FAMILY_SIZES
    from procmem_tui.world.generate import SIZE_RANGE, generate

    assert FAMILY_SIZES == SIZE_RANGE
    for rooms in range(FAMILY_ROOMS[0] - 1, FAMILY_ROOMS[1] + 2):
        inside = FAMILY_ROOMS[0] <= rooms <= FAMILY_ROOMS[1]
        try:
            generate("rooms", 32, 0, rooms=rooms)
            assert inside
        except ValueError:
            assert not inside
