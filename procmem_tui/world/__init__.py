"""The game: levels, rules, generators, the optimal solver and text pictures. Pure Python + numpy."""

from procmem_tui.world.actions import ACTIONS, Action
from procmem_tui.world.generate import FAMILIES, generate
from procmem_tui.world.gridworld import GridWorld, State, Step
from procmem_tui.world.level import Level, LevelError, format_level, with_rules, with_view
from procmem_tui.world.level_files import MAX_LEVEL_BYTES, builtin_level_names, load_level
from procmem_tui.world.parse import parse_level
from procmem_tui.world.rules import DEFAULT_RULES, Rules
from procmem_tui.world.solve import MAX_SOLVER_STATES, SolverLimitError, optimal_steps, solve
from procmem_tui.world.text import render_ansi, render_text

__all__ = [
    "ACTIONS", "Action", "DEFAULT_RULES", "FAMILIES", "GridWorld", "Level", "LevelError", "MAX_LEVEL_BYTES",
    "MAX_SOLVER_STATES", "Rules", "SolverLimitError", "State", "Step", "builtin_level_names", "format_level",
    "generate", "load_level", "optimal_steps", "parse_level", "render_ansi", "render_text", "solve", "with_rules",
    "with_view",
]
