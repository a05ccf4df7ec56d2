"""An episode left unfinished (a restart, another level, quitting) is not recorded and teaches no skill, but what the
agent learned of the world in its steps is kept, in a transaction of its own: the world model and maps are the
agent's, the rest of its stored knowledge (play counts, generators, the episode) stays as the last finished episode
left it. Nothing is written for an episode with no new step, without a store, or for a finished episode."""

from __future__ import annotations

import logging

from procmem_tui.agents import make_agent
from procmem_tui.memory import SkillStore
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level

CLASSIC = LevelSource.fixed(load_level("classic"))


def test_a_restart_keeps_what_the_unfinished_episode_taught_and_nothing_else():
    """A restart keeps the world model's new steps and nothing else (no episode, no skill change, the rest of the
    knowledge as the last finished episode left it); the next episode takes the next number."""
    store = SkillStore.open(None)
    session = Session(CLASSIC, make_agent("procmem", library=store.load_library()), store)
    session.run_episode()
    after_one = store.load_knowledge("procmem")
    skills = {s.id: s.attempts for s in store.load_library()}
    for action in ("move_left", "move_left", "move_right"):
        session.player_step(action)
    session.restart()
    kept = store.load_knowledge("procmem")
    assert kept["world_model"]["steps_seen"] == after_one["world_model"]["steps_seen"] + 3
    assert {part: kept[part] for part in ("plays", "rng", "library", "episode")} == \
        {part: after_one[part] for part in ("plays", "rng", "library", "episode")}
    assert store.episode_count() == 1 and {s.id: s.attempts for s in store.load_library()} == skills
    session.set_source(LevelSource.fixed(load_level("two_doors")))  # no step since: nothing new to keep
    assert store.load_knowledge("procmem") == kept
    assert session.run_episode().episode == 2  # the next recorded episode takes the next number
    store.close()


def test_a_level_first_played_unfinished_is_named_in_the_evidence():
    """The unfinished level gets a play row counting no play, so its name labels what was learned there, and a
    new agent on the store knows its steps."""
    store = SkillStore.open(None)
    session = Session(CLASSIC, make_agent("procmem", library=store.load_library()), store)
    session.player_step("move_left")
    assert session.keep_unfinished() and not session.keep_unfinished()  # once per new step
    fingerprint = session.agent.fingerprint
    assert store.load_knowledge("procmem")["plays"] == [[fingerprint, 0, None, "classic"]]
    fresh = make_agent("procmem", library=store.load_library())
    Session(CLASSIC, fresh, store)
    assert fresh.model.steps_seen == 1 and fresh.plays.plays[fingerprint] == 1  # this episode is its first begun
    store.close()


def test_nothing_is_written_without_a_store_for_a_finished_episode_or_when_the_store_fails(caplog):
    """Nothing is kept without a store or for an episode already finished, and a store that fails gives a warning,
    not an error."""
    session = Session(CLASSIC, make_agent("procmem"))
    session.player_step("move_left")
    assert not session.keep_unfinished()
    store = SkillStore.open(None)
    session = Session(CLASSIC, make_agent("procmem", library=store.load_library()), store)
    session.run_episode(advance=False)
    before = store.load_knowledge("procmem")
    assert not session.keep_unfinished() and store.load_knowledge("procmem") == before
    session.next_episode()
    session.player_step("move_left")
    store.close()  # a library that can no longer be written: a warning, play goes on
    with caplog.at_level(logging.WARNING):
        assert not session.keep_unfinished()
    assert "was not kept" in caplog.text
