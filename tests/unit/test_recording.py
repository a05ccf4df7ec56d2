"""Recorded episodes: round trip through the store, replay forwards and back, tamper warnings, exports."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from procmem_tui.agents.base import Decision, OracleAgent
from procmem_tui.memory.store import SkillStore
from procmem_tui.recording import (
    RecordingError,
    episode_from_json,
    episode_to_cast,
    episode_to_json,
    replay,
)
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Action, GridWorld, load_level, solve


class ScriptedAgent(OracleAgent):
    """Plays the solver's plan (an oracle: it is handed the level), claiming each action belongs to a skill
    'plan' (to test skill marks)."""

    name = "scripted"

    def begin_episode(self, observation, episode, level_id="", level_name=""):
        super().begin_episode(observation, episode, level_id, level_name)
        self.plan = list(solve(self.level))

    def act(self, observation):
        return Decision(self.plan.pop(0), reason="following the plan", skill_id="plan")


@pytest.fixture
def store():
    with SkillStore.open(None) as s:
        yield s


def _record_classic(store, player_prefix: int = 0) -> int:
    session = Session(LevelSource.fixed(load_level("classic")), ScriptedAgent(), store)
    plan = solve(session.level)
    for action in plan[:player_prefix]:
        session.player_step(action)
    session.agent.plan = list(solve(session.level, session.state))
    summary = session.run_episode()
    return summary.episode_id


def test_agent_episode_round_trips_through_the_store(store):
    """What the session recorded comes back: actions, per-step actor/skill/reward, outcome."""
    episode_id = _record_classic(store)
    row = store.get_episode(episode_id)
    assert row.success and row.steps == 10 and row.optimal_steps == 10
    assert [Action(a) for a in row.actions] == solve(load_level("classic"))
    assert all(r.actor == "agent" and r.skill_id == "plan" for r in row.step_records)
    assert round(sum(r.reward for r in row.step_records), 6) == pytest.approx(12.3)
    assert row.skill_steps == 10 and row.library_size == 0
    assert store.list_episodes()[0].skill_steps == 10


def test_player_steps_are_recorded_as_the_players(store):
    """Steps a person chose are marked 'player' and the episode's source is 'player'."""
    row = store.get_episode(_record_classic(store, player_prefix=3))
    assert [r.actor for r in row.step_records[:3]] == ["player"] * 3
    assert row.step_records[3].actor == "agent"
    assert row.source == "player"


def test_replay_forward_then_back_returns_the_same_states(store):
    """Re-simulation matches a fresh GridWorld run, and walking the states backwards retraces them."""
    rec = replay(store.get_episode(_record_classic(store)))
    assert rec.ok and len(rec) == 10
    world = GridWorld(rec.level)
    forward = [world.state] + [world.step(s.action).state for s in rec.steps]
    assert list(rec.states) == forward
    assert list(reversed(rec.states)) == forward[::-1]
    assert rec.event_marks() == [(4, "key_picked"), (6, "door_opened"), (9, "goal_reached")]
    assert rec.skill_runs() == [(0, 9, "plan")]


def test_a_tampered_record_gives_a_warning_not_a_crash(store):
    """A record whose level changed since (the door moved) replays with a clear mismatch warning."""
    row = store.get_episode(_record_classic(store))
    tampered = replace(row, level_text=row.level_text.replace(".X.A#", ".XA.#"))
    rec = replay(tampered)
    assert not rec.ok
    assert "step" in rec.warnings[0] and "changed" in rec.warnings[0]


def test_an_unknown_action_in_a_record_stops_the_replay_with_a_warning(store):
    """A record with an unknown action replays up to it and warns naming it."""
    row = store.get_episode(_record_classic(store))
    rec = replay(replace(row, actions=row.actions[:2] + ("jump",) + row.actions[3:]))
    assert len(rec) == 2 and "jump" in rec.warnings[0]


def test_json_export_round_trips(store):
    """episode_to_json then episode_from_json gives back the same episode."""
    row = store.get_episode(_record_classic(store, player_prefix=2))
    again = episode_from_json(episode_to_json(row))
    assert again == row


@pytest.mark.parametrize(
    "text, fragment",
    [("{nope", "not valid JSON"), ('{"format": "other"}', "not a procmem episode"),
     ('{"format": "procmem-episode", "version": 99}', "version 99"),
     ('{"format": "procmem-episode", "version": 1}', "missing or malformed")],
)
def test_bad_json_is_refused_with_a_clear_message(text, fragment):
    """Text that is not JSON, not an episode, of a newer version or incomplete is refused with a message saying
    which."""
    with pytest.raises(RecordingError, match=fragment):
        episode_from_json(text, source="x.json")


def test_cast_is_asciicast_v2_with_monotonic_times_and_skill_markers(store):
    """Header line with version 2, then [time, code, data] events with non-decreasing times; one frame per state."""
    rec = replay(store.get_episode(_record_classic(store)))
    lines = episode_to_cast(rec, {"plan": "the plan"}).splitlines()
    header = json.loads(lines[0])
    assert header["version"] == 2 and header["width"] > 0 and header["height"] > 0
    events = [json.loads(line) for line in lines[1:]]
    times = [e[0] for e in events]
    assert times == sorted(times)
    assert [e[1] for e in events].count("o") == len(rec.states)
    assert [e[2] for e in events if e[1] == "m"] == ["skill: the plan"]
    assert "goal_reached" in events[-1][2]


def test_what_an_episode_taught_is_recorded_and_marked_in_the_cast(store):
    """The skills learned from an episode are stored with it, survive the JSON round trip, and end the cast as markers."""
    from procmem_tui.agents import make_agent

    session = Session(LevelSource.fixed(load_level("classic")), make_agent("procmem", library=store.load_library()), store)
    summary = session.run_episode()
    row = store.get_episode(summary.episode_id)
    assert [(e.kind, e.skill_id, e.name) for e in summary.learned] == list(row.learned) and row.learned
    assert episode_from_json(episode_to_json(row)).learned == row.learned
    lines = episode_to_cast(replay(row)).splitlines()
    markers = [json.loads(line)[2] for line in lines[1:] if json.loads(line)[1] == "m"]
    assert [m for m in markers if m.startswith("learned")] == [f"learned ({k}): {n}" for k, _, n in row.learned]


def test_a_cast_under_fog_draws_the_fog_as_it_was(store):
    """A level with a sight radius is exported as it was seen: at the start the cells out of sight are never-seen
    ``░`` (the key and door behind the wall do not show), later cells seen before are remembered (walls ``▓``,
    floor blank); the agent is always drawn. The cast used to draw the whole level at every step."""
    from procmem_tui.world.level import view_overridden

    level = view_overridden(load_level("two_doors"), 2)
    session = Session(LevelSource.fixed(level), ScriptedAgent(), store)
    session.agent.plan = list(solve(session.level))
    row = store.get_episode(session.run_episode().episode_id)
    frames = [json.loads(line)[2] for line in episode_to_cast(replay(row)).splitlines()[1:]
              if json.loads(line)[1] == "o"]
    plain = [re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", frame) for frame in frames]
    grids = [frame.split("\r\n\r\n")[0] for frame in plain]
    assert "░" in grids[0] and "@" in grids[0]
    assert not set("bB") & set(grids[0]), "a key or door out of sight is drawn at the start"
    assert any("▓" in grid for grid in grids[1:]), "nothing is remembered as seen before"
    assert all("@" in grid for grid in grids)
