"""``procmem [play]``: the Textual app."""

from __future__ import annotations

from procmem_tui.commands.common import add_level_args, add_library_args


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("play", help="play in the terminal app (the default)", description="Open the app.")
    add_level_args(p)
    add_library_args(p)
    p.add_argument("--agent", default="procmem", help="the agent that takes over on space (default procmem)")
    p.add_argument("--speed", type=int, default=8, help="autoplay speed, steps per second (1-60, default 8)")
    p.add_argument("--autoplay", action="store_true", help="hand control to the agent at start")


def run(args) -> int:
    print("the app is not built yet: try 'procmem check classic' or 'procmem levels'")
    return 0
