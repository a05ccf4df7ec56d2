"""The editor's header form is a widget of its own (``widgets.header_form``): mounted alone it shows a draft's
headers, reports what the person types (``typed``: folded into one undo step by the editor) or chooses, says
when a text field is done, and highlights the field the parser blames."""

from __future__ import annotations

from textual.app import App, ComposeResult

from procmem_tui.editing import Draft
from procmem_tui.tui.widgets.header_form import FIELDS, HeaderForm

CLASSIC = "; name: classic\n; max_steps: 50\n..#.G\n.X.A#\n..a..\n.....\n@....\n"


class FormApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.heard: list = []

    def compose(self) -> ComposeResult:
        yield HeaderForm()

    def on_header_form_changed(self, message: HeaderForm.Changed) -> None:
        self.heard.append((message.field, message.value, message.typed))

    def on_header_form_done(self, message: HeaderForm.Done) -> None:
        self.heard.append("done")


async def test_the_form_shows_a_draft_reports_changes_and_marks_an_error():
    """The header form shows a draft's headers, reports typed text and chosen values (and when a text field is
    done), and highlights only the field blamed, then none."""
    app = FormApp()
    async with app.run_test() as pilot:
        form = app.query_one(HeaderForm)
        draft = Draft.from_text(CLASSIC, "classic")
        form.fill(draft)
        await pilot.pause()
        assert form.query_one("#field-name").value == "classic"
        assert form.query_one("#field-max_steps").value == "50"
        assert form.query_one("#field-doors").value == draft.doors
        app.heard.clear()
        form.focus_first()
        await pilot.press("end", "2", "enter")
        await pilot.pause()
        assert ("name", "classic2", True) in app.heard and app.heard[-1] == "done"
        form.query_one("#field-keys").value = "consumed"
        await pilot.pause()
        assert ("keys", "consumed", False) in app.heard
        form.mark_error("max_steps")
        assert [f for f in FIELDS if form.query_one(f"#field-{f}").has_class("-error")] == ["max_steps"]
        form.mark_error(None)
        assert not any(form.query_one(f"#field-{f}").has_class("-error") for f in FIELDS)
