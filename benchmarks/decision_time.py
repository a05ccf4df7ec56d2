"""How long one procmem decision takes on the levels where deciding is hardest: 32x32 layouts of six rooms (full
view and under fog), a 17x17 layout of six rooms, a 16x16 one of four rooms and two distractor keys, and the built-in
``distractor_keys`` (six keys: the plan's search meets many sets of keys held).

    PYTHONPATH=. python benchmarks/decision_time.py [--episodes 3] [--json OUT]

For every level a new procmem agent with an empty library plays ``--episodes`` episodes through a ``Session``
(as ``first_episodes.py`` does). Each ``act()`` is timed in CPU time of this process (``time.process_time``, so a
machine busy with other work inflates it less than wall time would). Reported per episode: steps, p50 / p95 /
max ms per act, the number of acts over 50 ms, the slowest plan over skills in ms (an act may make two: on what
is known, then hoping), and the plan search's work in units that do not depend on the machine: the most states one
plan expanded and the walks (breadth-first searches on the learned ground) it ran. With no plan yet (episode 1),
an act that decides runs the curiosity search (``agents/curiosity``) instead: ``curious`` counts those searches and
``cur p95`` / ``cur max`` give their ms (an act that only takes the next step of a decision already made takes
well under a millisecond, so an episode's p95 per act can hide them).
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

from procmem_tui.agents import make_agent, procedural, skill_plan  # noqa: E402
from procmem_tui.cli import collecting_less_often  # noqa: E402
from procmem_tui.memory import SkillStore, flat_walk  # noqa: E402
from procmem_tui.session import LevelSource, Session  # noqa: E402
from procmem_tui.world import generate, load_level  # noqa: E402
from procmem_tui.world.level import with_view  # noqa: E402

LEVELS = {
    "rooms6-32-s507": lambda: generate("rooms", 32, 507, rooms=6),
    "rooms6-32-s508-consumed": lambda: generate("rooms", 32, 508, rooms=6, keys="consumed"),
    "rooms6-32-s508-consumed view 3": lambda: with_view(generate("rooms", 32, 508, rooms=6, keys="consumed"), 3),
    "rooms6-17-s513": lambda: generate("rooms", 17, 513, rooms=6),
    "rooms4-16-s3": lambda: generate("rooms", 16, 3, rooms=4, distractors=2),
    "distractor_keys": lambda: load_level("distractor_keys"),
}


class _Work:
    """Counts the plan search's expansions and walks, per plan, and times each curiosity search (wraps the three
    functions for this process)."""

    def __init__(self) -> None:
        self.walks, self.plans, self.searches = 0, [], []
        walk, plan, curious = flat_walk.walk, skill_plan.plan, procedural.curious

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

        def timed_curious(*args, **kwargs):
            t0 = time.process_time()
            found = curious(*args, **kwargs)
            self.searches.append((time.process_time() - t0) * 1000)
            return found

        flat_walk.walk, skill_plan.plan, procedural.curious = counted_walk, counted_plan, timed_curious

    def take(self) -> tuple[list, list]:
        plans, searches, self.plans, self.searches = self.plans, self.searches, [], []
        return plans, searches


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
            plans, searches = work.take()
            a, c = np.array(ms), np.array(searches or [0.0])
            rows.append({"level": name, "episode": episode + 1, "steps": session.finished.steps,
                         "p50": float(np.percentile(a, 50)), "p95": float(np.percentile(a, 95)),
                         "max": float(a.max()), "over_50ms": int((a > 50).sum()), "plans": len(plans),
                         "plan_max": max((ms for _, _, ms in plans), default=0.0),
                         "max_expanded": max((e for e, _, _ in plans), default=0),
                         "max_walks": max((w for _, w, _ in plans), default=0), "curious": len(searches),
                         "curious_p95": float(np.percentile(c, 95)), "curious_max": float(c.max())})
        store.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    work = _Work()
    with collecting_less_often():  # as every ``procmem`` command does
        rows = [row for name in LEVELS for row in play(name, args.episodes, work)]
    print(f"{'level':32} {'ep':>2} {'steps':>5} {'p50':>6} {'p95':>7} {'max':>7} {'>50ms':>5} "
          f"{'plans':>5} {'plan max':>8} {'expanded':>8} {'walks':>5} {'curious':>7} {'cur p95':>7} {'cur max':>7}")
    for r in rows:
        print(f"{r['level']:32} {r['episode']:>2} {r['steps']:>5} {r['p50']:>6.1f} {r['p95']:>7.1f} "
              f"{r['max']:>7.1f} {r['over_50ms']:>5} {r['plans']:>5} {r['plan_max']:>8.1f} {r['max_expanded']:>8} "
              f"{r['max_walks']:>5} {r['curious']:>7} {r['curious_p95']:>7.1f} {r['curious_max']:>7.1f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
