"""Under fog an agent acts on what it sees, nothing else: on two levels identical within sight of its start and
its first moves and different beyond, its actions are identical until the difference comes into sight.

The two levels are a 21-cell corridor with the start in the middle and a sight radius of 2: the goal lies at the
right end in one and at the left end in the other. The oracle ``planner`` heads for the goal from its first step
(so the levels really differ in a way that matters: the test can fail); an agent that is given only its
observations cannot tell them apart until the goal comes into sight. Runs through ``Session``, so it checks
whatever the session hands the agent."""

from __future__ import annotations

import pytest

from procmem_tui.agents import make_agent
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import parse_level

WIDTH, START = 21, 10
ROWS_ABOVE = ["." * WIDTH] * 2


def corridor(goal_x: int):
    row = ["."] * WIDTH
    row[START], row[goal_x] = "@", "G"
    return parse_level("; name: corridor\n; view: 2\n" + "\n".join(ROWS_ABOVE + ["".join(row)] + ROWS_ABOVE) + "\n",
                       "corridor.txt")


GOAL_RIGHT, GOAL_LEFT = corridor(WIDTH - 1), corridor(0)


def lockstep(agent_name: str, max_steps: int = 200) -> tuple[list, int]:
    """Play both levels with two identically seeded fresh agents, step by step, while both observations are the
    same. Returns the pairs of actions taken while they were, and the number of such steps."""
    sessions = []
    for level in (GOAL_RIGHT, GOAL_LEFT):
        library = SkillLibrary(seed=0) if agent_name == "procmem" else None
        sessions.append(Session(LevelSource.fixed(level), make_agent(agent_name, seed=0, library=library)))
    pairs = []
    for _ in range(max_steps):
        seen = [s.observation() for s in sessions]
        if seen[0] != seen[1] or any(s.done for s in sessions):
            break
        actions = [s.agent_step().step and s.transitions[-1].action for s in sessions]
        pairs.append(tuple(actions))
    return pairs, len(pairs)


def test_the_two_levels_look_the_same_at_the_start_and_differ_for_an_oracle():
    """The premise: identical observations at the start; the planner (given the world) already acts differently."""
    start = [Session(LevelSource.fixed(lv), make_agent("explorer", seed=0)).observation() for lv in (GOAL_RIGHT, GOAL_LEFT)]
    assert start[0] == start[1] and not start[0].full_view
    pairs, _ = lockstep("planner")
    assert pairs and pairs[0][0] != pairs[0][1]


@pytest.mark.parametrize("agent_name", ["explorer", "qlearning", "procmem", "seed"])
def test_actions_are_identical_until_the_difference_comes_into_sight(agent_name):
    """Every learner, fresh and seeded alike on both levels, takes the same action at every step while the two
    observations are equal, for at least 3 steps (else the test would mean nothing)."""
    pairs, steps = lockstep(agent_name)
    assert steps >= 3, "the difference came into sight too soon for the test to mean anything"
    assert all(a == b for a, b in pairs), f"actions differed before the difference was in sight: {pairs}"
