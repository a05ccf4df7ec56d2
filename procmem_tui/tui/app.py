"""The Textual app: it owns one ``Session``; it and the helpers it holds are the only code that calls it.

Widgets show values they are handed and post messages; the app turns keys, timer ticks and messages into
``Session`` calls. This module keeps start and stop, the control modes (``modes``), the autoplay timer and
stepping. The rest lives in helpers it holds: ``view`` (``GameView``) draws the frame ``frames`` builds from
the session after each step (``tui.frame``), ``changes`` changes the level, agent or library, ``recordings``
browses, replays and plots recorded episodes. Bindings and the palette name ``app.`` actions, so those
``action_*`` methods stay here as one-line delegates.

Start-up: the main screen is the app's first screen (``get_default_screen``), laid out for the first level and
the terminal from its compose; ``start_game`` fills it before its first layout, so the first frame is painted
once. Helpers and screens not needed for that frame load on first use.

The helpers use the app only through its public methods (``set_mode``, ``cancel_advance``, ``next_episode``,
``player_move``, ``is_live``, the ``errors`` it catches), so a change of Textual's private API cannot break them. A click
on the board walks there (``walk.Walk``), one of the person's moves at a time; any key stops the walk.

Autoplay asks the agent for each decision in a thread (``thinking``) and takes it when it is done, so keys and
redraws go on while the agent thinks; one step by key (``n``) is taken at once.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from functools import cached_property
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.timer import Timer
from textual.widget import MountError

from procmem_tui.tui.ascii_look import AsciiLook
from procmem_tui.tui.frame import Frames
from procmem_tui.tui.messages import BoardResized, CellClicked, LevelChosen, Saved, SkillChosen
from procmem_tui.tui.modes import AUTO, MANUAL, PAUSED, STEP
from procmem_tui.safe_text import markup_safe
from procmem_tui.tui.screens.main import MainScreen, needed
from procmem_tui.tui.textual_private import QuietExceptions
from procmem_tui.tui.theme import HIGH_CONTRAST
from procmem_tui.tui.thinking import Thinking
from procmem_tui.tui.view import GameView
from procmem_tui.tui.walk import Walk

if TYPE_CHECKING:  # the session's modules (numpy, the agents) load after the first frame (``tui.start``)
    from textual.worker import Worker

    from procmem_tui.session import Session, StepReport
    from procmem_tui.tui.start import Deferred

__all__ = ["AUTO", "MANUAL", "PAUSED", "STEP", "ProcmemApp"]

log = logging.getLogger(__name__)

MIN_SPEED, MAX_SPEED = 1, 60
UNMOUNT_PATIENCE = 2.0  # seconds the closing app waits for the library's writes (more after the screen is gone)
EXIT_PATIENCE = 30.0  # seconds the writes still waiting at exit get before they are reported lost
SPEED_STEPS = (1, 2, 4, 8, 15, 30, 60)
# the game's keys, switched off while the terminal is too small to show the game (they would act unseen)
HIDDEN_GAME_ACTIONS = frozenset({"move", "act", "play_pause", "agent_step", "speed", "restart", "new_layout",
                                 "skills", "episodes", "curves", "watch"})


def _store_errors() -> tuple[type[BaseException], ...]:
    import sqlite3

    errors: list[type[BaseException]] = [sqlite3.Error, OSError]
    try:
        from procmem_tui.memory.store_file import StoreError

        errors.insert(0, StoreError)
    except ImportError:  # the store is optional for the app
        pass
    return tuple(errors)


def _held_by_another(exc: BaseException) -> bool:
    """SQLite's "database is locked": another process kept its write lock past the store's wait (30 s)."""
    from procmem_tui.tui.saving import held_by_another

    return held_by_another(exc)


def _palette():
    """The palette's module, loaded when the palette first opens (not needed for the first frame)."""
    from procmem_tui.tui import palette

    return palette


class ProcmemApp(QuietExceptions, AsciiLook, App):
    TITLE = "procmem"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {lambda: _palette().ProcmemCommands}
    BINDINGS = [
        Binding("question_mark", "help", "help", id="help"),
        Binding("q", "quit", "quit", id="quit"),
        Binding("ctrl+p", "command_palette", "palette", id="palette", priority=True),
    ]

    def __init__(self, session: Session | None, store=None, *, agent_name: str = "procmem", speed: int = 8,
                 autoplay: bool = False, agent_factory=None, seed: int = 0, notice: str | None = None,
                 episode_pause: float | None = None, max_speed: int = MAX_SPEED, replay=None, view=None,
                 deferred: Deferred | None = None, replay_in_library: bool = True) -> None:
        """``session`` and ``store`` as built by ``commands.play.build``; or ``session=None`` and ``deferred``
        (``tui.start``): the first level is painted before the session is built."""
        super().__init__()
        self.session = session
        self.store = store
        self.agent_name = agent_name
        self.max_speed = max_speed
        self.speed = max(MIN_SPEED, min(max_speed, int(speed)))
        self.play_mode = AUTO if autoplay else MANUAL
        self.agent_factory = agent_factory
        self.seed = seed
        self.view_override = view  # --view N|all: kept for every level chosen in the app (None: as each level says)
        self.notice = notice
        self.episode_pause = episode_pause
        self._timer: Timer | None = None
        self._advance: Timer | None = None
        self._last_tick = 0.0
        self._carry = 0.0
        self._owed = 0  # autoplay steps still due this tick, each asked for when the one before is taken
        self.thinking = Thinking(self)
        self._shutting_down = False
        self.main: MainScreen | None = None
        self.view: GameView | None = None
        self.frames = Frames()  # the main screen's frames, one a step (``tui.frame``)
        self.walk = Walk(self)
        self._initial_replay = replay
        self._initial_replay_in_library = replay_in_library  # False: an episode file's (another library's numbers)
        self.failure: BaseException | None = None  # what ended the app, for the error boundary (``errors``)
        self.deferred = deferred
        self.started = asyncio.Event()  # set once the game is on screen with its session (keys act from then)
        self.start_warnings: list[str] = []  # the library's warnings while the deferred start built the session
        self._held_keys: list[events.Key] = []
        self.saver = None  # the library's writes, in a thread (``tui.saving``): set with the session
        self._held_from: tuple[str, float] | None = None  # the first write that waited for the library, and since when

    @cached_property
    def errors(self) -> tuple[type[BaseException], ...]:
        """What a library write can raise: caught, reported, and play goes on without saving."""
        return _store_errors()

    @cached_property
    def changes(self):
        """Level, agent and library changes (``tui.changes``), loaded on first use: not needed to start."""
        from procmem_tui.tui.changes import Changes

        return Changes(self)

    @cached_property
    def recordings(self):
        """The episode browser, replays and curves (``tui.recordings``), loaded on first use."""
        from procmem_tui.tui.recordings import Recordings

        return Recordings(self)

    # -- start and stop ---------------------------------------------------------------------

    def get_default_screen(self) -> MainScreen:
        """The game's screen is the app's first screen, laid out for the first level from its first compose."""
        level = self.session.level if self.session is not None else self.deferred.level
        self.main = MainScreen((level.width, level.height), on_ready=self.start_game, pending=self.session is None)
        return self.main

    async def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.app_resume_signal.subscribe(self, self._repaint_after_resume)
        await self.main.ready.wait()  # the app counts as started (keys act, run_test returns) with the game on screen

    def _repaint_after_resume(self, app) -> None:
        """Back from ctrl+z (``fg``): the shell drew over the screen, so all of it is drawn again, not only what
        changed meanwhile (Textual redrew the changed widgets alone: the board's frame and the title stayed blank)."""
        self.screen.refresh(layout=True)

    def start_game(self) -> None:
        """Fill the main screen (its widgets are mounted, its first layout not done yet); a deferred start draws
        the level alone (``tui.start``) and fills the rest once that frame is painted (``on_ready``)."""
        if self.session is None:
            from procmem_tui.tui.start import preview

            preview(self, self.deferred)
            return
        self._fill()

    def on_load(self) -> None:
        """What exists now (modules, classes, the level, the library) lives as long as the app: frozen out of the
        cyclic collector's sight, every collection while the app starts and runs walks far fewer objects (start-up
        spent ≈ 20 ms in collections walking them); ``on_unmount`` hands them back. Here, not in ``__init__``, so an
        app that is built but never run leaves the collector as it was. No collection at all until the first frame:
        its widgets are made, not freed (``on_ready`` collects again)."""
        gc.freeze()
        gc.disable()

    async def on_ready(self) -> None:
        """The first frame is on the terminal: a deferred start builds its session now, and mounts the panels
        that frame left empty (``MainScreen.complete``)."""
        gc.enable()
        if self.session is None and not self._shutting_down:
            try:
                self.load()
            except Exception as error:  # noqa: BLE001 - the error boundary reports it (``errors``) as one line
                self.failure = error
                self.exit(return_code=1)
                return
            if self._shutting_down:  # a signal (or q) asked the app to end while it loaded: nothing to show
                return
            try:
                await self.main.complete()
            except MountError:
                if not self._shutting_down:
                    raise
                return  # the app began to close while the panels were mounted: its screens are going away
            if not self._shutting_down:
                self._fill()

    def load(self) -> None:
        """Build what the first frame did not need (``Deferred.build``: store, library, agent, session)."""
        from procmem_tui.tui.start import collected_warnings

        with collected_warnings() as warnings:
            self.session, self.store, factory = self.deferred.build()
        self.deferred = None
        self.agent_factory = self.agent_factory or factory
        self.start_warnings = warnings

    def _fill(self) -> None:
        self._attach_saver()
        self.view = GameView(self)
        self.show_layout()
        library = self.session.agent.library
        count = len(library) if library is not None else 0
        self.view.log(f"[b]procmem[/]: {markup_safe(self.session.source.label)} with the [b]{self.agent_name}[/] agent; "
                      f"{count} skill{'s' if count != 1 else ''} in the library. Press [b]?[/] for help.")
        level = self.session.level
        if level.description:
            self.view.log(f"[b]{markup_safe(level.name)}[/]: {markup_safe(level.description)}")
        if self.view.frame.first_run:
            from procmem_tui.tui.view import first_hint

            self.view.log(f"[b]new here?[/] {markup_safe(first_hint(level, self.view.wide_cells))}")
        if self.notice:
            self.view.log(f"[yellow]{markup_safe(self.notice)}[/]")
            self.notify(markup_safe(self.notice), severity="warning", timeout=8)
        if self.play_mode == AUTO:
            self._start_timer()
        if self._initial_replay is not None:
            self.call_later(self.open_replay, self._initial_replay, self._initial_replay_in_library)
        for line in self.start_warnings:
            self.view.log(f"[yellow]warning: {markup_safe(line)}[/]")
        self.started.set()
        for key in self._held_keys:
            self.post_message(events.Key(key.key, key.character))
        self._held_keys.clear()

    def _attach_saver(self) -> None:
        """The session's episodes are written in the saver's thread from now on: the game never waits for the
        library (``tui.saving``)."""
        if self.store is None or self.session.store is not self.store or self.saver is not None:
            return
        from procmem_tui.tui.saving import Saver

        self.saver = Saver(lambda kind, record, detail: self.post_message(Saved(kind, record, detail)))
        self.session.recorder = self.saver

    def on_saved(self, message: Saved) -> None:
        """What the saver's thread reports, said in the log (and a notice while a write waits)."""
        record, detail = message.record, message.detail
        what = record.what
        if message.kind == "waiting":
            text = markup_safe(f"{what} is not saved yet: another process holds the library ({detail}); it is "
                               "saved as soon as the library is free, play on")
            self.view.log(f"[yellow]{text}[/]")
            self.notify(text, severity="warning", timeout=8)
        elif message.kind == "saved":
            number, episode_id, waited = detail
            ours = record.number is not None and getattr(record, "origin", None) in (None, self.session)
            if ours:  # not an editor try's (``tui.screens.trial``): its number is not one the game shows
                self.session.recorded(record.number, number, episode_id)
            if waited >= self.saver.tell_after:
                self._held_from = (what, time.monotonic() - waited)
            if self._held_from is not None and not self.saver.waiting():  # one line for all that waited
                first, since = self._held_from
                self._held_from = None
                last = f"episode {number}" if record.number is not None else what
                saved = first if last == first else f"{first} and the writes after it, to {last},"
                if first.startswith("episode ") and last.startswith("episode ") and last != first:
                    saved = f"episodes {first.split()[1]} to {last.split()[1]}"
                self.view.log(f"[green]{markup_safe(saved)} saved: the library was free again after "
                              f"{time.monotonic() - since:.0f} s[/]")
            if ours and number != record.number:
                self.view.log(f"episode {record.number} was recorded as episode {number}: another process "
                              "recorded one meanwhile")
        else:
            with self.session.exclusive():  # its skills go with the next record (the agent's library is read
                record.lost()               # in autoplay's thread)
            text = markup_safe(f"{what} could not be saved: {detail}; playing on without saving")
            self.view.log(f"[red]{text}[/]")
            self.notify(text, severity="error", timeout=10)
            self.session.store = None
            self.store = None

    def on_failure(self, error: Exception) -> None:
        """Anything that escapes a handler ends the app as Textual does (exit code 1), but without Textual's
        traceback (``textual_private.QuietExceptions``): the CLI's error boundary (``procmem_tui.errors``) turns
        ``failure`` into one line, and a crash report when it is a bug."""
        self.failure = error
        self._shutting_down = True
        self._stop_timers()

    def is_live(self) -> bool:
        """False once the app is closing: timers that fire during teardown do nothing (a Textual pitfall)."""
        return not self._shutting_down and self.main is not None and self.main.is_attached and self.is_running

    def exit(self, *args, **kwargs) -> None:
        self._shutting_down = True
        self._stop_timers()
        super().exit(*args, **kwargs)

    def _stop_timers(self) -> None:
        self.walk.stop()
        for timer in (self._timer, self._advance):
            if timer is not None:
                timer.stop()
        self._timer = self._advance = None

    async def action_quit(self) -> None:
        """Quit; while an episode is under way (begun and not over, or the agent playing) ask first, in the
        terminal as in the browser (``procmem serve`` runs this same app). The agent is paused while it asks."""
        from procmem_tui.tui.screens.confirm import QuitScreen

        if self.game_in_progress() and not isinstance(self.screen, QuitScreen):
            resume = self.play_mode == AUTO
            if resume:  # the question holds the game still: nothing is played (and saved) while it is asked
                self.set_mode(PAUSED)
            self.push_screen(QuitScreen(), lambda yes: self.call_later(self.quit_now) if yes else
                             self._resume_after_question(resume))
            return
        await self.quit_now()

    def _resume_after_question(self, resume: bool) -> None:
        """Back from the quit question: the agent plays on if it was playing when q was pressed."""
        if not resume or not self.is_live() or self.play_mode != PAUSED:
            return
        if self.session.done:
            self.next_episode()
        self.set_mode(AUTO)

    def game_in_progress(self) -> bool:
        session = self.session
        return self.play_mode == AUTO or (session.state.steps > 0 and not session.done)

    async def quit_now(self) -> None:
        self._shutting_down = True
        self._stop_timers()
        self.flush_store(patience=0)
        self.exit()

    def on_unmount(self) -> None:
        self._shutting_down = True
        self._stop_timers()
        self.flush_store(patience=UNMOUNT_PATIENCE)
        gc.enable()
        gc.unfreeze()

    def flush_store(self, patience: float | None = None) -> list:
        """Keep what an unfinished episode taught, let the saver write what it holds, and close the library.
        ``patience``: seconds to wait for the saver, leaving the library open for a later call if it is not done
        (quitting and unmounting do not hold the screen for a library another process holds); None: the last
        call (``run_app``, after the screen is gone), which stops the saver after ``EXIT_PATIENCE`` and returns
        the records it could not write, for the terminal to name."""
        store = self.store
        if store is None:
            return []
        if self.session is not None:
            self.session.keep_unfinished()  # what the agent learned in an episode left unfinished
        left = []
        if self.saver is not None:
            if patience is not None:
                if not self.saver.wait(patience):
                    return []
            left = self.saver.finish(EXIT_PATIENCE if patience is None else 0)
        self.store = None
        if self.session is not None:
            self.session.recorder = None
            self.session.store = None
        for name in ("flush", "close"):
            method = getattr(store, name, None)
            if method is not None:
                try:
                    method()
                except self.errors as exc:
                    log.warning("closing the library failed: %s", exc)
        return left

    # -- size -------------------------------------------------------------------------------

    def size_needed(self) -> tuple[int, int]:
        level = self.session.level if self.session is not None else self.deferred.level
        return needed(level.width, level.height)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in HIDDEN_GAME_ACTIONS and self.main is not None and self.main.has_class("-too-small"):
            return False
        if action == "watch" and (self.session is None or self.session.view is None):
            return False  # no fog: nothing to toggle
        if action == "quit" and not getattr(self.screen, "ALLOW_APP_QUIT", True):
            return False  # the editor's own ctrl+q leaves it (asking about unsaved changes)
        return True

    # -- modes and the autoplay timer -------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        """Hand control to the person (MANUAL), the agent (AUTO) or pause/single-step it."""
        if mode != AUTO:
            self._stop_timers()
        self.play_mode = mode
        if mode == AUTO and self._timer is None:
            self._start_timer()
        if self.view is None:
            return
        last = self.session.last_decision
        # paused or single-stepping: the Why line explains the decision autoplay may have skipped; the board
        # leaves the whole-level view when the person takes control (it is for watching)
        explain = mode in (PAUSED, STEP) and not self.session.done and last is not None
        self.view.show(self.frame(last, explain=explain))

    def _start_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._last_tick = time.monotonic()
        self._carry = 0.0
        # at most 60 ticks a second (a frame each); faster speeds take several steps a tick
        self._timer = self.set_interval(1 / min(self.speed, MAX_SPEED), self._tick, name="autoplay")

    def _tick(self) -> None:
        """One autoplay tick: the steps due at ``speed`` since the last tick (a few at most, so the UI keeps up),
        one decision at a time in a thread (``thinking``); a tick while the agent thinks waits for the next."""
        if not self.is_live() or self.play_mode != AUTO or self._advance is not None or self.thinking.busy:
            return
        now = time.monotonic()
        due = (now - self._last_tick) * self.speed + self._carry
        self._last_tick = now
        count = min(int(due), max(4, 2 * self.speed // MAX_SPEED))
        self._carry = min(due - count, 1.0)
        if count > 0 and not self.session.done:
            self._owed = count - 1
            self._think()

    def _think(self) -> None:
        """Autoplay's next step: a decision done while paused is taken now; else the agent is asked in a thread."""
        if self.thinking.ticket is not None:
            self._take(self.thinking.take_now())
        else:
            self.thinking.start(self.session)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The agent's decision is done: autoplay takes it; paused, it waits for the agent's next step."""
        if self.thinking.done(event.worker) is None or not self.is_live() or self.play_mode != AUTO:
            return
        self._take(self.thinking.take_now())

    def _take(self, made: tuple) -> None:
        """Take a decision made in the thread, then ask for the next one if this tick owes more steps."""
        try:
            report = self.session.take(*made)
        except self.errors as exc:
            self._store_failed(exc)
            return
        if report is None:  # the session moved on while the agent thought: dropped
            return
        self._after_step(report)
        if self._owed > 0 and self.play_mode == AUTO and self._advance is None and not self.session.done:
            self._owed -= 1
            self._think()

    def _auto_next(self) -> None:
        self._advance = None
        if not self.is_live() or self.play_mode != AUTO:
            return
        self.next_episode()
        self._last_tick = time.monotonic()

    # -- one step -------------------------------------------------------------------------------

    def step_agent(self) -> StepReport | None:
        """The agent takes one action (a decision and the widget updates: one step's work), now: a decision under
        way in autoplay's thread is waited for and taken, never asked for again."""
        try:
            made = self.thinking.take_now()
            report = self.session.take(*made) if made is not None else None
            if report is None:
                report = self.session.agent_step()
        except self.errors as exc:
            self._store_failed(exc)
            return None
        self._after_step(report)
        return report

    def player_move(self, action: str) -> None:
        """One of the person's own actions (a key, or a step of a walk to a clicked cell)."""
        if self.session.done:  # the key that follows an episode's end starts the next one
            if self.play_mode != MANUAL:
                self.set_mode(MANUAL)
            self.next_episode()
            return
        if self.play_mode != MANUAL:
            if self.session.last_decision is not None and self.session.last_decision.skill_name:
                self.view.log(f"you took over from skill [b]{markup_safe(self.session.last_decision.skill_name)}[/]")
            self.set_mode(MANUAL)
        try:
            report = self.session.player_step(action)
        except self.errors as exc:
            self._store_failed(exc)
            return
        self._after_step(report)

    def frame(self, decision=None, **options):
        """The main screen's frame of the session's state now (``tui.frame``), with this app's mode and speed."""
        return self.frames.make(self.session, mode=self.play_mode, speed=self.speed, agent_name=self.agent_name,
                                decision=decision, **options)

    def show_layout(self) -> None:
        """A new episode, level, agent or library on screen: titles, the board's size, the skills table."""
        self.view.new_layout(self.frame(sync_skills=True))

    def show_skills(self) -> None:
        """The library changed outside a step (a trial in the editor): the skills table catches up."""
        self.view.show(self.frame(self.session.last_decision, explain=False, sync_skills=True))

    def _after_step(self, report: StepReport) -> None:
        over = report.summary is not None
        note = "episode over: press any move key, n or space for the next one" if over and self.play_mode != AUTO else None
        frame = self.frame(report.decision, note=note, sync_skills=over)
        if not over:
            self.view.show(frame)
        self._narrate(report)
        if over:
            self._episode_over(report.summary, frame)

    def _narrate(self, report: StepReport) -> None:
        """One log line for what the step did: every event of the person's moves; the agent's keys and doors
        while it plays slowly enough to read (at speed the panels say it)."""
        if not self.session.transitions:
            return
        from procmem_tui.tui.narrate import narrate

        player = report.actor == "player"
        if not player and (self.play_mode == AUTO and self.speed > 8 or not report.step.reward > 0):
            return
        line = narrate(self.session.level, self.session.transitions[-1], "you" if player else "the agent")
        if line is not None:
            self.view.log(markup_safe(line))

    def _store_failed(self, exc: BaseException) -> None:
        """The library could not be written: say so, keep playing without saving. Another process holding the
        library past SQLite's wait (a ``prune`` compacting it) loses this episode's record only: the library
        stays, and the next episode's save writes the skills learned since (they stay unsaved until a commit)."""
        if _held_by_another(exc):
            message = markup_safe(f"this episode could not be saved: another process held the library ({exc}); "
                                  "the next ones will be")
            self.view.log(f"[red]{message}[/]")
            self.notify(message, severity="warning", timeout=10)
            if self.session.finished is None and self.session.done:
                if self.play_mode == AUTO:  # autoplay goes on to the next episode, as after a recorded one
                    self.view.show(self.frame(None, note="episode over (not saved)"))
                    self._advance = self.set_timer(self._pause_between(), self._auto_next, name="next-episode")
                else:
                    self.view.show(self.frame(None, note="episode over (not saved); press any key for the next one"))
            return
        message = markup_safe(f"the skill library could not be saved: {exc}; playing on without saving")
        self.view.log(f"[red]{message}[/]")
        self.notify(message, severity="error", timeout=10)
        self.session.store = None
        self.store = None
        if self.session.finished is None and self.session.done:
            self.view.show(self.frame(None, note="episode over (not saved); press any key for the next one"))

    # -- episode flow ------------------------------------------------------------------------------------

    def cancel_advance(self) -> None:
        """Drop the pending start of the next episode (autoplay's pause between episodes)."""
        if self._advance is not None:
            self._advance.stop()
            self._advance = None

    def next_episode(self) -> None:
        self.cancel_advance()
        self.session.next_episode()
        self.show_layout()

    def _episode_over(self, summary, frame) -> None:
        self.view.episode_over(summary, frame, self.session.history)
        if self.play_mode == AUTO:
            self._advance = self.set_timer(self._pause_between(), self._auto_next, name="next-episode")

    def _pause_between(self) -> float:
        """Autoplay's pause between episodes, seconds: long enough to see the end at slow speeds."""
        pause = self.episode_pause if self.episode_pause is not None else max(0.3, min(1.2, 6 / self.speed))
        return max(pause, 0.001)

    # -- game actions (bound in MainScreen.BINDINGS as app.*) ---------------------------------------------

    def action_move(self, action: str) -> None:
        self.player_move(action)

    def action_act(self, action: str) -> None:
        self.player_move(action)

    def action_watch(self) -> None:
        """The watcher's key: what the agent sees (with the screen's memory) or the whole level with its sight."""
        if self.play_mode == MANUAL:
            self.notify("the whole level is for watching the agent: press space to hand it control, then v",
                        timeout=4)
            return
        self.frames.reveal = not self.frames.reveal
        self.view.show(self.frame(self.session.last_decision, explain=False))
        self.view.log("showing the whole level, the agent's sight drawn over it" if self.frames.reveal
                      else "showing what the agent sees")

    def action_play_pause(self) -> None:
        if self.play_mode == AUTO:
            self.set_mode(PAUSED)
            self.view.log("paused")
            return
        if self.session.done:
            self.next_episode()
        self.set_mode(AUTO)
        self.view.log(f"the [b]{self.agent_name}[/] agent plays at {self.speed} steps/s")

    def action_agent_step(self) -> None:
        self.set_mode(STEP)
        if self.session.done:
            self.next_episode()
            return
        self.step_agent()

    def action_speed(self, direction: int) -> None:
        faster = [s for s in SPEED_STEPS if s > self.speed]
        slower = [s for s in SPEED_STEPS if s < self.speed]
        if direction > 0:
            self.speed = min(faster[0] if faster else self.speed, self.max_speed)
        else:
            self.speed = slower[-1] if slower else self.speed
        if self._timer is not None:
            self._start_timer()
        self.view.show(self.frame(self.session.last_decision, explain=False))

    def action_restart(self) -> None:
        self.cancel_advance()
        self.session.restart()
        self.view.log(f"restarted: episode {self.session.episode} from its start")
        self.show_layout()

    def action_skills(self, skill_id: str | None = None) -> None:
        if skill_id is None:
            skill_id = self.view.focused_skill()
        agent = self.session.agent
        from procmem_tui.tui.screens.skill import SkillScreen

        self.push_screen(SkillScreen(agent.library, skill_id, getattr(agent, "model", None),
                                     getattr(agent, "fingerprint", None)))

    def action_knowledge(self) -> None:
        from procmem_tui.tui.screens.knowledge import KnowledgeScreen

        self.push_screen(KnowledgeScreen(self.session))

    def on_board_resized(self, message: BoardResized) -> None:
        if self.view is not None and self.session is not None and self.is_live():
            self.view.retitle(self.session.level)

    def on_skill_chosen(self, message: SkillChosen) -> None:
        self.action_skills(message.skill_id)

    # -- the mouse and the walk ---------------------------------------------------------------------

    def on_cell_clicked(self, message: CellClicked) -> None:
        """A click on the board walks the player there along the shortest path it can see."""
        if self.screen is not self.main or self.main.has_class("-too-small"):
            return
        target = (message.x, message.y)
        if self.session.done:
            self.player_move("move_up")  # as a key would: the next episode starts
            return
        if target == self.session.state.pos:
            return
        if not self.walk.start(target):
            self.view.say(f"no known path to {target[0]},{target[1]}: walls, boxes or locked doors "
                                    "are in the way")

    async def on_event(self, event: events.Event) -> None:
        if not self.started.is_set() and isinstance(event, (events.Key, events.MouseEvent)):
            if isinstance(event, events.Key):
                self._held_keys.append(event)  # acts once the game is there (``_fill``)
            event.stop()
            return
        if isinstance(event, events.Key) and self.walk.walking:
            self.walk.stop()  # any key stops a walk, and does nothing else
            event.stop()
            return
        await super().on_event(event)

    def action_why(self) -> None:
        """The whole Why text in a notice (the line below the board shows what fits)."""
        text = self.view.why_text or "nothing to explain yet"  # line by line: printing it whole ran the lines together
        self.notify("\n".join(markup_safe(line) for line in text.split("\n")), title="why", timeout=20)

    def action_help(self) -> None:
        from procmem_tui.tui.screens.help import HelpScreen, bound_keys  # Markdown loads only when asked for

        self.push_screen(HelpScreen(bound_keys(self, self.main)))

    # -- delegated: level, agent and library (changes.py), recorded episodes (recordings.py) ---------------

    def action_new_layout(self) -> None:
        self.changes.new_layout()

    def action_map(self) -> None:
        self.changes.pick_map()

    def choose_level(self, choice: LevelChosen | None) -> None:
        self.changes.choose_level(choice)

    def switch_agent(self, name: str) -> None:
        self.changes.switch_agent(name)

    def action_clear_library(self) -> None:
        self.changes.ask_to_clear_library()

    def action_export_skills(self) -> None:
        self.changes.export_skills()

    def action_episodes(self) -> None:
        self.recordings.browse()

    def open_replay(self, rec, in_library: bool = True) -> None:
        self.recordings.open_replay(rec, in_library=in_library)

    def action_curves(self) -> None:
        self.recordings.curves()
