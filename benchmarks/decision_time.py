"""How long one procmem decision takes on the levels where deciding is hardest: 32x32 layouts of six rooms (full
view and under fog), a 17x17 layout of six rooms, a 16x16 one of four rooms and two distractor keys, and the built-in
``distractor_keys`` (six keys: the plan's search meets many sets of keys held).

    PYTHONPATH=. python benchmarks/decision_time.py [--episodes 3] [--json OUT] [--collections]
    PYTHONPATH=. python benchmarks/decision_time.py --searches LEVEL [--calls]
    PYTHONPATH=. python benchmarks/decision_time.py --plans LEVEL [--episodes 3] [--calls]

For every level a new procmem agent with an empty library plays ``--episodes`` episodes through a ``Session``
(as ``first_episodes.py`` does). Each ``act()`` alone is timed, as ``procmem bench`` times it (until 79dadba the
whole step was, the agent's filing of what it saw included), in CPU time of this process (``time.process_time``, so
a machine busy with other work inflates it less than wall time would). Reported per episode: steps, p50 / p95 /
max ms per act, the number of acts over 50 ms, the slowest plan over skills in ms (an act may make two: on what
is known, then hoping), and the plan search's work in units that do not depend on the machine: the most states one
plan expanded and the walks (breadth-first searches on the learned ground) it ran. With no plan yet (episode 1),
an act that decides runs the curiosity search (``agents/curiosity``) instead: ``curious`` counts those searches and
``cur p95`` / ``cur max`` give their ms (an act that only takes the next step of a decision already made takes
well under a millisecond, so an episode's p95 per act can hide them).
Issue 16 keeps p95 <= 5 ms per decision on 16x16 levels and <= 50 ms per plan on 32x32. Before each level what the
levels played before it left is collected, untimed (``without_leftovers``); ``--collections`` lists the cyclic
collector's passes that still fall inside timed acts.

    PYTHONPATH=. python benchmarks/decision_time.py --sets [--seed 0] [--view N] [--episodes 3] [--workers 2]
        [--levels NAME ...] [--calls]

``--sets`` measures the budget on every level of the benchmarks' sets (``first_episodes.py``'s default and held-out
sets, ``unusual_levels.py``'s levels) of the sizes it names: a *small* level is at most 16x16 (the p95 per decision
is held to 5 ms), a *large* one 28x28 to 32x32 (the slowest plan to 50 ms). Each is played from an empty library,
episode 1 included (there the agent explores: its decisions are curiosity searches, not plans). Only ``agent.act``
is timed, as ``procmem bench`` does (not the agent's filing of what it saw, nor the end of an episode's store
transaction). Per level: the p95 per act over all episodes and over episode 1 alone, the slowest act, the slowest
plan and the slowest curiosity search, with a flag where the budget is exceeded; then, per class, how many levels
meet it; ``--levels`` times the named levels alone, ``--calls`` also counts the Python function calls of their
acts (with ``PYTHONHASHSEED=0``, the same count every run). CPU time per process (``--workers`` processes; more
workers than free cores inflate it less than wall time would, but they do).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
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


class Collections:
    """The cyclic collector's passes that fall inside a timed act (``--collections``): (generation, CPU ms) each,
    read by a ``gc`` callback while ``timed_acts`` has an act running."""

    def __init__(self) -> None:
        self.acting, self.passes, self._start = False, [], 0.0
        gc.callbacks.append(self._seen)

    def _seen(self, phase: str, info: dict) -> None:
        if not self.acting:
            return
        if phase == "start":
            self._start = time.process_time()
        else:
            self.passes.append((info["generation"], (time.process_time() - self._start) * 1000))

    def take(self) -> list:
        passes, self.passes = self.passes, []
        return passes

    def close(self) -> None:
        gc.callbacks.remove(self._seen)


_COLLECTIONS: Collections | None = None


def timed_acts(agent, acts: list) -> None:
    """Wrap ``agent.act`` to append each call's CPU ms to ``acts`` (as ``procmem bench`` times a decision: not the
    agent's filing of what it saw after the step, nor the end of an episode's store transaction)."""
    act = agent.act

    def timed_act(observation):
        if _COLLECTIONS is not None:
            _COLLECTIONS.acting = True
        t0 = time.process_time()
        decision = act(observation)
        acts.append((time.process_time() - t0) * 1000)
        if _COLLECTIONS is not None:
            _COLLECTIONS.acting = False
        return decision

    agent.act = timed_act


def without_leftovers() -> None:
    """Collect what the levels played before left (not timed): a dropped agent's model and caches hold reference
    cycles, so only the cyclic collector frees them, and that collection (about 30 ms for a 32x32 level's agent)
    otherwise fell inside a later level's plan (``rooms6-32-s508-consumed``'s slowest plan read 45-55 ms after
    ``rooms6-32-s507`` was played in the same process). Each level is timed as if played first."""
    gc.collect()


def play(name: str, episodes: int, work: _Work) -> list[dict]:
    without_leftovers()
    with tempfile.TemporaryDirectory() as tmp:
        store = SkillStore.open(Path(tmp) / "library.sqlite3")
        agent = make_agent("procmem", seed=0, library=store.load_library(seed=0))
        ms: list = []
        timed_acts(agent, ms)
        session = Session(LevelSource.fixed(LEVELS[name]()), agent, store)
        rows = []
        for episode in range(episodes):
            if episode:
                session.next_episode()
            work.take()
            if _COLLECTIONS is not None:
                _COLLECTIONS.take()
            ms.clear()
            while not session.done:
                session.agent_step()
            plans, searches = work.take()
            passes = _COLLECTIONS.take() if _COLLECTIONS is not None else []
            a, c = np.array(ms), np.array(searches or [0.0])
            rows.append({"level": name, "episode": episode + 1, "steps": session.finished.steps, "collections": passes,
                         "p50": float(np.percentile(a, 50)), "p95": float(np.percentile(a, 95)),
                         "max": float(a.max()), "over_50ms": int((a > 50).sum()), "plans": len(plans),
                         "plan_max": max((ms for _, _, ms in plans), default=0.0),
                         "max_expanded": max((e for e, _, _ in plans), default=0),
                         "max_walks": max((w for _, w, _ in plans), default=0), "curious": len(searches),
                         "curious_p95": float(np.percentile(c, 95)), "curious_max": float(c.max())})
        store.close()
    return rows


def searches(name: str, calls: bool = False) -> list[dict]:
    """Episode 1 of ``name`` from an empty library (``--searches``): per curiosity search, the keys held at its
    start, the situations it expanded, how many different sets of keys held they hold, its CPU ms and, with
    ``calls``, its Python calls (``cProfile``: the ms then read higher; ``PYTHONHASHSEED=0`` for the same count)."""
    from procmem_tui.agents.curiosity.search import _Search

    rows: list = []
    met: list = []
    run, curious = _Search.run, procedural.curious

    def noted(self, start):  # the situations expanded, and (by ``_aims``, kept per keys held, openings and
        run(self, start)  # objects gone) the sets of keys they hold
        met.append((self.expanded, {held for held, _, _ in self._aimed}))

    def counted(model, m, level, now, rng, *args, **kwargs):
        met.clear()
        profile = cProfile.Profile() if calls else None
        t0 = time.process_time()
        if profile is not None:
            profile.enable()
        found = curious(model, m, level, now, rng, *args, **kwargs)
        if profile is not None:
            profile.disable()
        rows.append({"held": "".join(sorted(now.held)), "expanded": met[0][0], "held sets": len(met[0][1]),
                     "ms": (time.process_time() - t0) * 1000,
                     "calls": pstats.Stats(profile).total_calls if profile is not None else None})
        return found

    without_leftovers()
    _Search.run, procedural.curious = noted, counted
    try:
        with collecting_less_often():
            Session(LevelSource.fixed(LEVELS[name]()), make_agent("procmem", seed=0)).run_episode()
    finally:
        _Search.run, procedural.curious = run, curious
    return rows


def plans(name: str, episodes: int = 3, calls: bool = False) -> list[dict]:
    """Every plan over skills (``skill_plan.plan``) of ``name``'s episodes from an empty library (``--plans``): its
    episode, CPU ms, the states it expanded, the walks it ran and, with ``calls``, its Python calls (``cProfile``:
    the ms then read higher; ``PYTHONHASHSEED=0`` for the same count run after run). Episode 2's first plan is the
    slowest of the 32x32 levels' (what the model says is asked afresh there)."""
    work, counts, rows = _Work(), [], []
    timed = skill_plan.plan

    def counted(*args, **kwargs):
        profile = cProfile.Profile()
        profile.enable()
        try:
            return timed(*args, **kwargs)
        finally:
            profile.disable()
            counts.append(pstats.Stats(profile).total_calls)

    if calls:
        skill_plan.plan = counted
    without_leftovers()
    with tempfile.TemporaryDirectory() as tmp, collecting_less_often():
        store = SkillStore.open(Path(tmp) / "library.sqlite3")
        session = Session(LevelSource.fixed(LEVELS[name]()),
                          make_agent("procmem", seed=0, library=store.load_library(seed=0)), store)
        for episode in range(1, episodes + 1):
            if episode > 1:
                session.next_episode()
            work.take()
            counts.clear()
            while not session.done:
                session.agent_step()
            done, _ = work.take()
            rows += [{"episode": episode, "expanded": e, "walks": w, "ms": ms,
                      "calls": counts[i] if calls else None} for i, (e, w, ms) in enumerate(done)]
        store.close()
    return rows


SMALL, LARGE = 16, 28  # the budget's classes: at most 16x16 (p95 per decision), 28x28 to 32x32 (per plan)
DECISION_MS, PLAN_MS = 5.0, 50.0  # issue 16's budget


def _size_class(level) -> str | None:
    side = max(level.width, level.height)
    return "small" if side <= SMALL else "large" if side >= LARGE else None


def set_levels(seed: int) -> list:
    """(set name, level) of every level of the benchmarks' sets in the budget's two classes."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from first_episodes import level_set
    from unusual_levels import unusual_levels

    named = [("default", lv) for lv in level_set(False, seed, "default")]
    named += [("holdout", lv) for lv in level_set(False, seed, "holdout")]
    named += [("unusual", lv) for lv in unusual_levels(seed)]
    return [(which, lv) for which, lv in named if _size_class(lv) is not None]


_WORK: _Work | None = None


def play_timed(job: tuple) -> dict:
    """One level (as text) played ``episodes`` episodes from an empty library: every act's, plan's and curiosity
    search's CPU ms, episode 1's acts apart."""
    global _WORK
    which, text, episodes, seed, calls = job
    from procmem_tui.world import parse_level

    _WORK = _WORK or _Work()
    level = parse_level(text, "<level>")
    acts, first, plans, searches, steps = [], [], [], [], []
    without_leftovers()
    with tempfile.TemporaryDirectory() as tmp, collecting_less_often():
        store = SkillStore.open(Path(tmp) / "library.sqlite3")
        agent = make_agent("procmem", seed=seed, library=store.load_library(seed=seed))
        timed_acts(agent, acts)
        profile = counted_acts(agent) if calls else None
        session = Session(LevelSource.fixed(level), agent, store)
        for episode in range(episodes):
            if episode:
                session.next_episode()
            _WORK.take()
            while not session.done:
                session.agent_step()
                if not episode:
                    first.append(acts[-1])
            done, searched = _WORK.take()
            plans += [ms for _, _, ms in done]
            searches += searched
            steps.append(session.finished.steps)
        store.close()
    return {"set": which, "level": level.name, "size": f"{level.width}x{level.height}", "class": _size_class(level),
            "steps": steps, "p95": float(np.percentile(acts, 95)), "ep1_p95": float(np.percentile(first, 95)),
            "max": max(acts), "plan_max": max(plans, default=0.0), "plans": len(plans),
            "curious_max": max(searches, default=0.0), "curious": len(searches),
            "calls": pstats.Stats(profile).total_calls if profile is not None else None}


def counted_acts(agent) -> "cProfile.Profile":
    """Wrap ``agent.act`` in a profiler that counts the Python function calls it makes (``--calls``: a measure of
    the work that a busy machine does not move, with ``PYTHONHASHSEED=0`` for the same count run after run; it
    inflates the ms it is wrapped in)."""
    profile = cProfile.Profile()
    act = agent.act

    def counted(observation):
        profile.enable()
        try:
            return act(observation)
        finally:
            profile.disable()

    agent.act = counted
    return profile


def over_budget(row: dict) -> list[str]:
    """What the row exceeds: a small level's p95 per decision (all episodes, or episode 1 alone), a large level's
    slowest plan or slowest curiosity search (episode 1's decisions: a search in place of a plan)."""
    if row["class"] == "small":
        return [name for name, key in (("P95", "p95"), ("EP1-P95", "ep1_p95")) if row[key] > DECISION_MS]
    return [name for name, key in (("PLAN", "plan_max"), ("SEARCH", "curious_max")) if row[key] > PLAN_MS]


def run_sets(seed: int, view, episodes: int, workers: int, names=None, calls: bool = False) -> list[dict]:
    from procmem_tui.bench import map_in_order
    from procmem_tui.world import format_level
    from procmem_tui.world.level import view_overridden

    jobs = [(which, format_level(view_overridden(lv, view)), episodes, seed, calls) for which, lv in set_levels(seed)
            if not names or lv.name in names]
    rows = map_in_order(play_timed, jobs, workers)
    for row in rows:
        row["over"] = over_budget(row)
    return rows


def report_sets(rows: list[dict], view, episodes: int) -> None:
    sight = "whole level" if view in (None, "all") else f"radius {view}"
    print(f"decision time on every small (<= {SMALL}x{SMALL}) and large ({LARGE}x{LARGE}-32x32) level of the "
          f"benchmark sets, {episodes} episodes each from an empty library, sight: {sight}; ms of CPU time")
    print(f"{'set':8} {'level':30} {'size':>6} {'p95':>6} {'ep1 p95':>7} {'max':>6} {'plan max':>8} "
          f"{'cur max':>7}  steps  over")
    for r in rows:
        print(f"{r['set']:8} {r['level'][:30]:30} {r['size']:>6} {r['p95']:6.1f} {r['ep1_p95']:7.1f} {r['max']:6.1f} "
              f"{r['plan_max']:8.1f} {r['curious_max']:7.1f}  {' '.join(map(str, r['steps']))}  {' '.join(r['over'])}"
              + (f"  calls {r['calls']}" if r.get("calls") is not None else ""))
    small = [r for r in rows if r["class"] == "small"]
    large = [r for r in rows if r["class"] == "large"]
    if small:
        p95 = sorted(r["p95"] for r in small)
        ep1 = sorted(r["ep1_p95"] for r in small)
        print(f"small levels: p95 per decision <= {DECISION_MS:g} ms on {sum(v <= DECISION_MS for v in p95)} of "
              f"{len(small)} (median {np.median(p95):.1f}, worst {p95[-1]:.1f} ms); episode 1 alone on "
              f"{sum(v <= DECISION_MS for v in ep1)} of {len(small)} (median {np.median(ep1):.1f}, worst "
              f"{ep1[-1]:.1f} ms)")
    if large:
        plan = sorted(r["plan_max"] for r in large)
        cur = sorted(r["curious_max"] for r in large)
        print(f"large levels: slowest plan <= {PLAN_MS:g} ms on {sum(v <= PLAN_MS for v in plan)} of {len(large)} "
              f"(median {np.median(plan):.1f}, worst {plan[-1]:.1f} ms); slowest curiosity search (episode 1) <= "
              f"{PLAN_MS:g} ms on {sum(v <= PLAN_MS for v in cur)} of {len(large)} (median {np.median(cur):.1f}, "
              f"worst {cur[-1]:.1f} ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--sets", action="store_true", help="every small and large level of the benchmark sets")
    parser.add_argument("--seed", type=int, default=0, help="the sets' seed and the agents' (--sets)")
    parser.add_argument("--view", default=None, help="a sight radius for every level, or 'all' (--sets)")
    parser.add_argument("--workers", type=int, default=1, help="processes (--sets)")
    parser.add_argument("--levels", nargs="+", default=None, help="only the levels of these names (--sets)")
    parser.add_argument("--calls", action="store_true", help="count the function calls of every act, all "
                        "episodes (--sets; the ms read higher)")
    parser.add_argument("--searches", default=None, metavar="LEVEL", help="episode 1 of one of the levels above: "
                        "each curiosity search's situations expanded, sets of keys held, ms (and calls, --calls)")
    parser.add_argument("--plans", default=None, metavar="LEVEL", help="one of the levels above: each plan over "
                        "skills of its episodes, ms, states expanded, walks (and calls, --calls)")
    parser.add_argument("--collections", action="store_true", help="also list the cyclic collector's passes "
                        "inside timed acts, per level and episode (not with --sets)")
    args = parser.parse_args()
    if args.searches:
        rows = searches(args.searches, args.calls)
        print(f"{'search':>6} {'held':>6} {'expanded':>8} {'held sets':>9} {'ms':>6}" + (f" {'calls':>7}" if args.calls else ""))
        for i, r in enumerate(rows, 1):
            print(f"{i:>6} {r['held'] or '-':>6} {r['expanded']:>8} {r['held sets']:>9} {r['ms']:>6.1f}" +
                  (f" {r['calls']:>7}" if args.calls else ""))
        print(f"{len(rows)} searches, {sum(r['ms'] for r in rows):.1f} ms" +
              (f", {sum(r['calls'] for r in rows)} calls" if args.calls else ""))
        return 0
    if args.plans:
        rows = plans(args.plans, args.episodes, args.calls)
        print(f"{'plan':>4} {'ep':>2} {'ms':>6} {'expanded':>8} {'walks':>5}" + (f" {'calls':>7}" if args.calls else ""))
        for i, r in enumerate(rows, 1):
            print(f"{i:>4} {r['episode']:>2} {r['ms']:>6.1f} {r['expanded']:>8} {r['walks']:>5}" +
                  (f" {r['calls']:>7}" if args.calls else ""))
        slowest = max(rows, key=lambda r: r["ms"], default=None)
        print(f"{len(rows)} plans" + (f", slowest {slowest['ms']:.1f} ms (episode {slowest['episode']})" if slowest else "") +
              (f", {sum(r['calls'] for r in rows)} calls" if args.calls else ""))
        return 0
    if args.sets:
        rows = run_sets(args.seed, args.view, args.episodes, args.workers, args.levels, args.calls)
        report_sets(rows, args.view, args.episodes)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1))
        return 0
    global _COLLECTIONS
    work = _Work()
    if args.collections:
        _COLLECTIONS = Collections()
    with collecting_less_often():  # as every ``procmem`` command does
        rows = [row for name in LEVELS for row in play(name, args.episodes, work)]
    print(f"{'level':32} {'ep':>2} {'steps':>5} {'p50':>6} {'p95':>7} {'max':>7} {'>50ms':>5} "
          f"{'plans':>5} {'plan max':>8} {'expanded':>8} {'walks':>5} {'curious':>7} {'cur p95':>7} {'cur max':>7}")
    for r in rows:
        print(f"{r['level']:32} {r['episode']:>2} {r['steps']:>5} {r['p50']:>6.1f} {r['p95']:>7.1f} "
              f"{r['max']:>7.1f} {r['over_50ms']:>5} {r['plans']:>5} {r['plan_max']:>8.1f} {r['max_expanded']:>8} "
              f"{r['max_walks']:>5} {r['curious']:>7} {r['curious_p95']:>7.1f} {r['curious_max']:>7.1f}")
    if args.collections:
        print("cyclic collections inside timed acts (generation: passes, CPU ms in all; the largest pass)")
        for r in rows:
            passes = r["collections"]
            by = {g: [ms for gen, ms in passes if gen == g] for g in (0, 1, 2)}
            print(f"{r['level']:32} {r['episode']:>2}  " + "  ".join(
                f"gen{g}: {len(ms)}, {sum(ms):.1f} ms" for g, ms in by.items()) +
                f"  largest {max((ms for _, ms in passes), default=0.0):.1f} ms")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
