"""The editor's trial asks the agent in a thread (procmem_tui/tui/thinking.py), as autoplay does: escape leaves the
trial while the agent thinks, the decision made meanwhile is never taken, and the agent plays the steps a headless
session plays, in the same order."""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager

import pytest
from editor_helpers import settle
from tui_helpers import think_until, until

from procmem_tui.agents import make_agent
from procmem_tui.commands.edit import open_draft
from procmem_tui.tui.editing import EditorApp
from procmem_tui.tui.screens import trial as trial_screen
from procmem_tui.tui.screens.trial import Trials, TrialScreen
from procmem_tui.world import load_level


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


class SlowAgents:
    """An agent factory whose agents' first ``act`` takes its time (``think_until``, as a long plan does) until
    ``release`` is set; ``started`` and ``returned`` say where that decision is, ``events`` when episodes began."""

    def __init__(self) -> None:
        self.release, self.started, self.returned = threading.Event(), threading.Event(), threading.Event()
        self.events: list[str] = []  # "begin" when an agent begins an episode, "returned" when the slow act ends

    def __call__(self, name, **kwargs):
        agent = make_agent(name, **kwargs)
        act = agent.act

        def slow_act(observation):
            if self.started.is_set():
                return act(observation)
            self.started.set()
            think_until(self.release)
            try:
                return act(observation)
            finally:
                self.events.append("returned")
                self.returned.set()

        agent.act = slow_act
        begin = agent.begin_episode

        def noted_begin(*args, **kwargs):
            self.events.append("begin")
            return begin(*args, **kwargs)

        agent.begin_episode = noted_begin
        return agent


async def try_with_agent(pilot, app) -> TrialScreen:
    """Press T and return the trial screen it pushes. It is caught as it is pushed: under load the editor's level
    check can hold the push past a pause, and a whole try can be over before a poll would see its screen."""
    pushed = []
    push_screen = app.push_screen

    def recorded_push(screen, *args, **kwargs):
        pushed.append(screen)
        return push_screen(screen, *args, **kwargs)

    app.push_screen = recorded_push
    await pilot.press("T")
    await until(pilot, lambda: pushed, tries=3000)
    trial, = pushed
    assert isinstance(trial, TrialScreen)
    return trial


@asynccontextmanager
async def thinking_trial():
    """An editor on classic whose agent tries it (T) and is held in its first, slow decision: yields the agent
    factory, the app and its pilot; the decision is let go at the end whatever the test did."""
    agents = SlowAgents()
    draft, target, note = open_draft("classic", (9, 7))
    app = EditorApp(draft, target, Trials(agents), note)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            await pilot.press("T")
            await until(pilot, agents.started.is_set)
            yield agents, app, pilot
    finally:
        agents.release.set()


async def test_escape_leaves_the_trial_while_the_agent_thinks_and_its_decision_is_never_taken():
    """During a slow decision, escape is back in the editor before the agent has answered (on the event loop it
    waited for the answer); the decision, done later, is not taken: the trial stopped after 0 steps."""
    async with thinking_trial() as (agents, app, pilot):
        trial = app.screen
        assert isinstance(trial, TrialScreen) and not agents.returned.is_set()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.editor and not agents.returned.is_set()
        agents.release.set()
        await until(pilot, agents.returned.is_set)
        await pilot.pause(0.1)
        assert trial.session.state.steps == 0
        assert "stopped after 0 steps" in str(app.editor.query_one("#editor-result").render())


async def test_the_trial_plays_the_steps_a_headless_session_plays():
    """The agent's trial, a decision per tick in the thread, plays the same actions in the same order as the same
    fresh agent in a headless session on the same level."""
    draft, target, note = open_draft("classic", (9, 7))
    trials = Trials(make_agent)
    app = EditorApp(draft, target, trials, note)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        trial = await try_with_agent(pilot, app)
        await until(pilot, lambda: app.screen is app.editor, tries=3000)
        played = [t.action for t in trial.session.transitions]
        level = trial.level
    headless = trials.session(level, fresh=True)
    headless.run_episode(advance=False)
    assert played and played == [t.action for t in headless.transitions]


async def test_a_new_trial_waits_for_the_decision_a_left_trial_is_still_making():
    """T, escape while the agent thinks, T again: the new try's agent begins its episode only after the left try's
    decision is done (every try's session shares one lock), never while that decision may still read the library."""
    async with thinking_trial() as (agents, app, pilot):
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.editor and not agents.returned.is_set()
        threading.Timer(0.3, agents.release.set).start()
        await pilot.press("T")
        await until(pilot, lambda: app.screen is app.editor)
        assert agents.events == ["begin", "returned", "begin"]


def test_every_try_of_an_editor_shares_the_lock_it_was_given():
    """The app's tries share the app session's lock (its agent reads the same library); each session of a try uses
    it, a fresh library's try too."""
    lock = threading.RLock()
    trials = Trials(make_agent, lock=lock)
    level = load_level("classic")
    assert trials.session(level, fresh=False).exclusive() is lock
    assert trials.session(level, fresh=True).exclusive() is lock


async def test_a_tick_after_a_decision_is_done_takes_it_and_asks_for_no_other(monkeypatch):
    """A tick that comes when the agent's decision is done but its message not handled yet takes that decision:
    starting another asked the agent twice for one observation, and the trial then played other steps than a
    headless session (now and then, as the two raced)."""
    asked = []

    def counting(name, **kwargs):
        agent = make_agent(name, **kwargs)
        act = agent.act

        def counted(observation):
            asked.append(observation)
            return act(observation)

        agent.act = counted
        return agent

    monkeypatch.setattr(trial_screen, "AGENT_SPEED", 0.01)  # its own ticks never come: the test ticks it
    draft, target, note = open_draft("classic", (9, 7))
    app = EditorApp(draft, target, Trials(counting), note)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        trial = await try_with_agent(pilot, app)
        await until(pilot, lambda: trial._timer is not None, tries=3000)
        trial._timer.stop()
        await until(pilot, lambda: not trial.thinking.busy)
        trial.thinking.done = lambda worker: None  # the decision's message is not handled yet
        steps = trial.session.state.steps
        ticket = trial.thinking.start(trial.session) if trial.thinking.ticket is None else trial.thinking.ticket
        await until(pilot, ticket.ready.is_set)
        before = len(asked)
        trial._agent_step()
        assert trial.session.state.steps == steps + 1 and trial.thinking.ticket is None
        await pilot.pause(0.1)
        assert len(asked) == before
