"""``procmem levels``: the built-in levels with their size, rules (``default``, or the headers that change them:
``doors: any``, ``keys: consumed``, ``opens: aB bC cA``) and optimal length, then the levels you saved with
``procmem edit``."""

from __future__ import annotations

from rich.table import Table

from procmem_tui.commands.tables import table_console
from procmem_tui.safe_text import literal
from procmem_tui.world import LevelError, builtin_level_names, load_level, solve


def add_parser(subparsers) -> None:
    subparsers.add_parser("levels", help="list the built-in levels and yours",
                          description="List the built-in levels, then the levels saved with 'procmem edit' "
                          "(play one with --level NAME).")


def _table(title: str) -> Table:
    table = Table(title=title)
    for column in ("name", "size", "rules", "optimal", "max steps", "description"):
        table.add_column(column, justify="right" if column in ("optimal", "max steps") else "left")
    return table


def _row(name: str, level) -> tuple[str, ...]:
    plan = solve(level)
    return (literal(name), f"{level.width}x{level.height}", level.rules.as_headers_text() or "default", str(len(plan)), str(level.max_steps),
            literal(level.description))


def run(args) -> int:
    from procmem_tui.editing.user_levels import user_level_files, user_levels_dir

    console = table_console()
    table = _table("Built-in levels")
    for name in builtin_level_names():
        table.add_row(*_row(name, load_level(name)))
    console.print(table)
    files = user_level_files()
    if not files:
        console.print(f"Your levels: none yet in {user_levels_dir()} (make one with 'procmem edit NAME')",
                      markup=False, highlight=False)
    else:
        table = _table(literal(f"Your levels ({user_levels_dir()})"))
        for path in files:
            try:
                table.add_row(*_row(path.stem, load_level(path)))
            except LevelError as exc:
                table.add_row(literal(path.stem), "", "", "", "", literal(f"not valid: {exc.message}"))
        console.print(table)
    console.print(GENERATED, markup=False, highlight=False, soft_wrap=True)
    return 0


GENERATED = ("Generated levels: --family doorkey|rooms (with --size, --rooms, --doors, --keys, --opens) plays a new "
             "layout each episode; one layout by its name: --level rooms3-12-s7-consumed (family, rooms, size, seed, "
             "rules, as the app and 'procmem episodes' name it).")
