"""Changes to what is played and with what: the level (map picker, palette), the agent, the skill library.

Each change goes through the Session, then redraws the new layout; the library ones also write the store or a
JSON export, and report failures as notices rather than ending the game.
"""

from __future__ import annotations

import json
from pathlib import Path

from procmem_tui.editing.user_levels import load_any_level
from procmem_tui.safe_text import markup_safe
from procmem_tui.session import LevelSource
from procmem_tui.tui.messages import LevelChosen
from procmem_tui.tui.screens.confirm import ConfirmScreen
from procmem_tui.tui.screens.map_picker import MapPicker, level_line
from procmem_tui.world import FAMILIES, LevelError, builtin_level_names, load_level
from procmem_tui.world.level import VIEW_ALL, view_overridden
from procmem_tui.userfiles import write_atomic


class Changes:
    def __init__(self, app) -> None:
        self.app = app
        self._levels: list[tuple[str, str]] | None = None

    # -- level --------------------------------------------------------------------------------

    def new_layout(self) -> None:
        """The next generated layout; on a fixed level, generated ``doorkey`` layouts of about its size."""
        app = self.app
        app.cancel_advance()
        source = app.session.source
        if source.family is not None:
            app.session.next_episode()
        else:
            app.seed += 1
            size = max(5, min(16, source.level.width if source.level is not None else 8))
            app.session.set_source(LevelSource.generated("doorkey", size, app.seed, **self._sight_options()))
        app.view.log(f"new layout: {markup_safe(app.session.level.name)} (seed {app.session.seed})")
        app.show_layout()

    def pick_map(self) -> None:
        """The map picker, opened on the level shown; the built-in levels are read once, when first asked for."""
        app = self.app
        if self._levels is None:
            self._levels = []
            for name in builtin_level_names():
                try:
                    level = load_level(name)
                except LevelError:
                    continue
                self._levels.append((name, level_line(level)))
        levels = self._levels
        source = app.session.source
        size = source.size if source.family else 8
        current = app.session.level.name if source.family is None else None
        override = app.view_override
        fog = override if override is not None and override != VIEW_ALL else None
        app.push_screen(MapPicker(levels, FAMILIES, size, current=current, fog=fog), self.choose_level)

    def _sight_options(self, override=None) -> dict:
        """The generator option that carries the app's ``--view N`` (or ``override``) to every level chosen."""
        override = self.app.view_override if override is None else override
        return {"view": int(override)} if override is not None and override != VIEW_ALL else {}

    def choose_level(self, choice: LevelChosen | None) -> None:
        if choice is None:
            return
        app = self.app
        if choice.edit is not None:
            from procmem_tui.tui import editing

            (editing.new_level if choice.edit == "new" else editing.edit_shown)(app)
            return
        override = app.view_override if choice.view is None else choice.view  # the picker's fog switch
        try:
            if choice.level is not None:
                source = LevelSource.fixed(view_overridden(load_any_level(choice.level), override))
            else:
                source = LevelSource.generated(choice.family, choice.size, app.seed, **self._sight_options(override))
        except (LevelError, ValueError) as exc:
            app.notify(markup_safe(exc), severity="error", timeout=8)
            app.view.log(f"[red]{markup_safe(exc)}[/]")
            return
        app.cancel_advance()
        if choice.view is not None:
            app.view_override = override
            app.frames.reveal = False
        app.session.set_source(source)
        described = f": {app.session.level.description}" if app.session.level.description else ""
        app.view.log(f"level: [b]{markup_safe(source.label)}[/]{markup_safe(described)}")
        if choice.view is not None:
            self._say_fog(None if override == VIEW_ALL else override)
        app.show_layout()

    def set_fog(self, radius: int | None) -> None:
        """Fog on (sight ``radius``) or off (None: the whole level) for this level and every one chosen after,
        as ``--view`` does at start: a person who read of fog in the help turns it on here, not by quitting."""
        app = self.app
        app.view_override = VIEW_ALL if radius is None else radius
        source = app.session.source
        if source.level is not None:
            source = LevelSource.fixed(view_overridden(source.level, app.view_override))
        elif source.levels:
            source = LevelSource.cycle(view_overridden(level, app.view_override) for level in source.levels)
        else:
            options = {name: value for name, value in source.options if name != "view"}
            source = LevelSource.generated(source.family, source.size, app.session.seed or source.seed,
                                           **options, **self._sight_options())
        app.cancel_advance()
        app.frames.reveal = False
        app.session.set_source(source)
        self._say_fog(radius)
        app.show_layout()

    def _say_fog(self, radius: int | None) -> None:
        if radius is None:
            self.app.view.log("fog off: the whole level is in sight")
        else:
            self.app.view.log(f"fog on: only what is within {radius} cells is in sight; while the agent plays, v "
                              "shows the whole level")

    # -- agent --------------------------------------------------------------------------------

    def switch_agent(self, name: str) -> None:
        """A new agent of another kind keeps the same skill library."""
        app = self.app
        if app.agent_factory is None:
            app.notify("switching agents is not available here", severity="warning")
            return
        try:
            agent = app.agent_factory(name, seed=app.seed, library=app.session.agent.library)
        except (ValueError, KeyError) as exc:
            app.notify(markup_safe(exc), severity="error")
            return
        app.cancel_advance()
        app.session.set_agent(agent)
        app.agent_name = name
        app.view.log(f"agent: [b]{name}[/]")
        app.show_layout()

    # -- library ------------------------------------------------------------------------------

    def ask_to_clear_library(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self.clear_library()

        self.app.push_screen(ConfirmScreen("Forget every skill in the library? This cannot be undone.",
                                           "Forget all"), confirmed)

    def clear_library(self) -> None:
        """Forget every skill: in the agent's library and in the store (episodes stay recorded)."""
        app = self.app
        library = app.session.agent.library
        try:
            with app.session.exclusive():  # after a decision under way in autoplay's thread: it reads the library
                if library is not None:
                    for skill in list(library):
                        library.remove(skill.id)
                if app.store is not None:
                    if app.saver is not None:  # behind the records still waiting, which hold skills of their own
                        from procmem_tui.episode_record import ClearSkills

                        app.saver.submit(app.store, ClearSkills())
                    else:
                        app.store.clear_skills()
                    if library is not None:
                        library.clear_dirty()
        except app.errors as exc:
            app.notify(markup_safe(f"could not clear the library: {exc}"), severity="error")
            return
        app.cancel_advance()
        app.session.restart()
        app.view.forget_skills()
        app.view.log("[b]the skill library was cleared[/]")
        app.notify("the skill library was cleared")
        app.show_layout()

    def export_skills(self) -> None:
        """Every skill as JSON in ``procmem-skills.json`` in the working directory."""
        app = self.app
        library = app.session.agent.library
        if library is None:
            app.notify("this agent has no skill library", severity="warning")
            return
        path = Path.cwd() / "procmem-skills.json"
        rows = [{
            "id": s.id, "name": s.name, "kind": s.kind, "source": s.source, "program": list(s.program),
            "effect": list(s.effect), "preconditions": sorted(s.preconditions), "uses": s.uses,
            "attempts": s.attempts, "successes": s.successes, "created_episode": s.created_episode,
        } for s in library]
        try:
            write_atomic(path, json.dumps(rows, indent=2) + "\n")
        except OSError as exc:
            app.notify(f"could not write {path}: {exc.strerror or exc}", severity="error")
            return
        app.view.log(f"exported {len(rows)} skills to {path}")
        app.notify(f"exported {len(rows)} skills to {path}")

