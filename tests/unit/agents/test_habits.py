"""Decisions from memory (habit) versus deliberation: each decision is 'memory' (a retrieved skill, no search),
'planned' (a search over learned skills) or 'explored', counted per episode with the planner's expansions."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate, load_level


def episodes(agent, level: str, n: int):
    session = Session(LevelSource.fixed(load_level(level)), agent)
    return [session.run_episode() for _ in range(n)]


def new_agent(seed: int = 0):
    return make_agent("procmem", seed=seed, library=SkillLibrary(seed=seed))


def test_a_practiced_level_is_played_from_memory_alone():
    """On classic, after 5 episodes, episodes 6–8 are decided from memory only: no plan search, no exploration;
    the first episode only explores, and the Why line starts with the kind of decision."""
    summaries = episodes(new_agent(), "classic", 8)
    assert summaries[0].decisions["explored"] > 0 and summaries[0].decisions["memory"] == 0
    for s in summaries[5:]:
        assert s.steps == 10
        assert s.decisions["planned"] == s.decisions["explored"] == 0 and s.decisions["memory"] > 0
        assert s.search_expansions == 0
        assert all(t.reason.startswith("memory: ") for t in s.trajectory.transitions)


def test_an_unseen_level_is_deliberated_first_then_habitual_by_the_fifth_episode():
    """Trained on classic, the agent's first episode on two_doors plans (searches); by the fifth it acts from
    memory alone (its model tests what classic could not teach — door B with key a — in episodes 1–3)."""
    agent = new_agent()
    episodes(agent, "classic", 3)
    summaries = episodes(agent, "two_doors", 5)
    assert summaries[0].decisions["planned"] > 0 and summaries[0].search_expansions > 0
    assert summaries[0].decisions["memory"] == 0
    fifth = summaries[4]
    assert fifth.decisions["memory"] > 0 and fifth.decisions["planned"] == fifth.decisions["explored"] == 0


def test_a_habit_that_keeps_failing_stops_being_chosen():
    """Posteriors decide: once a habitual skill's record turns bad (failures recorded against it), the next
    episode neither runs it from memory nor replays it in a plan: the agent deliberates and still wins."""
    agent = new_agent()
    summaries = episodes(agent, "classic", 5)
    habit = next(t.skill_id for t in summaries[-1].trajectory.transitions)
    for _ in range(12):
        agent.library.record_outcome(habit, False, summaries[-1].episode)
    session = Session(LevelSource.fixed(load_level("classic")), agent)
    session.episode = summaries[-1].episode
    first = session.agent_step().decision
    assert first.mode == "planned" and first.skill_id != habit
    summary = session.run_episode()
    assert summary.success and habit not in {t.skill_id for t in summary.trajectory.transitions}


def test_other_agents_report_no_decision_modes():
    """Only procmem has memory and a planner: the summaries of other agents carry no decision counts."""
    summary = episodes(make_agent("planner"), "classic", 1)[0]
    assert summary.decisions is None and summary.search_expansions is None
    assert "decisions" not in summary.as_dict()


def test_train_json_reports_decisions_and_search_expansions(tmp_path):
    """`procmem train --json`: every procmem episode has "decisions" {memory, planned, explored} and
    "search_expansions"; on classic the first explores, the second plans (expansions > 0), the sixth is habit."""
    import json

    from procmem_tui.cli import main

    out = tmp_path / "t.json"
    assert main(["train", "--level", "classic", "--episodes", "6", "--fresh", "--quiet", "--json", str(out)]) == 0
    rows = json.loads(out.read_text())["episodes"]
    assert all(set(r["decisions"]) == {"memory", "planned", "explored"} for r in rows)
    assert rows[0]["decisions"]["explored"] > 0 and rows[1]["search_expansions"] > 0
    assert rows[5]["decisions"] == {"memory": 3, "planned": 0, "explored": 0} and rows[5]["search_expansions"] == 0


def test_a_route_that_made_a_try_is_replanned_not_made_a_habit():
    """On a settled level, an episode that made a try (went where a hope led) does not hand its route to the next
    as a habit: that one plans again. Here (rooms3-10-s6, agent seed 5) episode 3 tries a way to the goal that fails,
    and episode 4 plans the optimal route instead of repeating episode 3's detour from memory. (three_doors, agent
    seed 1, made such a try until a door's own record ruled it out.)"""
    session = Session(LevelSource.fixed(generate("rooms", 10, 6, rooms=3)), new_agent(5))
    summaries = [session.run_episode() for _ in range(4)]
    third, fourth = summaries[2], summaries[3]
    assert third.decisions["explored"] > 0 and third.steps > third.optimal_steps
    assert fourth.decisions["memory"] == 0 and fourth.steps == fourth.optimal_steps


def test_a_habit_longer_than_the_models_known_plan_gives_way_and_the_verdict_is_kept():
    """On a settled level the first decision weighs the habit's route (the last won episode) against the model's
    known plan once per model version: when the habit is the longer (as a route with a needless fetch is), the
    episode plans the shorter route instead of replaying; when it is not, the verdict is kept and the following
    episodes replay with zero search."""
    agent = new_agent()
    session = Session(LevelSource.fixed(load_level("classic")), agent)
    fifth = [session.run_episode() for _ in range(5)][-1]
    assert fifth.decisions["memory"] > 0 and fifth.search_expansions == 0
    agent.routes[agent.fingerprint] += 5  # as if the habit fetched something the route does not need
    agent.verdicts.clear()
    longer, weighed, replayed = (session.run_episode() for _ in range(3))
    assert longer.decisions["memory"] == 0 and longer.decisions["planned"] > 0 and longer.steps == 10
    assert weighed.decisions["planned"] == 0 and weighed.search_expansions > 0
    assert replayed.decisions["memory"] > 0 and replayed.search_expansions == 0


def test_a_door_opened_holding_one_key_is_counted_on_holding_it_and_another():
    """DOORMAX-style generalisation on a pairing (``opens: aC bD cB``): door B was opened holding key c only, and
    the model cannot tell from its letter rules what B does holding keys b and c (door C stayed shut holding b and
    c). What every opening of B had in common (holding key c) holds then too, so the known plan fetches b before
    opening B, as the optimum does: optimal from episode 3 (it stayed 2 steps above optimal for good, opening B
    first and walking back for b). (Episode 3 may hope door B leads on, on its way: that costs nothing.)"""
    from procmem_tui.world import generate

    session = Session(LevelSource.fixed(generate("rooms", 16, 15, rooms=4, opens="aC bD cB")), new_agent())
    summaries = [session.run_episode() for _ in range(4)]
    assert [s.steps == s.optimal_steps for s in summaries[2:]] == [True, True]
    assert summaries[3].decisions["explored"] == 0
