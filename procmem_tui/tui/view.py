"""Showing the game: the presenter that holds the main screen's widgets and draws one ``Frame`` at a time.

The app decides what happens and builds, once per step, an immutable ``tui.frame.Frame`` of what to show;
``GameView`` draws it and reads nothing else: the grid with the running skill's path and the fog's looks, keys,
doors, the episode panel, the skills table (which skill runs, which just changed and flashes), the Why line
(throttled in fast autoplay), the board's titles. It also keeps the event log and the end-of-episode news
(log lines, one game toast), from the values the app hands it.
"""

from __future__ import annotations

import time

from procmem_tui.safe_text import markup_safe, printable
from procmem_tui.tui.frame import Frame
from procmem_tui.tui.modes import AUTO, MANUAL
from procmem_tui.tui.short_names import fitting
from procmem_tui.tui.symbols import ascii_text, sym
from procmem_tui.tui.widgets.doors import Doors
from procmem_tui.tui.widgets.episode import EpisodePanel
from procmem_tui.tui.widgets.grid import GridView
from procmem_tui.tui.widgets.inventory import Inventory
from procmem_tui.tui.widgets.why import MOUSE_HINT, WhyLine
from procmem_tui.world.glyphs import IN_SIGHT, cell_text

FLASH_SECONDS = 3.0
WHY_EVERY = 0.25  # in fast autoplay the Why line changes at most this often (or when the skill changes)
FAST = 8  # steps/s above which autoplay throttles the Why line
NO_SKILLS_YET = "none yet: a won episode teaches some"  # the skills table's empty state (at most 40: 80x24)


YOU_PLAY = "you play: arrows/WASD/hjkl move, p picks up, o opens · space: the agent plays"


def first_hint(level, wide: bool = True) -> str:
    """What to do on this level, for someone who has never played: the first key and its door; under fog what
    keys and doors do, naming none of the level's (the board and the panels hide them until seen), only the range
    of their letters. The glyphs are the board's: two-column (``@@``, ``⌐a``, ``■A``) or, where the board draws
    one-column cells (``wide`` False), one-column (``@``, ``a``, ``A``)."""
    player, goal = cell_text("@", IN_SIGHT, wide), cell_text("G", IN_SIGHT, wide).strip()
    if level.view is not None:  # every key and door the board can draw, named as it draws them: a-f or ⌐a-⌐f
        keys, doors = (_span(cell_text(first, IN_SIGHT, wide), cell_text(last, IN_SIGHT, wide))
                       for first, last in (("a", "f"), ("A", "F")))
        return f"get {player} to {goal}: walk to see; p picks up a key {keys}, o opens its door {doors}"
    if not level.keys:
        return f"get {player} to {goal}"
    key = sorted(level.keys.values())[0]
    door = (f", then beside {cell_text(key.upper(), IN_SIGHT, wide)} press o"
            if key.upper() in level.doors.values() else "")
    return f"get {player} to {goal}: stand on {cell_text(key, IN_SIGHT, wide)} and press p{door}"


def _span(first: str, last: str) -> str:
    """``⌐a-⌐f``; "-a to -f" where the glyphs have a dash of their own (the ASCII board's keys)."""
    return f"{first} to {last}" if "-" in first else f"{first}-{last}"


def retitle(widget, title: str | None = None, subtitle: str | None = None) -> None:
    """Set a panel's border title and subtitle, each only when it differs from what the panel shows: Textual
    repaints the whole widget at every assignment, even of the same text (for the skills table, 20 lines of a
    ``DataTable`` at every step)."""
    if title is not None and widget.border_title != title:
        widget.border_title = title
    if subtitle is not None and widget.border_subtitle != subtitle:
        widget.border_subtitle = subtitle


def title_board(main, level) -> None:
    """The board's titles: the level's name, size and rules above, its description below (whole words)."""
    box = main.query_one("#grid-box")
    room = main.plan.board[0] - 6 if main.plan is not None else 0  # corners, spaces, a dash each side
    rules, size = level.rules.label(), f"{level.name} · {level.width}x{level.height}"
    retitle(box, markup_safe(fitting(room, *([f"{size} · {rules}"] if rules else []), size, level.name)),
            markup_safe(fitting(room, level.description)))


def fog_title(level, room: int, sight: int, reveal: bool) -> str:
    """The board's title under fog in ``room`` columns, worked out from the level each frame (it was worked out
    from the title on screen, and a title that was the sight alone grew to "sight 3 · sight 3"): the level's
    title as ``title_board`` words it, then "sight N", then "whole level (v)" while the watcher shows it. Short of
    room, the whole level shown goes last (at 80 columns it went first, with the sight, leaving the name), then
    the name (the episode panel says it too)."""
    rules, size = level.rules.label(), f"{level.name} · {level.width}x{level.height}"
    whole = ("whole level (v)",) if reveal else ()
    bases = ([f"{size} · {rules}"] if rules else []) + [size, level.name]
    forms = [" · ".join((base, f"sight {sight}", *whole)) for base in bases]
    if reveal:
        forms += [f"{level.name} · whole level (v)", f"{level.name} · whole (v)", "whole level (v)", "whole (v)"]
    return next((form for form in [*forms, f"sight {sight}"] if len(form) <= room), "")


class GameView:
    """Draws frames (``show``); never reads the session. ``app`` is used for its services only: timers, the
    window's subtitle, the footer's bindings."""

    def __init__(self, app) -> None:
        self.app = app
        main = app.main
        self.main = main
        self.grid = main.query_one(GridView)
        self.inventory = main.query_one(Inventory)
        self.doors = main.query_one(Doors)
        self.episode_panel = main.query_one(EpisodePanel)
        self.skills = main.query_one("#skills")  # by id: their modules load after the first frame (``MainScreen``)
        self.why = main.query_one(WhyLine)
        self.charts = main.query_one("#charts")
        self.event_log = main.query_one("#log")
        self.toast = main.query_one("#game-toast")
        self.flashing: dict[str, float] = {}
        self.active_skill: tuple[str | None, tuple[int, int] | None] = (None, None)
        self._why_at = 0.0
        self._why_skill: str | None = None
        self.clock = time.monotonic  # paces the Why line in fast autoplay (a test gives it a clock of its own)
        self.frame: Frame | None = None  # the frame on screen

    def log(self, markup: str) -> None:
        self.event_log.add(markup)

    def say(self, text: str) -> None:
        """A line for the Why line that is no decision (a hint, why a click cannot walk)."""
        self.why.show_text(text)

    @property
    def why_text(self) -> str:
        """The Why line's whole text (the line shows what fits)."""
        return self.why.text

    def new_layout(self, frame: Frame) -> None:
        """A new episode, level or agent: titles, the grid's size, the frame, and who has control."""
        level = frame.level
        self.app.sub_title = printable(f"{frame.source_label} · agent {frame.agent_name}")
        self.main.fit_level(level.width, level.height)  # first: the titles fit the board of this level's layout
        title_board(self.main, level)
        self.app.refresh_bindings()  # the watcher's key is there only under fog
        self.skills.set_level(level.name)
        self.show(frame)
        hint = first_hint(level, self.wide_cells) if frame.first_run else MOUSE_HINT
        self.why.show_text(f"{YOU_PLAY}\n{hint}" if frame.mode == MANUAL else f"the {frame.agent_name} agent has control")

    @property
    def wide_cells(self) -> bool:
        """Whether the board draws two-column cells (the hint and the panels draw their glyphs as it does)."""
        return self.grid.cell[0] > 1

    def retitle(self, level) -> None:
        """The board's titles fitted again to its box (after a resize), the sight radius too under fog; the
        first-run hint, while it shows, in the glyphs of the board's new cell width."""
        title_board(self.main, level)
        frame = self.frame
        if frame is not None and frame.fog is not None:
            self._title_sight(frame)
        if frame is not None and frame.first_run and self.why_text in {f"{YOU_PLAY}\n{first_hint(level, wide)}"
                                                                         for wide in (True, False)}:
            self.why.show_text(f"{YOU_PLAY}\n{first_hint(level, self.wide_cells)}")

    def show(self, frame: Frame) -> None:
        """Draw ``frame``: only what differs from the one on screen changes."""
        self.frame = frame
        level, state = frame.level, frame.state
        self.grid.show(level, state, dict(frame.marks), frame.fog)
        if frame.fog is not None:
            self._title_sight(frame)
        if self.grid.view is not None:
            self._show_window(level)
        self.inventory.show(frame.keys_lying, state.keys)
        self.doors.show(dict(frame.doors), state.opened, frame.fogged)
        self.episode_panel.show(frame.episode)
        if frame.note is not None:
            self.why.show_text(frame.note)
        elif frame.explain and self._why_due(frame):
            self.why.show_decision(frame.decision)
        running, decision = frame.running, frame.decision
        if frame.skills is not None:
            self.active_skill = running
            self._sync_skills(frame)
        elif running != self.active_skill:
            self.active_skill = running
            self.skills.set_running(*running, frozenset(self.flashing))
        if running[0] and running[1]:
            retitle(self.skills, subtitle=ascii_text(f"▶ {decision.skill_name} {running[1][0]}/{running[1][1]}"))
        else:  # an empty table says what fills it (a new library's first minutes)
            retitle(self.skills, subtitle=NO_SKILLS_YET if frame.has_memory and not self.skills.order else "")

    def _title_sight(self, frame: Frame) -> None:
        """The board's title says the sight radius, and when the watcher shows the whole level."""
        room = self.main.plan.board[0] - 6 if self.main.plan is not None else 0
        title = markup_safe(fog_title(frame.level, room, frame.sight, frame.reveal))
        retitle(self.main.query_one("#grid-box"), title)

    def _show_window(self, level) -> None:
        """A board bigger than its box scrolls with the player: the box's subtitle says so, and which part shows
        (columns x and rows y, from 0, y up, as the level's coordinates)."""
        (ox, oy), (vw, vh) = self.grid.origin, self.grid.view
        vw, vh = min(vw, level.width), min(vh, level.height)
        parts = ([f"x {ox}-{ox + vw - 1} of {level.width}"] if vw < level.width else []) + (
            [f"y {oy}-{oy + vh - 1} of {level.height}"] if vh < level.height else [])
        arrows = (sym("scrolls-across") if vw < level.width else "") + (sym("scrolls-down") if vh < level.height else "")
        room = self.main.plan.board[0] - 6 if self.main.plan is not None else 0
        text = fitting(room, f"scrolls with you: {', '.join(parts)}", f"{arrows} {', '.join(parts)}", arrows)
        box = self.main.query_one("#grid-box")
        retitle(box, subtitle=text)

    def _why_due(self, frame: Frame) -> bool:
        """In fast autoplay the Why line would change every frame, unreadable: show a decision at most every
        ``WHY_EVERY`` seconds, or at once when a different skill starts."""
        decision = frame.decision
        if frame.mode != AUTO or frame.speed <= FAST or decision is None:
            return True
        now = self.clock()
        if decision.skill_id != self._why_skill or now - self._why_at >= WHY_EVERY:
            self._why_at, self._why_skill = now, decision.skill_id
            return True
        return False

    def _sync_skills(self, frame: Frame) -> None:
        table = self.skills
        if not frame.has_memory:
            retitle(table, f"skills (the {frame.agent_name} agent has no memory)")
            table.sync([])
            return
        skills = frame.skills
        players = sum(1 for s in skills if s.source == "player")
        retitle(table, f"skills {len(skills)}" + (f" · {players} yours" if players else ""))
        table.sync(skills, *self.active_skill, frozenset(self.flashing))

    def focused_skill(self) -> str | None:
        """The skill a bare ``i`` opens: the one running, else the table's first."""
        return self.active_skill[0] or (self.skills.order[0] if self.skills.order else None)

    def forget_skills(self) -> None:
        """The library was cleared: nothing runs or flashes any more."""
        self.flashing.clear()
        self.active_skill = (None, None)

    # -- an episode's end ------------------------------------------------------------------------

    def episode_over(self, summary, frame: Frame, history) -> None:
        """The log lines, the one toast, the flashing of new skills, the charts (``history``: the episodes'
        summaries) and ``frame``, the episode's last (its skills and outcome)."""
        app = self.app
        won = summary.success
        who = "you" if summary.source == "player" else f"the {frame.agent_name} agent"
        verdict = "reached the goal" if won else "ran out of steps"
        line = (f"Episode {summary.episode}: {who} {verdict} in {summary.steps} steps "
                f"(optimal {summary.optimal_steps}), reward {summary.reward:+.1f}")
        short_who = "you" if summary.source == "player" else "agent"
        self.log((f"[green]{sym('won')} ep {summary.episode} {short_who} won" if won else
                  f"[yellow]{sym('lost')} ep {summary.episode} {short_who} out of steps")
                 + f" in {summary.steps} (opt {summary.optimal_steps}) {summary.reward:+.1f}[/]")
        autoplay = frame.mode == AUTO
        now = time.monotonic()
        verbs = {"new": "new skill", "improved": "improved", "merged": "merged"}
        for event in summary.learned:
            source = "you" if event.source == "player" else "agent"
            self.log(f"  [b green]{sym('new')} {verbs.get(event.kind, event.kind)}:[/] {markup_safe(ascii_text(event.name))} [dim]({source})[/]")
            self.flashing[event.skill_id] = now + FLASH_SECONDS
        news = [e for e in summary.learned if e.kind != "merged"]
        if news:
            names = ascii_text(", ".join(e.name for e in news[:3]) + (" …" if len(news) > 3 else ""))
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
        self.show(frame)
        self.charts.show(history)

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
