"""Session: the one place episodes run — summaries, the player's hand, learning and recording at the end."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.store import SkillStore
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate, load_level


def test_summary_counts_steps_optimum_and_the_agents_skills():
    """A summary reports steps, the optimum, success and the agent's skill count (also for the seed agent's own list)."""
    session = Session(LevelSource.fixed(load_level("classic")), make_agent("seed"))
    first = session.run_episode()
    assert first.success and first.optimal_steps == 10 and first.steps >= 10
    assert first.skills == 1 == session.agent.skill_count()
    assert first.as_dict()["skills"] == 1


def test_generated_source_plays_seed_plus_index():
    """With a family, episode i plays generate(family, size, seed + i)."""
    session = Session(LevelSource.generated("doorkey", 8, 40), make_agent("planner"))
    levels = [session.run_episode().level for _ in range(3)]
    assert levels == [generate("doorkey", 8, 40 + i).name for i in range(3)]


def test_player_steps_make_a_player_episode_and_interrupt_the_agent():
    """A player's action mid-skill interrupts the agent; the finished episode's source is 'player'."""
    library = SkillLibrary()
    session = Session(LevelSource.fixed(load_level("classic")), make_agent("procmem", library=library))
    session.run_episode()
    assert session.agent_step().decision.skill_id is not None
    session.player_step("move_up")
    assert session.agent._run is None
    summary = session.run_episode()
    assert summary.success and summary.source == "player"


def test_store_records_episodes_and_saves_the_library():
    """With a store, each episode is recorded and the agent's library is saved after learning."""
    store = SkillStore.open(None)
    library = SkillLibrary()
    session = Session(LevelSource.fixed(load_level("two_doors")), make_agent("procmem", library=library), store)
    summary = session.run_episode()
    assert summary.episode_id is not None
    assert store.get_episode("last").steps == summary.steps
    assert store.skill_count() == len(library) > 0
    store.close()
