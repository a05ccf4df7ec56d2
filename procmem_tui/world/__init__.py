"""The game: levels, rules, generators, the optimal solver and text pictures. Pure Python + numpy."""

from procmem_tui.world.actions import ACTIONS, Action
from procmem_tui.world.generate import FAMILIES, generate
from procmem_tui.world.gridworld import GridWorld, State, Step
from procmem_tui.world.level import Level, LevelError, builtin_level_names, format_level, load_level, parse_level
from procmem_tui.world.solve import optimal_steps, solve
from procmem_tui.world.text import render_ansi, render_text

__all__ = [
    "ACTIONS", "Action", "FAMILIES", "GridWorld", "Level", "LevelError", "State", "Step",
    "builtin_level_names", "format_level", "generate", "load_level", "optimal_steps", "parse_level",
    "render_ansi", "render_text", "solve",
]
