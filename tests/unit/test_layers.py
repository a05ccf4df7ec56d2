"""The layering of DESIGN.md: ``world/`` and ``memory/`` never import Textual, Rich or a layer above them, and
take no randomness from ``random``, ``hash()`` or the clock; the public names are importable."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "procmem_tui"
UPPER = ("agents", "session", "recording", "curves", "bench", "gym_env", "cli", "commands", "tui")
FORBIDDEN = {
    "world": {"textual", "rich", "random", "time", "procmem_tui.memory", *(f"procmem_tui.{m}" for m in UPPER)},
    "memory": {"textual", "rich", "random", "time", *(f"procmem_tui.{m}" for m in UPPER)},
}


# The layers above memory/: agents/ (and editing/, beside them) import nothing above them either, and session.py
# nothing of the faces that drive it.
FACES = ("recording", "curves", "bench", "gym_env", "cli", "commands", "tui")
UPPER_FORBIDDEN = {
    "agents": {"textual", "rich", "random", "time", "procmem_tui.session", *(f"procmem_tui.{m}" for m in FACES)},
    "editing": {"textual", "rich", "random", "time", "procmem_tui.memory", "procmem_tui.agents",
                "procmem_tui.session", *(f"procmem_tui.{m}" for m in FACES)},
}
SESSION_FORBIDDEN = {"textual", "rich", "random", *(f"procmem_tui.{m}" for m in FACES)}
# What only an oracle may use: the simulator and the solver. Agents and memory learn from observations; only the
# planner (an oracle by design) may. The store records the solver's length only as the caller measured it.
ORACLE_MODULES = {"procmem_tui.world.gridworld", "procmem_tui.world.solve"}
ORACLE_NAMES = {"GridWorld", "solve", "optimal_steps", "SolverLimitError", "MAX_SOLVER_STATES"}
MAY_USE_THE_ORACLE = {"agents/planner.py"}
# Beyond the observation's vocabulary: the store and episode records, which parse, format and check stored levels.
MAY_USE_THE_WORLD = {"agents/planner.py", "memory/store.py", "memory/store_file.py", "memory/episodes.py",
                     "memory/episode_check.py", "memory/schema.py"}


def _files(layer: str) -> list[Path]:
    """Every Python file of a layer, its subpackages (``agents/curiosity/``) included."""
    return sorted((PACKAGE / layer).rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    """The module a ``from`` import names, a relative one (``from ..world import X``) resolved against ``path``."""
    if node.level == 0:
        return node.module or ""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    base = package[:len(package) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, including imports inside functions and relative ones, with its line (``from
    procmem_tui import world`` imports ``procmem_tui.world``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(path, node)
            found.append((node.lineno, module))
            if module == "procmem_tui":
                found += [(node.lineno, f"procmem_tui.{alias.name}") for alias in node.names]
    return found


def _bad_import(module: str, forbidden: set[str]) -> bool:
    return any(module == f or module.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_core_layers_import_nothing_above_them(layer):
    """No file of world/ (which also stays below memory/) or memory/ imports Textual, Rich, random, time, or
    a module of the layers above, not even inside a function."""
    files = _files(layer)
    assert len(files) >= 5
    bad = [f"{_name(p)}:{line} imports {module}" for p in files for line, module in _imports(p)
           if _bad_import(module, FORBIDDEN[layer])]
    assert bad == []


def test_the_checker_catches_a_forbidden_import(tmp_path):
    """The scan above sees imports nested in functions and ``from`` imports of submodules."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from procmem_tui.agents.base import Agent\n    import random\n")
    modules = [module for _, module in _imports(sample)]
    assert [m for m in modules if _bad_import(m, FORBIDDEN["memory"])] == ["procmem_tui.agents.base", "random"]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_core_layers_call_no_salted_hash(layer):
    """``hash()`` is salted per process; only ``__hash__`` methods (which feed dicts, never output) may call it."""
    calls = []
    for path in _files(layer):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name == "__hash__"
                   for n in ast.walk(f)}
        calls += [f"{_name(path)}:{n.lineno}" for n in ast.walk(tree)
                  if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "hash"
                  and id(n) not in allowed]
    assert calls == []


def test_importing_every_core_module_loads_nothing_above_it():
    """At run time too: importing all of world/ and memory/ loads no Textual, Rich, or upper-layer module."""
    modules = [_name(p)[:-3].replace("/", ".").removesuffix(".__init__") for layer in FORBIDDEN for p in _files(layer)]
    modules = [f"procmem_tui.{m}" for m in modules]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"upper = {tuple(f'procmem_tui.{m}' for m in UPPER)!r}\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') or m.startswith(upper)))"
    )
    env = {**os.environ, "PYTHONPATH": str(PACKAGE.parent)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names_of_design_md():
    """The names DESIGN.md promises users are exported where it says."""
    import procmem_tui.agents as agents
    import procmem_tui.memory as memory
    import procmem_tui.world as world

    for name in ("Action", "Level", "LevelError", "load_level", "parse_level", "format_level", "GridWorld",
                 "generate", "solve"):
        assert name in world.__all__ and getattr(world, name)
    for name in ("Skill", "SkillLibrary", "SkillStore"):
        assert name in memory.__all__ and getattr(memory, name)
    assert "make_agent" in agents.__all__
    assert agents.AGENT_NAMES == ("procmem", "seed", "explorer", "qlearning", "planner")


@pytest.mark.parametrize("layer", sorted(UPPER_FORBIDDEN))
def test_agents_and_editing_import_nothing_above_them(layer):
    """agents/ and editing/ import no Textual, Rich, random, time, nor the session or a face of the program."""
    files = _files(layer)
    assert len(files) >= 3
    bad = [f"{_name(p)}:{line} imports {module}" for p in files for line, module in _imports(p)
           if _bad_import(module, UPPER_FORBIDDEN[layer])]
    assert bad == []


def test_session_imports_no_face():
    """session.py drives episodes for the faces; it imports none of them (nor Textual, Rich or random)."""
    bad = [f"session.py:{line} imports {module}" for line, module in _imports(PACKAGE / "session.py")
           if _bad_import(module, SESSION_FORBIDDEN)]
    assert bad == []


def _imported_names(path: Path) -> list[tuple[int, str, str]]:
    """(line, module, name) for every ``from module import name`` (relative ones resolved; ``from procmem_tui
    import world`` is ``import procmem_tui.world``) and (line, module, "") for ``import module``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(path, node)
            if module == "procmem_tui":
                found += [(node.lineno, f"procmem_tui.{alias.name}", "") for alias in node.names]
            elif module:
                found += [(node.lineno, module, alias.name) for alias in node.names]
    return found


# What agents/ and memory/ may take from world/: the observation and its vocabulary (kinds, cells), the six actions
# (a move's direction: the cell it points at), the names of what a step was seen to change (``memory.seen`` reads
# them off observations), and the types a picture of what was seen is drawn in (``Level``, ``State``, ``Step``).
# Nothing else: not the simulator or the solver, nor the rules (``world.rules``: which key opens which door), the
# rewards or the order ``open_door`` searches (``world.actions``), sight (``world.sight``), nor a level's file, name or
# generator (``load_level``, ``parse_level``, ``generate``). Only by name, so a new name is a decision to make here.
WORLD_VOCABULARY = {
    "procmem_tui.world": {"Action", "ACTIONS", "State", "Step", "Level", "format_level"},
    "procmem_tui.world.actions": {"Action", "ACTIONS", "ACTION_INDEX", "MOVES", "MOVE_DELTAS", "MOVED", "BUMPED",
                                  "NO_EFFECT", "KEY_PICKED", "DOOR_OPENED", "GOAL_REACHED", "EFFECT_EVENTS"},
    "procmem_tui.world.observation": {"Observation", "Cell", "KINDS", "FLOOR", "WALL", "BOX", "GOAL", "KEY", "DOOR",
                                      "level_cells"},
    "procmem_tui.world.level": {"Level", "Pos"},
}


def _outside_the_vocabulary(path: Path) -> list[str]:
    return [f"{_name(path)}:{line} imports {module} {name}".strip()
            for line, module, name in _imported_names(path)
            if (module == "procmem_tui.world" or module.startswith("procmem_tui.world."))
            and name not in WORLD_VOCABULARY.get(module, ())]


@pytest.mark.parametrize("layer", ["agents", "memory"])
def test_agents_and_memory_take_only_the_observations_vocabulary_from_the_world(layer):
    """No file of agents/ or memory/ (the store, the episode records and the oracle planner aside) imports from
    world/ anything but the observation, the actions and the types a picture is drawn in (``WORLD_VOCABULARY``):
    the rules, sight, rewards, a level's file or name, the simulator and the solver stay the world's."""
    bad = [found for path in _files(layer) if _name(path) not in MAY_USE_THE_WORLD
           for found in _outside_the_vocabulary(path)]
    assert bad == []


def test_the_vocabulary_check_catches_the_rules_a_level_by_name_and_every_import_form(tmp_path):
    """The door rule, a level loaded by its name, the world's order for open_door, a relative import of the
    simulator and ``import procmem_tui.world`` (then ``world.solve``) each fail; the observation's names pass.
    The old check saw only the simulator and the solver, named, and skipped relative imports."""
    folder = tmp_path / "procmem_tui" / "agents"
    folder.mkdir(parents=True)
    sample = folder / "sample.py"
    sample.write_text("from procmem_tui.world.rules import Rules\nfrom procmem_tui.world import load_level, State\n"
                      "from procmem_tui.world.actions import DOOR_SEARCH_ORDER, MOVE_DELTAS\n"
                      "from ..world.gridworld import GridWorld\nimport procmem_tui.world\n"
                      "from procmem_tui import world\nfrom procmem_tui.world.observation import Observation\n")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "procmem_tui"
    try:
        found = _outside_the_vocabulary(sample)
    finally:
        PACKAGE = saved
    assert found == ["agents/sample.py:1 imports procmem_tui.world.rules Rules",
                     "agents/sample.py:2 imports procmem_tui.world load_level",
                     "agents/sample.py:3 imports procmem_tui.world.actions DOOR_SEARCH_ORDER",
                     "agents/sample.py:4 imports procmem_tui.world.gridworld GridWorld",
                     "agents/sample.py:5 imports procmem_tui.world",
                     "agents/sample.py:6 imports procmem_tui.world"]


@pytest.mark.parametrize("layer", ["agents", "memory"])
def test_agents_and_memory_never_use_the_simulator_or_the_solver(layer):
    """Agents learn from observations: no file of agents/ or memory/ imports GridWorld or the solver, except the
    planner (an oracle by design); the store too records only what it is handed."""
    bad = []
    for path in _files(layer):
        if _name(path) in MAY_USE_THE_ORACLE:
            continue
        for line, module, name in _imported_names(path):
            if module in ORACLE_MODULES or (module.startswith("procmem_tui.world") and name in ORACLE_NAMES):
                bad.append(f"{_name(path)}:{line} imports {module} {name}".strip())
    assert bad == []


def test_the_oracle_check_sees_subpackages_and_both_import_forms(tmp_path):
    """A file in a subpackage of agents/ is scanned, and both ``from procmem_tui.world import GridWorld`` and
    ``import procmem_tui.world.solve`` count as using the simulator or the solver."""
    assert "agents/curiosity/__init__.py" in {_name(p) for p in _files("agents")}
    sample = tmp_path / "sample.py"
    sample.write_text("from procmem_tui.world import GridWorld, Action\nimport procmem_tui.world.solve\n")
    used = [(module, name) for _, module, name in _imported_names(sample)
            if module in ORACLE_MODULES or (module.startswith("procmem_tui.world") and name in ORACLE_NAMES)]
    assert used == [("procmem_tui.world", "GridWorld"), ("procmem_tui.world.solve", "")]
