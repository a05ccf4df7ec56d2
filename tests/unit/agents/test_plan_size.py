"""The plan search stays small where many sets of keys held meet: on ``distractor_keys`` (five dead-end doors off
one hall), episode 2 of a new agent plans without expanding the situations behind opening a door into an empty
dead end. Before that pruning its largest plan expanded 948 situations; the bound is a count, not a time."""

from __future__ import annotations

from procmem_tui.agents import make_agent, skill_plan
from procmem_tui.memory import SkillStore
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level


def test_distractor_keys_episode_2_plans_expand_few_situations(tmp_path, monkeypatch):
    """Every plan of episode 2 expands at most 300 situations (948 before), and episode 2 still wins."""
    sizes = []
    plan = skill_plan.plan

    def counted(*args, **kwargs):
        expanded = [0]
        found = plan(*args, **{**kwargs, "expanded": expanded})
        sizes.append(expanded[0])
        if kwargs.get("expanded") is not None:
            kwargs["expanded"][0] += expanded[0]
        return found

    monkeypatch.setattr(skill_plan, "plan", counted)
    store = SkillStore.open(tmp_path / "library.sqlite3")
    agent = make_agent("procmem", seed=0, library=store.load_library(seed=0))
    session = Session(LevelSource.fixed(load_level("distractor_keys")), agent, store)
    while not session.done:
        session.agent_step()
    session.next_episode()
    sizes.clear()
    while not session.done:
        session.agent_step()
    store.close()
    assert sizes and max(sizes) <= 300
    assert session.finished.success
