"""``procmem check LEVEL``: validate a level and print its optimal plan."""

from __future__ import annotations

from procmem_tui.commands.common import load_level_or_fail
from procmem_tui.safe_text import printable
from procmem_tui.world import GridWorld, LevelError, render_ansi, solve
from procmem_tui.world.text import rules_line


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "check", help="validate a level file and print its optimal plan",
        description="Validate a level (a built-in name or a file); print the optimal action count and plan. "
        "The level's rules (headers doors:, opens: and keys:) and its sight radius (view:) are printed; the plan "
        "follows the rules and sees the whole level, as the optimum every ratio is measured against does. "
        "Exits 1 with one line naming file, line and column when the level is bad.",
    )
    p.add_argument("level", metavar="LEVEL", help="a built-in level name or a level file")
    p.add_argument("--quiet", action="store_true", help="print only the optimal action count")


def run(args) -> int:
    from procmem_tui.cli import UserError

    level = load_level_or_fail(args.level)
    try:
        plan = solve(level)
    except LevelError as exc:
        raise UserError(str(exc)) from None
    if args.quiet:
        print(len(plan))
        return 0
    print(f"{printable(level.name)}: {level.width}x{level.height}, ok")
    print(rules_line(level))
    if level.view is not None:
        print(f"sight: radius {level.view} (fog; the plan below sees the whole level)")
    print(render_ansi(level, GridWorld(level).state) if _tty() else str(GridWorld(level)))
    print(f"optimal: {len(plan)} actions (max_steps {level.max_steps})")
    print("plan: " + " ".join(a.value for a in plan))
    return 0


def _tty() -> bool:
    import sys

    return sys.stdout.isatty()
