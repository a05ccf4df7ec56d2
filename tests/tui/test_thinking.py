"""Autoplay's decisions run in a thread (procmem_tui/tui/thinking.py): keys act while the agent thinks, a pause
holds the decision made meanwhile for the agent's next step, and the agent is asked once per step."""

from __future__ import annotations

import threading

from procmem_tui.tui.app import PAUSED
from procmem_tui.tui.screens.help import HelpScreen
from tui_helpers import SIZE, build_app, think_until, until


def _slow(app, release: threading.Event, calls: list) -> None:
    """The agent's ``act`` takes its time (``think_until``, as a long plan does) until ``release`` is set."""
    act = app.session.agent.act

    def slow_act(observation):
        calls.append(observation)
        think_until(release)
        return act(observation)

    app.session.agent.act = slow_act


async def _autoplay_thinking(app, pilot) -> tuple[threading.Event, list]:
    """Autoplay started with a slow agent; returns once its first decision is under way (``release`` ends it)."""
    release, calls = threading.Event(), []
    _slow(app, release, calls)
    await pilot.press("space")
    await until(pilot, lambda: app.thinking.busy)
    return release, calls


async def test_keys_act_while_the_agent_thinks_and_a_pause_keeps_its_decision():
    """While a slow decision is under way, ? opens the help screen and space pauses (nothing is stepped yet);
    the decision done after the pause is not taken until n, which takes it without asking the agent again."""
    app = build_app("--level", "maze", "--speed", "60")
    async with app.run_test(size=SIZE) as pilot:
        release, calls = await _autoplay_thinking(app, pilot)
        assert app.thinking.busy and app.session.state.steps == 0
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen) and app.thinking.busy
        await pilot.press("escape", "space")
        assert app.play_mode == PAUSED and app.thinking.busy
        release.set()
        await until(pilot, lambda: not app.thinking.busy)
        await pilot.pause(0.1)
        assert app.session.state.steps == 0 and len(calls) == 1
        await pilot.press("n")
        assert app.session.state.steps == 1 and len(calls) == 1
        assert app.session.transitions[-1].actor == "agent"


async def test_a_restart_while_the_agent_thinks_drops_its_decision():
    """r during a decision waits for it, restarts the episode, and the decision (made on the old episode's
    observation) is never taken: autoplay goes on from the new start."""
    app = build_app("--level", "maze", "--speed", "60")
    async with app.run_test(size=SIZE) as pilot:
        release, calls = await _autoplay_thinking(app, pilot)
        first = app.session.seen
        threading.Timer(0.2, release.set).start()
        app.action_restart()
        assert app.session.state.steps == 0 and app.session.seen is not first
        await until(pilot, lambda: app.session.state.steps >= 3)
        await pilot.press("space")
        await until(pilot, lambda: not app.thinking.busy)
        assert sum(seen is first for seen in calls) == 1 and app.session.state.steps >= 3
        held = app.thinking.ticket is not None  # a decision done after the pause: not taken yet
        assert app.session.state.steps == len(calls) - 1 - held  # every decision since the restart, none before


async def test_an_error_in_the_agent_s_thread_ends_the_app_as_on_the_event_loop(tmp_path, monkeypatch):
    """An exception the agent raises while deciding in the thread is raised again on the event loop: the app ends
    with it as its failure (the CLI's error boundary reports it), as when autoplay decided on the loop."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))  # where a crash report goes
    app = build_app("--level", "maze", "--speed", "60")
    try:
        async with app.run_test(size=SIZE) as pilot:
            def broken(observation):
                raise RuntimeError("the agent broke")

            app.session.agent.act = broken
            await pilot.press("space")
            await until(pilot, lambda: app.failure is not None)
    except RuntimeError:
        pass  # Pilot re-raises what ended the app, as Textual does
    assert isinstance(app.failure, RuntimeError) and str(app.failure) == "the agent broke"
    assert app.return_code == 1
