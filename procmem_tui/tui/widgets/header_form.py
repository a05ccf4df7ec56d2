"""The level editor's header form: name, description, max_steps, view, doors, opens and keys, one row each.

It shows a draft's headers (``fill``), marks the field the parser blames (``mark_error``), and tells its screen
what the person changed (``HeaderForm.Changed``: the field and its new text; ``typed`` for a keystroke in a
text field, which the editor folds into one undo step) and when they are done with a text field (``Done``).
It knows nothing of drafts' rules beyond the values a select offers.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select

from procmem_tui.editing.draft import DOOR_RULES, KEY_RULES

TEXT_FIELDS = ("name", "description", "max_steps", "view")
HINTS = {"view": "all (or a radius N)", "opens": "e.g. aB bC cA"}
CHOICES = {"doors": DOOR_RULES, "keys": KEY_RULES}
FIELDS = (*TEXT_FIELDS, "doors", "opens", "keys")  # in the form's order (opens: key–door pairs, instead of doors)


class HeaderForm(Vertical):
    """The form; its fields are ``#field-<name>``."""

    DEFAULT_CSS = """
    HeaderForm { height: auto; border: round $panel-lighten-2; padding: 0 1; }
    HeaderForm Horizontal { height: 1; }
    HeaderForm Label { width: 12; }
    HeaderForm Input, HeaderForm Select { width: 1fr; }
    HeaderForm .-error { background: $error 40%; }
    """

    class Changed(Message):
        def __init__(self, field: str, value: str, typed: bool) -> None:
            super().__init__()
            self.field, self.value, self.typed = field, value, typed

    class Done(Message):
        """Enter in a text field: back to the grid."""

    def compose(self) -> ComposeResult:
        for field in FIELDS:
            with Horizontal():
                yield Label(field)
                if field in CHOICES:
                    yield Select([(r, r) for r in CHOICES[field]], allow_blank=False, compact=True, id=f"field-{field}")
                else:
                    yield Input(id=f"field-{field}", compact=True, placeholder=HINTS.get(field, ""))

    def on_mount(self) -> None:
        self.border_title = "headers (i, tab)"

    def fill(self, draft) -> None:
        """Show ``draft``'s headers (only the fields whose text differs change)."""
        for field in FIELDS:
            value = getattr(draft, field)
            if field in CHOICES:
                select = self.query_one(f"#field-{field}", Select)
                if value not in CHOICES[field]:  # a value the parser will refuse: offer it so it shows
                    select.set_options([(r, r) for r in (*CHOICES[field], value)])
                if select.value != value:
                    select.value = value
            else:
                text = self.query_one(f"#field-{field}", Input)
                if text.value != value:
                    text.value = value

    def mark_error(self, field: str | None) -> None:
        """Highlight ``field`` (None: none)."""
        for name in FIELDS:
            widget = self.query_one(f"#field-{name}")
            if widget.has_class("-error") != (name == field):
                widget.set_class(name == field, "-error")

    def focus_first(self) -> None:
        self.query_one("#field-name", Input).focus()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.input.id.removeprefix("field-"), event.value, typed=True))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            self.post_message(self.Changed(event.select.id.removeprefix("field-"), event.value, typed=False))
