"""The baselines do what they claim: planner is optimal, explorer never learns (and pays for it), seed is the tutorial, Q-learning
learns a fixed level from reward."""

from __future__ import annotations

import numpy as np

from procmem_tui.agents import make_agent
from procmem_tui.agents.seed import SeedAgent, stable_hash
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import builtin_level_names, load_level, solve


def run(agent, level_name, episodes):
    session = Session(LevelSource.fixed(load_level(level_name)), agent)
    return [session.run_episode() for _ in range(episodes)], session


def test_planner_is_optimal_on_every_builtin_level():
    """The planner's episode length equals the solver's optimum on each hand-made level."""
    for name in builtin_level_names():
        (summary,), _ = run(make_agent("planner"), name, 1)
        assert summary.success and summary.steps == summary.optimal_steps, name


def test_planner_replans_after_the_player_moves():
    """After a player's detour the planner re-plans and finishes in the optimum from the new state."""
    session = Session(LevelSource.fixed(load_level("two_doors")), make_agent("planner"))
    session.agent_step()
    session.player_step("move_down")
    session.player_step("move_down")
    before = session.state
    remaining = len(solve(session.level, before))
    summary = session.run_episode()
    assert summary.success
    assert summary.steps == 3 + remaining


def test_explorer_never_learns():
    """The explorer holds no skills, carries nothing into the next episode (no effect model, no remembered cells),
    and stays well above optimal on two_doors every episode (it explores afresh each time; 35-40 steps for 24)."""
    agent = make_agent("explorer", seed=0)
    session = Session(LevelSource.fixed(load_level("two_doors")), agent)
    summaries = []
    for _ in range(3):
        session.agent_step()  # the episode has begun: whatever the agent knows now, it brought along
        assert agent.visited <= {session.level.start, session.state.pos}
        assert agent.model.steps_seen <= 1, "no world model carried over"
        summaries.append(session.run_episode())
    assert all(s.success for s in summaries)
    assert all(s.steps > 1.25 * s.optimal_steps for s in summaries)
    assert all(s.skills == 0 and s.skill_steps == 0 for s in summaries)


def test_seed_reproduces_the_tutorial_on_classic():
    """Episode 1: the greedy walk reaches the goal; its one skill is the last five actions; later episodes run it
    blind (skill steps > 0), and its reported success rate is within [0, 1] (the tutorial printed 207%)."""
    agent = SeedAgent(seed=0)
    summaries, _ = run(agent, "classic", 6)
    first = summaries[0]
    assert first.success and first.skill_steps == 0
    assert len(agent.skills) == 1
    last_five = tuple(t.action for t in first.trajectory.transitions[-5:])
    assert agent.skills[0].action_sequence == last_five
    assert agent.skills[0].name == "open_door_sequence"
    assert all(s.skill_steps > 0 for s in summaries[1:])
    assert len(agent.skills) == 1, "cosine dedup at 0.9 keeps one skill"
    stats = agent.stats()
    assert 0.0 <= stats["mean_success_rate"] <= 1.0
    assert all(s.skills == 1 for s in summaries)


def test_seed_embeddings_use_a_stable_hash():
    """The tutorial's hash() is replaced by a hashlib hash: fixed values, not salted per process."""
    import hashlib

    assert stable_hash("(0, 0)") == int.from_bytes(hashlib.sha1(b"(0, 0)").digest()[:8], "little")
    agent = SeedAgent()
    emb = agent.create_embedding({"agent_pos": (0, 0), "has_key": True, "door_open": False}, [])
    assert np.isclose(np.linalg.norm(emb), 1.0)
    assert np.isclose(emb[0] / emb[1], (stable_hash("(0, 0)") % 1000) / 1000)


def test_qlearning_learns_classic_and_is_deterministic():
    """Q-learning finds the goal on classic with enough episodes; two runs with one seed give identical results."""
    a, _ = run(make_agent("qlearning", seed=5), "classic", 120)
    b, _ = run(make_agent("qlearning", seed=5), "classic", 120)
    assert [s.steps for s in a] == [s.steps for s in b]
    assert a[0].steps > a[0].optimal_steps  # ε = 1 at first: a random walk
    assert sum(s.success for s in a[-20:]) >= 18
    assert np.mean([s.steps for s in a[-10:]]) < np.mean([s.steps for s in a[:10]])
