"""The procmem agent's knowledge (learned rules, per-level maps, generator states, episode) survives a trip
through JSON and a new store connection: the restored agent acts exactly as the one that never stopped."""

from __future__ import annotations

import json

import pytest

from procmem_tui.agents import make_agent
from procmem_tui.agents import knowledge as K
from procmem_tui.memory import SkillLibrary, SkillStore, StoreError
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate, load_level


def _actions(session: Session, episodes: int) -> list[list[str]]:
    return [[t.action.value for t in session.run_episode().trajectory.transitions] for _ in range(episodes)]


def _rooms_with_a_try(tmp_path):
    """test_habits' replanning level (rooms3-10-s6: with agent seed 5, its episode 3 tries a way that fails) and a
    library path."""
    return LevelSource.fixed(generate("rooms", 10, 6, rooms=3)), tmp_path / "lib.sqlite3"


def _three_episodes(source, path):
    """A new procmem agent (seed 5) on the library at ``path`` plays three episodes: the agent and the third
    outcome."""
    with SkillStore.open(path) as store:
        agent = make_agent("procmem", seed=5, library=store.load_library(seed=5))
        session = Session(source, agent, store)
        return agent, [session.run_episode() for _ in range(3)][-1]


@pytest.mark.parametrize("source", [LevelSource.fixed(load_level("two_doors")), LevelSource.generated("doorkey", 8, 5)],
                         ids=["level", "family"])
def test_restored_agent_continues_exactly_as_the_one_that_never_stopped(tmp_path, source):
    """Train 3 episodes; one agent plays on, another is rebuilt from the file (skills + knowledge, via JSON): both
    play the same next episodes action for action."""
    path = tmp_path / "lib.sqlite3"
    with SkillStore.open(path) as store:
        session = Session(source, make_agent("procmem", seed=3, library=store.load_library(seed=3)), store)
        _actions(session, 3)
        knowledge = session.agent.knowledge()
        assert json.loads(json.dumps(knowledge)) == knowledge and knowledge["version"] == K.VERSION
        session.store = None  # the next episodes are not saved: the file stays as of episode 3
        kept_on = _actions(session, 3)
    with SkillStore.open(path) as store:
        agent = make_agent("procmem", seed=3, library=store.load_library(seed=3))
        resumed = _actions(Session(source, agent, store, first_layout=3 if source.family else 0), 3)
    assert resumed == kept_on


def test_knowledge_holds_what_the_agent_learned():
    """After a won episode the document holds the world model's effects (a key gained by pickup_key, a door opened
    by open_door, the episode ended by a move), the level's visited cells and both generators."""
    agent = make_agent("procmem", library=SkillLibrary())
    Session(LevelSource.fixed(load_level("classic")), agent).run_episode(advance=False)
    data = agent.knowledge()
    from procmem_tui.memory.world_model import Outcome

    outcomes: dict = {}
    for action, _, kind, rows in data["world_model"]["units"]:
        outcomes.setdefault((action, kind), []).extend(Outcome.from_list(row[1]) for row in rows)
    assert any(o.gained for o in outcomes[("pickup_key", "key")])
    assert any(o.object == "opened" for o in outcomes[("open_door", "door")])
    assert any(o.ended for o in outcomes[("move", "goal")])
    assert len(data["maps"]) == 1 and len(data["maps"][0][1]) > 5
    assert data["rng"]["bit_generator"] == "PCG64" and "rng" in data["library"]
    assert data["episode"] == 1


def test_the_explorer_keeps_no_knowledge():
    """The memory-less baseline has nothing to persist, by design."""
    agent = make_agent("explorer")
    Session(LevelSource.fixed(load_level("classic")), agent).run_episode()
    assert agent.knowledge() == {}


def test_a_newer_knowledge_version_is_ignored_and_a_malformed_one_refused():
    """A document from a newer version leaves the agent as new; malformed data is one StoreError line at start."""
    agent = make_agent("procmem")
    K.restore(agent, {"version": K.VERSION + 1, "world_model": "whatever"})
    assert list(agent.model.facts()) == []
    store = SkillStore.open(None)
    store.save_knowledge("procmem", {"version": K.VERSION, "maps": [["abc", [[1, "x"]]]]}, 1)
    with pytest.raises(StoreError, match="knowledge of agent 'procmem' is damaged.*'maps' part"):
        Session(LevelSource.fixed(load_level("classic")), make_agent("procmem", library=store.load_library()), store)
    store.close()


def test_the_world_model_learns_every_step_and_survives_a_restart(tmp_path):
    """Every observed step is filed into ``agent.model``; the library keeps it (key ``world_model``), so a new
    process's agent predicts what the first one learned; a document without the key loads as an empty model."""
    path = tmp_path / "lib.sqlite3"
    with SkillStore.open(path) as store:
        agent = make_agent("procmem", seed=1, library=store.load_library(seed=1))
        Session(LevelSource.fixed(load_level("classic")), agent, store).run_episode()
        learned = agent.model.dump()
        assert learned["steps_seen"] > 0 and learned["units"]
    with SkillStore.open(path) as store:
        assert store.load_knowledge("procmem")["world_model"] == learned
        again = make_agent("procmem", seed=1, library=store.load_library(seed=1))
        Session(LevelSource.fixed(load_level("classic")), again, store)
        assert again.model.dump() == learned
    old = make_agent("procmem", library=SkillLibrary())
    K.restore(old, {"version": K.VERSION, "episode": 3})
    assert list(old.model.facts()) == [] and old.episode == 3


def test_a_persons_steps_teach_the_world_model():
    """Steps a person takes (observe without a decision) are learned as the agent's own are."""
    from procmem_tui.world import Action

    session = Session(LevelSource.fixed(load_level("classic")), make_agent("procmem", library=SkillLibrary()))
    for action in ("move_left", "move_up"):
        session.player_step(Action(action))
    assert session.agent.model.steps_seen == 2
    facts = [(unit, fact.outcome.moved) for unit, fact in session.agent.model.facts()]
    assert (("move", "ahead", "edge"), False) in facts and (("move", "ahead", "floor"), True) in facts


def test_a_last_episode_that_made_a_try_is_remembered_across_a_restart(tmp_path):
    """The habit rule's flag (``tried_last``: the level's last episode made a try) is kept with the knowledge: on the
    level of test_habits' replanning test, episode 3 tries a way that fails; an agent restored from the library
    then plans episode 4 (optimal, nothing from memory), as the one that never stopped does, instead of replaying
    episode 3's detour as a habit."""
    source, path = _rooms_with_a_try(tmp_path)
    agent, third = _three_episodes(source, path)
    assert third.decisions["explored"] > 0 and agent.fingerprint in agent.tried_last
    assert K.dump(agent)["tried_last"] == [agent.fingerprint]
    with SkillStore.open(path) as store:
        restored = make_agent("procmem", seed=5, library=store.load_library(seed=5))
        fourth = Session(source, restored, store).run_episode()
    assert fourth.episode == 4 and fourth.decisions["memory"] == 0 and fourth.steps == fourth.optimal_steps


def test_the_try_budget_tries_begun_and_routes_survive_a_restart(tmp_path):
    """What the hunch budget left unspent (``saved``), the fetch-first tries begun (``begun``) and the last won
    route per level (``routes``) are kept with the knowledge: an agent restored from the library file holds the
    same values as the one that played; a malformed value is refused naming its part."""
    source, path = _rooms_with_a_try(tmp_path)
    agent, third = _three_episodes(source, path)
    level = agent.fingerprint
    assert level in agent.saved and agent.routes[level] == third.steps
    with SkillStore.open(path) as store:
        restored = make_agent("procmem", library=store.load_library())
        Session(source, restored, store)
    assert restored.saved == agent.saved and restored.routes == agent.routes
    assert restored.begun.get(level, set()) == agent.begun.get(level, set())
    played = K.dump(agent)
    played["begun"], played["saved"] = [[level, [[[1, 2], [3, 4]]]]], [[level, 4.5]]
    again = make_agent("procmem", library=SkillLibrary())
    again.restore_knowledge(json.loads(json.dumps(played)))
    assert again.begun == {level: {((1, 2), (3, 4))}} and again.saved == {level: 4.5}
    with pytest.raises(ValueError, match="saved"):
        K.restore(make_agent("procmem", library=SkillLibrary()), {**played, "saved": [[level, -1]]})
