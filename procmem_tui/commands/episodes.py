"""``procmem episodes list``: the recorded episodes, newest first."""

from __future__ import annotations

from procmem_tui.cli import UserError
from procmem_tui.commands.common import MAX_COUNT, add_library_args, open_store_or_fail, whole
from procmem_tui.commands.tables import table_console
from procmem_tui.safe_text import literal


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("episodes", help="list recorded episodes", description="List recorded episodes.")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = sub.add_parser("list", help="the recorded episodes, newest first")
    q.add_argument("--limit", type=whole(1, MAX_COUNT), default=50, help="at most this many (default 50)")
    add_library_args(q)


def run(args) -> int:
    from rich.table import Table

    if args.limit < 1:
        raise UserError(f"--limit must be at least 1, not {args.limit}")
    with open_store_or_fail(args, read_only=True) as store:
        rows = store.list_episodes(limit=args.limit)
        visits = [store.episodes_on_level(r.level_name, r.episode) + 1 for r in rows]
    table = Table(title=f"{len(rows)} most recent episodes",
                  caption="visit: the nth recorded episode on its level")
    for col in ("episode", "level", "visit", "by", "steps", "optimal", "reward", "success"):
        table.add_column(col, justify="left" if col in ("level", "by") else "right")
    for r, visit in zip(rows, visits):
        who = "player" if r.source == "player" else r.agent
        table.add_row(str(r.episode), literal(r.level_name), str(visit), literal(who), str(r.steps),
                      "—" if r.optimal_steps is None else str(r.optimal_steps), f"{r.reward:.1f}",
                      "yes" if r.success else "no")
    table_console().print(table)
    return 0
