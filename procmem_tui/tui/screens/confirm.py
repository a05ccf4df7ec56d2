"""A yes/no dialog; dismisses with True or False."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label
from procmem_tui.tui.widgets.key_bar import dialog_keys


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [Binding("escape,n", "cancel", "cancel", id="confirm-cancel"),
                Binding("y", "confirm", "yes", id="confirm-yes")]

    def __init__(self, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question, id="question")
            with Horizontal(id="buttons"):
                yield Button(self.yes, variant="error", id="yes")
                yield Button("Cancel", variant="primary", id="no")
        yield dialog_keys()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_confirm(self) -> None:
        self.dismiss(True)


class QuitScreen(ConfirmScreen):
    """``q`` during a game: asks first; ``q`` (or ``y``) again quits, Esc or ``n`` goes back to the game."""

    BINDINGS = [Binding("q", "confirm", "quit", id="quit-again"),
                Binding("y", "confirm", "quit", show=False, id="quit-yes")]

    def __init__(self) -> None:
        super().__init__("Quit? The episode you are playing is not finished: it will not be recorded and "
                         "teaches no skill, but what the agent learned about the world in it is kept.\n"
                         "q or y quits, Esc or n goes back.", "Quit")
