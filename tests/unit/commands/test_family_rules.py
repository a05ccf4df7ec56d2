"""``--doors``, ``--opens`` and ``--keys`` with ``--family`` on play, train and serve: every generated layout plays
under the rule variant given (as the generators' options do), serve passes them to each tab, and given without
``--family`` or together (``--doors`` with ``--opens``) they are one-line errors."""

from __future__ import annotations

import re

import pytest

from procmem_tui.cli import UserError, build_parser, main
from procmem_tui.commands.common import level_source_from_args
from procmem_tui.commands.serve import play_argv


def parse(*argv):
    parser, _ = build_parser()
    return parser.parse_args(list(argv))


def test_the_rule_flags_reach_every_generated_layout():
    """rooms 12 with ``--opens 'aB bC cA' --keys consumed``: each episode's layout carries the pairing and spent keys
    in its rules and its name, and ``--doors any`` gives any-door layouts."""
    source = level_source_from_args(parse("train", "--family", "rooms", "--size", "12", "--opens", "aB bC cA",
                                          "--keys", "consumed"))
    for index in (0, 1):
        level = source.level_for(index)[0]
        assert level.rules.paired and level.rules.consumes and level.name.endswith("-aB.bC.cA+consumed")
    anyone = level_source_from_args(parse("play", "--family", "doorkey", "--doors", "any")).level_for(0)[0]
    assert anyone.rules.any_door and not anyone.rules.consumes


def test_serve_passes_the_rule_flags_to_each_tab():
    """serve passes --family and the rule flags on to the app it starts for each tab."""
    assert play_argv(parse("serve", "--family", "rooms", "--keys", "consumed")) == [
        "--family", "rooms", "--keys", "consumed"]


@pytest.mark.parametrize("argv, message", [
    (["--keys", "consumed"], "--keys needs --family"),
    (["--level", "classic", "--opens", "aB"], "--opens needs --family"),
    (["--family", "doorkey", "--doors", "any", "--opens", "aB"], "give --opens (key-door pairs) or --doors, not both"),
])
def test_rule_flags_without_a_family_or_together_are_refused(argv, message):
    """--keys or --opens without --family, or --doors with --opens, are refused with a message saying so."""
    with pytest.raises(UserError, match=re.escape(message)):
        level_source_from_args(parse("train", *argv))


def test_a_pairing_the_layout_cannot_take_is_one_line(capsys):
    """A pairing whose doors the generated layout does not have is one line saying how many door letters it opens.
    A pairing whose doors the generated layout does not have is one line saying how many door letters it opens."""
    assert main(["train", "--family", "rooms", "--opens", "aB", "--fresh"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.splitlines() == [err] and "the pairing aB opens 1 door letter" in err
