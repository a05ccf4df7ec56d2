"""A verb that only reads, given a path with no library (a mistyped ``--library``, or no default library yet),
refuses in one line naming the path and where the default library lives, exits 1, and creates nothing: no file,
no folder, not the default library's folder. It must not answer "nothing learned" about a library that is not
there. ``prune`` writes, but with nothing to prune it refuses a missing library the same way."""

from __future__ import annotations

import pytest

from cli_run import procmem

READ_VERBS = [
    ["knowledge"], ["skills", "list"], ["skills", "show", "abc"], ["skills", "export", "{out}"], ["episodes", "list"],
    ["export", "last", "--json", "{out}"], ["stats"], ["doctor"], ["doctor", "--repair"], ["replay", "last"],
    ["prune", "--keep", "3"],
]


def run(verb: list[str], tmp_path, *library: str):
    env = {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    args = [a.replace("{out}", str(tmp_path / "out.json")) for a in verb]
    return procmem(*args, *library, env=env, cwd=tmp_path)


@pytest.mark.parametrize("verb", READ_VERBS, ids=" ".join)
def test_a_mistyped_library_is_refused_and_not_created(verb, tmp_path):
    """--library naming a file in a missing folder, or a missing file in an existing folder: one line naming the
    path and the default library, exit 1, and the folder holds exactly what it held before."""
    for missing in (tmp_path / "typo" / "lib.sqlite3", tmp_path / "lib.sqlite3"):
        done = run(verb, tmp_path, "--library", str(missing))
        assert done.returncode == 1, done.stdout + done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert f"{missing}: no library here" in done.stderr
        assert str(tmp_path / "data" / "procmem_tui" / "library.sqlite3") in done.stderr
        assert done.stdout == "" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("verb", READ_VERBS, ids=" ".join)
def test_no_default_library_yet_is_refused_and_its_folder_not_made(verb, tmp_path):
    """No --library and no default library yet: one line saying how to make one, exit 1, and the user data
    folder is not created."""
    done = run(verb, tmp_path)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "no library yet; play ('procmem') or train ('procmem train')" in done.stderr
    assert list(tmp_path.iterdir()) == []
