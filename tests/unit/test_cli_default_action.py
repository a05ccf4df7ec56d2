"""``procmem skills`` and ``procmem episodes`` alone, or with only flags, list (as ``skills list`` and ``episodes
list`` do): the README's ``procmem skills …`` invites that first try, and it ended in "the following arguments
are required: ACTION". ``-h`` still shows the verb's help."""

from __future__ import annotations

import pytest

from procmem_tui.cli import main, with_default_action
from procmem_tui.memory.store import SkillStore


@pytest.mark.parametrize("verb, header", [("skills", "0 skills"), ("episodes", "0 most recent episodes")])
def test_the_verb_alone_lists(verb, header, tmp_path, capsys):
    library = str(tmp_path / "lib.sqlite3")
    SkillStore.open(library).close()
    assert main([verb, "--library", library]) == 0
    assert header in capsys.readouterr().out


def test_help_and_named_actions_are_left_alone():
    assert with_default_action(["skills", "-h"]) == ["skills", "-h"]
    assert with_default_action(["skills", "show", "ab"]) == ["skills", "show", "ab"]
    assert with_default_action(["episodes"]) == ["episodes", "list"]
    assert with_default_action(["train", "--fresh"]) == ["train", "--fresh"]
