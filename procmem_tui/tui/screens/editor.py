"""The level editor: type or paint a level, see at once whether it can be solved and how, try it, save it.

The screen holds an ``EditHistory`` of immutable ``Draft`` values (``procmem_tui.editing``): every edit
pushes a new draft, ``ctrl+z``/``ctrl+y`` walk the history. After each edit the draft is parsed
(the parser's own ``LevelError``, with its cell or header field highlighted); a valid structure then goes
to the solver, whose plan is drawn on the grid. Both run in a thread worker, so a key only places a cell and
redraws: one check runs at a time, edits made meanwhile wait, only the newest is checked next, and an answer
for an older draft is dropped, so a burst of typing on a 64x64 level costs one solve, not one per key.
Keys typed on the grid are the level file's characters, so typing a file's grid reproduces it.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Region
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static

from procmem_tui.editing import LEVEL_CHARS, Draft, EditHistory, Verdict, check_draft
from procmem_tui.editing.check import plan_cells
from procmem_tui.editing.draft import DOOR_RULES, KEY_RULES
from procmem_tui.editing.user_levels import (
    draft_path, path_for, refuse_builtin, user_levels_dir, write_atomically,
)
from procmem_tui.tui.screens.confirm import ConfirmScreen
from procmem_tui.tui.screens.editor_dialogs import SaveAsScreen
from procmem_tui.tui.screens.trial import TrialResult, Trials, TrialScreen
from procmem_tui.tui.widgets.edit_grid import EditGrid
from procmem_tui.tui.widgets.grid import ACT_MARK, PATH_MARKS
from procmem_tui.tui.widgets.key_bar import KeyBar
from procmem_tui.world import LevelError

MOVE_KEYS = {"up": (0, -1), "down": (0, 1), "left": (-1, 0), "right": (1, 0),
             "k": (0, -1), "j": (0, 1), "h": (-1, 0), "l": (1, 0)}
KEYS_HELP = ("[b]type[/] # . @ G X a-f A-F · [b]arrows/hjkl[/] move · [b]enter[/] next row · "
             "[b]+/-[/] then an arrow: add/remove a row or column there · [b]click/drag[/] paints the brush")
EDGES = {"up": "top", "down": "bottom", "left": "left", "right": "right"}


FIELD_HINTS = {"view": "all (or a radius N)"}
# the footer's entries, most important first (the least important are left out when the line is too long)
FOOTER_IMPORTANCE = ("leave", "save", "play", "agent(False)", "undo", "form", "toggle_path", "redo", "command_palette",
                     "agent(True)")
FOOTER_LAST = ("leave",)

class BrushBar(EditGrid, can_focus=False):
    """The mouse's brushes, drawn by the grid itself: one cell per level character, the chosen one marked."""


class EditorScreen(Screen[Path | None]):
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
    #editor-grid-box { border: round $primary; border-title-color: $text; height: auto; max-height: 100%; width: 1fr; }
    #editor-grid-box:focus-within { border: round $accent; }
    #editor-right { width: 36; height: 1fr; }
    #editor-status { height: auto; max-height: 9; border: round $panel-lighten-2; padding: 0 1; }
    EditorScreen.-invalid #editor-status { border: round $error; }
    EditorScreen.-valid #editor-status { border: round $success; }
    #editor-form { height: auto; border: round $panel-lighten-2; padding: 0 1; }
    #editor-form Horizontal { height: 1; }
    #editor-form Label { width: 12; }
    #editor-form Input, #editor-form Select { width: 1fr; }
    #editor-form .-error { background: $error 40%; }
    #editor-result { height: auto; border: round $panel-lighten-2; padding: 0 1; }
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
        self.verdict = Verdict(draft)  # the last answer of the worker (or of finish_check)
        self.saved_level: Path | None = None
        self._generation = 0  # the edit count: a solver answer for an older draft is dropped
        self._solving = False
        self._wanted: tuple[Draft, str, int] | None = None  # the draft to solve once the solver is free

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
                with Vertical(id="editor-form"):
                    for field, label in (("name", "name"), ("description", "description"), ("max_steps", "max_steps"),
                                         ("view", "view")):
                        with Horizontal():
                            yield Label(label)
                            yield Input(id=f"field-{field}", compact=True, placeholder=FIELD_HINTS.get(field, ""))
                    with Horizontal():
                        yield Label("doors")
                        yield Select([(r, r) for r in DOOR_RULES], allow_blank=False, compact=True, id="field-doors")
                    with Horizontal():
                        yield Label("opens")  # key–door pairs, instead of a doors rule
                        yield Input(id="field-opens", compact=True, placeholder="e.g. aB bC cA")
                    with Horizontal():
                        yield Label("keys")
                        yield Select([(r, r) for r in KEY_RULES], allow_blank=False, compact=True, id="field-keys")
                yield Static(id="editor-result")
                yield Static(KEYS_HELP, id="editor-keys")
        yield KeyBar(importance=FOOTER_IMPORTANCE, last=FOOTER_LAST, id="editor-footer")

    def on_mount(self) -> None:
        self.query_one("#editor-form").border_title = "headers (i, tab)"
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
        self._generation += 1
        self._wanted = (draft, self.source, self._generation)
        if not self._solving:
            self._start_check()
        self._show()

    @property
    def checked(self) -> bool:
        """True once the verdict on screen is the final one for the current draft."""
        return self.verdict.solved and self.verdict.draft == self.draft

    def _start_check(self) -> None:
        """One worker at a time; edits made meanwhile wait, and only the newest is checked next."""
        wanted, self._wanted = self._wanted, None
        self._solving = True
        self._check(*wanted)

    @work(thread=True, exclusive=True, group="check")
    def _check(self, draft: Draft, source: str, generation: int) -> None:
        """Parse (an error is shown at once), then solve; each answer goes back to the UI thread."""
        verdict = None
        try:
            verdict = check_draft(draft, source, solve_it=False)
            if verdict.ok:
                self.app.call_from_thread(self._answer, verdict, generation, False)
                if self._wanted is None:  # else a newer draft is waiting: do not solve this one
                    verdict = check_draft(draft, source, solve_it=True)
        finally:
            self.app.call_from_thread(self._answer, verdict, generation, True)

    def _answer(self, verdict: Verdict | None, generation: int, last: bool) -> None:
        """A worker's answer: final ones replace the verdict; a parse that is fine only clears an old error
        (the last plan stays drawn until the new one arrives, so it does not blink at every key)."""
        if last:
            self._solving = False
        if not self.is_attached:
            return
        if verdict is not None and generation == self._generation and (verdict.solved or self.verdict.error is not None):
            self.verdict = verdict
            self._show()
        if last and self._wanted is not None:
            self._start_check()

    def finish_check(self) -> Verdict:
        """The final verdict now (parsing and solving on this thread if the worker has not answered yet)."""
        if not self.checked:
            self._generation += 1
            self._wanted = None
            self.verdict = check_draft(self.draft, self.source, solve_it=True)
            self._show()
        return self.verdict

    def type_char(self, char: str) -> None:
        """A level character at the cursor; the cursor moves right (it stays on the last column)."""
        self.edit(self.draft.place(self.cursor, char))
        self.move_cursor(1, 0)

    def move_cursor(self, dx: int, dy: int) -> None:
        col, row = self.cursor
        draft = self.draft
        self.cursor = (max(0, min(col + dx, draft.width - 1)), max(0, min(row + dy, draft.height - 1)))
        self._show_grid()

    def next_row(self) -> None:
        self.cursor = (0, min(self.cursor[1] + 1, self.draft.height - 1))
        self._show_grid()

    def resize(self, edge: str, grow: bool) -> None:
        draft = self.draft.resize_edge(edge, grow)
        if draft is self.draft:
            self.notify("a level is 1 to 64 cells on a side", severity="warning")
            return
        if grow and edge == "top":
            self.cursor = (self.cursor[0], self.cursor[1] + 1)
        elif grow and edge == "left":
            self.cursor = (self.cursor[0] + 1, self.cursor[1])
        elif not grow and edge == "top":
            self.cursor = (self.cursor[0], self.cursor[1] - 1)
        elif not grow and edge == "left":
            self.cursor = (self.cursor[0] - 1, self.cursor[1])
        self.edit(draft)

    def on_key(self, event) -> None:
        grid = self.query_one("#editor-grid", EditGrid)
        if self.focused is not grid:
            return
        key, char = event.key, event.character
        handled = True
        if self.pending_resize is not None and key in EDGES:
            grow, self.pending_resize = self.pending_resize == "+", None
            self.resize(EDGES[key], grow)
        elif char is not None and char in LEVEL_CHARS and len(char) == 1:
            self.type_char(char)
        elif char in ("+", "-"):
            self.pending_resize = char
            self.notify(f"{'add' if char == '+' else 'remove'} a row or column: press the arrow of its edge",
                        timeout=3)
        elif key in MOVE_KEYS:
            self.move_cursor(*MOVE_KEYS[key])
        elif key == "enter":
            self.next_row()
        elif key == "backspace":
            self.move_cursor(-1, 0)
            self.edit(self.draft.place(self.cursor, "."))
        elif key == "space":
            self.edit(self.draft.place(self.cursor, self.brush))
        else:
            handled = False
        if handled:
            if key not in ("+", "-", "plus", "minus") and char not in ("+", "-"):
                self.pending_resize = None
            event.stop()
            event.prevent_default()

    # -- mouse ------------------------------------------------------------------------------------

    @on(EditGrid.Pressed)
    def _pressed(self, event: EditGrid.Pressed) -> None:
        if isinstance(event.grid, BrushBar):
            self.brush = LEVEL_CHARS[event.cell[0]]
            self._show_brushes()
            return
        if not event.stroke:
            self.history.end_stroke()
        self.cursor = event.cell
        self.edit(self.draft.place(event.cell, self.brush), join=True)
        self._show_grid()

    @on(EditGrid.Released)
    def _released(self) -> None:
        self.history.end_stroke()

    # -- the form ---------------------------------------------------------------------------------

    def _fill_form(self) -> None:
        draft = self.draft
        for field in ("name", "description", "max_steps", "view", "opens"):
            widget = self.query_one(f"#field-{field}", Input)
            if widget.value != getattr(draft, field):
                widget.value = getattr(draft, field)
        for field, options in (("doors", DOOR_RULES), ("keys", KEY_RULES)):
            select = self.query_one(f"#field-{field}", Select)
            value = getattr(draft, field)
            if value not in options:  # a value the parser will refuse: offer it so it shows
                select.set_options([(r, r) for r in (*options, value)])
            if select.value != value:
                select.value = value

    @on(Input.Changed, "#editor-form Input")
    def _field_typed(self, event: Input.Changed) -> None:
        field = event.input.id.removeprefix("field-")
        if getattr(self.draft, field) != event.value.strip():
            self.edit(self.draft.with_field(field, event.value), join=True)

    @on(Input.Submitted, "#editor-form Input")
    def _field_done(self) -> None:
        self.history.end_stroke()
        self.query_one("#editor-grid", EditGrid).focus()

    @on(Select.Changed)
    def _rule_chosen(self, event: Select.Changed) -> None:
        field = event.select.id.removeprefix("field-")
        if isinstance(event.value, str) and getattr(self.draft, field) != event.value:
            self.history.end_stroke()
            self.edit(self.draft.with_field(field, event.value))

    def action_form(self) -> None:
        self.history.end_stroke()
        self.query_one("#field-name", Input).focus()

    # -- drawing ----------------------------------------------------------------------------------

    def _show(self) -> None:
        self._show_grid()
        self._show_brushes()
        self._show_status()

    def _show_grid(self) -> None:
        draft, verdict = self.draft, self.verdict
        path = {}
        if self.show_path and verdict.ok and verdict.plan and verdict.draft == draft:
            path = {cell: PATH_MARKS.get(a.value, ACT_MARK) for cell, a in plan_cells(verdict.level, verdict.plan).items()}
        self.query_one("#editor-grid", EditGrid).show_draft(draft.rows, self.cursor, verdict.cell, path)
        box = self.query_one("#editor-grid-box")
        col, row = self.cursor
        box.border_title = f"{draft.width}x{draft.height}"
        # the world's coordinates, as skill names give them: (x, y) from 0, y up (the bottom row is y 0)
        box.border_subtitle = f"cursor x {col}, y {draft.height - 1 - row} (from 0, y up)"
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
        _toggle(self, verdict.error is not None, "-invalid")  # a class change restyles the screen: only on change
        _toggle(self, verdict.ok and verdict.solved, "-valid")
        for field in ("name", "description", "max_steps", "doors", "keys", "view", "opens"):
            _toggle(self.query_one(f"#field-{field}"), verdict.field == field, "-error")
        if verdict.error is not None:
            spot = (f"cell {verdict.cell[0] + 1},{verdict.cell[1] + 1}" if verdict.cell is not None
                    else f"the {verdict.field} header" if verdict.field else "")
            status.update(f"[b red]✗ not valid[/] ({spot})\n{_escape(verdict.message)}")
        elif not verdict.solved:
            status.update("[b]solving…[/]")
        else:
            path = "shown" if self.show_path else "hidden"
            status.update(f"[b green]✓ valid[/]: optimal {len(verdict.plan)} actions\n"
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
            suggestion = _file_name(self.draft.name)
            self.app.push_screen(SaveAsScreen(suggestion, str(user_levels_dir())), self._save_as)
            return
        self.save_to(self.target)

    def _save_as(self, answer: str | None) -> None:
        if answer is None:
            return
        path = path_for(answer)
        if path.exists():
            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.save_to(path)

            self.app.push_screen(ConfirmScreen(f"{path} exists. Replace it?", "Replace"), confirmed)
            return
        self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """A valid level to ``path``; an invalid one only as ``path.draft``. True when written."""
        try:
            refuse_builtin(path)
        except LevelError as exc:
            self.notify(exc.message, severity="error", timeout=6)
            return False
        self.target = path  # from now on the messages name this file, as `procmem check` would
        self._generation += 1
        self._wanted = None
        verdict = self.verdict = check_draft(self.draft, self.source, solve_it=True)
        written = path if verdict.ok else draft_path(path)
        text = self.draft.text()
        try:
            write_atomically(written, text)
            if verdict.ok:
                draft_path(path).unlink(missing_ok=True)
        except OSError as exc:
            self.notify(f"could not save {written}: {exc.strerror or exc}", severity="error", timeout=8)
            return False
        self.history.mark_saved()
        if verdict.ok:
            self.saved_level = path
            self.notify(f"saved {path}")
        else:
            self.notify(f"not valid yet, so saved as a draft: {written}", severity="warning", timeout=6)
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


def _file_name(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_" else "_" for c in name.strip()).strip("_")
    return cleaned or "my_level"


def _toggle(widget, on: bool, name: str) -> None:
    if widget.has_class(name) != on:
        widget.set_class(on, name)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
