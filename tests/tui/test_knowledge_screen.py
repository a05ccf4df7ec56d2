"""The "what it knows" screen (f, or the palette): skills and the learned world model side by side; empty before the
agent has acted, a learned line with its evidence after it plays, read again when an episode ends while it is open;
j/k move through the lines; esc closes. The snapshot is the screen at 80x24 after a person won classic by the keys
(what the agent's decisions would do is left out of the picture: it changes with them)."""

from __future__ import annotations

from procmem_tui.tui.screens.knowledge import POLL_SECONDS, KnowledgeScreen
from tui_helpers import build_app, clear_toasts, win_by_keys

PICKUP = "pickup_key standing on a key: gone, key of its own letter gained, reward +1"


def _texts(screen, list_id: str) -> list[str]:
    widget = screen.query_one(list_id)
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


async def test_it_opens_empty_then_shows_what_the_agent_learned_after_an_episode():
    """f opens the screen empty; an episode played while it is open shows what was learned with its evidence, and
    skills; j and G move through the lines; escape closes it."""
    app = build_app("--level", "classic")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, KnowledgeScreen)
        assert "nothing learned yet" in _texts(screen, "#knowledge-model")[0]
        assert "no skills yet" in _texts(screen, "#knowledge-skills")[0]
        app.session.run_episode()  # the agent plays while the screen is open
        await pilot.pause(POLL_SECONDS * 3)
        model = _texts(screen, "#knowledge-model")
        assert any(text.startswith(PICKUP) and "(seen 1×, this level only)" in text for text in model)
        assert "keys" in model and len(_texts(screen, "#knowledge-skills")) > 1
        widget = screen.query_one("#knowledge-model")
        before = widget.highlighted
        await pilot.press("j", "j")
        assert widget.highlighted != before
        await pilot.press("G")
        assert widget.highlighted == widget.option_count - 1
        await pilot.press("escape")
        assert app.screen is app.main


async def test_the_palette_offers_it():
    """The command palette lists the screen by its words; and the keys an 80-column footer leaves out, so that
    the words a newcomer types find them ("help" found nothing), each run as its key runs it."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        from procmem_tui.tui.palette import ProcmemCommands, word_match
        from procmem_tui.tui.screens.help import HelpScreen

        commands = {title: run for title, run, _ in ProcmemCommands(app.screen)._commands()}
        assert "What it knows: skills and world model" in commands
        for words in ("help", "restart", "new layout", "skill details", "replay", "curves", "why"):
            assert [title for title in commands if word_match(words, title)], words
        await commands["Help: keys, glyphs and what to do"]()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_knowledge_screen_at_80x24(snap_compare):
    """The screen at 80x24 after a win by keys looks as recorded."""
    app = build_app("--level", "classic")

    async def play_then_open(pilot):
        await win_by_keys(app, pilot)
        clear_toasts(app)
        await pilot.press("f")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=play_then_open)


async def test_the_dead_ends_it_remembers_are_listed_under_the_model():
    """As `procmem knowledge` does, the screen lists the tries remembered as dead ends on the level played (a
    step it could not undo, then the episode lost), under their own heading after the model's lines; none
    remembered, no heading."""
    from procmem_tui.memory.failures import Try
    from procmem_tui.tui.screens.knowledge import DEAD_ENDS

    app = build_app("--level", "classic")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        screen = app.screen
        assert DEAD_ENDS not in _texts(screen, "#knowledge-model")
        agent = app.session.agent
        agent.failures.note(agent.level_id, [Try("open_door", "door", "A", ("a",), (2, 2))])
        screen.refresh_lists()
        model = _texts(screen, "#knowledge-model")
        at = model.index(DEAD_ENDS)
        assert model[at + 1].startswith("open_door on door A holding") and "led to a dead end 1×" in model[at + 1]
