"""Building the app exactly as ``procmem play`` does (fixed seed, ``--fresh`` library) and driving it by keys."""

from __future__ import annotations

from procmem_tui.cli import build_parser
from procmem_tui.commands import play
from procmem_tui.tui.app import ProcmemApp
from procmem_tui.world import solve

SIZE = (120, 40)
KEY_OF = {"move_up": "up", "move_down": "down", "move_left": "left", "move_right": "right",
          "pickup_key": "p", "open_door": "o"}


def build_app(*argv: str, **options) -> ProcmemApp:
    parser, _ = build_parser()
    args = parser.parse_args(["play", "--fresh", "--seed", "0", *argv])
    session, store, factory = play.build(args)
    return ProcmemApp(session, store, agent_name=args.agent, speed=args.speed, autoplay=args.autoplay,
                      agent_factory=factory, seed=args.seed, view=args.view, **options)


def plan_keys(app: ProcmemApp) -> list[str]:
    """The optimal plan from the current state, as the keys that play it."""
    return [KEY_OF[a.value] for a in solve(app.session.level, app.session.state)]


async def win_by_keys(app: ProcmemApp, pilot) -> None:
    for key in plan_keys(app):
        await pilot.press(key)
    await pilot.pause()
    assert app.session.done and app.session.finished.success
