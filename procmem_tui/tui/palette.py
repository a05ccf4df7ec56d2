"""The command palette's commands (levels built-in and yours, agents, the level editor, clearing the library with a
confirmation, exporting skills, and the keys an 80-column footer leaves out: help, restart, replays, curves, …),
themes, and the search that finds each by any word of its name ("contrast"
finds the high-contrast theme). The palette itself, with its workaround for a Textual crash, is
``textual_private.SafeCommandPalette``."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from procmem_tui.tui.textual_private import SafeCommandPalette  # noqa: F401  (read from here by the tests; the app opens it in ascii_look)

from procmem_tui.tui.messages import LevelChosen
from procmem_tui.world import FAMILIES, builtin_level_names

FOG_RADIUS = 3  # the palette's fog: the sight the benchmarks' fog runs use (--view 3)

AGENT_HELP = {
    "procmem": "learns skills from wins (its own and yours) and reuses them",
    "seed": "starts from a few hand-written seed skills",
    "explorer": "explores at random, no memory",
    "qlearning": "tabular Q-learning",
    "planner": "the optimal BFS plan (a yardstick)",
}


KEYED_COMMANDS = (  # (title, the app's action, what it does and its key); run_action obeys check_action like the key
    ("Help: keys, glyphs and what to do", "help", "how to play, every key and every glyph (?)"),
    ("Restart the episode", "restart", "this episode again from its start (r)"),
    ("New layout", "new_layout", "a new generated layout of this size (g)"),
    ("Skill details", "skills", "preconditions, effect, program and versions of a skill (i)"),
    ("Recorded episodes: replay one", "episodes", "the episodes in the library, to step through (e)"),
    ("Learning curves", "curves", "steps against optimal, success, library size, steps inside skills (c)"),
    ("Why: the agent's whole reasoning", "why", "why the agent did what it did (y)"),
)


class ProcmemCommands(Provider):
    def _commands(self) -> list[tuple[str, object, str]]:
        app = self.app
        commands = []
        for name in builtin_level_names():
            commands.append((f"Level: {name}", partial(app.choose_level, LevelChosen(level=name)), "play this built-in level"))
        for family in FAMILIES:
            for size in (8, 16):
                commands.append((f"Level: generated {family} {size}x{size}",
                                 partial(app.choose_level, LevelChosen(family=family, size=size)),
                                 "a new layout every episode (seed + episode)"))
        from procmem_tui.agents import AGENT_NAMES

        for name in AGENT_NAMES:
            text = AGENT_HELP.get(name, "")
            commands.append((f"Agent: {name}", partial(app.switch_agent, name), text))
        commands.append(("Clear the skill library…", app.action_clear_library, "forget every skill (asks first)"))
        commands.append(("Export skills", app.action_export_skills, "write every skill to a JSON file"))
        commands.append(("Map picker", app.action_map, "choose a built-in level, a file or a family (m)"))
        commands.append(("What it knows: skills and world model", app.action_knowledge,
                         "the agent's procedural and declarative memory side by side (f)"))
        for title, action, text in KEYED_COMMANDS:  # the keys an 80-column footer leaves out, found by their words
            commands.append((title, partial(app.run_action, action), text))
        if app.session.view is not None:
            commands.append(("Fog: the whole level / what the agent sees", app.action_watch,
                             "while the agent plays: the whole level with its sight drawn over it, and back (v)"))
            commands.append(("Fog off: the whole level in sight", partial(app.changes.set_fog, None),
                             "this level and the next ones without fog (--view all)"))
        else:
            commands.append((f"Fog on: sight {FOG_RADIUS} cells", partial(app.changes.set_fog, FOG_RADIUS),
                             f"the agent (and you) see {FOG_RADIUS} cells around it; this level and the next ones "
                             f"(--view {FOG_RADIUS})"))
        from procmem_tui.tui import editing
        from procmem_tui.tui.screens.map_picker import saved_levels

        for name, path, _ in saved_levels():
            commands.append((f"Level: {name} (yours)", partial(app.choose_level, LevelChosen(level=path)),
                             "a level you saved in the editor"))
        commands.append(("New level…", partial(editing.new_level, app), "draw a level in the editor"))
        commands.append(("Edit this level…", partial(editing.edit_shown, app),
                         "the level shown, in the editor (a built-in level as a copy)"))
        for name in sorted(app.available_themes):
            commands.append((f"Theme: {name}", partial(setattr, app, "theme", name), "the app's colours"))
        return commands

    async def discover(self) -> Hits:
        for title, callback, text in self._commands():
            yield DiscoveryHit(title, callback, help=text)

    async def search(self, query: str) -> Hits:
        """Textual's fuzzy match, and also any command one of whose words the query's words start
        ("contrast" finds "Theme: high-contrast", "door" finds nothing it should not)."""
        matcher = self.matcher(query)
        for title, callback, text in self._commands():
            score = matcher.match(title) or word_match(query, title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=text)


def word_match(query: str, title: str) -> float:
    """A score in (0, 1) when every word of ``query`` begins a word of ``title`` (words split at spaces, dashes,
    underscores and colons), else 0."""
    import re

    words = [w for w in re.split(r"[\s\-_:()…]+", title.lower()) if w]
    wanted = [w for w in re.split(r"[\s\-_:]+", query.lower()) if w]
    if wanted and all(any(word.startswith(w) for word in words) for w in wanted):
        return 0.5
    return 0.0
