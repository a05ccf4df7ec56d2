"""Take the pictures of the app: ``python scripts/screenshot.py`` writes ``assets/app.svg`` and ``app-80x24.svg``.

The picture is the real app, driven headless by Textual's Pilot exactly as a user would drive it: ``procmem
--fresh --seed 0 --level two_doors``, the agent stepped with ``n`` through three episodes and into the fourth,
so the skills it learned, the event log and the Why line are all on screen. ``app.svg`` (100x30) is the
README's picture, ``app-80x24.svg`` the smallest terminal the app plays in (docs/playing.md). Run it again after
a visible change; ``tests/docs/test_screenshot.py`` checks that it still works.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
SHOTS = {"app.svg": (100, 30), "app-80x24.svg": (80, 24)}
LEVEL = "two_doors"
EPISODES = 3        # finished before the picture is taken
STEPS_INTO_NEXT = 9  # agent steps into the episode after them: mid-skill, plan drawn on the grid
SETTLE_SECONDS = 6.0  # longer than the app's end-of-episode toast stays
MAX_PRESSES = 2000   # a bound, so a change that stops the agent from finishing cannot hang the script


def build_app(level: str = LEVEL):
    """The app exactly as ``procmem play --fresh --seed 0 --level LEVEL`` builds it."""
    from procmem_tui.cli import build_parser
    from procmem_tui.commands import play
    from procmem_tui.tui.app import ProcmemApp

    parser, _ = build_parser()
    args = parser.parse_args(["play", "--fresh", "--seed", "0", "--level", level])
    session, store, factory = play.build(args)
    return ProcmemApp(session, store, agent_name=args.agent, speed=args.speed, autoplay=False,
                      agent_factory=factory, seed=args.seed)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ASSETS, help="the folder to write to (default assets/)")
    args = parser.parse_args()
    for name, size in SHOTS.items():
        out = asyncio.run(take(args.out / name, size))
        print(f"wrote {out} ({out.stat().st_size:,} bytes, {size[0]}x{size[1]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
