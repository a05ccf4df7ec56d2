"""Extraction: trajectories are cut at effects, compressed, verified by replay, and become motor, abstract and
composite skills with the right provenance."""

from __future__ import annotations

from procmem_tui.memory.extract import admit, compress, cut, extract
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.skill import ABSTRACT, COMPOSITE, MOTOR
from procmem_tui.memory.trajectory import Trajectory, Transition
from procmem_tui.world import Action, GridWorld, State, load_level, parse_level, solve

U, D, L, R, P, O = "move_up", "move_down", "move_left", "move_right", "pickup_key", "open_door"


def record(level, actions, actors=None, episode=1):
    world = GridWorld(level)
    transitions = []
    for i, name in enumerate(actions):
        before = world.state
        step = world.step(name)
        actor = actors[i] if actors else "agent"
        transitions.append(Transition(before, Action(name), step.reward, step.state, step.events, actor=actor))
        if world.done:
            break
    return Trajectory(level, State(level.start), tuple(transitions), episode=episode,
                      terminated=step.terminated, truncated=step.truncated)


def by_kind(skills, kind):
    return [s for s in skills if s.kind == kind]


def test_cut_at_effect_events_and_drop_the_tail():
    """Segments end exactly at key_picked, door_opened, goal_reached; a trailing stretch without effect is dropped."""
    level = load_level("classic")
    traj = record(level, [U, U, R, R, P, R, O, L])
    segments = cut(traj)
    assert [s.effect for s in segments] == ["key_picked", "door_opened"]
    assert [len(s.transitions) for s in segments] == [5, 2]


def test_loops_bumps_and_no_effect_steps_are_compressed_away():
    """A wandering path to the key (a loop, a bump into the box, a useless pickup) compresses to 5 actions."""
    level = load_level("classic")
    wander = [U, D, P, U, U, U, D, R, R, P]  # (0,2)->(0,3)->(0,2) loop, pickup on floor, and back
    traj = record(level, wander + [R, O, U, U, R])
    extraction = extract(traj)
    fetch = [s for s in by_kind(extraction.skills, MOTOR) if s.effect[0] == "key_picked"][0]
    assert len(fetch.program) == 5
    assert fetch.program[-1] == P
    assert not extraction.rejected


def test_shortcut_stays_on_walked_cells():
    """The BFS shortcut only uses cells the trajectory walked: an L-shaped detour is not cut through unwalked cells."""
    level = load_level("classic")
    seg = cut(record(level, [R, R, R, U, U, L, P]))[0]  # (0,0)->(3,0)->(3,2)->(2,2): no loop, only walked cells
    program = compress(seg)
    assert program == (R, R, R, U, U, L, P)
    assert len(program) > len(solve(level)[:5])


def test_verification_checks_programs_against_what_was_observed():
    """Verification uses only the recorded segment (never a simulator): a program that walks into a cell the
    segment was never seen to enter, or ends with an action not seen to cause the effect there, is rejected; the
    compressed program of what was seen passes. (Replaced the old replay-on-a-GridWorld pin, issue 16.)"""
    from procmem_tui.memory.extract import verify

    level = load_level("classic")
    seg = cut(record(level, [U, U, R, R, P, R, O, U, U, R]))[0]
    assert verify(level, seg, compress(seg)) is None
    assert "enters no cell" in verify(level, seg, (R, U, U, R, P))
    assert "not seen to cause" in verify(level, seg, (U, U, R, R, O))


def test_skills_of_a_successful_episode():
    """Three verified segments: three motor skills, three abstract skills — each the segment with its object
    replaced by its role (stood on, beside, moved into) and its last action — one composite of the abstract ids."""
    level = load_level("classic")
    traj = record(level, [a.value for a in solve(level)])
    skills = extract(traj).skills
    motor, abstract, composite = by_kind(skills, MOTOR), by_kind(skills, ABSTRACT), by_kind(skills, COMPOSITE)
    assert [m.effect[0] for m in motor] == ["key_picked", "door_opened", "goal_reached"]
    assert all(m.context and "pos:0,0" in motor[0].preconditions for m in motor)
    assert [a.program for a in abstract] == [("goto:here", "pickup_key"), ("goto:beside", "open_door"), ("goto:ahead",)]
    assert all(a.context == "" for a in abstract)
    assert all(a.preconditions == frozenset() for a in abstract), (
        "no object kind or key-door rule in a precondition: where a role skill applies is the world model's to say")
    assert len(composite) == 1 and composite[0].program == tuple(a.id for a in abstract)
    assert sum(len(m.program) for m in motor) == len(solve(level))


def test_player_provenance():
    """A trajectory in which a person chose any action gives skills with source 'player' and its episode."""
    level = load_level("classic")
    plan = [a.value for a in solve(level)]
    actors = ["agent"] * 3 + ["player"] * (len(plan) - 3)
    skills = extract(record(level, plan, actors, episode=7)).skills
    assert skills and all(s.source == "player" and s.origin_episode == 7 for s in skills)
    agent_only = extract(record(level, plan, episode=8)).skills
    assert all(s.source == "agent" for s in agent_only)


def test_truncated_episode_still_teaches_its_segments_but_no_composite():
    """A failed episode's completed segments (key picked) become skills; without success there is no composite."""
    level = load_level("classic")
    traj = record(level, [U, U, R, R, P] + [L] * 45)
    assert traj.truncated and not traj.success
    skills = extract(traj).skills
    assert {s.effect[0] for s in skills} == {"key_picked"}
    assert not by_kind(skills, COMPOSITE)


def test_admit_generalises_abstract_preconditions_to_the_intersection():
    """The same abstract skill seen from a start with fewer facts: the library intersects its preconditions in
    place (no remove + add: same insertion position, same order of the other skills, statistics summed) and
    admit reports 'generalised'; seen again unchanged, it is 'merged'."""
    from dataclasses import replace

    level = load_level("classic")
    skills = extract(record(level, [a.value for a in solve(level)])).skills
    fetch = [s for s in skills if s.kind == ABSTRACT and s.effect == ("key_picked",)][0]
    library = SkillLibrary(seed=0)
    wider = replace(fetch, preconditions=fetch.preconditions | {"target:extra"}, attempts=2, successes=1)
    assert wider.id == fetch.id, "an abstract skill's id does not depend on its preconditions"
    assert admit(library, [wider], 1)[0][0] == "new"
    admit(library, [s for s in skills if s.id != fetch.id], 1)
    order, position = [s.id for s in library], library.position(fetch.id)
    kind, stored = admit(library, [replace(fetch, attempts=1, successes=1)], 2)[0]
    assert kind == "generalised"
    assert stored.preconditions == fetch.preconditions
    assert (stored.attempts, stored.successes) == (3, 2)
    assert library.get(fetch.id) == stored and library.position(fetch.id) == position
    assert [s.id for s in library] == order
    assert fetch.id not in library.removed_ids()
    assert admit(library, [fetch], 3)[0][0] == "merged"
