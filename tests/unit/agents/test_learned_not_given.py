"""Nothing in the decision code says what a kind of cell does: the agent's knowledge of keys, doors, goals, walls
and boxes is learned (its world model), not written down. These modules must not name a kind, name a particular
interaction (picking up, opening), read a level's tables of walls, boxes, keys, doors or goals, or guess which held
key is spent (``min``/``sorted(...)[0]`` over what is held). The old code failed this test: ``skill_plan`` paired
"key" with ``pickup_key``, ``paths.passable`` read ``level.walls``, ``effects`` named ``Action.OPEN_DOOR``; the
last-resort sweep (``explore``) tried ``pickup_key`` on keys, the shortcut (``optimism``) read ``level.doors``,
``level.keys`` and ``level.goals``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import procmem_tui

ROOT = Path(procmem_tui.__file__).parent
# Every module of agents/ and memory/ is checked, but these (each says why): a new module is checked by default.
NOT_DECISIONS = {
    "agents/planner.py": "the oracle baseline: it reads the level and says so (``oracle = True``)",
    "agents/seed.py": "the tutorial's hand-written agent, a baseline by design (its docstring says what it is told)",
    "agents/qlearning.py": "the tabular baseline: its state counts the key cells still lying (a baseline's choice)",
    "memory/model_text.py": "words for people (``procmem knowledge``, the app's screen): no decision imports it",
    **{f"memory/{name}.py": "the store and its episode records: the session's, never called by an agent"
       for name in ("store", "store_file", "store_protocol", "schema", "episodes", "episode_check", "doctor",
                    "salvage")},
}
# Modules whose labelling functions (or module-level tables) name kinds: what is seen, written down as a label or
# a file's characters; the rest of each module is checked.
PARTLY_CHECKED = {
    "memory/facts.py": frozenset({"state_facts"}),  # skill preconditions: labels of what is seen
    "memory/level_map.py": frozenset({"_char", "_cell_of", "_kind", "_CHAR", "_KIND_OF",  # the map's characters
                                      "_FELT"}),  # a cell never seen, bumped into, drawn as a wall (view 0 only)
}
DECISION_MODULES = sorted(
    name for name in (str(p.relative_to(ROOT)) for layer in ("agents", "memory") for p in (ROOT / layer).rglob("*.py"))
    if name not in NOT_DECISIONS and name not in PARTLY_CHECKED)
KINDS = {"key", "door", "goal", "wall", "box"}
KIND_NAMES = {"KEY", "DOOR", "GOAL", "WALL", "BOX"}  # ``world.observation``'s names for those kinds
INTERACTIONS = {"pickup_key", "open_door", "PICKUP_KEY", "OPEN_DOOR", "enter"}
ACTION_NAMES = {"pickup_key", "open_door", "PICKUP_KEY", "OPEN_DOOR"}
LEVEL_TABLES = {"walls", "boxes", "keys", "doors", "goals"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            found.add(id(body[0].value))
    return found


def _labelling(tree: ast.AST, labels: frozenset) -> set[int]:
    """The nodes inside the functions (or module-level assignments) named in ``labels`` (they describe what is
    seen, as labels)."""
    named = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name in labels]
    named += [node for node in getattr(tree, "body", []) if isinstance(node, ast.Assign)
              and any(isinstance(t, ast.Name) and t.id in labels for t in node.targets)]
    return {id(inner) for node in named for inner in ast.walk(node)}


def _kind_names(tree: ast.AST) -> set[str]:
    """The names this module imports for the kinds (``from procmem_tui.world.observation import DOOR``)."""
    return {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and (node.module or "").endswith("observation") for alias in node.names if alias.name in KIND_NAMES}


def offences(source: str, labels: frozenset = frozenset()) -> list[str]:
    tree = ast.parse(source)
    docs = _docstrings(tree) | _labelling(tree, labels)
    kind_names = _kind_names(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in docs:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value in KINDS or node.value in INTERACTIONS:
                found.append(f"line {node.lineno}: names {node.value!r}")
        elif isinstance(node, ast.Name) and node.id in kind_names:
            found.append(f"line {node.lineno}: names the kind {node.id}")
        elif isinstance(node, ast.Attribute):
            if node.attr in ACTION_NAMES:
                found.append(f"line {node.lineno}: names .{node.attr}")
            elif node.attr in LEVEL_TABLES and "level" in ast.unparse(node.value):
                found.append(f"line {node.lineno}: reads a level's .{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "min":
            if any("held" in ast.unparse(arg) or "keys" in ast.unparse(arg) for arg in node.args):
                found.append(f"line {node.lineno}: picks the first held key")
        elif isinstance(node, ast.Subscript) and "sorted(held" in ast.unparse(node):
            found.append(f"line {node.lineno}: picks the first held key")
    return found


@pytest.mark.parametrize("module", DECISION_MODULES)
def test_decision_code_holds_no_knowledge_of_kinds(module):
    """A decision module names no kind, no interaction and no level table: what objects do is learned."""
    path = ROOT / module
    if not path.exists():
        pytest.skip(f"{module} does not exist")
    assert offences(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("module", sorted(PARTLY_CHECKED))
def test_only_labelling_functions_name_kinds(module):
    """Outside the functions that label what is seen, nothing names a kind or reads a level's tables (the old
    ``facts.targets`` listed keys, doors and goals by kind for exploration)."""
    assert offences((ROOT / module).read_text(encoding="utf-8"), PARTLY_CHECKED[module]) == []


def test_the_check_catches_a_kind_to_action_table():
    """The old planner's table, its passability rule and its spent-key guess are caught."""
    old = ('INTERACTION = {"key": PICKUP, "door": OPEN}\n'
           'def passable(level, pos):\n    return pos not in level.walls\n'
           'def spent(held):\n    return min(held)\n'
           'def act():\n    return Action.OPEN_DOOR\n')
    assert len(offences(old)) == 5


def test_the_check_catches_a_kind_by_its_imported_name():
    """A kind named through ``world.observation``'s constant (``cell.kind == DOOR``) counts as naming it, and the
    interaction an action's name stands for as well; a method that happens to be called ``enter`` does not."""
    sample = ("from procmem_tui.world.observation import DOOR, FLOOR\n"
              "def shut(cell, maps):\n    maps.enter('x')\n    return cell.kind == DOOR or cell.kind == FLOOR\n")
    assert offences(sample) == ["line 4: names the kind DOOR"]


def test_every_module_of_agents_and_memory_is_checked_unless_it_says_why_not():
    """The list is every file of agents/ and memory/ (subpackages too) but those named with a reason: the old list
    was written by hand and missed ``agents/procedural.py`` (a door believed open by its kind) and
    ``agents/curiosity/provision.py`` (``Action.OPEN_DOOR`` as the one action that spends)."""
    assert {"agents/procedural.py", "agents/curiosity/provision.py", "agents/curiosity/beyond.py",
            "agents/explorer.py", "memory/seen.py"} <= set(DECISION_MODULES)
    every = {str(p.relative_to(ROOT)) for layer in ("agents", "memory") for p in (ROOT / layer).rglob("*.py")}
    assert every == set(DECISION_MODULES) | NOT_DECISIONS.keys() | PARTLY_CHECKED.keys()
    assert NOT_DECISIONS.keys() <= every and PARTLY_CHECKED.keys() <= every  # no stale exemption


def test_no_decision_module_imports_a_baseline_or_the_words_for_people():
    """What is exempt stays apart: decision code imports neither the baselines nor the model's text for people
    (``agents/__init__.py``, the factory that makes every agent by name, aside)."""
    exempt = {"procmem_tui." + name[:-3].replace("/", ".") for name in NOT_DECISIONS if name.startswith("agents/")}
    exempt.add("procmem_tui.memory.model_text")
    bad = []
    for module in set(DECISION_MODULES) - {"agents/__init__.py"}:
        for node in ast.walk(ast.parse((ROOT / module).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in exempt:
                bad.append(f"{module}:{node.lineno} imports {node.module}")
    assert bad == []


def _embedding_beside(neighbour: str):
    from procmem_tui.memory.features import state_embedding
    from procmem_tui.world import GridWorld
    from procmem_tui.world.parse import parse_level

    level = parse_level(f"; name: beside\n#####\n#@{neighbour}G#\n#####\n", check_solvable=False)
    return state_embedding(level, GridWorld(level).state)


def test_the_embedding_tells_neighbours_apart_by_kind_not_by_blocking():
    """The skill embedding sees a wall, a box and a closed door beside the agent as three kinds, not as one
    built-in "solid" feature (what blocks is the world model's to learn; the old embedding lumped them)."""
    wall, box, door = (_embedding_beside(c).tobytes() for c in "#XA")
    assert len({wall, box, door}) == 3
