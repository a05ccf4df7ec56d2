"""``procmem bench``: agents side by side on the same layouts — trained, then evaluated frozen on held-out ones."""

from __future__ import annotations

import json
import os
import time

from procmem_tui.cli import UserError
from procmem_tui.commands.common import MAX_COUNT, MAX_SEED, add_view_arg, whole
from procmem_tui.safe_text import literal
from procmem_tui.userfiles import write_atomic

DEFAULT_AGENTS = ("procmem", "explorer", "seed", "qlearning", "planner")
FOG_AGENTS = ("procmem", "qlearning", "explorer")  # under --view N: the agents that act on what they see


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "bench", help="compare agents: train, then evaluate on held-out layouts",
        description="Train each agent on layouts seed..seed+TRAIN-1 and evaluate it, learning frozen, on held-out "
        "layouts (100000+seed+i); every agent sees the same layouts. --levels: train on each hand-made level "
        "instead. --demo: one simulated person's episode, then the agent's first episode on unseen layouts.",
    )
    p.add_argument("--agents", nargs="+", default=None, metavar="NAME",
                   help=f"agents (default: all; with --view N: {', '.join(FOG_AGENTS)})")
    p.add_argument("--families", nargs="+", default=["doorkey"], metavar="F", help="families (default doorkey)")
    p.add_argument("--sizes", nargs="+", type=whole(1, 1000), default=[8], metavar="N", help="sizes (default 8)")
    p.add_argument("--rooms", type=whole(1, 1000), default=3, help="rooms for the rooms family (default 3)")
    p.add_argument("--train", type=whole(0, MAX_COUNT), default=20, help="training episodes (default 20)")
    p.add_argument("--eval", type=whole(0, MAX_COUNT), default=200, help="held-out evaluation layouts (default 200)")
    p.add_argument("--seed", type=whole(0, MAX_SEED), default=0, help="first training layout and agent seed (default 0)")
    p.add_argument("--levels", nargs="*", metavar="LEVEL|DIR", default=None,
                   help="level mode: train on these hand-made levels, or every *.txt of a folder DIR in name order "
                        "(no names: all built-in levels)")
    p.add_argument("--demo", action="store_true", help="demo mode: learn from one simulated person's episode")
    add_view_arg(p)
    p.add_argument("--workers", type=whole(1, 256), default=2, help="worker processes (default 2)")
    p.add_argument("--json", metavar="OUT", help="also write the results as JSON")


def _tasks(args) -> list:
    from procmem_tui.bench import Task
    from procmem_tui.commands.common import check_agent, check_seed, generate_or_fail, load_level_or_fail
    from procmem_tui.world import FAMILIES, builtin_level_names

    if args.agents is None:
        fog = args.view is not None and args.view != "all"
        args.agents = list(FOG_AGENTS if fog else DEFAULT_AGENTS)
    for name in args.agents:
        check_agent(name)
    if args.train < 0 or args.eval < 0 or args.workers < 1:
        raise UserError("--train and --eval must be 0 or more, --workers at least 1")
    check_seed(args.seed)
    if args.levels is not None:
        from procmem_tui.commands.level_sets import level_files

        names = []
        for name in args.levels or builtin_level_names():
            names += level_files(name) if os.path.isdir(name) else [name]
        for name in names:
            load_level_or_fail(name)
        return [Task(agent=a, level=n, train=max(args.train, 1), seed=args.seed, mode="levels", view=args.view)
                for n in names for a in args.agents]
    tasks = []
    for family in args.families:
        if family not in FAMILIES:
            raise UserError(f"unknown family {family!r}; families are: {', '.join(FAMILIES)}")
        options = (("rooms", args.rooms),) if family == "rooms" else ()
        for size in args.sizes:
            generate_or_fail(family, size, args.seed, **dict(options))
            for agent in args.agents:
                tasks.append(Task(agent=agent, family=family, size=size, options=options, train=args.train,
                                  eval=args.eval, seed=args.seed, mode="demo" if args.demo else "family",
                                  view=args.view))
    return tasks


def _fmt(value, pattern="{:.3f}") -> str:
    return "—" if value is None else pattern.format(value)


def run(args) -> int:
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from procmem_tui.bench import run_tasks

    tasks = _tasks(args)
    console = Console()
    t0 = time.perf_counter()
    with Progress(console=console, transient=True) as progress:
        bar = progress.add_task("benchmark", total=len(tasks))
        results = run_tasks(tasks, workers=args.workers, progress=lambda: progress.advance(bar))
    if args.levels is not None:
        table = Table(title=f"Hand-made levels: {tasks[0].train} training episodes each; "
                            f"'within from' = first episode from which all stay ≤ 1.05× optimal")
        per_episode = ("steps per episode", "search expansions per episode")
        for col in ("agent", "level", "optimal", "within from", "final ratio", "success", *per_episode, "skills",
                    "wall s"):
            table.add_column(col, justify="left" if col in ("agent", "level", *per_episode) else "right")
        for r in results:
            steps = " ".join(str(s) for s in r["steps"][:8]) + (" …" if len(r["steps"]) > 8 else "")
            searched = r.get("expansions") or []
            expansions = ("—" if not searched or searched[0] is None else
                          " ".join(str(n) for n in searched[:8]) + (" …" if len(searched) > 8 else ""))
            table.add_row(r["agent"], literal(r.get("level_name", r["level"])), str(r["optimal"]), _fmt(r["within_from"], "{}"),
                          f"{r['final_ratio']:.2f}", f"{r['success_rate']:.0%}", steps, expansions, str(r["skills"]),
                          f"{r['wall_seconds']:.1f}")
    else:
        demo = args.demo
        title = ("One simulated person's episode, then the agent's first episode on each unseen layout" if demo else
                 f"Train {args.train} episodes, evaluate frozen on {args.eval} held-out layouts")
        table = Table(title=title)
        cols = ["agent", "family", "success", "mean ratio", "p95 ratio"]
        cols += [] if demo else ["converged at"]
        cols += ["skill steps", "expansions / episode", "skills", "wall s"]
        for col in cols:
            table.add_column(col, justify="left" if col in ("agent", "family") else "right")
        for r in results:
            fam = f"{r['family']} {r['size']}" + (f" ({dict(r['options'])['rooms']} rooms)" if r["options"] else "")
            row = [r["agent"], fam, f"{r['success_rate']:.1%}", f"{r['mean_ratio']:.3f}", f"{r['p95_ratio']:.3f}"]
            if not demo:
                row.append(_fmt(r["converged_at"], "{}"))
            row += [f"{r['skill_share']:.0%}", _fmt(r.get("expansions"), "{:.0f}"), str(r["skills"]),
                    f"{r['wall_seconds']:.1f}"]
            table.add_row(*row)
    console.print(table)
    if args.view is not None:
        sight = "the whole level (--view all)" if args.view == "all" else f"radius {args.view}"
        console.print(f"sight: {sight}; every ratio is steps ÷ the solver's full-information optimum")
    console.print(f"{len(tasks)} runs on {args.workers} worker(s) in {time.perf_counter() - t0:.1f} s")
    if args.json:
        for r in results:
            r.pop("wall_seconds", None)
        try:
            write_atomic(args.json, json.dumps({"results": results}, indent=1, sort_keys=True) + "\n")
        except OSError as exc:
            raise UserError(f"cannot write {args.json}: {exc.strerror or exc}") from None
    return 0
