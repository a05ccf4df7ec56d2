"""Where episode 1's steps above the optimum go, filed by the try each walk ends in (full view by default).

    PYTHONPATH=. python benchmarks/first_excess.py [--set default|holdout] [--seeds 0 1 2 3 4] [--min-optimal 40]
                                                   [--view N] [--workers 2] [--only TEXT] [--json OUT]

A new procmem agent with an empty library plays episode 1 of every level of ``first_episodes.py``'s set (``--seed``
as there) whose optimum is at least ``--min-optimal``. Each step's excess is 1 − (d before − d after), d being the
solver's optimum from the state (position, keys held, doors open, keys taken), so a play's excesses sum to its
steps − its optimum. A walk counts toward the try it ends in: the first step that is not a move that went through
to a cell of a kind already entered, or the last step of its Why line. The try is filed by what it met (the world's
rules read here, never by the agent):

* **door, keys that do not fit**: ``open_door`` beside, or a bump into, a closed door, holding keys none of which
  opens it;
* **door, holding nothing**: the same holding no key;
* **door, a fitting key (longer order)**: the same holding a key that opens it (it opened, or was bumped before);
* **open_door, no closed door beside**; **pickup_key, no key here**;
* **first move into a kind** (floor, a key, an open door, the goal: a kind not entered before this episode);
* **teaching bump**: a bump into a wall, a box or the edge;
* **keys picked up**: a walk that ends in taking a key (needed later, or not at all: a longer order or a detour);
* **walks**: the rest (a walk that ends in nothing but its Why line's end).

Summary: the sums per category over all plays, and episode 1's mean ratio over them. Step counts do not depend on
the machine.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from procmem_tui.bench import map_in_order  # noqa: E402

COLUMNS = ("door unfit keys", "door holding nothing", "door fitting key", "open_door no door", "pickup no key",
           "first move into kind", "teaching bump", "keys picked up", "walks")


def _door_class(level, pos, held) -> str:
    if not held:
        return "door holding nothing"
    return "door fitting key" if level.rules.key_for(level.doors[pos], held) else "door unfit keys"


def _kind(level, pos, state) -> str:
    if pos in level.goals:
        return "goal"
    if pos in level.keys and pos not in state.taken:
        return "key"
    if pos in level.doors:
        return "open door" if pos in state.opened else "door"
    if pos in level.walls:
        return "wall"
    if pos in level.boxes:
        return "box"
    if not (0 <= pos[0] < level.width and 0 <= pos[1] < level.height):
        return "edge"
    return "floor"


def classify(level, before, action, after, entered: set) -> str | None:
    """The category of a step that ends a try, or None for a plain move on."""
    from procmem_tui.world import Action
    from procmem_tui.world.actions import MOVE_DELTAS

    x, y = before.pos
    if action == Action.OPEN_DOOR:
        doors = [p for p in ((x, y + 1), (x + 1, y), (x, y - 1), (x - 1, y))
                 if p in level.doors and p not in before.opened]
        if not doors:
            return "open_door no door"
        opened = after.opened - before.opened
        door = next(iter(opened)) if opened else doors[0]
        return _door_class(level, door, before.keys)
    if action == Action.PICKUP_KEY:
        if before.pos in level.keys and before.pos not in before.taken:
            return "keys picked up"
        return "pickup no key"
    dx, dy = MOVE_DELTAS[action]
    target = (x + dx, y + dy)
    kind = _kind(level, target, before)
    if after.pos == before.pos:
        if kind == "door":
            return _door_class(level, target, before.keys)
        return "teaching bump"
    if kind not in entered:
        entered.add(kind)
        return "first move into kind"
    return None


def play(job: tuple) -> dict:
    """Episode 1 of one level by a new procmem agent with an empty library, its excess filed."""
    text, seed = job
    from procmem_tui.agents import make_agent
    from procmem_tui.memory import SkillLibrary
    from procmem_tui.session import LevelSource, Session
    from procmem_tui.world import parse_level
    from procmem_tui.world.solve import optimal_steps

    level = parse_level(text, "<first_excess>")
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=seed, library=SkillLibrary(seed=seed)))
    state = session.state
    d_before = start_d = optimal_steps(level, state)
    taken = []
    while not session.done:
        report = session.agent_step()
        after = report.step.state
        d_after = 0 if report.step.terminated else optimal_steps(level, after)
        decision = report.decision
        taken.append((state, decision.action if decision else None, after, decision.reason if decision else "",
                      1 - (d_before - d_after)))
        state, d_before = after, d_after
    counts: Counter = Counter()
    entered: set = set()
    pending = 0
    for i, (before, action, after, reason, excess) in enumerate(taken):
        pending += excess
        category = classify(level, before, action, after, entered)
        if category is None and (i + 1 == len(taken) or taken[i + 1][3] != reason):
            category = "walks"
        if category is not None:
            counts[category] += pending
            pending = 0
    return {"level": level.name, "seed": seed, "optimal": start_d, "steps": len(taken),
            "success": session.finished.success, **{c: counts[c] for c in COLUMNS}}


def main(argv: list[str] | None = None) -> int:
    from procmem_tui.world import format_level
    from procmem_tui.world.level import view_overridden

    from first_episodes import level_set

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", dest="which", choices=("holdout", "default"), default="default")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--min-optimal", type=int, default=40)
    parser.add_argument("--view", type=int, default=None, help="sight radius (default: the whole level)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--only", default="", help="only levels whose name contains this")
    parser.add_argument("--json", metavar="OUT", help="also write every level's row as JSON")
    args = parser.parse_args(argv)
    from procmem_tui.world.solve import optimal_steps

    jobs = []
    for seed in args.seeds:
        for level in level_set(False, seed, args.which):
            if args.only not in level.name or (optimal_steps(level) or 0) < args.min_optimal:
                continue
            level = view_overridden(level, args.view) if args.view is not None else level
            jobs.append((format_level(level), seed))
    rows = map_in_order(play, jobs, args.workers)
    print(f"{'level':28} {'seed':>4} {'opt':>4} {'steps':>5} " + " ".join(f"{c[:11]:>11}" for c in COLUMNS))
    for r in rows:
        print(f"{r['level']:28} {r['seed']:4} {r['optimal']:4} {r['steps']:5} " +
              " ".join(f"{r[c]:11}" for c in COLUMNS))
    total = sum(r["steps"] - r["optimal"] for r in rows)
    ratio = sum(r["steps"] / r["optimal"] for r in rows) / max(1, len(rows))
    print(f"all {len(rows)} plays: excess {total}, ep1 mean {ratio:.3f}")
    for c in COLUMNS:
        print(f"  {c:24} {sum(r[c] for r in rows):6}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
