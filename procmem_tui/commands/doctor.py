"""``procmem doctor [--library PATH] [--repair]``: what is wrong with a library, and a clean copy of it.

Reading never locks anyone out: the other verbs skip damaged rows with one warning. This verb lists every damaged
row (one line each) and exits 1 when there are any, 0 when the library is clean. ``--repair`` writes a new
library beside the original (``NAME.repaired.sqlite3``) holding every good row and none of the bad; the original is
only read, never changed — check the copy, then move it into place yourself.
"""

from __future__ import annotations

from procmem_tui.cli import UserError
from procmem_tui.commands.common import nonempty
from procmem_tui.safe_text import printable

SHOWN = 50  # damaged rows listed one per line; the rest are counted


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "doctor", help="check a library row by row; --repair writes a clean copy beside it",
        description="Check every skill, episode and knowledge row of a library (read-only). Exit 0 when clean, "
        "1 when rows are damaged. --repair writes a copy with the good rows beside the original (never in place).",
    )
    p.add_argument("--library", metavar="PATH", type=nonempty,
                   help="the library file (default: in the user data directory)")
    p.add_argument("--repair", action="store_true",
                   help="write NAME.repaired.sqlite3 beside the library: every good row, none of the bad")


def run(args) -> int:
    from procmem_tui.commands import stored_knowledge
    from procmem_tui.memory import doctor
    from procmem_tui.memory.store_file import StoreError, default_library_location

    path = args.library or default_library_location()
    try:
        if args.repair:
            target, report = doctor.repair(path, stored_knowledge.problem)
        else:
            target, report = None, doctor.examine(path, stored_knowledge.problem)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"cannot write the repaired copy: {exc.strerror or exc}") from None
    counts = ", ".join(f"{n:,} {table}" for table, n in report.counts.items())
    print(printable(f"{path}: {counts}; {len(report.bad):,} damaged"))
    for table, key, problem in report.bad[:SHOWN]:
        print(printable(f"  {table} {key}: {problem}"))
    if len(report.bad) > SHOWN:
        print(f"  … and {len(report.bad) - SHOWN:,} more")
    if target is not None:
        kept = ", ".join(f"{len(keys):,} {table}" for table, keys in report.good_keys.items())
        print(printable(f"wrote {target}: {kept} (the original is unchanged)"))
    return 0 if report.clean else 1
