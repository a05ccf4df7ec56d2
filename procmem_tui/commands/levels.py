"""``procmem levels``: the built-in levels with their size, rules (``default``, ``any``, ``consumed``) and optimal
length."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from procmem_tui.safe_text import literal
from procmem_tui.world import builtin_level_names, load_level, solve


def add_parser(subparsers) -> None:
    subparsers.add_parser("levels", help="list the built-in levels", description="List the built-in levels.")


def run(args) -> int:
    table = Table(title="Built-in levels")
    for column in ("name", "size", "rules", "optimal", "max steps", "description"):
        table.add_column(column, justify="right" if column in ("optimal", "max steps") else "left")
    for name in builtin_level_names():
        level = load_level(name)
        plan = solve(level)
        table.add_row(literal(name), f"{level.width}x{level.height}", level.rules.short(), str(len(plan)),
                      str(level.max_steps), literal(level.description))
    Console().print(table)
    return 0
