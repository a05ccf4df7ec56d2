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
DECISION_MODULES = ["agents/skill_plan.py", "agents/effects.py", "agents/expect.py", "agents/expectation.py",
                    "agents/evidence.py", "agents/option.py", "agents/options.py", "agents/probes.py",
                    "agents/ground.py", "agents/deliberate.py", "agents/habit.py", "agents/chunking.py",
                    "agents/run.py", "agents/explore.py", "agents/optimism.py", "agents/untried_walks.py",
                    "memory/paths.py",
                    "memory/imagine.py", "memory/world_model.py", "memory/failures.py",
                    *(f"agents/curiosity/{name}.py"
                      for name in ("__init__", "values", "frontier", "route", "choice", "search"))]
DECISION_MODULES += ["memory/features.py", "memory/extract.py"]  # the skill embedding; extraction reads kinds as seen
KINDS = {"key", "door", "goal", "wall", "box"}
INTERACTIONS = {"pickup_key", "open_door", "PICKUP_KEY", "OPEN_DOOR", "enter"}
LEVEL_TABLES = {"walls", "boxes", "keys", "doors", "goals"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            found.add(id(body[0].value))
    return found


def _labelling(tree: ast.AST, labels: frozenset) -> set[int]:
    """The nodes inside the functions named in ``labels`` (they describe what is seen, as skill labels)."""
    return {id(inner) for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name in labels
            for inner in ast.walk(node)}


def offences(source: str, labels: frozenset = frozenset()) -> list[str]:
    tree = ast.parse(source)
    docs = _docstrings(tree) | _labelling(tree, labels)
    found = []
    for node in ast.walk(tree):
        if id(node) in docs:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value in KINDS or node.value in INTERACTIONS:
                found.append(f"line {node.lineno}: names {node.value!r}")
        elif isinstance(node, ast.Attribute):
            if node.attr in INTERACTIONS:
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


# ``state_facts`` makes labels of what is seen (skill preconditions); the rest of the facts module is checked.
PARTLY_CHECKED = {"memory/facts.py": frozenset({"state_facts"})}


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
