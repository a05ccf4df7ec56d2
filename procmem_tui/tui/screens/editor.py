"""The level editor: type or paint a level, see at once whether it can be solved and how, try it, save it.

The screen holds an ``EditHistory`` of immutable ``Draft`` values (``procmem_tui.editing``): every edit
pushes a new draft, ``ctrl+z``/``ctrl+y`` walk the history. After each edit the draft is checked in a worker
(``editor_check.LiveCheck``: the parser's error with its cell or header field highlighted, then the solver's
plan drawn on the grid). Keys typed on the grid are the level file's characters, so typing a file's grid
reproduces it. The headers are a form of their own (``widgets.header_form``); saving follows
``editing.save`` (a valid level to its file, else a draft beside it; built-ins refused).
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Region
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.screen import Screen
from textual.widgets import Label, Static

from procmem_tui.editing import LEVEL_CHARS, Draft, EditHistory, check_draft
from procmem_tui.editing.check import plan_cells
from procmem_tui.editing.save import check_target, needs_confirmation, save, suggested_name, target_of, written_for
from procmem_tui.editing.user_levels import user_levels_dir
from procmem_tui.tui.screens.confirm import ConfirmScreen
from procmem_tui.tui.screens.editor_check import LiveCheck
from procmem_tui.tui.screens.editor_keys import BrushBar, GridTyping
from procmem_tui.tui.screens.editor_dialogs import SaveAsScreen
from procmem_tui.tui.screens.trial import TrialResult, Trials, TrialScreen
from procmem_tui.tui.widgets.edit_grid import EditGrid
from procmem_tui.world.glyphs import path_mark
from procmem_tui.tui.widgets.header_form import HeaderForm
from procmem_tui.tui.widgets.key_bar import KeyBar
from procmem_tui.world import LevelError
from procmem_tui.tui.symbols import ascii_text

KEYS_HELP = ("[b]type[/] # . @ G X a-f A-F · [b]arrows/hjkl[/] move · [b]enter[/] next row · "
             "[b]+/-[/] then an arrow: add/remove a row or column there · [b]click/drag[/] paints the brush")


# the footer's entries, most important first (the least important are left out when the line is too long)
FOOTER_IMPORTANCE = ("leave", "save", "play", "agent(False)", "undo", "form", "toggle_path", "redo", "command_palette",
                     "agent(True)")
FOOTER_LAST = ("leave",)

class EditorScreen(GridTyping, LiveCheck, Screen[Path | None]):
    """Dismisses with the path of the level last saved valid (None if none was)."""

    ALLOW_APP_QUIT = False  # ctrl+q and q leave the editor (asking first), not the whole app
    BINDINGS = [
        Binding("ctrl+s", "save", "save", id="editor-save"),
        Binding("ctrl+z", "undo", "undo", id="editor-undo"),
        Binding("ctrl+y", "redo", "redo", id="editor-redo"),
        Binding("p", "play", "play it", id="editor-play"),
        Binding("t", "agent(False)", "agent", id="editor-agent"),
        Binding("T", "agent(True)", "agent, fresh", id="editor-agent-fresh"),
        Binding("v", "toggle_path", "path", id="editor-path"),
        Binding("i", "form", "headers", id="editor-form"),
        Binding("ctrl+q", "leave", "leave", id="editor-leave", priority=True),
        Binding("escape", "leave", "leave", id="editor-escape", show=False),
    ]
    DEFAULT_CSS = """
    EditorScreen { layout: vertical; }
    #editor-title { height: 1; padding: 0 1; background: $panel; color: $text; text-style: bold; }
    #editor-body { height: 1fr; }
    #editor-left { width: 1fr; height: 1fr; }
    #editor-brush-row { height: 1; padding: 0 1; }
    #editor-brush-row Label { width: auto; }
    #editor-grid-box { border: $panel-edge $primary; border-title-color: $text; height: auto; max-height: 100%; width: 1fr; }
    #editor-grid-box:focus-within { border: $panel-edge $accent; }
    #editor-right { width: 36; height: 1fr; }
    #editor-status { height: auto; max-height: 9; border: $panel-edge $panel-lighten-2; padding: 0 1; }
    #editor-status.-invalid { border: $panel-edge $error; }
    #editor-status.-valid { border: $panel-edge $success; }
    #editor-result { height: auto; border: $panel-edge $panel-lighten-2; padding: 0 1; }
    #editor-keys { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, draft: Draft, target: Path | None = None, trials: Trials | None = None,
                 note: str = "") -> None:
        super().__init__()
        self.history: EditHistory[Draft] = EditHistory(draft)
        self.target = target
        self.trials = trials
        self.note = note
        self.cursor = (0, 0)
        self.brush = "#"
        self.show_path = True
        self.pending_resize: str | None = None  # "+" or "-": the next arrow names the edge
        self.saved_level: Path | None = None
        self.init_check(draft)

    @property
    def draft(self) -> Draft:
        return self.history.current

    @property
    def source(self) -> str:
        return str(self.target) if self.target is not None else f"<{self.draft.name or 'new level'}>"

    # -- layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="editor-title")
        with Horizontal(id="editor-body"):
            with Vertical(id="editor-left"):
                with Horizontal(id="editor-brush-row"):
                    yield Label("brush ")
                    yield BrushBar(id="editor-brushes")
                with ScrollableContainer(id="editor-grid-box", can_focus=False):
                    yield EditGrid(id="editor-grid")
            with Vertical(id="editor-right"):
                yield Static(id="editor-status")
                yield HeaderForm(id="editor-form")
                yield Static(id="editor-result")
                yield Static(KEYS_HELP, id="editor-keys")
        yield KeyBar(importance=FOOTER_IMPORTANCE, last=FOOTER_LAST, id="editor-footer")

    def on_mount(self) -> None:
        self.query_one("#editor-status").border_title = "check"
        self.query_one("#editor-result").border_title = "last try"
        self.query_one("#editor-result", Static).update(self.note or "p: play it yourself · t: the agent")
        self._fill_form()
        self.query_one("#editor-grid", EditGrid).focus()
        self._changed()

    # -- editing ----------------------------------------------------------------------------------

    def edit(self, draft: Draft, *, join: bool = False) -> None:
        """Make ``draft`` the current one (an undo step unless nothing changed) and check it."""
        if self.history.push(draft, join=join):
            self._changed()

    def _changed(self) -> None:
        """An edit happened: redraw at once, and have the worker check the new draft."""
        draft = self.draft
        col, row = self.cursor
        self.cursor = (max(0, min(col, draft.width - 1)), max(0, min(row, draft.height - 1)))
        self.request_check()
        self._show()

    # -- the form ---------------------------------------------------------------------------------

    def _fill_form(self) -> None:
        self.query_one(HeaderForm).fill(self.draft)

    @on(HeaderForm.Changed)
    def _header_changed(self, event: HeaderForm.Changed) -> None:
        """A keystroke in a text field joins the last edit (one undo step a field); a choice is its own step."""
        value = event.value.strip() if event.typed else event.value
        if getattr(self.draft, event.field) == value:
            return
        if not event.typed:
            self.history.end_stroke()
        self.edit(self.draft.with_field(event.field, event.value), join=event.typed)

    @on(HeaderForm.Done)
    def _header_done(self) -> None:
        self.history.end_stroke()
        self.query_one("#editor-grid", EditGrid).focus()

    def action_form(self) -> None:
        self.history.end_stroke()
        self.query_one(HeaderForm).focus_first()

    # -- drawing ----------------------------------------------------------------------------------

    def _show(self) -> None:
        self._show_grid()
        self._show_brushes()
        self._show_status()

    def _show_grid(self) -> None:
        draft, verdict = self.draft, self.verdict
        path = {}
        if self.show_path and verdict.ok and verdict.plan and verdict.draft == draft:
            path = {cell: path_mark(a.value) for cell, a in plan_cells(verdict.level, verdict.plan).items()}
        self.query_one("#editor-grid", EditGrid).show_draft(draft.rows, self.cursor, verdict.cell, path)
        box = self.query_one("#editor-grid-box")
        col, row = self.cursor
        box.border_title = f"{draft.width}x{draft.height}"
        box.border_subtitle = f"cursor {draft.cell_words(self.cursor)} (from 0, y up)"
        grid = self.query_one("#editor-grid", EditGrid)
        if box.size.width:
            box.scroll_to_region(Region(col * grid.cell_width, row, grid.cell_width, 1), animate=False)

    def _show_brushes(self) -> None:
        self.query_one("#editor-brushes", BrushBar).show_draft((LEVEL_CHARS,), (LEVEL_CHARS.index(self.brush), 0))

    def _show_status(self) -> None:
        verdict, draft = self.verdict, self.draft
        dirty = " · modified" if self.history.dirty else ""
        where = str(self.target) if self.target is not None else "not saved yet"
        self.query_one("#editor-title", Static).update(f"editing {draft.name} · {where}{dirty}")
        status = self.query_one("#editor-status", Static)
        # The verdict's colour is a class of the status alone: a class change restyles the node it is set on and
        # everything under it (on the screen, every widget of the editor), so it is set only there, only on change.
        _toggle(status, verdict.error is not None, "-invalid")
        _toggle(status, verdict.ok and verdict.solved, "-valid")
        self.query_one(HeaderForm).mark_error(verdict.field)
        if verdict.error is not None:
            spot = (f"cell {draft.cell_words(verdict.cell)}" if verdict.cell is not None
                    else f"the {verdict.field} header" if verdict.field else "")
            status.update(ascii_text(f"[b red]✗ not valid[/] ({spot})\n{_escape(verdict.message)}"))
        elif not verdict.solved:
            status.update(ascii_text("[b]solving…[/]"))
        else:
            path = "shown" if self.show_path else "hidden"
            status.update(ascii_text("[b green]✓ valid[/]") + f": optimal {len(verdict.plan)} actions\n"
                          f"max_steps {verdict.level.max_steps} · plan {path} (v)")

    def action_toggle_path(self) -> None:
        self.show_path = not self.show_path
        self._show_grid()
        self._show_status()

    # -- history ----------------------------------------------------------------------------------

    def action_undo(self) -> None:
        if self.history.undo() is None:
            self.notify("nothing to undo", timeout=2)
            return
        self._fill_form()
        self._changed()

    def action_redo(self) -> None:
        if self.history.redo() is None:
            self.notify("nothing to redo", timeout=2)
            return
        self._fill_form()
        self._changed()

    # -- saving -----------------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.target is None:
            suggestion = suggested_name(self.draft.name)
            self.app.push_screen(SaveAsScreen(suggestion, str(user_levels_dir())), self._save_as)
            return
        self.save_to(self.target)

    def _save_as(self, answer: str | None) -> None:
        if answer is None:
            return
        path = target_of(answer)
        if needs_confirmation(path):
            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.save_to(path)

            self.app.push_screen(ConfirmScreen(f"{path} exists. Replace it?", "Replace"), confirmed)
            return
        self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Save as ``editing.save`` says (a valid level to ``path``, else its draft). True when written."""
        try:
            check_target(path)
        except LevelError as exc:
            self.notify(exc.message, severity="error", timeout=6)
            return False
        self.target = path  # from now on the messages name this file, as `procmem check` would
        self.drop_pending()
        verdict = self.verdict = check_draft(self.draft, self.source, solve_it=True)
        try:
            saved = save(self.draft.text(), path, verdict.ok)
        except OSError as exc:
            written = written_for(path, verdict.ok)
            self.notify(f"could not save {written}: {exc.strerror or exc}", severity="error", timeout=8)
            return False
        self.history.mark_saved()
        if saved.valid:
            self.saved_level = path
            self.notify(saved.message)
        else:
            self.notify(saved.message, severity="warning", timeout=6)
        self._changed()
        return True

    # -- trying the level -------------------------------------------------------------------------

    def _playable(self):
        verdict = self.finish_check()
        if not verdict.ok:
            self.notify(f"fix the level first: {verdict.error.message}", severity="error", timeout=6)
            return None
        if self.trials is None:
            self.notify("trying levels is not available here", severity="warning")
            return None
        return verdict.level

    def action_play(self) -> None:
        level = self._playable()
        if level is not None:
            self.app.push_screen(TrialScreen(level, self.trials, agent=False), self._tried)

    def action_agent(self, fresh: bool) -> None:
        level = self._playable()
        if level is not None:
            self.app.push_screen(TrialScreen(level, self.trials, agent=True, fresh=fresh), self._tried)

    def _tried(self, result: TrialResult | None) -> None:
        if result is not None:
            self.query_one("#editor-result", Static).update(_escape(result.line()))

    # -- leaving ----------------------------------------------------------------------------------

    def action_leave(self) -> None:
        if not self.history.dirty:
            self.dismiss(self.saved_level)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss(self.saved_level)

        self.app.push_screen(ConfirmScreen("Leave the editor without saving your changes?", "Leave"), confirmed)


def _toggle(widget, on: bool, name: str) -> None:
    if widget.has_class(name) != on:
        widget.set_class(on, name)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
