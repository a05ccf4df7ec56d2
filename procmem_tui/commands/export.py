"""``procmem export N|last (--cast OUT.cast | --json OUT.json) [--force]``: write a recorded episode out.

An existing file is never overwritten without ``--force``: the command says so in one line and writes nothing
(``/dev/stdout`` or a FIFO is written into, as before); ``-`` is standard output."""

from __future__ import annotations

import os
import stat
import sys

from procmem_tui.cli import UserError
from procmem_tui.commands.common import STDOUT, add_library_args, open_store_or_fail, write_output
from procmem_tui.safe_text import printable


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "export", help="write a recorded episode as an asciinema cast or JSON",
        description="Write a recorded episode as an asciinema v2 cast (plays with 'asciinema play') or as JSON "
        "(opens with 'procmem replay --json FILE').",
    )
    p.add_argument("episode", metavar="N|last", help="an episode number (see 'procmem episodes list') or 'last'")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--cast", metavar="OUT.cast", help="write an asciinema v2 recording ('-': to stdout)")
    out.add_argument("--json", metavar="OUT.json", help="write the episode as JSON ('-': to stdout)")
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    add_library_args(p)


def would_overwrite(path: str) -> bool:
    """True when ``path`` names a file (or a link) that writing would replace; False for a new name, or for
    ``/dev/stdout``, a FIFO, a device, which are written into (a folder fails on writing, as before)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return os.path.islink(path)  # a link to nowhere: writing replaces the link


def run(args) -> int:
    from procmem_tui.memory.store import StoreError
    from procmem_tui.recording import RecordingError, episode_to_cast, episode_to_json, replay

    target = args.json or args.cast
    if target != STDOUT and not args.force and would_overwrite(target):
        raise UserError(f"{printable(target)} already exists; add --force to overwrite it")
    with open_store_or_fail(args, read_only=True) as store:
        try:
            row = store.get_episode_by_number(args.episode)
        except StoreError as exc:
            raise UserError(str(exc)) from None
        if args.json:
            text, target = episode_to_json(row), args.json
        else:
            try:
                rec = replay(row)
            except RecordingError as exc:
                raise UserError(str(exc)) from None
            library = store.load_library()
            names = {skill.id: skill.name for skill in library}
            text, target = episode_to_cast(rec, names), args.cast
    write_output(target, text)
    said = f"wrote episode {row.episode} ({printable(row.level_name)}, {row.steps} steps)"
    if target == STDOUT:  # the episode is on stdout: the note goes beside it, not into it
        print(said + " to stdout", file=sys.stderr)
    else:
        print(f"{said} to {printable(target)}")
    return 0
