"""The episode browser (``e``): every recorded episode, newest first, filtered by level, player or agent,
and outcome; Enter or a click on a row opens the replay. Episodes whose record still waits for the library
(``tui.unsaved``) are listed too, first, their number marked ``*``."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Select, Static

from procmem_tui.safe_text import literal
from procmem_tui.tui.widgets.lists import ViDataTable
from procmem_tui.tui.widgets.key_bar import dialog_keys
from procmem_tui.tui.symbols import ascii_text
from procmem_tui.tui.unsaved import UNSAVED_IDS, merged, unsaved

LIMIT = 2000
SOURCES = (("agent and player", None), ("agent", "agent"), ("player", "player"))
OUTCOMES = (("won and lost", None), ("won", True), ("lost", False))


class EpisodeTable(ViDataTable):
    """A click on a row replays it at once (a plain DataTable selects on the second click)."""

    BINDINGS = [Binding("enter", "select_cursor", "replay")]

    def on_click(self, event) -> None:
        row = event.style.meta.get("row")
        if isinstance(row, int) and 0 <= row < self.row_count:
            self.move_cursor(row=row)
            self.action_select_cursor()


class EpisodeBrowser(ModalScreen):
    """Dismisses with an episode's row id to replay (a record not written yet: its ``EpisodeRow``), or None. Rows
    show the episode's number (the one the app, the replay and ``procmem episodes list`` show); the row id stays
    internal. ``waiting``: a function giving the records not written yet (``unsaved.rows``)."""

    BINDINGS = [Binding("escape", "close", "close", id="episodes-close")]

    def __init__(self, store, waiting=None) -> None:
        super().__init__()
        self.store = store
        self.waiting = waiting
        self.rows: list = []
        self._chosen = False

    def compose(self) -> ComposeResult:
        with Vertical(id="episodes-dialog"):
            yield Static(ascii_text("[b]Recorded episodes[/] — Enter or a click replays one, Esc closes"), id="episodes-title")
            with Horizontal(id="episodes-filters"):
                yield Input(placeholder="level (part of the name)", id="episodes-level")
                yield Select(SOURCES, value=None, allow_blank=False, id="episodes-source")
                yield Select(OUTCOMES, value=None, allow_blank=False, id="episodes-outcome")
            yield EpisodeTable(id="episodes-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="episodes-count")
        yield dialog_keys()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("episode", "when", "level", "by", "steps", "optimal", "reward", "outcome"):
            table.add_column(label, key=label)
        self.refresh_rows()
        table.focus()

    def refresh_rows(self) -> None:
        level = self.query_one("#episodes-level", Input).value.strip().lower()
        source = self.query_one("#episodes-source", Select).value
        outcome = self.query_one("#episodes-outcome", Select).value
        waiting = [r for r in (self.waiting() if self.waiting is not None else [])  # read first: ``unsaved.rows``
                   if source in (None, r.source) and outcome in (None, r.success)]
        rows = merged(waiting, self.store.list_episodes(limit=LIMIT, source=source, success=outcome))
        if level:
            rows = [r for r in rows if level in r.level_name.lower()]
        self.rows = rows
        table = self.query_one(DataTable)
        table.clear()
        for r in rows:
            table.add_row(
                f"{r.episode}*" if unsaved(r) else str(r.episode), literal(r.started_at.replace("T", " ")[5:16]),
                literal(r.level_name),
                "you" if r.source == "player" else literal(r.agent), str(r.steps), str(r.optimal_steps or ascii_text("—")),
                f"{r.reward:+.1f}", "won" if r.success else "lost", key=str(r.id),
            )
        shown = f"{len(rows)} episode{'s' if len(rows) != 1 else ''}"
        waits = sum(unsaved(r) for r in rows)
        if waits:
            shown += f" (* {waits} not saved yet: waiting for the library)"
        self.query_one("#episodes-count", Static).update(shown if rows else "no episodes match: play one first")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_rows()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_rows()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if not self._chosen:  # a click may select twice (DataTable's own second-click selection and ours)
            self._chosen = True
            row_id = int(event.row_key.value)
            self.dismiss(next((r for r in self.rows if r.id == row_id), None) if row_id >= UNSAVED_IDS else row_id)

    def action_close(self) -> None:
        self.dismiss(None)
