"""What a player teaches the app outlives the app: win classic by hand, quit, start a new app on the same library
file, and the agent's first autoplayed episode is optimal, run with the player's skills."""

from __future__ import annotations

from procmem_tui.cli import build_parser
from procmem_tui.commands import play
from procmem_tui.memory import SkillStore
from procmem_tui.tui.app import ProcmemApp
from tui_helpers import SIZE, win_by_keys


def _app_on(library, *argv: str) -> ProcmemApp:
    parser, _ = build_parser()
    args = parser.parse_args(["play", "--library", str(library), "--seed", "0", "--level", "classic", *argv])
    session, store, factory = play.build(args)
    return ProcmemApp(session, store, agent_name=args.agent, speed=args.speed, autoplay=args.autoplay,
                      agent_factory=factory, seed=args.seed, episode_pause=0.05)


async def test_a_players_win_is_used_by_the_agent_after_a_restart(tmp_path):
    """A win by hand on classic is stored as the player's skills; a new app on the same library autoplays an optimal
    first episode made entirely of skills, the player's among them."""
    library = tmp_path / "lib.sqlite3"
    first = _app_on(library)
    async with first.run_test(size=SIZE) as pilot:
        await win_by_keys(first, pilot)
        await pilot.press("q")
    with SkillStore.open(library) as store:
        player_skills = {s.id for s in store.load_library() if s.source == "player"}
    assert player_skills

    second = _app_on(library, "--autoplay", "--speed", "60")
    async with second.run_test(size=SIZE) as pilot:
        for _ in range(200):
            if second.session.history and second.session.history[0].episode_id is not None:  # recorded (in a thread)
                break
            await pilot.pause(0.05)
        episode = second.session.history[0]
        first_run = second.store.get_episode(episode.episode_id).step_records
        await pilot.press("q")
    assert episode.source == "agent" and episode.success
    assert episode.steps == episode.optimal_steps == 10
    assert episode.skill_steps == episode.steps
    assert {r.skill_id for r in first_run} & player_skills, "the agent did not run the player's skills"
