"""The end of an episode is one value: ``Agent.end_episode`` returns an ``EpisodeOutcome`` (what was learned, the
skill count, the library, the episode's numbers, the knowledge to keep) and the session records exactly that; a
session without a store does not ask for the knowledge."""

from __future__ import annotations

from procmem_tui.agents.base import Agent, Decision, EpisodeOutcome, LearnEvent
from procmem_tui.memory import SkillStore
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Action, parse_level

CORRIDOR = parse_level("; name: corridor\n#@.G\n", "test")


class Walker(Agent):
    """Walks right; learns one made-up skill event; counts how often its knowledge is asked for."""

    name = "walker"

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def act(self, observation) -> Decision:
        return Decision(Action.MOVE_RIGHT, "right")

    def learn_episode(self, trajectory) -> list[LearnEvent]:
        return [LearnEvent("new", "s1", "walk right")]

    def episode_stats(self) -> dict:
        return {"search_expansions": 7}

    def knowledge(self) -> dict:
        self.asked += 1
        return {"version": 1, "walked": True}


def test_the_session_records_the_outcome_the_agent_returns():
    """One outcome value carries learned events, stats and knowledge; the store holds that knowledge."""
    agent = Walker()
    outcome = Walker().end_episode(None)
    assert isinstance(outcome, EpisodeOutcome) and outcome.learned[0].name == "walk right"
    assert outcome.stats == {"search_expansions": 7} and outcome.knowledge == {"version": 1, "walked": True}
    with SkillStore.open(None) as store:
        summary = Session(LevelSource.fixed(CORRIDOR), agent, store).run_episode()
        assert store.load_knowledge("walker") == {"version": 1, "walked": True}
    assert summary.learned == outcome.learned and summary.search_expansions == 7 and summary.success


def test_without_a_store_the_knowledge_is_not_asked_for():
    """Nothing is persisted, so ``end_episode(keep=False)`` leaves the knowledge out (dumping it costs time)."""
    agent = Walker()
    Session(LevelSource.fixed(CORRIDOR), agent).run_episode()
    assert agent.asked == 0
