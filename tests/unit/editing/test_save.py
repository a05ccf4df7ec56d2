"""The editor's saving policy (``editing.save``), without the screen: a valid level goes to its file and an old
draft beside it is removed; a level not valid yet goes only to ``<file>.draft`` (the file keeps its last valid
version); built-in levels and names are refused; an existing file asks first; a name makes a safe file name."""

from __future__ import annotations

import pytest

from procmem_tui.editing.save import needs_confirmation, save, suggested_name, target_of
from procmem_tui.editing.user_levels import builtin_levels_dir, draft_path, user_levels_dir
from procmem_tui.world import LevelError

VALID = "; name: mine\n@.G\n"
BROKEN = "; name: mine\n@.#\n"


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def test_a_valid_level_replaces_its_file_and_removes_its_old_draft(tmp_path):
    """A valid level is written to its file, the old draft beside it is removed, and the message names the file."""
    path = tmp_path / "mine.txt"
    draft_path(path).write_text(BROKEN, encoding="utf-8")
    saved = save(VALID, path, valid=True)
    assert saved.written == path and path.read_text(encoding="utf-8") == VALID
    assert not draft_path(path).exists()
    assert saved.message == f"saved {path}"


def test_a_level_not_valid_yet_goes_to_a_draft_and_the_file_keeps_its_last_valid_version(tmp_path):
    """A level not valid yet is written only to its .draft; the file keeps its last valid text and the message names
    the draft."""
    path = tmp_path / "mine.txt"
    path.write_text(VALID, encoding="utf-8")
    saved = save(BROKEN, path, valid=False)
    assert saved.written == draft_path(path) and draft_path(path).read_text(encoding="utf-8") == BROKEN
    assert path.read_text(encoding="utf-8") == VALID
    assert "draft" in saved.message and str(draft_path(path)) in saved.message


def test_built_in_levels_and_their_names_are_refused_and_nothing_is_written():
    """Saving to a built-in level's file or under a built-in's name is refused and writes nothing anywhere."""
    builtin = next(builtin_levels_dir().glob("*_classic.txt"))
    before = builtin.read_text(encoding="utf-8")
    with pytest.raises(LevelError, match="built-in"):
        save(VALID, builtin, valid=True)
    assert builtin.read_text(encoding="utf-8") == before
    with pytest.raises(LevelError, match="name of a built-in"):
        save(VALID, target_of("classic"), valid=True)
    assert not (user_levels_dir() / "classic.txt").exists()


def test_a_bare_name_goes_to_the_user_folder_and_an_existing_file_asks_first(tmp_path):
    """A bare name targets the user levels folder, a path is taken as written; once the file exists, saving over it
    asks first."""
    path = target_of("mine")
    assert path == user_levels_dir() / "mine.txt" and not needs_confirmation(path)
    save(VALID, path, valid=True)
    assert needs_confirmation(path)
    assert target_of(str(tmp_path / "x.txt")) == tmp_path / "x.txt"


def test_a_missing_folder_other_than_the_user_levels_is_an_error_and_writes_nothing(tmp_path):
    """Saving into a folder that does not exist (other than the user levels folder) raises instead of creating it.
    Saving into a folder that does not exist (other than the user levels folder) raises instead of creating it."""
    with pytest.raises(OSError):
        save(VALID, tmp_path / "no such folder" / "mine.txt", valid=True)


@pytest.mark.parametrize("name, expected", [("my level!", "my_level"), ("  ", "my_level"), ("a-b_c", "a-b_c"),
                                            ("../x", "x")])
def test_a_level_name_makes_a_safe_file_name(name, expected):
    """A level's name becomes a safe file name: odd characters become _, blanks the default, no path parts."""
    assert suggested_name(name) == expected
