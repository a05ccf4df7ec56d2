"""The command palette's commands: levels, agents, clearing the library (with a confirmation) and exporting skills."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from procmem_tui.tui.messages import LevelChosen
from procmem_tui.world import FAMILIES, builtin_level_names

AGENT_HELP = {
    "procmem": "learns skills from wins (its own and yours) and reuses them",
    "seed": "starts from a few hand-written seed skills",
    "explorer": "explores at random, no memory",
    "qlearning": "tabular Q-learning",
    "planner": "the optimal BFS plan (a yardstick)",
}


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
        commands.append(("Map picker", app.action_map, "choose a built-in level, a file or a family"))
        return commands

    async def discover(self) -> Hits:
        for title, callback, text in self._commands():
            yield DiscoveryHit(title, callback, help=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=text)
