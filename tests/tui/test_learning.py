"""Learning from the player, step mode, take-over mid-skill, clearing the library, the episode flow."""

from __future__ import annotations

from procmem_tui.tui.app import AUTO, MANUAL, STEP
from procmem_tui.tui.screens.confirm import ConfirmScreen
from procmem_tui.tui.screens.skill import SkillScreen
from procmem_tui.tui.widgets.event_log import EventLog
from procmem_tui.tui.widgets.skills import SkillsTable
from tui_helpers import SIZE, build_app, win_by_keys


async def test_a_manual_win_makes_you_skills_that_the_agent_then_runs(app):
    """A win by keys makes skills marked you (new, stored at once as the player's, the log says so), and in the next
    episode the agent runs one of them to the goal."""
    async with app.run_test(size=SIZE) as pilot:
        await win_by_keys(app, pilot)
        table = app.main.query_one(SkillsTable)
        mine = [sid for sid in table.order if table.values(sid)["source"] == "you"]
        assert mine, "the player's win produced no skill marked 'you'"
        assert all(table.values(sid)["state"] == "✦ new" for sid in mine)
        assert any(line.startswith("✓ ep 1 you won in") for line in app.main.query_one(EventLog).history)
        # stored at once, as the player's
        stored = app.store.load_library()
        assert {s.id for s in stored if s.source == "player"} >= set(mine)
        # the next key starts episode 2; the agent then runs one of the player's skills
        await pilot.press("n")
        assert app.session.episode == 2 and app.session.state.steps == 0
        used = set()
        while not app.session.done:
            await pilot.press("n")
            decision = app.session.last_decision
            if decision is not None and decision.skill_id is not None:
                used.add(decision.skill_id)
        assert used & set(mine), "the agent never ran a skill learned from the player"
        assert app.session.finished.success


async def test_step_mode_advances_exactly_one_action_per_n():
    """In step mode every n takes exactly one action, recorded as one transition."""
    app = build_app("--level", "maze")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        for expected in range(2, 12):
            await pilot.press("n")
            await pilot.pause(0.05)
            assert app.session.state.steps == expected == len(app.session.transitions)
        assert app.play_mode == STEP


async def test_taking_over_mid_skill_drops_the_skill_at_once(app):
    """A move key while the agent is inside a multi-step skill is the player's step at once: manual mode, the skill
    no longer marked running, the log says the player took over."""
    async with app.run_test(size=SIZE) as pilot:
        await win_by_keys(app, pilot)
        await pilot.press("n")  # episode 2
        table = app.main.query_one(SkillsTable)
        while True:
            await pilot.press("n")
            decision = app.session.last_decision
            if decision.skill_id and decision.progress and decision.progress[0] < decision.progress[1]:
                break
            assert not app.session.done, "the agent never ran a multi-step skill"
        running = decision.skill_id
        assert table.values(running)["state"].startswith("▶")
        steps = app.session.state.steps
        await pilot.press("left")
        assert app.play_mode == MANUAL
        assert app.session.state.steps == steps + 1
        assert app.session.transitions[-1].actor == "player" and app.session.last_decision is None
        assert not table.values(running)["state"].startswith("▶")
        assert any("took over" in line for line in app.main.query_one(EventLog).history)


async def test_autoplay_starts_the_next_episode_by_itself():
    """With --autoplay the next episode starts by itself after a short pause; every episode of the planner is
    optimal."""
    app = build_app("--agent", "planner", "--autoplay", "--speed", "60", episode_pause=0.05)
    async with app.run_test(size=SIZE) as pilot:
        assert app.play_mode == AUTO
        for _ in range(40):
            await pilot.pause(0.1)
            if len(app.session.history) >= 2:
                break
        assert len(app.session.history) >= 2
        assert all(s.success and s.steps == s.optimal_steps for s in app.session.history)
        assert app.session.episode >= 3 or app.session.done


async def test_clearing_the_library_asks_first_then_forgets_everything(app):
    """Clearing the library asks first (escape keeps the skills); yes empties the store, the agent's library and the
    skills table."""
    async with app.run_test(size=SIZE) as pilot:
        await win_by_keys(app, pilot)
        assert app.store.skill_count() > 0
        app.action_clear_library()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # cancel keeps them
        assert app.store.skill_count() > 0
        app.action_clear_library()
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert app.saver.wait(5)  # the store is cleared in the saver's thread, in turn
        assert app.store.skill_count() == 0 and len(app.session.agent.library) == 0
        assert app.main.query_one(SkillsTable).order == []


async def test_clicking_a_skill_row_opens_its_details_with_program_effect_and_neighbours(app):
    """After a win, a click on the skills table's first row opens that skill's details: its name, its program
    step by step and its nearest skills."""
    async with app.run_test(size=SIZE) as pilot:
        await win_by_keys(app, pilot)
        table = app.main.query_one(SkillsTable)
        await pilot.click(SkillsTable, offset=(12, 2))  # border, header, then the first row
        await pilot.pause()
        assert isinstance(app.screen, SkillScreen)
        assert app.screen.skill_id == table.order[0]
        text = str(app.screen.query_one("#skill-detail").render())
        skill = app.session.agent.library.get(table.order[0])
        assert skill.name in text and "program" in text and "nearest skills" in text
        assert all(step in text for step in skill.program)


async def test_the_skill_details_show_what_the_world_model_learned(app):
    """After a win, the details of the abstract 'open a door' skill show what its action (open_door) was seen to
    do, by what was held ("beside door A, holding a: opened … (1×, this level)")."""
    async with app.run_test(size=SIZE) as pilot:
        await win_by_keys(app, pilot)
        door = next(s for s in app.session.agent.library if s.kind == "abstract" and s.effect == ("door_opened",))
        app.action_skills(door.id)
        await pilot.pause()
        text = str(app.screen.query_one("#skill-detail").render())
        assert "learned about open_door" in text
        assert "beside door A, holding a: opened, reward +2 (1×, this level)" in text
