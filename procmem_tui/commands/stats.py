"""``procmem stats [--level NAME] [--plot OUT.png]``: learning curves of the recorded episodes."""

from __future__ import annotations

from rich.table import Table

from procmem_tui.cli import UserError
from procmem_tui.commands.common import add_library_args, check_output_path, open_store_or_fail
from procmem_tui.commands.tables import print_table, table_console
from procmem_tui.curves import Curve, curves
from procmem_tui.safe_text import literal, printable
from procmem_tui.userfiles import atomic_file, image_format

MAX_EPISODES = 100_000
BARS = "▁▂▃▄▅▆▇█"


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "stats", help="learning curves of the recorded episodes",
        description="Steps against optimal, success rate, library size and the share of steps inside skills, "
        "per level or generated family, across the episodes recorded in the library.",
    )
    p.add_argument("--level", metavar="NAME", help="only this level or family group (e.g. classic, doorkey-8)")
    p.add_argument("--plot", metavar="OUT.png", help="also draw the curves to a PNG (needs the 'plot' extra)")
    add_library_args(p)


def run(args) -> int:
    if args.plot:  # refused before the table is printed: an error after it read as if stats itself had failed
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            raise UserError("--plot needs matplotlib: pip install 'procmem-tui[plot]'") from None
        check_output_path("--plot", args.plot)
    with open_store_or_fail(args, read_only=True) as store:
        rows = store.list_episodes(limit=MAX_EPISODES)
        usage, recorded = store.space(), store.episode_count()
    groups = curves(rows)
    if args.level:  # refused before the library's line, like --plot: nothing printed, then the error
        if args.level not in groups:
            known = ", ".join(sorted(groups)) or "none yet"
            raise UserError(f"no recorded episodes for {args.level!r} (recorded: {known})")
        groups = {args.level: groups[args.level]}
    if usage:
        print(printable(space_line(store.path, usage, recorded)))
    if not groups:
        print("no episodes recorded yet: play ('procmem') or train ('procmem train') first")
        return 0
    print_table(table_console(), _table(groups))
    if args.plot:
        _plot(groups, args.plot)
        print(f"wrote {printable(args.plot)}")
    return 0


def space_line(path: str, usage: dict[str, int], episodes: int) -> str:
    """``library: PATH, 1.4 MB: episodes 1.2 MB (1,000), skills 40 KB, knowledge 12 KB, free 0 bytes``."""
    from procmem_tui.commands.prune import _size

    parts = [f"episodes {_size(usage['episodes'])} ({episodes:,})"] if "episodes" in usage else []
    parts += [f"{key} {_size(usage[key])}" for key in ("skills", "knowledge", "free", "other") if key in usage]
    return f"library: {path}, {_size(usage['file'])}" + (f": {', '.join(parts)}" if parts else "")


def _spark(values) -> str:
    values = [v for v in values if v is not None][-40:]
    if not values:
        return ""
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    return "".join(BARS[min(len(BARS) - 1, int((v - lo) / span * (len(BARS) - 1)))] for v in values)


def _fmt(value, pattern="{:.2f}") -> str:
    return "—" if value is None else pattern.format(value)


def _table(groups: dict[str, Curve]) -> Table:
    table = Table(title="Learning curves (recorded episodes, oldest → newest)")
    for column in ("level", "episodes", "success", "ratio first 5", "ratio last 5", "steps/optimal", "skills",
                   "skill share last 5"):
        table.add_column(column, justify="left" if column in ("level", "steps/optimal") else "right")
    for name, c in sorted(groups.items()):
        recent_share = c.skill_share[-5:]
        table.add_row(
            literal(name), str(len(c)), f"{sum(c.success) / len(c):.0%}", _fmt(c.mean_ratio(first=5)),
            _fmt(c.mean_ratio(last=5)), _spark(c.ratio), _fmt(c.library_size[-1], "{}"),
            f"{sum(recent_share) / len(recent_share):.0%}",
        )
    return table


def _plot(groups: dict[str, Curve], out: str) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise UserError("--plot needs matplotlib: pip install 'procmem-tui[plot]'") from None
    fig, axes = plt.subplots(2, 2, figsize=(12, 8))
    panels = (("steps / optimal", "ratio"), ("success rate (last 10)", "success_rate"),
              ("skills in library", "library_size"), ("share of steps inside skills", "skill_share"))
    for ax, (title, field) in zip(axes.flat, panels):
        for name, c in sorted(groups.items()):
            ys = [float("nan") if v is None else v for v in getattr(c, field)]
            ax.plot(range(1, len(ys) + 1), ys, label=name)
        ax.set_title(title)
        ax.set_xlabel("recorded episode")
    axes[0, 0].axhline(1.0, color="grey", linestyle="--", linewidth=1)
    axes[0, 0].legend(fontsize="small")
    fig.tight_layout()
    try:
        with atomic_file(out) as handle:
            fig.savefig(handle, dpi=120, format=image_format(out))
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        plt.close(fig)
