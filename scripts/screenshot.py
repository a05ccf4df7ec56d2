"""Take the pictures of the app: ``python scripts/screenshot.py`` writes ``assets/app.svg``, ``app-80x24.svg``
and ``fog-80x24.svg``.

The picture is the real app, driven headless by Textual's Pilot exactly as a user would drive it: ``procmem
--fresh --seed 0 --level two_doors``, the agent stepped with ``n`` through three episodes and into the fourth,
so the skills it learned, the event log and the Why line are all on screen. ``app.svg`` (100x30) is the
README's picture, ``app-80x24.svg`` the smallest terminal the app plays in (docs/playing.md). ``fog-80x24.svg``
(docs/fog.md) is ``procmem --fresh --level maze --view 3`` after the first ``FOG_MOVES`` keys of the optimal
plan, played as a person plays them: cells in sight, remembered and never seen, in one-character cells. Run it
again after a visible change; ``tests/docs/test_screenshot.py`` checks that it still works.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
SHOTS = {"app.svg": (100, 30), "app-80x24.svg": (80, 24)}
FOG_SHOTS = {"fog-80x24.svg": (80, 24)}
FOG_LEVEL, FOG_VIEW, FOG_MOVES = "maze", "3", 64  # past key b, door B and key a: each seen, then left behind
LEVEL = "two_doors"
EPISODES = 3        # finished before the picture is taken
STEPS_INTO_NEXT = 9  # agent steps into the episode after them: mid-skill, plan drawn on the grid
SETTLE_SECONDS = 6.0  # longer than the app's end-of-episode toast stays
MAX_PRESSES = 2000   # a bound, so a change that stops the agent from finishing cannot hang the script


def build_app(level: str = LEVEL, *more: str):
    """The app exactly as ``procmem play --fresh --seed 0 --level LEVEL [more]`` builds it."""
    from procmem_tui.cli import build_parser
    from procmem_tui.commands import play
    from procmem_tui.tui.app import ProcmemApp

    parser, _ = build_parser()
    args = parser.parse_args(["play", "--fresh", "--seed", "0", "--level", level, *more])
    session, store, factory = play.build(args)
    return ProcmemApp(session, store, agent_name=args.agent, speed=args.speed, autoplay=False,
                      agent_factory=factory, seed=args.seed, view=args.view)


async def take(out: Path, size: tuple[int, int], *, episodes: int = EPISODES,
               steps: int = STEPS_INTO_NEXT, settle: float = SETTLE_SECONDS) -> Path:
    """Step the agent with ``n`` through ``episodes`` episodes and ``steps`` more, then save the screen as SVG."""
    app = build_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(MAX_PRESSES):
            session = app.session
            if session.episode > episodes and not session.done and session.state.steps >= steps:
                break
            await pilot.press("n")
        else:
            raise RuntimeError(f"the agent did not reach episode {episodes + 1} in {MAX_PRESSES} steps")
        await pilot.pause(settle)  # the "episode over" toast (4-5 s) would hide the panels
        out.parent.mkdir(parents=True, exist_ok=True)
        app.save_screenshot(filename=out.name, path=str(out.parent))
    return out


async def take_fog(out: Path, size: tuple[int, int], moves: int = FOG_MOVES) -> Path:
    """Play the first ``moves`` actions of the level's optimal plan by keys under fog, then save the screen."""
    from procmem_tui.world import solve

    keys = {"move_up": "up", "move_down": "down", "move_left": "left", "move_right": "right",
            "pickup_key": "p", "open_door": "o"}
    app = build_app(FOG_LEVEL, "--view", FOG_VIEW)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for action in solve(app.session.level)[:moves]:
            await pilot.press(keys[action.value])
        await pilot.pause()
        out.parent.mkdir(parents=True, exist_ok=True)
        app.save_screenshot(filename=out.name, path=str(out.parent))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ASSETS, help="the folder to write to (default assets/)")
    args = parser.parse_args()
    for name, size in SHOTS.items():
        out = asyncio.run(take(args.out / name, size))
        print(f"wrote {out} ({out.stat().st_size:,} bytes, {size[0]}x{size[1]})")
    for name, size in FOG_SHOTS.items():
        out = asyncio.run(take_fog(args.out / name, size))
        print(f"wrote {out} ({out.stat().st_size:,} bytes, {size[0]}x{size[1]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
