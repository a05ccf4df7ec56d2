"""A running skill is judged step by step (agents/run.py): the wrong event or an early end abandons it."""

from __future__ import annotations

from procmem_tui.agents.run import Run
from procmem_tui.world import Action, GridWorld, load_level
from procmem_tui.world.actions import KEY_PICKED

FETCH_A = [Action.MOVE_UP, Action.MOVE_UP, Action.MOVE_RIGHT, Action.MOVE_RIGHT, Action.PICKUP_KEY]  # classic


def _judge(run: Run, world: GridWorld, upto: int | None = None) -> list:
    verdicts = []
    for _ in range(len(run.actions) if upto is None else upto):
        decision = run.next_decision()
        verdicts.append(run.verdict(decision.action, world.step(decision.action)))
    return verdicts


def test_a_skill_that_does_what_it_was_for_completes_on_its_last_step():
    """A skill whose steps do what it was for runs to its last step and completes there."""
    run = Run(list(FETCH_A), "s1", "fetch key a", "planned: test", KEY_PICKED)
    assert _judge(run, GridWorld(load_level("classic"))) == [None, None, None, None, True]


def test_a_bump_or_a_missing_effect_fails_the_run():
    """A move that does not move, or a last step without the skill's effect, is a failure to learn from."""
    bump = Run([Action.MOVE_DOWN], "s2", "down", "planned: test", None)
    assert _judge(bump, GridWorld(load_level("classic"))) == [False]
    short = Run(list(FETCH_A[:3]) + [Action.PICKUP_KEY], "s3", "fetch", "planned: test", KEY_PICKED)
    assert _judge(short, GridWorld(load_level("classic")))[-1] is False


def test_decisions_carry_the_skills_progress_and_what_is_left():
    """Each decision of a running skill carries its progress, the steps left and its mode."""
    run = Run(list(FETCH_A), "s1", "fetch key a", "planned: test", KEY_PICKED, mode="planned")
    run.next_decision()
    second = run.next_decision()
    assert second.progress == (2, 5) and second.upcoming == tuple(FETCH_A[2:]) and second.mode == "planned"
    assert not run.done
