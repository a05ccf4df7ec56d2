"""``procmem prune --keep N``: delete all but the newest N recorded episodes and give the space back.

Recording already keeps only the newest 10,000 (``--keep-episodes``); SQLite reuses what that frees, so the file
stops growing but does not shrink. ``prune`` deletes down to ``--keep`` and then compacts the file (``VACUUM``).
Skills and what the agents know are never touched.
"""

from __future__ import annotations

from procmem_tui.cli import UserError
from procmem_tui.commands.common import MAX_COUNT, nonempty, whole
from procmem_tui.safe_text import printable


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "prune", help="delete old recorded episodes and shrink the library file",
        description="Delete all but the newest N recorded episodes, then compact the file (VACUUM). "
        "Skills and knowledge are never touched.")
    p.add_argument("--keep", type=whole(0, MAX_COUNT), required=True, metavar="N",
                   help="how many of the newest episodes to keep (0 deletes every recording)")
    p.add_argument("--library", metavar="PATH", type=nonempty,
                   help="the library file (default: in the user data directory)")


def run(args) -> int:
    from pathlib import Path

    from procmem_tui.memory.store import SkillStore, StoreError, default_library_location
    from procmem_tui.memory.store_file import require_existing

    path = args.library or default_library_location()
    try:
        require_existing(Path(path))  # nothing to prune: a mistyped --library must not make a library
        with SkillStore.open(path, retention=None) as store:
            before = store.space().get("file", 0)
            removed = store.prune_episodes(args.keep)
            store.vacuum()
            after = store.space().get("file", 0)
            kept = store.episode_count()
    except StoreError as exc:
        raise UserError(str(exc)) from None
    print(printable(f"{path}: removed {removed:,} episodes, kept {kept:,}; {_size(before)} -> {_size(after)} "
                    "(skills and knowledge untouched)"))
    return 0


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return f"{n}"
