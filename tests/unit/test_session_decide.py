"""Session.decide / Session.take (the app's autoplay decides in a thread): deciding then taking plays the very
steps agent_step plays; a decision made before the session moved on is dropped; a call that touches the agent
waits for a decision under way."""

from __future__ import annotations

import threading
import time

from procmem_tui.agents import make_agent
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level


def _session() -> Session:
    return Session(LevelSource.fixed(load_level("two_doors")), make_agent("procmem", library=SkillLibrary()))


def test_decide_then_take_plays_what_agent_step_plays():
    """Two fresh sessions, one stepped by agent_step and one by decide + take, take the same actions."""
    stepped, split = _session(), _session()
    while not stepped.done:
        stepped.agent_step()
    while not split.done:
        assert split.take(*split.decide()) is not None
    assert [t.action for t in split.transitions] == [t.action for t in stepped.transitions]


def test_a_decision_made_before_a_restart_or_a_persons_step_is_dropped():
    """take returns None (and takes no step) for a decision made on an observation the session moved on from."""
    session = _session()
    made = session.decide()
    session.restart()
    assert session.take(*made) is None and session.state.steps == 0
    made = session.decide()
    session.player_step("move_up")
    assert session.take(*made) is None and session.state.steps == 1


def test_a_restart_waits_for_a_decision_under_way_in_another_thread():
    """While the agent decides in a thread, restart (which touches the agent) starts only once it has answered."""
    session = _session()
    act, order = session.agent.act, []

    def slow_act(observation):
        time.sleep(0.2)
        order.append("decided")
        return act(observation)

    session.agent.act = slow_act
    thread = threading.Thread(target=session.decide)
    thread.start()
    time.sleep(0.05)
    session.restart()
    order.append("restarted")
    thread.join()
    assert order == ["decided", "restarted"]
