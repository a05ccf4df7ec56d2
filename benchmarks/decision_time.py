"""How long one procmem decision takes on the levels where deciding is hardest: 32x32 layouts of six rooms (full
view and under fog), a 17x17 layout of six rooms, and the built-in ``distractor_keys`` (six keys: the plan's
search meets many sets of keys held).

    PYTHONPATH=. python benchmarks/decision_time.py [--episodes 3] [--json OUT]

For every level a new procmem agent with an empty library plays ``--episodes`` episodes through a ``Session``
(as ``first_episodes.py`` does). Each ``act()`` is timed in CPU time of this process (``time.process_time``, so a
machine busy with other work inflates it less than wall time would). Reported per episode: steps, p50 / p95 /
max ms per act, the number of acts over 50 ms, the slowest plan over skills in ms (an act may make two: on what
is known, then hoping), and the plan search's work in units that do not depend on the machine: the most states one
plan expanded and the walks (breadth-first searches on the learned ground) it ran.
Issue 16 keeps p95 <= 5 ms per decision on 16x16 levels and <= 50 ms per plan on 32x32.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from procmem_tui.agents import make_agent, skill_plan  # noqa: E402
from procmem_tui.memory import SkillStore, flat_walk  # noqa: E402
from procmem_tui.session import LevelSource, Session  # noqa: E402
from procmem_tui.world import generate, load_level  # noqa: E402
from procmem_tui.world.level import with_view  # noqa: E402

LEVELS = {
    "rooms6-32-s507": lambda: generate("rooms", 32, 507, rooms=6),
    "rooms6-32-s508-consumed": lambda: generate("rooms", 32, 508, rooms=6, keys="consumed"),
    "rooms6-32-s508-consumed view 3": lambda: with_view(generate("rooms", 32, 508, rooms=6, keys="consumed"), 3),
    "rooms6-17-s513": lambda: generate("rooms", 17, 513, rooms=6),
    "distractor_keys": lambda: load_level("distractor_keys"),
}


class _Work:
    """Counts the plan search's expansions and walks, per plan (wraps the two functions for this process)."""

    def __init__(self) -> None:
        self.walks, self.plans = 0, []
        walk, plan = flat_walk.walk, skill_plan.plan

        def counted_walk(*args, **kwargs):
            self.walks += 1
            return walk(*args, **kwargs)

        def counted_plan(*args, **kwargs):
            expanded = kwargs.get("expanded") or [0]
            kwargs["expanded"] = expanded
            before, walks, t0 = expanded[0], self.walks, time.process_time()
            found = plan(*args, **kwargs)
            self.plans.append((expanded[0] - before, self.walks - walks, (time.process_time() - t0) * 1000))
            return found

        flat_walk.walk, skill_plan.plan = counted_walk, counted_plan

    def take(self) -> list:
        plans, self.plans = self.plans, []
        return plans


def play(name: str, episodes: int, work: _Work) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        store = SkillStore.open(Path(tmp) / "library.sqlite3")
        agent = make_agent("procmem", seed=0, library=store.load_library(seed=0))
        session = Session(LevelSource.fixed(LEVELS[name]()), agent, store)
        rows = []
        for episode in range(episodes):
            if episode:
                session.next_episode()
            work.take()
            ms = []
            while not session.done:
                t0 = time.process_time()
                session.agent_step()
                ms.append((time.process_time() - t0) * 1000)
            plans = work.take()
            a = np.array(ms)
            rows.append({"level": name, "episode": episode + 1, "steps": session.finished.steps,
                         "p50": float(np.percentile(a, 50)), "p95": float(np.percentile(a, 95)),
                         "max": float(a.max()), "over_50ms": int((a > 50).sum()), "plans": len(plans),
                         "plan_max": max((ms for _, _, ms in plans), default=0.0),
                         "max_expanded": max((e for e, _, _ in plans), default=0),
                         "max_walks": max((w for _, w, _ in plans), default=0)})
        store.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    work = _Work()
    rows = [row for name in LEVELS for row in play(name, args.episodes, work)]
    print(f"{'level':32} {'ep':>2} {'steps':>5} {'p50':>6} {'p95':>7} {'max':>7} {'>50ms':>5} "
          f"{'plans':>5} {'plan max':>8} {'expanded':>8} {'walks':>5}")
    for r in rows:
        print(f"{r['level']:32} {r['episode']:>2} {r['steps']:>5} {r['p50']:>6.1f} {r['p95']:>7.1f} "
              f"{r['max']:>7.1f} {r['over_50ms']:>5} {r['plans']:>5} {r['plan_max']:>8.1f} {r['max_expanded']:>8} "
              f"{r['max_walks']:>5}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
