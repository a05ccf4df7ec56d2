"""Usage mistakes (a bad flag value, clashing flags, an unknown verb) end in one line and exit 2."""

from __future__ import annotations

import pytest

from procmem_tui.cli import main


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["train", "--episodes", "x"], "must be a whole number"),
        (["--fresh", "--library", "x.sqlite3"], "not allowed with argument --fresh"),
        (["frobnicate"], "invalid choice"),
        (["export"], "required"),
    ],
)
def test_usage_errors_are_one_line(argv, fragment, capsys):
    """A bad flag value, clashing flags, an unknown verb or a missing argument is one line with --help, exit 2."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and fragment in err and "--help" in err



@pytest.mark.parametrize("argv, stray", [(["levels", "extra"], "extra"), (["episodes", "list", "--level", "x"], "--level x"),
                                         (["check", "classic", "more"], "more")])
def test_an_unknown_argument_is_named_with_its_verb(argv, stray, capsys):
    """A stray argument after a verb is a one-line usage error naming that verb and its --help (argparse named the
    bare top command, 'procmem: unrecognized arguments', and pointed at 'procmem --help')."""
    assert main(argv) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"procmem {argv[0]}: unrecognized arguments: {stray} (see 'procmem {argv[0]} --help')"]
