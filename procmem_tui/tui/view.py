"""Showing the game: the presenter that holds the main screen's widgets and hands them the session's state.

The app decides what happens; ``GameView`` only draws it: the grid with the running skill's path, inventory,
doors, the episode panel, the skills table (which skill runs, which just changed and flashes), the Why line
(throttled in fast autoplay), the event log, and the end-of-episode news (log lines, one game toast).

Under fog (the level's sight radius) the screen remembers what it has seen this episode (``tui.fog.Sightings``,
fed every step) and the grid draws each cell in sight, remembered or never seen. While the agent has control the
watcher's key (``v``) shows the whole level with the agent's sight drawn over it instead (``reveal``).
"""

from __future__ import annotations

import time

from procmem_tui.safe_text import markup_safe, printable
from procmem_tui.tui.fog import Sightings
from procmem_tui.tui.modes import AUTO, MANUAL
from procmem_tui.tui.short_names import fitting
from procmem_tui.tui.widgets.charts import Charts
from procmem_tui.tui.widgets.doors import Doors
from procmem_tui.tui.widgets.episode import EpisodeInfo, EpisodePanel
from procmem_tui.tui.widgets.event_log import EventLog
from procmem_tui.tui.widgets.grid import ACT_MARK, PATH_MARKS, GridView
from procmem_tui.tui.widgets.inventory import Inventory
from procmem_tui.tui.widgets.skills import SkillsTable
from procmem_tui.tui.widgets.toast import GameToast
from procmem_tui.tui.widgets.why import MOUSE_HINT, WhyLine

FLASH_SECONDS = 3.0
WHY_EVERY = 0.25  # in fast autoplay the Why line changes at most this often (or when the skill changes)
FAST = 8  # steps/s above which autoplay throttles the Why line


YOU_PLAY = "you play: arrows/WASD/hjkl move, p picks up, o opens · space: the agent plays"


def first_hint(level) -> str:
    """What to do on this level, for someone who has never played: the first key and its door."""
    if not level.keys:
        return "get @@ to ★"
    key = sorted(level.keys.values())[0]
    door = f", then beside ■{key.upper()} press o" if key.upper() in level.doors.values() else ""
    return f"get @@ to ★: stand on ⌐{key} and press p{door}"


def title_board(main, level) -> None:
    """The board's titles: the level's name, size and rules above, its description below (whole words)."""
    box = main.query_one("#grid-box")
    room = main.plan.board[0] - 6 if main.plan is not None else 0  # corners, spaces, a dash each side
    rules, size = level.rules.label(), f"{level.name} · {level.width}x{level.height}"
    box.border_title = markup_safe(fitting(room, *([f"{size} · {rules}"] if rules else []), size, level.name))
    box.border_subtitle = markup_safe(fitting(room, level.description))


class GameView:
    """Reads the app's session, mode, speed and agent name; never calls the Session."""

    def __init__(self, app) -> None:
        self.app = app
        main = app.main
        self.main = main
        self.grid = main.query_one(GridView)
        self.inventory = main.query_one(Inventory)
        self.doors = main.query_one(Doors)
        self.episode_panel = main.query_one(EpisodePanel)
        self.skills = main.query_one(SkillsTable)
        self.why = main.query_one(WhyLine)
        self.charts = main.query_one(Charts)
        self.event_log = main.query_one(EventLog)
        self.toast = main.query_one(GameToast)
        self.flashing: dict[str, float] = {}
        self.active_skill: tuple[str | None, tuple[int, int] | None] = (None, None)
        self._why_at = 0.0
        self._why_skill: str | None = None
        self.reveal = False  # the watcher's whole-level view (only while the agent has control)
        self._sightings: Sightings | None = None
        self._sightings_of = None  # the episode's GridWorld the memory belongs to

    def log(self, markup: str) -> None:
        self.event_log.add(markup)

    def new_layout(self) -> None:
        """A new episode, level or agent: titles, the grid's size, and who has control."""
        app = self.app
        session = app.session
        level = session.level
        app.sub_title = printable(f"{session.source.label} · agent {app.agent_name}")
        self.main.fit_level(level.width, level.height)  # first: the titles fit the board of this level's layout
        title_board(self.main, level)
        self.app.refresh_bindings()  # the watcher's key is there only under fog
        self.skills.set_level(level.name)
        self.show_world(None)
        hint = first_hint(level) if self.first_run() else MOUSE_HINT
        self.why.show_text(f"{YOU_PLAY}\n{hint}" if app.play_mode == MANUAL else f"the {app.agent_name} agent has control")

    def first_run(self) -> bool:
        """Nothing recorded yet and the first episode: a new player, who gets the hint of what to do."""
        session = self.app.session
        return session.episode == 1 and not session.history

    def show_world(self, decision) -> None:
        session = self.app.session
        state, level = session.state, session.level
        self.grid.show(level, state, self._marks(decision), self.fog())
        if self.grid.view is not None:
            self._show_window(level)
        known = self._known
        self.inventory.show(tuple(k for p, k in level.keys.items() if p not in state.taken and known(p)), state.keys)
        fogged = self._sightings is not None and not self.revealing
        self.doors.show({p: letter for p, letter in level.doors.items() if known(p)}, state.opened, fogged)
        self.show_episode()
        if (decision is not None or session.last_decision is None) and self._why_due(decision):
            self.why.show_decision(decision)
        running = (decision.skill_id, decision.progress) if decision is not None and decision.skill_id else (None, None)
        if running != self.active_skill:
            changed_skill = running[0] != self.active_skill[0]
            self.active_skill = running
            if changed_skill:
                self.sync_skills()
            else:
                self.skills.set_running(*running, frozenset(self.flashing))
            self.skills.border_subtitle = (f"▶ {decision.skill_name} {running[1][0]}/{running[1][1]}"
                                           if running[0] and running[1] else "")

    def _known(self, pos) -> bool:
        """Whether the keys and doors panels may name what lies at ``pos``: under fog, only what has been seen
        (or the whole level while the watcher reveals it), so the panels give away nothing the board hides."""
        sightings = self._sightings
        return sightings is None or self.revealing or sightings.has_seen(pos)

    @property
    def revealing(self) -> bool:
        """True when the board shows the whole level: the watcher asked for it and the agent has control."""
        return self.reveal and self.app.play_mode != MANUAL

    def fog(self):
        """The fog layer for the session's state (None without fog): the screen sees every state it is shown,
        so its memory is what was in sight at each step of this episode."""
        session = self.app.session
        view = session.view
        if view is None:
            self._sightings = self._sightings_of = None
            return None
        if self._sightings is None or self._sightings_of is not session.world:
            self._sightings, self._sightings_of = Sightings(session.level, view), session.world
        seen = session.seen
        current = seen.pos == session.state.pos and seen.steps == session.state.steps
        self._sightings.see(session.state, seen.in_sight if current else None)
        layer = self._sightings.layer(session.state, reveal=self.revealing)
        box = self.main.query_one("#grid-box")
        title = str(box.border_title or "").split(" · sight ")[0]
        room = self.main.plan.board[0] - 6 if self.main.plan is not None else 0
        sight = f" · sight {view}" + (" · whole level (v)" if self.revealing else "")
        box.border_title = fitting(room, title + sight, title.split(" · ")[0] + sight, title)
        return layer

    def _show_window(self, level) -> None:
        """A board bigger than its box scrolls with the player: the box's subtitle says so, and which part shows
        (columns x and rows y, from 0, y up, as the level's coordinates)."""
        (ox, oy), (vw, vh) = self.grid.origin, self.grid.view
        vw, vh = min(vw, level.width), min(vh, level.height)
        parts = ([f"x {ox}-{ox + vw - 1} of {level.width}"] if vw < level.width else []) + (
            [f"y {oy}-{oy + vh - 1} of {level.height}"] if vh < level.height else [])
        arrows = ("↔" if vw < level.width else "") + ("↕" if vh < level.height else "")
        room = self.main.plan.board[0] - 6 if self.main.plan is not None else 0
        text = fitting(room, f"scrolls with you: {', '.join(parts)}", f"{arrows} {', '.join(parts)}", arrows)
        box = self.main.query_one("#grid-box")
        if box.border_subtitle != text:
            box.border_subtitle = text

    def _why_due(self, decision) -> bool:
        """In fast autoplay the Why line would change every frame, unreadable: show a decision at most every
        ``WHY_EVERY`` seconds, or at once when a different skill starts."""
        if self.app.play_mode != AUTO or self.app.speed <= FAST or decision is None:
            return True
        now = time.monotonic()
        if decision.skill_id != self._why_skill or now - self._why_at >= WHY_EVERY:
            self._why_at, self._why_skill = now, decision.skill_id
            return True
        return False

    def _marks(self, decision) -> dict:
        """The cells the running skill will cross next, simulated on a copy of the world."""
        session = self.app.session
        if decision is None or not decision.upcoming or session.done:
            return {}
        world = session.world.clone()
        marks = {}
        for action in decision.upcoming:
            marks.setdefault(world.state.pos, PATH_MARKS.get(action.value, ACT_MARK))
            if world.done:
                break
            world.step(action)
        return marks

    def show_episode(self, outcome: str = "") -> None:
        app = self.app
        session = app.session
        if not outcome and session.finished is not None:
            outcome = "won" if session.finished.success else "out of steps"
        self.episode_panel.show(EpisodeInfo(
            level=session.level.name, seed=session.seed, episode=session.episode, steps=session.state.steps,
            max_steps=session.level.max_steps, reward=session.total_reward, mode=app.play_mode, speed=app.speed,
            optimal=session.optimal_steps, agent=app.agent_name, outcome=outcome, rules=session.level.rules.label(),
        ))

    def sync_skills(self) -> None:
        library = self.app.session.agent.library
        table = self.skills
        if library is None:
            table.border_title = f"skills (the {self.app.agent_name} agent has no memory)"
            table.sync([])
            return
        skills = list(library)
        players = sum(1 for s in skills if s.source == "player")
        table.border_title = f"skills {len(skills)}" + (f" · {players} yours" if players else "")
        table.sync(skills, *self.active_skill, frozenset(self.flashing))

    def focused_skill(self) -> str | None:
        """The skill a bare ``i`` opens: the one running, else the table's first."""
        return self.active_skill[0] or (self.skills.order[0] if self.skills.order else None)

    def forget_skills(self) -> None:
        """The library was cleared: nothing runs or flashes any more."""
        self.flashing.clear()
        self.active_skill = (None, None)

    # -- an episode's end ------------------------------------------------------------------------

    def episode_over(self, summary) -> None:
        """The log lines, the one toast, the flashing of new skills, the charts and the panel's outcome."""
        app = self.app
        won = summary.success
        who = "you" if summary.source == "player" else f"the {app.agent_name} agent"
        verdict = "reached the goal" if won else "ran out of steps"
        line = (f"Episode {summary.episode}: {who} {verdict} in {summary.steps} steps "
                f"(optimal {summary.optimal_steps}), reward {summary.reward:+.1f}")
        short_who = "you" if summary.source == "player" else "agent"
        self.log((f"[green]✓ ep {summary.episode} {short_who} won" if won else
                  f"[yellow]✗ ep {summary.episode} {short_who} out of steps")
                 + f" in {summary.steps} (opt {summary.optimal_steps}) {summary.reward:+.1f}[/]")
        autoplay = app.play_mode == AUTO
        now = time.monotonic()
        verbs = {"new": "new skill", "improved": "improved", "merged": "merged"}
        for event in summary.learned:
            source = "you" if event.source == "player" else "agent"
            self.log(f"  [b green]✦ {verbs.get(event.kind, event.kind)}:[/] {markup_safe(event.name)} [dim]({source})[/]")
            self.flashing[event.skill_id] = now + FLASH_SECONDS
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
            app.set_timer(FLASH_SECONDS + 0.1, self._unflash)
        self.sync_skills()
        self.charts.show(app.session.history)
        self.show_episode(outcome="won" if won else "out of steps")

    def _toast(self, message: str, *, title: str, severity: str = "information", timeout: float = 4) -> None:
        """The game's one toast: a new one replaces the last (still shown) instead of piling over the panels;
        other notices (errors, warnings, through ``App.notify``) stay."""
        self.toast.show(message, title=title, severity=severity, timeout=timeout)

    def _unflash(self) -> None:
        if not self.app.is_live():
            return
        now = time.monotonic()
        self.flashing = {k: t for k, t in self.flashing.items() if t > now}
        self.skills.set_running(*self.active_skill, frozenset(self.flashing))
