"""The Textual app: it owns one ``Session`` and is the only code here that calls it.

Widgets show values the app hands them and post messages; the app turns keys, timer ticks and messages into
``Session.player_step`` / ``agent_step`` / ``restart`` / ``next_episode`` / ``set_source`` calls, then shows
the result. Control modes (shown in the episode panel):

- MANUAL: the person plays; any move key (even mid-skill, even in autoplay) switches here at once.
- AUTO: the agent plays at ``speed`` steps/s; space pauses.
- PAUSED: the agent keeps control but waits; space resumes.
- STEP: the agent keeps control and takes exactly one action per ``n``.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.notifications import Notification, Notify
from textual.timer import Timer

from procmem_tui.curves import group_of
from procmem_tui.recording import RecordingError, replay
from procmem_tui.session import LevelSource, Session, StepReport
from procmem_tui.tui.messages import LevelChosen, SkillChosen
from procmem_tui.tui.palette import ProcmemCommands
from procmem_tui.tui.screens.confirm import ConfirmScreen
from procmem_tui.tui.screens.episodes import EpisodeBrowser
from procmem_tui.tui.screens.main import MainScreen, needed
from procmem_tui.tui.screens.map_picker import MapPicker
from procmem_tui.tui.screens.replay import ReplayScreen, TakeOver
from procmem_tui.tui.screens.skill import SkillScreen
from procmem_tui.tui.theme import HIGH_CONTRAST
from procmem_tui.tui.widgets.charts import Charts
from procmem_tui.tui.widgets.doors import Doors
from procmem_tui.tui.widgets.episode import EpisodeInfo, EpisodePanel
from procmem_tui.tui.widgets.event_log import EventLog
from procmem_tui.tui.widgets.grid import ACT_MARK, PATH_MARKS, GridView
from procmem_tui.tui.widgets.inventory import Inventory
from procmem_tui.tui.widgets.skills import SkillsTable
from procmem_tui.tui.widgets.why import WhyLine
from procmem_tui.world import FAMILIES, LevelError, builtin_level_names, load_level

log = logging.getLogger(__name__)

MANUAL, AUTO, STEP, PAUSED = "MANUAL", "AUTO", "STEP", "PAUSED"
MIN_SPEED, MAX_SPEED = 1, 60
SPEED_STEPS = (1, 2, 4, 8, 15, 30, 60)
FLASH_SECONDS = 3.0
WHY_EVERY = 0.25  # in fast autoplay the Why line changes at most this often (or when the skill changes)
FAST = 8  # steps/s above which autoplay throttles the Why line
# the game's keys, switched off while the terminal is too small to show the game (they would act unseen)
HIDDEN_GAME_ACTIONS = frozenset({"move", "act", "play_pause", "agent_step", "speed", "restart", "new_layout",
                                 "skills", "episodes", "curves"})


def _store_errors() -> tuple[type[BaseException], ...]:
    import sqlite3

    errors: list[type[BaseException]] = [sqlite3.Error, OSError]
    try:
        from procmem_tui.memory.store import StoreError

        errors.insert(0, StoreError)
    except ImportError:  # the store is optional for the app
        pass
    return tuple(errors)


class ProcmemApp(App):
    TITLE = "procmem"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ProcmemCommands}
    BINDINGS = [
        Binding("question_mark", "help", "help", id="help"),
        Binding("q", "quit", "quit", id="quit"),
    ]

    def __init__(self, session: Session, store=None, *, agent_name: str = "procmem", speed: int = 8,
                 autoplay: bool = False, agent_factory=None, seed: int = 0, notice: str | None = None,
                 episode_pause: float | None = None, max_speed: int = MAX_SPEED, replay=None) -> None:
        super().__init__()
        self.session = session
        self.store = store
        self.agent_name = agent_name
        self.max_speed = max_speed
        self.speed = max(MIN_SPEED, min(max_speed, int(speed)))
        self.play_mode = AUTO if autoplay else MANUAL
        self.agent_factory = agent_factory
        self.seed = seed
        self.notice = notice
        self.episode_pause = episode_pause
        self.errors = _store_errors()
        self._timer: Timer | None = None
        self._advance: Timer | None = None
        self._last_tick = 0.0
        self._carry = 0.0
        self._flashing: dict[str, float] = {}
        self._levels: list[tuple[str, str]] | None = None
        self._active_skill: tuple[str | None, tuple[int, int] | None] = (None, None)
        self._why_at = 0.0
        self._why_skill: str | None = None
        self._game_toast: Notification | None = None
        self._shutting_down = False
        self.main: MainScreen | None = None
        self._initial_replay = replay

    # -- start and stop ---------------------------------------------------------------------

    async def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.main = MainScreen()
        await self.push_screen(self.main)
        self._w_grid = self.main.query_one(GridView)
        self._w_inventory = self.main.query_one(Inventory)
        self._w_doors = self.main.query_one(Doors)
        self._w_episode = self.main.query_one(EpisodePanel)
        self._w_skills = self.main.query_one(SkillsTable)
        self._w_why = self.main.query_one(WhyLine)
        self._w_charts = self.main.query_one(Charts)
        self._w_log = self.main.query_one(EventLog)
        self._new_layout_shown()
        self._sync_skills()
        library = self.session.agent.library
        count = len(library) if library is not None else 0
        self._log(f"[b]procmem[/]: {self.session.source.label} with the [b]{self.agent_name}[/] agent; "
                  f"{count} skill{'s' if count != 1 else ''} in the library. Press [b]?[/] for help.")
        if self.notice:
            self._log(f"[yellow]{self.notice}[/]")
            self.notify(self.notice, severity="warning", timeout=8)
        if self.play_mode == AUTO:
            self._start_timer()
        if self._initial_replay is not None:
            self.open_replay(self._initial_replay)

    def _live(self) -> bool:
        """False once the app is closing: timers that fire during teardown do nothing (a Textual pitfall)."""
        return not self._shutting_down and self.main is not None and self.main.is_attached and self.is_running

    def exit(self, *args, **kwargs) -> None:
        self._shutting_down = True
        self._stop_timers()
        super().exit(*args, **kwargs)

    def _stop_timers(self) -> None:
        for timer in (self._timer, self._advance):
            if timer is not None:
                timer.stop()
        self._timer = self._advance = None

    async def action_quit(self) -> None:
        self._shutting_down = True
        self._stop_timers()
        self.flush_store()
        self.exit()

    def on_unmount(self) -> None:
        self._shutting_down = True
        self._stop_timers()
        self.flush_store()

    def flush_store(self) -> None:
        store, self.store = self.store, None
        if store is None:
            return
        self.session.store = None
        for name in ("flush", "close"):
            method = getattr(store, name, None)
            if method is not None:
                try:
                    method()
                except self.errors as exc:
                    log.warning("closing the library failed: %s", exc)

    # -- size -------------------------------------------------------------------------------

    def size_needed(self) -> tuple[int, int]:
        level = self.session.level
        return needed(level.width, level.height)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in HIDDEN_GAME_ACTIONS and self.main is not None and self.main.has_class("-too-small"):
            return False
        return True

    # -- modes and the autoplay timer -------------------------------------------------------------

    def _set_mode(self, mode: str) -> None:
        if mode != AUTO:
            self._stop_timers()
        self.play_mode = mode
        if mode == AUTO and self._timer is None:
            self._start_timer()
        elif mode in (PAUSED, STEP) and not self.session.done and self.session.last_decision is not None:
            self._w_why.show_decision(self.session.last_decision)  # the decision autoplay may have skipped
        self._show_episode()

    def _start_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._last_tick = time.monotonic()
        self._carry = 0.0
        # at most 60 ticks a second (a frame each); faster speeds take several steps a tick
        self._timer = self.set_interval(1 / min(self.speed, MAX_SPEED), self._tick, name="autoplay")

    def _tick(self) -> None:
        """One autoplay tick: the steps due at ``speed`` since the last tick (a few at most, so the UI keeps up)."""
        if not self._live() or self.play_mode != AUTO or self._advance is not None:
            return
        now = time.monotonic()
        due = (now - self._last_tick) * self.speed + self._carry
        self._last_tick = now
        count = min(int(due), max(4, 2 * self.speed // MAX_SPEED))
        self._carry = min(due - count, 1.0)
        for _ in range(max(count, 0)):
            if self.session.done:
                break
            self.step_agent()

    def _auto_next(self) -> None:
        self._advance = None
        if not self._live() or self.play_mode != AUTO:
            return
        self._next_episode()
        self._last_tick = time.monotonic()

    # -- one step -------------------------------------------------------------------------------

    def step_agent(self) -> StepReport | None:
        """The agent takes one action (a decision and the widget updates: one step's work)."""
        try:
            report = self.session.agent_step()
        except self.errors as exc:
            self._store_failed(exc)
            return None
        self._after_step(report)
        return report

    def _player(self, action: str) -> None:
        if self.session.done:  # the key that follows an episode's end starts the next one
            if self.play_mode != MANUAL:
                self._set_mode(MANUAL)
            self._next_episode()
            return
        if self.play_mode != MANUAL:
            if self.session.last_decision is not None and self.session.last_decision.skill_name:
                self._log(f"you took over from skill [b]{self.session.last_decision.skill_name}[/]")
            self._set_mode(MANUAL)
        try:
            report = self.session.player_step(action)
        except self.errors as exc:
            self._store_failed(exc)
            return
        self._after_step(report)

    def _after_step(self, report: StepReport) -> None:
        self._show_world(report.decision)
        if report.summary is not None:
            self._episode_over(report.summary)

    def _store_failed(self, exc: BaseException) -> None:
        """The library could not be written: say so, keep playing without saving."""
        message = f"the skill library could not be saved: {exc}; playing on without saving"
        self._log(f"[red]{message}[/]")
        self.notify(message, severity="error", timeout=10)
        self.session.store = None
        self.store = None
        if self.session.finished is None and self.session.done:
            self._show_world(None)
            self._w_why.show_text("episode over (not saved); press any key for the next one")

    # -- actions (bound in MainScreen.BINDINGS as app.*) ---------------------------------------------

    def action_move(self, action: str) -> None:
        self._player(action)

    def action_act(self, action: str) -> None:
        self._player(action)

    def action_play_pause(self) -> None:
        if self.play_mode == AUTO:
            self._set_mode(PAUSED)
            self._log("paused")
            return
        if self.session.done:
            self._next_episode()
        self._set_mode(AUTO)
        self._log(f"the [b]{self.agent_name}[/] agent plays at {self.speed} steps/s")

    def action_agent_step(self) -> None:
        self._set_mode(STEP)
        if self.session.done:
            self._next_episode()
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
        self._show_episode()

    def action_restart(self) -> None:
        self._cancel_advance()
        self.session.restart()
        self._log(f"restarted episode {self.session.episode}")
        self._new_layout_shown()

    def action_new_layout(self) -> None:
        self._cancel_advance()
        source = self.session.source
        if source.family is not None:
            self.session.next_episode()
        else:
            self.seed += 1
            size = max(5, min(16, source.level.width if source.level is not None else 8))
            self.session.set_source(LevelSource.generated("doorkey", size, self.seed))
        self._log(f"new layout: {self.session.level.name} (seed {self.session.seed})")
        self._new_layout_shown()

    def action_map(self) -> None:
        if self._levels is None:
            self._levels = []
            for name in builtin_level_names():
                try:
                    level = load_level(name)
                except LevelError:
                    continue
                self._levels.append((name, f"{f'{level.width}x{level.height}':<6} {level.description}"))
        levels = self._levels
        size = self.session.source.size if self.session.source.family else 8
        current = self.session.level.name if self.session.source.family is None else None
        self.push_screen(MapPicker(levels, FAMILIES, size, current=current), self.choose_level)

    def action_skills(self, skill_id: str | None = None) -> None:
        library = self.session.agent.library
        if skill_id is None:
            skill_id = self._active_skill[0] or (self._w_skills.order[0] if self._w_skills.order else None)
        self.push_screen(SkillScreen(library, skill_id))

    def action_help(self) -> None:
        keys: dict[str, list[str]] = {}
        for active in self.main.active_bindings.values():
            display = self.get_key_display(active.binding)
            keys.setdefault(active.binding.action, [])
            if display not in keys[active.binding.action]:
                keys[active.binding.action].append(display)
        from procmem_tui.tui.screens.help import HelpScreen  # Markdown loads only when asked for

        self.push_screen(HelpScreen(keys))

    def action_clear_library(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self.clear_library()

        self.push_screen(ConfirmScreen("Forget every skill in the library? This cannot be undone.", "Forget all"),
                         confirmed)

    def action_export_skills(self) -> None:
        library = self.session.agent.library
        if library is None:
            self.notify("this agent has no skill library", severity="warning")
            return
        path = Path.cwd() / "procmem-skills.json"
        rows = [{
            "id": s.id, "name": s.name, "kind": s.kind, "source": s.source, "program": list(s.program),
            "effect": list(s.effect), "preconditions": sorted(s.preconditions), "uses": s.uses,
            "attempts": s.attempts, "successes": s.successes, "created_episode": s.created_episode,
        } for s in library]
        try:
            path.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            self.notify(f"could not write {path}: {exc.strerror or exc}", severity="error")
            return
        self._log(f"exported {len(rows)} skills to {path}")
        self.notify(f"exported {len(rows)} skills to {path}")

    # -- changes of level, agent, library --------------------------------------------------------------

    def choose_level(self, choice: LevelChosen | None) -> None:
        if choice is None:
            return
        try:
            if choice.level is not None:
                source = LevelSource.fixed(load_level(choice.level))
            else:
                source = LevelSource.generated(choice.family, choice.size, self.seed)
        except (LevelError, ValueError) as exc:
            self.notify(str(exc), severity="error", timeout=8)
            self._log(f"[red]{exc}[/]")
            return
        self._cancel_advance()
        self.session.set_source(source)
        self._log(f"level: {source.label}")
        self._new_layout_shown()

    def switch_agent(self, name: str) -> None:
        if self.agent_factory is None:
            self.notify("switching agents is not available here", severity="warning")
            return
        try:
            agent = self.agent_factory(name, seed=self.seed, library=self.session.agent.library)
        except (ValueError, KeyError) as exc:
            self.notify(str(exc), severity="error")
            return
        self._cancel_advance()
        self.session.set_agent(agent)
        self.agent_name = name
        self._log(f"agent: [b]{name}[/]")
        self._new_layout_shown()
        self._sync_skills()

    def clear_library(self) -> None:
        """Forget every skill: in the agent's library and in the store (episodes stay recorded)."""
        library = self.session.agent.library
        try:
            if library is not None:
                for skill in list(library):
                    library.remove(skill.id)
            if self.store is not None:
                self.store.clear_skills()
                if library is not None:
                    library.clear_dirty()
        except self.errors as exc:
            self.notify(f"could not clear the library: {exc}", severity="error")
            return
        self._cancel_advance()
        self.session.restart()
        self._flashing.clear()
        self._active_skill = (None, None)
        self._log("[b]the skill library was cleared[/]")
        self.notify("the skill library was cleared")
        self._new_layout_shown()
        self._sync_skills()

    # -- recorded episodes: browser, replay, take-over, learning curves ---------------------------------

    def action_episodes(self) -> None:
        if self.store is None:
            self.notify("no library is open, so no episodes are recorded", severity="warning")
            return
        self.push_screen(EpisodeBrowser(self.store), self._open_episode)

    def _open_episode(self, episode_id: int | None) -> None:
        if episode_id is None or self.store is None:
            return
        try:
            rec = replay(self.store.get_episode(episode_id))
        except (RecordingError, *self.errors) as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.open_replay(rec)

    def open_replay(self, rec) -> None:
        """Show a replay; the game pauses underneath and ``t`` there takes over from the step shown."""
        if self.play_mode == AUTO:
            self._set_mode(PAUSED)
        library = self.session.agent.library
        names = {skill.id: skill.name for skill in library} if library is not None else {}
        self.push_screen(ReplayScreen(rec, names), self._take_over)

    def _take_over(self, result: TakeOver | None) -> None:
        if result is None:
            return
        self._cancel_advance()
        self.session.take_over(result.level, result.state)
        self._set_mode(MANUAL)
        self._log(f"took over at step {result.index} of the replay: your move (space hands it to the agent)")
        self._new_layout_shown()

    def action_curves(self) -> None:
        if self.store is None:
            self.notify("no library is open, so no episodes are recorded", severity="warning")
            return
        from procmem_tui.tui.screens.curves import CurvesScreen  # plotext loads only when asked for

        group = group_of(self.session.level.name, self.session.source.family)
        self.push_screen(CurvesScreen(self.store, group))

    def on_skill_chosen(self, message: SkillChosen) -> None:
        self.action_skills(message.skill_id)

    # -- episode flow ------------------------------------------------------------------------------------

    def _cancel_advance(self) -> None:
        if self._advance is not None:
            self._advance.stop()
            self._advance = None

    def _next_episode(self) -> None:
        self._cancel_advance()
        self.session.next_episode()
        self._new_layout_shown()

    def _episode_over(self, summary) -> None:
        won = summary.success
        who = "you" if summary.source == "player" else f"the {self.agent_name} agent"
        verdict = "reached the goal" if won else "ran out of steps"
        line = (f"Episode {summary.episode}: {who} {verdict} in {summary.steps} steps "
                f"(optimal {summary.optimal_steps}), reward {summary.reward:+.1f}")
        short_who = "you" if summary.source == "player" else "agent"
        self._log((f"[green]✓ ep {summary.episode} {short_who} won" if won else
                   f"[yellow]✗ ep {summary.episode} {short_who} out of steps")
                  + f" in {summary.steps} (opt {summary.optimal_steps}) {summary.reward:+.1f}[/]")
        autoplay = self.play_mode == AUTO
        now = time.monotonic()
        verbs = {"new": "new skill", "improved": "improved", "merged": "merged"}
        for event in summary.learned:
            source = "you" if event.source == "player" else "agent"
            self._log(f"  [b green]✦ {verbs.get(event.kind, event.kind)}:[/] {event.name} [dim]({source})[/]")
            self._flashing[event.skill_id] = now + FLASH_SECONDS
        news = [e for e in summary.learned if e.kind != "merged"]
        if news:
            names = ", ".join(e.name for e in news[:3]) + (" …" if len(news) > 3 else "")
            kinds = sorted({verbs.get(e.kind, e.kind) for e in news})
            count = len(news)
            learned = f"{count} skill{'s' if count > 1 else ''} ({', '.join(kinds)}): {names}"
            if autoplay:
                self._toast(learned, title="procedural memory", timeout=3)
            else:
                self._toast(f"{line}\n{learned}", title="episode over · procedural memory",
                            severity="information" if won else "warning", timeout=5)
        elif not autoplay:  # in autoplay episodes end every few seconds: the log and the panels say it
            self._toast(line, title="episode over", severity="information" if won else "warning", timeout=4)
        if summary.learned:
            self.set_timer(FLASH_SECONDS + 0.1, self._unflash)
        self._sync_skills()
        self._w_charts.show(self.session.history)
        self._show_episode(outcome="won" if won else "out of steps")
        if self.play_mode == AUTO:
            pause = self.episode_pause if self.episode_pause is not None else max(0.3, min(1.2, 6 / self.speed))
            self._advance = self.set_timer(max(pause, 0.001), self._auto_next, name="next-episode")
        else:
            self._w_why.show_text("episode over: press any move key, n or space for the next one")

    def _toast(self, message: str, *, title: str, severity: str = "information", timeout: float = 4) -> None:
        """The game's one toast: a new one replaces the last (still shown) instead of piling over the panels;
        other notices (errors, warnings) stay."""
        previous = self._game_toast
        if previous is not None and previous in self._notifications:
            self._unnotify(previous)
        self._game_toast = Notification(message, title, severity, timeout)
        self.post_message(Notify(self._game_toast))

    def _unflash(self) -> None:
        if not self._live():
            return
        now = time.monotonic()
        self._flashing = {k: t for k, t in self._flashing.items() if t > now}
        self._w_skills.set_running(*self._active_skill, frozenset(self._flashing))

    # -- showing state -------------------------------------------------------------------------------------

    def _new_layout_shown(self) -> None:
        session = self.session
        level = session.level
        self.sub_title = f"{session.source.label} · agent {self.agent_name}"
        box = self.main.query_one("#grid-box")
        box.border_title = f"{level.name} · {level.width}x{level.height}"
        width = max(2 * level.width + 2, 44)
        box.border_subtitle = level.description if len(level.description) < width - 6 else ""
        self.main.fit_level(level.width, level.height)
        self._w_skills.set_level(level.name)
        self._show_world(None)
        self._w_why.show_text("you have control: arrows/WASD/hjkl move, p picks up, o opens · space: the agent plays"
                              if self.play_mode == MANUAL else f"the {self.agent_name} agent has control")

    def _show_world(self, decision) -> None:
        session = self.session
        state, level = session.state, session.level
        self._w_grid.show(level, state, self._marks(decision))
        self._w_inventory.show(tuple(level.keys.values()), state.keys)
        self._w_doors.show(level.doors, state.opened)
        self._show_episode()
        if (decision is not None or session.last_decision is None) and self._why_due(decision):
            self._w_why.show_decision(decision)
        running = (decision.skill_id, decision.progress) if decision is not None and decision.skill_id else (None, None)
        if running != self._active_skill:
            changed_skill = running[0] != self._active_skill[0]
            self._active_skill = running
            if changed_skill:
                self._sync_skills()
            else:
                self._w_skills.set_running(*running, frozenset(self._flashing))

    def _why_due(self, decision) -> bool:
        """In fast autoplay the Why line would change every frame, unreadable: show a decision at most every
        ``WHY_EVERY`` seconds, or at once when a different skill starts."""
        if self.play_mode != AUTO or self.speed <= FAST or decision is None:
            return True
        now = time.monotonic()
        if decision.skill_id != self._why_skill or now - self._why_at >= WHY_EVERY:
            self._why_at, self._why_skill = now, decision.skill_id
            return True
        return False

    def _marks(self, decision) -> dict:
        if decision is None or not decision.upcoming or self.session.done:
            return {}
        world = self.session.world.clone()
        marks = {}
        for action in decision.upcoming:
            marks.setdefault(world.state.pos, PATH_MARKS.get(action.value, ACT_MARK))
            if world.done:
                break
            world.step(action)
        return marks

    def _show_episode(self, outcome: str = "") -> None:
        session = self.session
        if not outcome and session.finished is not None:
            outcome = "won" if session.finished.success else "out of steps"
        self._w_episode.show(EpisodeInfo(
            level=session.level.name, seed=session.seed, episode=session.episode, steps=session.state.steps,
            max_steps=session.level.max_steps, reward=session.total_reward, mode=self.play_mode, speed=self.speed,
            optimal=session.optimal_steps, agent=self.agent_name, outcome=outcome,
        ))

    def _sync_skills(self) -> None:
        library = self.session.agent.library
        table = self._w_skills
        if library is None:
            table.border_title = f"skills (the {self.agent_name} agent has no memory)"
            table.sync([])
            return
        skills = list(library)
        players = sum(1 for s in skills if s.source == "player")
        table.border_title = f"skills {len(skills)}" + (f" · {players} yours" if players else "")
        table.sync(skills, *self._active_skill, frozenset(self._flashing))

    def _log(self, markup: str) -> None:
        self._w_log.add(markup)
