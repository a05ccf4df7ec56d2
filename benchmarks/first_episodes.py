"""First episodes from an empty memory: how close to optimal an agent plays a level it has never seen, how fast it
recalls it, and how long it takes to learn what the level's objects do.

    PYTHONPATH=. python benchmarks/first_episodes.py [--quick] [--set default|holdout] [--view N] [--levels NAME ..]
                                                     [--agents procmem explorer]
                                                     [--episodes 8] [--seed 0] [--workers 1] [--json OUT]

For every level of the set and every agent, a **new agent with an empty library** (its own library file) plays
``--episodes`` episodes of that level alone. Reported per level:

* **ep1**: episode 1's steps ÷ the solver's optimum (a failed episode counts the steps it spent, i.e. the step
  limit). Under ``--view N`` the level shows only what is in sight, and the ratio is still to the
  *full-information* optimum;
* **ep2**: episode 2 on the same level by the same agent object (same process);
* **ep2 new process**: the library file as it was after episode 1, opened by a new agent in a *new process*
  (skills and knowledge restored from the file, as ``procmem train`` does), plays episode 2;
* **last 3**: whether the last 3 of the episodes were optimal (issue 16's "optimal in the last 3 of 8");
* **learned at** (steps to learn the model): a :class:`WorldModel` (``memory/world_model.py``) is fed every step
  the agent takes, as the agent sees it (its observations, filed by ``memory.imagine.learn_step``); the number is
  the count of steps, over all the episodes played on the level, up to and including the last step that taught
  that model a new fact. From then on, within the episodes played, what the model predicts no longer changes. It
  measures how quickly an agent's *behaviour* gathers the evidence a learner needs, so it is comparable across
  agents. ``facts`` is how many distinct (unit, situation, outcome) facts it ended with.

Level sets (``--quick``: a handful of small ones, for tests):

* every built-in level (``procmem levels``) and the MiniGrid-style levels in ``benchmarks/levels/minigrid``;
* generated layouts: ``doorkey`` at sizes 6, 8, 12 and 16, with boxes; ``rooms`` with 2, 3 and 4 rooms, with
  distractor keys; rule variants (``doors=any``, ``keys=consumed``) and ``opens:`` pairings that are not matching.

``--set holdout`` plays a held-out set instead (``benchmarks/holdout_levels.py``: sizes 20–32, open levels,
four rooms, many distractor keys, pairings, consumed keys), for checking that a change tuned on the default set
carries over to layouts nobody tuned on.

Summary lines: mean and worst ep1 ratio, the mean ep1 ratio over levels of 40+ optimal steps, mean ep2 and mean
new-process ep2, failures. The targets (issue 16, issue 17): ep1 mean ≤ 1.6, worst ≤ 3, 40+ mean ≤ 1.3; under
``--view 3`` ep1 mean ≤ 2.5, ep2 (both) ≤ 1.1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from procmem_tui.bench import map_in_order  # noqa: E402

MINIGRID = ROOT / "benchmarks" / "levels" / "minigrid"
LONG = 40  # levels of this many optimal steps or more are summarised apart

# (family, size, seed, options): generated layouts of every family, several sizes, rule variants and pairings
GENERATED = [
    ("doorkey", 6, 0, {}), ("doorkey", 8, 1, {}), ("doorkey", 12, 2, {}), ("doorkey", 16, 3, {}),
    ("doorkey", 10, 4, {"boxes": 6}),
    ("rooms", 8, 0, {"rooms": 2}), ("rooms", 10, 1, {"rooms": 3}), ("rooms", 16, 2, {"rooms": 3}),
    ("rooms", 16, 3, {"rooms": 4, "distractors": 2}), ("rooms", 20, 4, {"rooms": 5}),
    ("doorkey", 8, 5, {"doors": "any"}), ("doorkey", 10, 6, {"keys": "consumed"}),
    ("rooms", 12, 7, {"rooms": 3, "keys": "consumed"}),
    ("rooms", 12, 8, {"rooms": 3, "doors": "any", "distractors": 1}),
    ("doorkey", 8, 9, {"opens": "bA"}), ("rooms", 12, 10, {"rooms": 3, "opens": "aB bC cA"}),
    ("rooms", 16, 11, {"rooms": 4, "opens": "aC bD cB"}),
]
QUICK_BUILTIN = ["classic", "two_doors"]
QUICK_GENERATED = [("doorkey", 6, 0, {}), ("rooms", 8, 0, {"rooms": 2}), ("doorkey", 7, 6, {"keys": "consumed"}),
                   ("rooms", 10, 10, {"rooms": 3, "opens": "aB bC cA"})]


def level_set(quick: bool, seed: int, which: str = "default") -> list:
    """The levels, as ``Level`` values (generated ones from ``seed`` + their listed seed); ``which``:
    ``default`` or ``holdout`` (``benchmarks/holdout_levels.py``)."""
    from procmem_tui.world import builtin_level_names, generate, load_level

    if which == "holdout":
        from holdout_levels import holdout_levels

        return holdout_levels(seed)

    names = QUICK_BUILTIN if quick else builtin_level_names()
    files = [] if quick else sorted(str(p) for p in MINIGRID.glob("*.txt"))
    levels = [load_level(n) for n in names + files]
    for family, size, offset, options in QUICK_GENERATED if quick else GENERATED:
        levels.append(generate(family, size, seed + offset, **options))
    return levels


class ModelWatch:
    """A world model fed every step the agent takes, as the agent saw it: when did it last learn something?"""

    def __init__(self) -> None:
        from procmem_tui.memory.world_model import WorldModel

        self.model = WorldModel()
        self.maps: dict = {}
        self.clock = 0
        self.learned_at = 0

    def begin(self, level_id: str, obs) -> None:
        from procmem_tui.memory.level_map import LevelMap

        found = self.maps.get(level_id)
        if found is None:
            found = self.maps[level_id] = LevelMap(obs.width, obs.height)
        self.map, self.level_id, self.last = found, level_id, obs
        found.new_episode()
        found.see(obs)

    def step(self, action, obs) -> None:
        from procmem_tui.memory.imagine import Belief, Look, learn_step, look

        m, prev = self.map, self.last
        before = Belief(prev.pos, prev.held, frozenset(m.opened), frozenset(m.gone))
        after = Belief(obs.pos, obs.held, frozenset(), frozenset())

        def looks_after(pos):
            cell = obs.cells.get(pos)
            if cell is None:
                return look(m, pos, before.opened, before.gone)
            return Look(cell.kind, cell.letter, pos in obs.opened)

        self.clock += 1
        if learn_step(self.model, m, self.level_id, before, action, after, obs.reward, obs.terminated, looks_after):
            self.learned_at = self.clock
        m.see(obs)
        self.last = obs

    @property
    def facts(self) -> int:
        return sum(1 for _ in self.model.facts())


def _new_agent(name: str, seed: int, store):
    from procmem_tui.agents import make_agent

    library = store.load_library(seed=seed) if name == "procmem" else None
    return make_agent(name, seed=seed, library=library)


def _play(session, watch: ModelWatch | None) -> dict:
    from procmem_tui.memory.features import level_fingerprint

    if watch is not None:
        watch.begin(level_fingerprint(session.level), session.seen)
    while not session.done:
        session.agent_step()
        if watch is not None:
            watch.step(session.transitions[-1].action, session.seen)
    s = session.finished
    return {"steps": s.steps, "success": s.success, "optimal": s.optimal_steps,
            "ratio": round(s.steps / s.optimal_steps, 4) if s.optimal_steps else None}


def play_level(agent_name: str, level_file: str, after_first: str, episodes: int, seed: int) -> dict:
    """``episodes`` episodes of one level by a new agent with an empty library file; the file as it was after
    episode 1 is copied to ``after_first`` (for the new-process episode 2)."""
    from procmem_tui.memory import SkillStore
    from procmem_tui.session import LevelSource, Session
    from procmem_tui.world import load_level

    level = load_level(level_file)
    library = str(Path(after_first).with_suffix(".live.sqlite3"))
    watch = ModelWatch()
    store = SkillStore.open(library)
    agent = _new_agent(agent_name, seed, store)
    session = Session(LevelSource.fixed(level), agent, store)
    played = [_play(session, watch)]
    store.close()
    shutil.copyfile(library, after_first)
    session.store = store = SkillStore.open(library)
    try:
        for _ in range(episodes - 1):
            session.next_episode()
            played.append(_play(session, watch))
    finally:
        store.close()
    last = played[-3:]
    return {"agent": agent_name, "level": level.name, "optimal": played[0]["optimal"],
            "episodes": [p["steps"] for p in played], "success": [p["success"] for p in played],
            "ep1": played[0]["ratio"], "ep2": played[1]["ratio"] if len(played) > 1 else None,
            "last3_optimal": len(played) >= 3 and all(p["success"] and p["ratio"] == 1.0 for p in last),
            "learned_at": watch.learned_at, "facts": watch.facts}


def second_episodes(jobs: list) -> list:
    """In this (new) process: for each (agent, level file, library after episode 1), episode 2 by a new agent."""
    from procmem_tui.memory import SkillStore
    from procmem_tui.session import LevelSource, Session
    from procmem_tui.world import load_level

    out = []
    for agent_name, level_file, library, seed in jobs:
        with SkillStore.open(library) as store:
            session = Session(LevelSource.fixed(load_level(level_file)), _new_agent(agent_name, seed, store), store)
            out.append(_play(session, None)["ratio"])
    return out


def chosen(levels: list, names: list[str] | None) -> list:
    """The levels of the set named in ``names`` (all of them when None), in the set's order; a name the set does
    not hold is an error that lists the set's names, so a typo does not run an empty benchmark."""
    if not names:
        return levels
    unknown = sorted(set(names) - {lv.name for lv in levels})
    if unknown:
        raise SystemExit(f"first_episodes.py: not in this level set: {', '.join(unknown)} "
                         f"(it holds: {', '.join(lv.name for lv in levels)})")
    return [lv for lv in levels if lv.name in names]


def _run(args_tuple):
    return play_level(*args_tuple)


def run(quick: bool, view, agents: list[str], episodes: int, seed: int, workers: int, which: str = "default",
        names: list[str] | None = None) -> dict:
    from procmem_tui.world import format_level
    from procmem_tui.world.level import view_overridden

    levels = [view_overridden(lv, view) for lv in chosen(level_set(quick, seed, which), names)]
    with tempfile.TemporaryDirectory() as tmp:
        jobs = []
        for i, level in enumerate(levels):
            path = Path(tmp) / f"{i:03d}.txt"
            path.write_text(format_level(level), encoding="utf-8")
            for agent in agents:
                jobs.append((agent, str(path), str(Path(tmp) / f"{i:03d}-{agent}.sqlite3"), episodes, seed))
        rows = map_in_order(_run, jobs, workers)
        second = [(a, f, lib, s) for a, f, lib, _, s in jobs]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--second-episodes", json.dumps(second)],
                              env=env, check=True, capture_output=True, text=True)
        for row, ratio in zip(rows, json.loads(done.stdout)):
            row["ep2_new_process"] = ratio
    return {"view": view, "episodes": episodes, "seed": seed, "quick": quick, "set": which, "levels": rows,
            "summary": {a: summarise([r for r in rows if r["agent"] == a]) for a in agents}}


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 4) if values else None


def summarise(rows: list[dict]) -> dict:
    ep1 = [r["ep1"] for r in rows]
    return {"levels": len(rows), "ep1_mean": _mean(ep1), "ep1_worst": max(ep1) if ep1 else None,
            "ep1_mean_40plus": _mean([r["ep1"] for r in rows if r["optimal"] >= LONG]),
            "levels_40plus": sum(r["optimal"] >= LONG for r in rows),
            "ep2_mean": _mean([r["ep2"] for r in rows]),
            "ep2_worst": max((r["ep2"] for r in rows if r["ep2"]), default=None),
            "ep2_new_process_mean": _mean([r.get("ep2_new_process") for r in rows]),
            "ep2_new_process_worst": max((r["ep2_new_process"] for r in rows if r.get("ep2_new_process")),
                                         default=None),
            "ep1_failures": sum(not r["success"][0] for r in rows),
            "last3_optimal": sum(r["last3_optimal"] for r in rows)}


def report(result: dict) -> None:
    sight = "whole level" if result["view"] in (None, "all") else f"radius {result['view']}"
    print(f"first episodes from an empty library, {result['episodes']} episodes per level, sight: {sight}; "
          "ratios are steps ÷ the full-information optimum")
    print(f"{'agent':9} {'level':26} {'opt':>4} {'ep1':>6} {'ep2':>6} {'ep2 np':>6} {'last3':>5} {'learned at':>10} "
          f"{'facts':>5}  steps per episode")
    for r in result["levels"]:
        fail = "" if r["success"][0] else " FAILED"
        print(f"{r['agent']:9} {r['level'][:26]:26} {r['optimal']:4} {r['ep1']:6.2f} {r['ep2'] or 0:6.2f} "
              f"{r['ep2_new_process'] or 0:6.2f} {'yes' if r['last3_optimal'] else 'no':>5} {r['learned_at']:10} "
              f"{r['facts']:5}  {' '.join(map(str, r['episodes']))}{fail}")
    for agent, s in result["summary"].items():
        print(f"{agent}: ep1 mean {s['ep1_mean']:.3f}, worst {s['ep1_worst']:.3f}, "
              f"40+ mean {s['ep1_mean_40plus'] if s['ep1_mean_40plus'] is not None else float('nan'):.3f} "
              f"({s['levels_40plus']} levels); ep2 mean {s['ep2_mean'] or 0:.3f} (worst {s['ep2_worst'] or 0:.3f}), "
              f"new process {s['ep2_new_process_mean'] or 0:.3f} (worst {s['ep2_new_process_worst'] or 0:.3f}); "
              f"ep1 failures {s['ep1_failures']} of {s['levels']}; last 3 optimal on {s['last3_optimal']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few small levels (for tests)")
    parser.add_argument("--set", choices=("default", "holdout"), default="default", dest="which",
                        help="the level set: default (the 38 levels above) or holdout (layouts the default set does "
                        "not hold, for validating a change tuned on it)")
    parser.add_argument("--view", default=None, help="a sight radius for every level, or 'all' (default: each "
                        "level's own header)")
    parser.add_argument("--agents", nargs="+", default=["procmem", "explorer"], metavar="NAME")
    parser.add_argument("--episodes", type=int, default=8, help="episodes per level (default 8, at least 2)")
    parser.add_argument("--seed", type=int, default=0, help="agent seed and first generated layout (default 0)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--levels", nargs="+", metavar="NAME", help="only these levels of the set (names as the "
                        "output prints them; generated names depend on --seed)")
    parser.add_argument("--json", metavar="OUT", help="also write every level's result and the summaries as JSON")
    parser.add_argument("--second-episodes", help=argparse.SUPPRESS)  # the new process
    args = parser.parse_args(argv)
    if args.second_episodes:
        print(json.dumps(second_episodes(json.loads(args.second_episodes))))
        return 0
    view = args.view if args.view in (None, "all") else int(args.view)
    result = run(args.quick, view, args.agents, max(2, args.episodes), args.seed, args.workers, args.which,
                 args.levels)
    report(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
