"""A library file given where a JSON file goes (``skills import LIB``, ``replay --json LIB``: the likeliest wrong
file a user has at hand) is named for what it is, in one line with exit 1, and left as it was; it once read "not
UTF-8 text (byte 103)", as if the file were text spoiled at one byte, and ``replay --json`` made the library it
was given before reading the file it then refused."""

from __future__ import annotations

import pytest

from cli_run import procmem


@pytest.mark.parametrize("verb, what", [(["skills", "import"], "a skills export"),
                                       (["replay", "--json"], "an episode file")])
def test_a_library_given_as_a_json_file_is_named_for_what_it_is(verb, what, classic_trained, tmp_path):
    library = tmp_path / "lib.sqlite3"
    library.write_bytes((classic_trained / "lib.sqlite3").read_bytes())
    before = library.read_bytes()
    other = tmp_path / "other.sqlite3"
    done = procmem(*verb, str(library), "--library", str(other),
                   env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}, cwd=tmp_path)
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"{library}: an SQLite database (a library? it goes after --library), not {what}" in done.stderr
    assert library.read_bytes() == before
    assert not other.exists()  # refused before the --library named was opened, or made
