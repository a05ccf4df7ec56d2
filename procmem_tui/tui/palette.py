"""The command palette's commands (levels built-in and yours, agents, the level editor, clearing the library with a
confirmation, exporting skills), and the palette itself with a workaround for a Textual 8.2.8 crash
(``SafeCommandPalette``)."""

from __future__ import annotations

from functools import partial

from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider

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
        if app.session.view is not None:
            commands.append(("Fog: the whole level / what the agent sees", app.action_watch,
                             "while the agent plays: the whole level with its sight drawn over it, and back (v)"))
        from procmem_tui.tui import editing
        from procmem_tui.tui.screens.map_picker import saved_levels

        for name, path, _ in saved_levels():
            commands.append((f"Level: {name} (yours)", partial(app.choose_level, LevelChosen(level=path)),
                             "a level you saved in the editor"))
        commands.append(("New level…", partial(editing.new_level, app), "draw a level in the editor"))
        commands.append(("Edit this level…", partial(editing.edit_shown, app),
                         "the level shown, in the editor (a built-in level as a copy)"))
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


class SafeCommandPalette(CommandPalette):
    """Textual 8.2.8's command palette, without its PageUp/PageDown crash.

    Pressed right after ctrl+p, PageDown reaches the command list when it has become visible (and highlighted its
    first command) but has not been laid out yet: ``OptionList._update_lines`` returns early while the list has no
    content region, so ``OptionList._move_page`` looks up ``_index_to_line[0]`` in an empty cache and raises
    ``KeyError: 0``, which ends the app. Here a page move on a list not laid out yet waits for a later refresh
    (up to 20), and is dropped if the list still has no room then.
    """

    def _action_command_list(self, action: str, tries: int = 20) -> None:
        if action in ("page_down", "page_up") and not self._list_laid_out():
            if tries > 0 and self.is_attached:
                self.call_after_refresh(self._action_command_list, action, tries - 1)
            return
        super()._action_command_list(action)

    def _list_laid_out(self) -> bool:
        commands = self.query_one(CommandList)
        return bool(commands.scrollable_content_region) and (commands.highlighted is None or bool(commands._lines))
