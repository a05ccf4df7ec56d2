"""User levels: saved under the user data folder, found by name (`--level NAME`, `procmem levels`), never
over a built-in level; `procmem edit` opens files, copies built-ins and refuses bad arguments in one line."""

from __future__ import annotations

import pytest

from procmem_tui.cli import UserError, main
from procmem_tui.commands.edit import open_draft, parse_size
from procmem_tui.editing.user_levels import (
    draft_path, level_path, load_any_level, path_for, refuse_builtin, user_levels_dir, write_atomically,
)
from procmem_tui.world import LevelError


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def save_user_level(name: str, text: str):
    path = path_for(name)
    write_atomically(path, text)
    return path


def test_a_bare_name_saves_in_the_user_levels_folder_and_loads_by_name():
    """A level saved under a bare name lands in the user levels folder as NAME.txt and loads by that name."""
    path = save_user_level("mine", "; name: mine\n@.G\n")
    assert path == user_levels_dir() / "mine.txt"
    assert load_any_level("mine").rows == ("@.G",)


def test_built_in_names_come_first_and_cannot_be_saved_over(tmp_path):
    """Saving over a built-in level, by its name or its file, is refused; the same name elsewhere is free, and the
    bare name still loads the built-in."""
    with pytest.raises(LevelError, match="built-in"):
        refuse_builtin(path_for("classic"))
    from procmem_tui.editing.user_levels import builtin_levels_dir

    with pytest.raises(LevelError, match="built-in"):
        refuse_builtin(builtin_levels_dir() / "01_classic.txt")
    refuse_builtin(tmp_path / "classic.txt")  # elsewhere the name is free
    assert load_any_level("classic").name == "classic"


def test_draft_paths():
    """A level's draft is NAME.txt.draft beside it, and a draft's path leads back to its level."""
    path = user_levels_dir() / "x.txt"
    assert draft_path(path).name == "x.txt.draft" and level_path(draft_path(path)) == path


def test_level_flag_and_levels_list_find_user_levels(capsys):
    """`check NAME` finds a user level by name, and `procmem levels` lists the user's levels, marking a broken one
    not valid."""
    save_user_level("corridor", "; name: corridor\n; description: mine\n@...G\n")
    save_user_level("broken", "; name: broken\n@...\n")
    assert main(["check", "--quiet", "corridor"]) == 0
    assert capsys.readouterr().out.strip() == "4"
    assert main(["levels"]) == 0
    out = capsys.readouterr().out
    assert "Your levels" in out and "corridor" in out and "not valid" in out


def test_edit_opens_a_copy_of_a_built_in_level():
    """Editing a built-in level opens a copy named NAME_copy with no file to save over."""
    draft, target, note = open_draft("classic", (9, 7))
    assert target is None and draft.name == "classic_copy" and draft.rows[0] == "..#.G"


def test_edit_of_a_new_bare_name_starts_empty_in_the_user_folder():
    """Editing a new bare name starts an all-floor draft of the asked size that saves in the user levels folder."""
    draft, target, _ = open_draft("fresh_one", (6, 5))
    assert target == user_levels_dir() / "fresh_one.txt"
    assert draft.rows == ("......",) * 5 and draft.name == "fresh_one"


def test_edit_of_a_draft_file_saves_to_its_level(tmp_path):
    """Opening a .draft file edits its contents and saves to the level file beside it."""
    path = tmp_path / "x.txt.draft"
    path.write_text("; name: x\n@..\n", encoding="utf-8")
    draft, target, _ = open_draft(str(path), (9, 7))
    assert target == tmp_path / "x.txt" and draft.rows == ("@..",)


@pytest.mark.parametrize("argv, message", [
    (["edit", "x.txt", "--size", "4x4"], "--size must be WxH"),
    (["edit", "x.txt", "--size", "nine"], "--size must be WxH"),
    (["edit", "/no/such/folder/x.txt"], "does not exist"),
    (["edit", "."], "directory"),
])
def test_edit_refuses_bad_arguments_in_one_line(argv, message, capsys):
    """A bad --size, a missing folder or a directory: exit 1 with one line saying what is wrong."""
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_edit_refuses_a_binary_file(tmp_path, capsys):
    """A file with a NUL byte is refused as binary, exit 1."""
    path = tmp_path / "bin.txt"
    path.write_bytes(b"@.G\x00")
    assert main(["edit", str(path)]) == 1
    assert "binary" in capsys.readouterr().err


def test_size_parsing():
    """--size reads WxH in either case, up to 64 a side; 65 is refused."""
    assert parse_size("12x8") == (12, 8) and parse_size("64X64") == (64, 64)
    with pytest.raises(UserError):
        parse_size("65x5")
