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
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and fragment in err and "--help" in err
