"""`procmem check` and `procmem levels` on key–door pairings, run as a user would run them."""

from __future__ import annotations

from test_levels_cli import procmem


def test_check_states_the_pairing_and_plans_under_it():
    """`procmem check key_cycle` prints the pairing on its rules line and the 32-action plan round the cycle."""
    result = procmem("check", "key_cycle")
    assert result.returncode == 0, result.stderr
    assert "rules: keys open doors aB bC cA only, keys kept (a variant)\n" in result.stdout
    assert "optimal: 32 actions" in result.stdout


def test_check_refuses_a_bad_pairing_in_one_line_naming_line_and_column(tmp_path):
    """A repeated pair, and opens: beside doors:, end in one line with file:line:column and exit 1."""
    cases = {
        "repeat.txt": ("; name: r\n; opens: aB bB aB\n@aBG\n", ":2:16: the pair aB is given twice"),
        "both.txt": ("; opens: aB\n; doors: any\n@aBG\n", ":2:1: opens: and doors: cannot both be given"),
    }
    for name, (text, expected) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        result = procmem("check", str(path))
        assert (result.returncode, result.stdout, result.stderr.count("\n")) == (1, "", 1)
        assert f"{path}{expected}" in result.stderr


def test_levels_shows_the_pairing_of_each_pairing_level():
    """`procmem levels` names each level's rule headers: the pairs for key_cycle and lesser_key."""
    result = procmem("levels")
    rows = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.count("│") > 3}
    assert "opens: aB bC cA" in rows["key_cycle"] and "opens: aC bC bD, keys: consumed" in rows["lesser_key"]
    assert "default" in rows["classic"]
