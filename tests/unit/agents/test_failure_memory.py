"""The agent remembers what led to a dead end (issue 16, part 4): on a level where the nearer door spends the only
key and leads nowhere (keys consumed, the far side unseen under fog), a lost episode is remembered with the try that
caused it, that memory is kept with the agent's knowledge, the planner no longer spends the key so on that level,
and the level is played optimally by the third episode (a hand-made trap and generated variants); a lost episode
whose goal is still in reach remembers no dead end beyond a key spent."""

from __future__ import annotations

import pytest

from procmem_tui.agents import make_agent
from procmem_tui.agents.effects import Beliefs
from procmem_tui.memory import SkillLibrary
from procmem_tui.memory.failures import Try
from procmem_tui.memory.paths import walk_tree
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import parse_level


def trap(width: int, view: int = 2, mirrored: bool = False) -> str:
    """A corridor with the key at one end; above it the nearer door A opens into a dead-end room, the far door A
    into the room with the goal. Keys are consumed: opening the nearer door leaves nothing for the far one."""
    inner = width - 2
    near, far = 2, inner - 1
    rows = ["#" * width,
            "#" + "".join("G" if x == inner else ("#" if x == 4 else ".") for x in range(1, inner + 1)) + "#",
            "#" + "".join("#" if x == 4 else "." for x in range(1, inner + 1)) + "#",
            "#" + "".join("A" if x in (near, far) else "#" for x in range(1, inner + 1)) + "#",
            "#a" + "." * (inner - 1) + "#",
            "#" * width]
    rows[4] = rows[4][:5] + "@" + rows[4][6:]
    if mirrored:
        rows = [r[::-1] for r in rows]
    head = [f"; name: trap{width}{'m' if mirrored else ''}", "; keys: consumed", "; max_steps: 80", f"; view: {view}"]
    return "\n".join(head + rows) + "\n"


TRAPS = [trap(9), trap(11), trap(9, mirrored=True), trap(12, view=1)]


@pytest.mark.parametrize("text", TRAPS, ids=["trap9", "trap11", "trap9-mirrored", "trap12-view1"])
def test_a_consumed_key_trap_is_played_optimally_by_the_third_episode(text):
    """On each consumed-key trap the agent plays optimally from episode 3; a lost episode, and only that, leaves the
    try that caused it in memory, kept with its knowledge."""
    level = parse_level(text)
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    session = Session(LevelSource.fixed(level), agent)
    summaries = [session.run_episode() for _ in range(5)]
    assert all(s.steps == s.optimal_steps for s in summaries[2:]), [s.steps for s in summaries]
    lost = [s for s in summaries if not s.success]
    remembered = agent.failures.levels.get(agent.fingerprint, {})
    assert bool(lost) == bool(remembered), "a lost episode, and only that, leaves a dead end in memory"
    if remembered:
        assert Try("open_door", "door", "A", ("a",), (2, 2) if "m" not in level.name else (level.width - 3, 2)) in remembered
        assert agent.knowledge()["failures"] == agent.failures.dump()


def test_the_planner_does_not_spend_a_key_where_that_led_to_a_dead_end():
    """Once 'open_door on the nearer door A holding a' led to a dead end here, no plan spends key a on that door
    on this level (the other door A still counts); on another level it is only a doubt (a hope the optimistic
    planner may weigh)."""
    level = parse_level(trap(9, view=0).replace("; view: 0\n", ""))
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    session = Session(LevelSource.fixed(level), agent)
    session.run_episode()
    agent.failures.levels.clear()  # whatever that episode taught about dead ends: start from a clean memory
    state = agent.now._replace(pos=(2, 1), keys=frozenset("a"), opened=frozenset(), taken=frozenset({(1, 1)}))
    spends = [o for o in agent.beliefs.options(state, walk_tree(agent.beliefs.firm, state)[0])
              if o.expectation.outcome.lost]
    assert spends, "the level taught that opening door A spends key a"
    agent.failures.note(agent.fingerprint, [Try("open_door", "door", "A", ("a",), (2, 2))])
    beliefs = agent.beliefs
    left = [o for o in beliefs.options(state, walk_tree(beliefs.firm, state)[0]) if o.expectation.outcome.lost]
    assert [o.cell for o in left] == [(6, 2)], "the nearer door A is no longer spent on; the far one still is"
    elsewhere = Beliefs(agent.model, agent.map, "another level", agent.failures)
    hoped = elsewhere.options(state, walk_tree(elsewhere.firm, state)[0], hoping=True)
    assert all("dead end on 1 other level" in o.expectation.evidence for o in hoped if o.expectation.outcome.lost)


def test_running_out_of_steps_is_not_a_dead_end():
    """Classic with a 12-step limit: the first episodes are lost while the agent explores (it picks up the key and
    opens the door: tries it cannot undo), but nothing it did left the goal out of reach, so nothing is remembered
    as a dead end, and the level is won once there are steps enough for what it learned."""
    text = "; name: classic12\n; max_steps: 12\n..#.G\n.X.A#\n..a..\n.....\n@....\n"
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    session = Session(LevelSource.fixed(parse_level(text)), agent)
    summaries = [session.run_episode() for _ in range(4)]
    assert not summaries[0].success and summaries[-1].success, [s.steps for s in summaries]
    assert agent.failures.levels == {}


@pytest.mark.parametrize("text", TRAPS[:2], ids=["trap9", "trap11"])
def test_after_a_restart_the_trap_is_played_optimally_from_the_first_episode(text):
    """Episode 1 spends the key on the nearer door and is lost; what the agent knows (the dead end among it) is
    handed to a new agent, as a new process restores it from the library: that agent never spends the key there and
    is optimal from its first episode."""
    level = parse_level(text)
    library = SkillLibrary(seed=0)
    agent = make_agent("procmem", seed=0, library=library)
    session = Session(LevelSource.fixed(level), agent)
    lost, won = session.run_episode(), session.run_episode()
    assert not lost.success and won.success
    restarted = make_agent("procmem", seed=0, library=library)
    restarted.restore_knowledge(agent.knowledge())
    again = Session(LevelSource.fixed(level), restarted).run_episode()
    assert again.steps == again.optimal_steps
