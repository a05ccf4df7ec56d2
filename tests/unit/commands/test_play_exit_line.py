"""``procmem`` after the app ends: one line saying what the library keeps and where, on a terminal only."""

from __future__ import annotations

import shutil
from unittest import mock

from procmem_tui.cli import build_parser
from procmem_tui.commands import play


def test_quitting_the_app_says_what_the_library_keeps_and_where(tmp_path, classic_trained, capsys):
    """After the app ends (exit 0) on a terminal, ``procmem`` says in one line how many skills and episodes the
    library keeps and its file (the app ended without a word: nothing said that a first session was kept, or
    where); nothing with --fresh, nor when the output is not a terminal (``procmem serve``'s tabs)."""
    library = tmp_path / "lib.sqlite3"
    shutil.copy(classic_trained / "lib.sqlite3", library)
    parser, _ = build_parser()
    for argv, terminal, said in ((["play", "--library", str(library)], True, True),
                                 (["play", "--fresh"], True, False),
                                 (["play", "--library", str(library)], False, False)):
        with mock.patch.object(play, "run_app", return_value=0), mock.patch.object(play, "on_a_terminal",
                                                                                     return_value=terminal):
            assert play.run(parser.parse_args(argv)) == 0
        out = capsys.readouterr().out
        if said:
            assert out.startswith("procmem: ") and " skills and 2 episodes kept in " in out
            assert str(library) in out and len(out.splitlines()) == 1
        else:
            assert out == "", (argv, terminal, out)
