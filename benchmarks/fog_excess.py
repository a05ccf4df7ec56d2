"""Where episode 1's steps go under fog: each step of a first visit filed by why it was taken and what it showed.

    PYTHONPATH=. python benchmarks/fog_excess.py [--set holdout|default|layouts] [--seeds 0 1 2 3 4] [--view 3]
                                                 [--workers 1] [--only TEXT] [--json OUT]

A new procmem agent with an empty library plays episode 1 of every level of the set (``first_episodes.py``'s
default or held-out set, with ``--seed`` as there, or ``fog_layouts.py``'s layouts) under sight ``--view``. The
steps up to the one that first brings a goal into sight are the search; each is filed by its Why line and by how
many cells never seen before it brought into sight:

* **look 5+**, **look 3-4**, **look 1-2**: a walk to a frontier (``to see N cells never seen``) whose step showed
  that many new cells (a straight lane through the unknown shows up to 2r + 1 a step: 7 under sight 3; one along
  what was seen already, a sliver, shows 1 or 2);
* **walk back**: a walk to a frontier whose step showed nothing new (through ground seen before: to a pocket left
  behind, to the far end of what was seen, back from a dead end); of these, **back to one look** (not a column of
  the sum: a part of walk back) were walks to a look with no other look ordered after it (its Why line names no
  "then ... more from"): the one part of the unknown left in reach, such as the way on through a door once all on
  this side was seen;
* **experiment**: a try the model does not know the outcome of, and the walk to it (a kind never tried, a door
  with keys never held there, a key to pick up), the learning a first visit pays for;
* **take along**: a key taken along once a lock was seen (``agents/curiosity/provision.py``).

**after goal seen, beyond shortest**: the steps after the goal first came into sight, less the solver's
full-information optimum from that state (exploring on with the goal in sight, or fetching a key then). Summary:
the sums per seed and over all, then the episode 1 mean ratio per family (by name: doorkey, rooms, open, ...). The
step counts do not depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from procmem_tui.bench import map_in_order  # noqa: E402

COLUMNS = ("look 5+", "look 3-4", "look 1-2", "walk back", "experiment", "take along")
ONE_LOOK = "back to one look"  # a part of "walk back"


def levels(which: str, seed: int) -> list:
    if which == "layouts":
        from fog_layouts import layouts

        return [level for _, level in layouts(seed)]
    from first_episodes import level_set

    return level_set(False, seed, which)


def family_of(name: str) -> str:
    """A level's family: its name up to the first character that is not a letter (``rooms4-24-s106``: rooms)."""
    return re.match(r"[a-z]*", name).group() or name


def family_means(rows: list) -> dict:
    """The mean episode 1 ratio of each family, in the order first met: a change to how the agent explores moves
    families apart (rooms one way, open fields the other), which the mean over all hides."""
    ratios: dict = {}
    for r in rows:
        ratios.setdefault(family_of(r["level"]), []).append(r["steps"] / r["optimal"])
    return {family: sum(v) / len(v) for family, v in ratios.items()}


def kind_of(reason: str, shown: int) -> str:
    """The column of one search step: its Why line and how many cells never seen it brought into sight."""
    if "to see" in reason and "never seen" in reason:
        return "walk back" if not shown else "look 1-2" if shown <= 2 else "look 3-4" if shown <= 4 else "look 5+"
    return "take along" if "taking it along" in reason else "experiment"


def back_to_one_look(reason: str, shown: int) -> bool:
    """Whether a walk-back step (``kind_of``) walked to a look with no other look ordered after it."""
    return kind_of(reason, shown) == "walk back" and ", then " not in reason


def play(job: tuple) -> dict:
    """Episode 1 of one level by a new procmem agent with an empty library, each search step filed."""
    text, seed = job
    from procmem_tui.agents import make_agent
    from procmem_tui.memory import SkillLibrary
    from procmem_tui.session import LevelSource, Session
    from procmem_tui.world import parse_level
    from procmem_tui.world.observation import GOAL
    from procmem_tui.world.solve import optimal_steps

    level = parse_level(text, "<fog_excess>")
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=seed, library=SkillLibrary(seed=seed)))
    seen = set(session.seen.cells)
    counts: Counter = Counter()
    goal_at, goal_state, steps = None, None, 0
    while not session.done:
        report = session.agent_step()
        steps += 1
        cells = session.seen.cells
        shown = len(cells.keys() - seen)
        seen |= cells.keys()
        if goal_at is None:
            reason = report.decision.reason if report.decision else ""
            kind = kind_of(reason, shown)
            counts[kind] += 1
            if back_to_one_look(reason, shown):
                counts[ONE_LOOK] += 1
            if any(cell.kind == GOAL for cell in cells.values()):
                goal_at, goal_state = steps, report.step.state
    after = 0
    if goal_at is not None and steps > goal_at:
        after = steps - goal_at - (optimal_steps(level, goal_state) or 0)
    return {"level": level.name, "seed": seed, "optimal": optimal_steps(level), "steps": steps,
            "success": session.finished.success, "goal_seen_at": goal_at, "after_goal_seen": after,
            **{c: counts[c] for c in (*COLUMNS, ONE_LOOK)}}


def main(argv: list[str] | None = None) -> int:
    from procmem_tui.world import format_level
    from procmem_tui.world.level import view_overridden

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", dest="which", choices=("holdout", "default", "layouts"), default="holdout")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--view", type=int, default=3, help="sight radius (default 3)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--only", default="", help="only levels whose name contains this")
    parser.add_argument("--json", metavar="OUT", help="also write every level's row as JSON")
    args = parser.parse_args(argv)
    jobs = [(format_level(view_overridden(level, args.view)), seed)
            for seed in args.seeds for level in levels(args.which, seed) if args.only in level.name]
    rows = map_in_order(play, jobs, args.workers)
    head = ("steps", "optimal", "goal seen at", *COLUMNS, "after goal seen", "back 1 look")
    keys = ("steps", "optimal", "goal_seen_at", *COLUMNS, "after_goal_seen", ONE_LOOK)
    print(f"episode 1 under sight {args.view}, {args.which} set; the search: the steps until a goal first came into "
          "sight")
    print(f"{'level':28} {'seed':>4} " + " ".join(f"{h:>11}" for h in head))
    for r in rows:
        print(f"{r['level']:28} {r['seed']:4} " + " ".join(f"{r[k] or 0:11}" for k in keys))
    print("sums")
    for seed in [*args.seeds, None]:
        mine = [r for r in rows if seed is None or r["seed"] == seed]
        ratio = sum(r["steps"] / r["optimal"] for r in mine) / len(mine)
        print(f"{'all' if seed is None else 'seed ' + str(seed):33} " +
              " ".join(f"{sum(r[k] or 0 for r in mine):11}" for k in keys) + f"   ep1 mean {ratio:.3f}")
    print("ep1 mean by family: " + "  ".join(f"{f} {m:.3f}" for f, m in family_means(rows).items()))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
