"""``procmem serve``: the play flags reach each tab's app unchanged; bad flags end in one line before serving."""

from __future__ import annotations

import shlex
import sys

import cli_run
from procmem_tui.cli import build_parser
from procmem_tui.commands.serve import command, play_argv


def parse(*argv):
    parser, _ = build_parser()
    return parser.parse_args(["serve", *argv])


def test_the_play_flags_are_passed_on_and_serve_flags_are_not(tmp_path):
    """serve passes the play flags on to each tab's app unchanged, and not its own host and port."""
    args = parse("--host", "0.0.0.0", "--port", "9000", "--level", "maze", "--agent", "seed", "--speed", "15",
                 "--autoplay", "--library", str(tmp_path / "lib.db"))
    argv = play_argv(args)
    assert "--host" not in argv and "--port" not in argv
    parser, _ = build_parser()
    again = parser.parse_args(["play", *argv])
    assert (again.level, again.agent, again.speed, again.autoplay) == ("maze", "seed", 15, True)
    assert again.library == str(tmp_path / "lib.db")
    words = shlex.split(command(args))
    assert words[:4] == [sys.executable, "-m", "procmem_tui", "play"]


def test_defaults_pass_nothing():
    """serve with no play flags passes none; --fresh passes --fresh."""
    assert play_argv(parse()) == []
    assert play_argv(parse("--fresh")) == ["--fresh"]


def test_bad_flags_end_in_one_line_before_serving():
    """A level that does not exist, port 0 and a speed out of range: exit non-zero with one line and no traceback,
    before anything is served (run in this process, ``cli_run``: a flag let through would serve, and hang the test
    until its timeout fails it)."""
    for argv in (["--level", "no-such-level"], ["--port", "0"], ["--speed", "99"]):
        out = cli_run.procmem("serve", "--fresh", *argv)
        assert out.returncode != 0 and "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr
