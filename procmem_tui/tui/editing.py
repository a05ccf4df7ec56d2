"""Opening the level editor: from the app (map picker, command palette) and as ``procmem edit``'s own app.

In the app, the editor's tries use the app's agent kind and skill library (and its store, so what the agent
learns is kept); leaving after a valid save switches the game to the saved level. ``EditorApp`` is the same
editor alone, for ``procmem edit``: leaving it ends the program.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from procmem_tui.editing import Draft
from procmem_tui.tui.ascii_look import AsciiLook
from procmem_tui.tui.messages import LevelChosen
from procmem_tui.tui.screens.editor import EditorScreen
from procmem_tui.tui.screens.editor_dialogs import NewLevelChoice, NewLevelScreen
from procmem_tui.tui.screens.trial import Trials
from procmem_tui.tui.theme import HIGH_CONTRAST
from procmem_tui.world import Level, format_level


def draft_of(level: Level) -> tuple[Draft, Path | None]:
    """A draft of ``level``, and the file it saves to: its own file when it has one, else none (a copy)."""
    source = Path(level.source)
    if not level.source.startswith("<") and source.is_file():
        return Draft.from_text(format_level(level), level.name), source
    return Draft.from_text(format_level(level), level.name).with_field("name", f"{level.name}_copy"), None


def app_trials(app) -> Trials:
    from procmem_tui.agents import make_agent

    def learned() -> None:
        if app.view is not None:
            app.show_skills()

    return Trials(app.agent_factory or make_agent, library=app.session.agent.library, store=app.store,
                  agent_name=app.agent_name, seed=app.seed, on_learned=learned, lock=app.session.exclusive(),
                  recorder=app.saver)


def open_editor(app, draft: Draft, target: Path | None = None, note: str = "") -> None:
    def left(saved: Path | None) -> None:
        if saved is not None:
            app.choose_level(LevelChosen(level=str(saved)))

    app.push_screen(EditorScreen(draft, target, app_trials(app), note), left)


def edit_shown(app) -> None:
    """The level on screen: its own file when it has one, else a copy."""
    level = app.session.level
    draft, target = draft_of(level)
    note = "" if target is not None else f"a copy of {level.name}: ctrl+s asks where to save it"
    open_editor(app, draft, target, note)


def new_level(app) -> None:
    level = app.session.level

    def chosen(choice: NewLevelChoice | None) -> None:
        if choice is None:
            return
        if choice.from_shown:
            edit_shown(app)
        else:
            open_editor(app, Draft.empty(choice.width, choice.height))

    app.push_screen(NewLevelScreen(shown=level.name), chosen)


class EditorApp(AsciiLook, App):
    """``procmem edit``: the editor alone, with the game's colours; its result is the path last saved valid."""

    TITLE = "procmem edit"
    CSS_PATH = "app.tcss"

    def __init__(self, draft: Draft, target: Path | None, trials: Trials | None, note: str = "") -> None:
        super().__init__()
        self.editor = EditorScreen(draft, target, trials, note)

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.push_screen(self.editor, self.exit)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit" and not getattr(self.screen, "ALLOW_APP_QUIT", True):
            return False
        return True
