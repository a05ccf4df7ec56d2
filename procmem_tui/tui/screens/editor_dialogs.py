"""The editor's two small dialogs: where to save (a path or a bare name), and the size of a new level."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from procmem_tui.world.level import MAX_SIDE
from procmem_tui.tui.widgets.key_bar import dialog_keys

MIN_NEW_SIDE = 5
DIALOG_CSS = """
SaveAsScreen, NewLevelScreen { align: center middle; background: $background 70%; }
.editor-dialog { width: 72; max-width: 95%; height: auto; border: $panel-edge $primary; background: $surface; padding: 0 1; }
.editor-dialog Horizontal { height: auto; }
.editor-dialog Label { margin: 1 0 0 0; }
.editor-dialog > Label { width: 1fr; }
#new-width, #new-height { width: 12; }
.editor-dialog Button { margin: 1 1 0 0; }
.editor-dialog Horizontal Button { margin: 0 0 0 2; }
"""


class SaveAsScreen(ModalScreen[str | None]):
    """Asks where to save; dismisses with what was typed (a bare name means the user levels folder) or None."""

    BINDINGS = [Binding("escape", "cancel", "cancel", id="save-cancel")]
    DEFAULT_CSS = DIALOG_CSS

    def __init__(self, suggestion: str, folder: str) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="editor-dialog", id="save-dialog"):
            yield Label(f"Save as: a name (saved in {self.folder}) or a path ending in .txt")
            yield Input(self.suggestion, id="save-path")
            with Horizontal():
                yield Button("Save", variant="primary", id="save-ok")
                yield Button("Cancel", id="save-no")
        yield dialog_keys()

    def on_mount(self) -> None:
        self.query_one("#save-dialog").border_title = "save the level"
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._done(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save-ok":
            self._done(self.query_one(Input).value)
        else:
            self.dismiss(None)

    def _done(self, value: str) -> None:
        if not value.strip():
            self.notify("type a name or a path", severity="warning")
            return
        self.dismiss(value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class NewLevelChoice:
    """An empty level of ``width`` x ``height``, or (``from_shown``) a copy of the level on screen."""

    width: int = 9
    height: int = 7
    from_shown: bool = False


def parse_side(text: str) -> int | None:
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if MIN_NEW_SIDE <= value <= MAX_SIDE else None


class NewLevelScreen(ModalScreen[NewLevelChoice | None]):
    BINDINGS = [Binding("escape", "cancel", "cancel", id="new-cancel")]
    DEFAULT_CSS = DIALOG_CSS

    def __init__(self, width: int = 9, height: int = 7, shown: str | None = None) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.shown = shown  # the name of the level on screen, when there is one to copy

    def compose(self) -> ComposeResult:
        with Vertical(classes="editor-dialog", id="new-dialog"):
            yield Label(f"An empty level (all floor), width x height from {MIN_NEW_SIDE} to {MAX_SIDE}:")
            with Horizontal():
                yield Input(str(self.width), type="integer", id="new-width")
                yield Label(" x ")
                yield Input(str(self.height), type="integer", id="new-height")
                yield Button("Empty level", variant="primary", id="new-empty")
            if self.shown:
                yield Button(f"Copy of {self.shown}", id="new-copy")
        yield dialog_keys()

    def on_mount(self) -> None:
        self.query_one("#new-dialog").border_title = "new level (escape to cancel)"
        self.query_one("#new-width", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._empty()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "new-copy":
            self.dismiss(NewLevelChoice(from_shown=True))
        else:
            self._empty()

    def _empty(self) -> None:
        width = parse_side(self.query_one("#new-width", Input).value)
        height = parse_side(self.query_one("#new-height", Input).value)
        if width is None or height is None:
            self.notify(f"width and height must be whole numbers from {MIN_NEW_SIDE} to {MAX_SIDE}", severity="error")
            return
        self.dismiss(NewLevelChoice(width, height))

    def action_cancel(self) -> None:
        self.dismiss(None)
