"""Recorded episodes: the browser, a replay, taking over from a replayed step, the learning curves.

Everything here reads the store; only a take-over touches the game, and it does so through the app.
"""

from __future__ import annotations

from procmem_tui.curves import group_of
from procmem_tui.recording import RecordingError, replay
from procmem_tui.safe_text import markup_safe
from procmem_tui.tui.modes import AUTO, MANUAL, PAUSED
from procmem_tui.tui.screens.episodes import EpisodeBrowser
from procmem_tui.tui.screens.replay import ReplayScreen, TakeOver
from procmem_tui.tui import unsaved
from procmem_tui.tui.visits import visit

NO_STORE = "no library is open, so no episodes are recorded"


class Recordings:
    def __init__(self, app) -> None:
        self.app = app

    def browse(self) -> None:
        app = self.app
        if app.store is None:
            app.notify(NO_STORE, severity="warning")
            return
        app.push_screen(EpisodeBrowser(app.store, lambda: unsaved.rows(app)), self._open_episode)

    def _open_episode(self, chosen) -> None:
        """``chosen``: a recorded episode's row id, or the row of one whose record waits (``tui.unsaved``)."""
        app = self.app
        if chosen is None or app.store is None:
            return
        try:
            rec = replay(app.store.get_episode(chosen) if isinstance(chosen, int) else chosen)
        except (RecordingError, *app.errors) as exc:
            app.notify(markup_safe(exc), severity="error", timeout=8)
            return
        self.open_replay(rec)

    def open_replay(self, rec, *, in_library: bool = True) -> None:
        """Show a replay; the game pauses underneath and ``t`` there takes over from the step shown.
        ``in_library``: the episode is one of the open library's (not a file's), so it says which visit to its
        level it was, as the episode panel did."""
        app = self.app
        if app.play_mode == AUTO:
            app.set_mode(PAUSED)
        library = app.session.agent.library
        names = {skill.id: skill.name for skill in library} if library is not None else {}
        row = rec.row
        here = visit(app.store, row.level_name, row.episode, row.family) if in_library else None
        app.push_screen(ReplayScreen(rec, names, here=here), self._take_over)

    def _take_over(self, result: TakeOver | None) -> None:
        if result is None:
            return
        app = self.app
        app.cancel_advance()
        app.session.take_over(result.level, result.state)
        app.set_mode(MANUAL)
        app.view.log(f"took over at step {result.index} of the replay: your move (space hands it to the agent)")
        app.show_layout()

    def curves(self) -> None:
        app = self.app
        if app.store is None:
            app.notify(NO_STORE, severity="warning")
            return
        from procmem_tui.tui.screens.curves import CurvesScreen  # plotext loads only when asked for

        group = group_of(app.session.level.name, app.session.source.family)
        app.push_screen(CurvesScreen(app.store, group, lambda: unsaved.rows(app)))
