"""Argument helpers shared by several verbs (level choice, library choice)."""

from __future__ import annotations

import argparse

from procmem_tui.cli import UserError
from procmem_tui.world import FAMILIES, Level, LevelError, generate, load_level


def add_level_args(parser: argparse.ArgumentParser, *, default_level: str | None = "classic", many: bool = False) -> None:
    group = parser.add_argument_group("level (one of)")
    if many:  # several levels in one run (commands/level_sets.py)
        group.add_argument("--level", metavar="NAME|FILE", action="append",
                           help=f"a built-in level or a level file; repeat for several (default: {default_level})")
        group.add_argument("--levels", metavar="DIR", help="every level file (*.txt) of a folder, in name order")
    else:
        group.add_argument("--level", metavar="NAME|FILE", help=f"a built-in level or a level file (default: {default_level})")
    group.add_argument("--family", choices=FAMILIES, help="a generated family; episode i plays seed + i")
    group.add_argument("--size", type=int, default=8, help="grid size for --family (5-32, default 8)")
    group.add_argument("--rooms", type=int, default=3, help="rooms for --family rooms (2-6, default 3)")
    parser.add_argument("--seed", type=int, default=0, help="seed for the generator and the agent (default 0)")
    parser.set_defaults(default_level=default_level)


def add_library_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--library", metavar="PATH", help="the skill library file (default: in the user data directory)")
    group.add_argument("--fresh", action="store_true", help="start from an empty in-memory library that is not saved")
    parser.add_argument("--keep-episodes", type=int, default=None, metavar="N",
                        help="keep only the newest N recorded episodes (default 10000; skills are never pruned)")


def check_agent(name: str) -> None:
    from procmem_tui.agents import AGENT_NAMES

    if name not in AGENT_NAMES:
        raise UserError(f"unknown agent {name!r}; agents are: {', '.join(AGENT_NAMES)}")


def check_seed(seed: int) -> None:
    """Seeds feed ``numpy.random.default_rng``, which refuses negative ones."""
    if seed < 0:
        raise UserError(f"--seed must be 0 or more, not {seed}")


def load_level_or_fail(name_or_path: str) -> Level:
    try:
        return load_level(name_or_path)
    except LevelError as exc:
        raise UserError(str(exc)) from None


def family_options(args) -> dict:
    return {"rooms": args.rooms} if args.family == "rooms" else {}


def generate_or_fail(family: str, size: int, seed: int, **options) -> Level:
    try:
        return generate(family, size, seed, **options)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def open_store_or_fail(args):
    """The store the user chose: ``--fresh`` (in memory), ``--library PATH``, or the default file."""
    from procmem_tui.memory.store import DEFAULT_RETENTION, SkillStore, StoreError, default_library_path

    keep = getattr(args, "keep_episodes", None)
    if keep is not None and keep < 1:
        raise UserError(f"--keep-episodes must be at least 1, not {keep}")
    retention = keep or DEFAULT_RETENTION
    try:
        if getattr(args, "fresh", False):
            return SkillStore.open(None, retention=retention)
        path = args.library if getattr(args, "library", None) else default_library_path()
        return SkillStore.open(path, retention=retention)
    except StoreError as exc:
        raise UserError(str(exc)) from None


def level_source_from_args(args):
    """A ``LevelSource`` from ``--level`` or ``--family/--size/--rooms/--seed`` (default: the parser's level)."""
    from procmem_tui.session import LevelSource

    from procmem_tui.commands.level_sets import chosen_levels, load_levels

    check_seed(args.seed)
    if args.family and (args.level or getattr(args, "levels", None) is not None):
        raise UserError("choose either --level/--levels or --family, not both")
    names = chosen_levels(args)
    if names is not None and len(names) > 1:
        return LevelSource.cycle(load_levels(names))
    if names is not None:
        return LevelSource.fixed(load_level_or_fail(names[0]))
    if args.family:
        try:
            return LevelSource.generated(args.family, args.size, args.seed, **family_options(args))
        except ValueError as exc:
            raise UserError(str(exc)) from None
    return LevelSource.fixed(load_level_or_fail(args.level or args.default_level))
