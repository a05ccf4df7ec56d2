"""``procmem [play]``: the Textual app.

Everything a user can get wrong (level, flags, library file, agent name) is checked here, before the app
starts, and ends in one line and exit 1. The store saves at every episode's end; quitting closes it.
"""

from __future__ import annotations

from procmem_tui.cli import UserError
from procmem_tui.commands.common import (
    add_level_args, add_library_args, level_source_from_args, open_store_or_fail, run_app,
)


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "play", help="play in the terminal app (the default)",
        description="Open the app: play a level by keyboard, or press space to let the agent play and watch it "
        "learn skills (from its wins and yours). Press ? in the app for the keys.",
    )
    add_play_args(p)


def add_play_args(p) -> None:
    """The flags that say what to play and with what (``procmem serve`` takes them too)."""
    add_level_args(p)
    add_library_args(p)
    p.add_argument("--agent", default="procmem", help="the agent that takes over on space (default procmem)")
    p.add_argument("--speed", type=int, default=8, help="autoplay speed, steps per second (1-60, default 8)")
    p.add_argument("--autoplay", action="store_true", help="hand control to the agent at start")


def build(args):
    """Check the arguments and build (session, store, agent factory) without starting anything."""
    from procmem_tui.agents import make_agent
    from procmem_tui.memory.store import StoreError
    from procmem_tui.session import Session

    if not 1 <= args.speed <= 60:
        raise UserError(f"--speed must be from 1 to 60 steps per second, not {args.speed}")
    source = level_source_from_args(args)
    store = open_store_or_fail(args)
    try:
        library = store.load_library(seed=args.seed)
    except StoreError as exc:
        store.close()
        raise UserError(str(exc)) from None
    try:
        agent = make_agent(args.agent, seed=args.seed, library=library)
    except (ValueError, KeyError) as exc:
        store.close()
        raise UserError(str(exc).strip("'\"")) from None
    return Session(source, agent, store), store, make_agent


def run(args) -> int:
    session, store, factory = build(args)
    from procmem_tui.tui.app import ProcmemApp

    app = ProcmemApp(session, store, agent_name=args.agent, speed=args.speed, autoplay=args.autoplay,
                     agent_factory=factory, seed=args.seed, view=args.view)
    return run_app(app)
