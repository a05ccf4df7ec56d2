"""Skill retrieval at scale: procmem_tui's SkillLibrary against a faithful copy of the tutorial's design.

    python benchmarks/library_scaling.py [--json] [--sizes 1000 10000 100000] [--queries 400]

Synthetic but realistic skills (seeded): states are drawn from 200 generated layouts (``doorkey`` and ``rooms``,
8x8 to 14x14); each skill's embedding is ``skill_embedding(state_embedding(level, state), program)``. 70 % are
motor skills (context = the level fingerprint, preconditions = the ~10 facts true at their start: level, position,
keys held, doors open, what is visible), 25 % abstract (context "", 1–3 role facts such as ``target:key``),
5 % composite (no preconditions). A query is a state of one of those layouts: its facts (plus the role facts of
one target), its embedding, k = 3, and the layout's context.

The tutorial's library is copied as it is (dict preconditions compared key by key, cosine per skill in a Python
loop); the only change is a sort key, so tied similarities no longer raise TypeError. It is filled by appending,
because its ``add_skill`` scans every skill (quadratic filling). It has no context filter, so it sees the same
skills; motor skills carry ``level:<fingerprint>`` among their preconditions, which has the same effect.

Prints a table, then one JSON line (``--json``: only the JSON line).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from procmem_tui.memory.features import level_fingerprint, skill_embedding, state_embedding  # noqa: E402
from procmem_tui.memory.library import SkillLibrary  # noqa: E402
from procmem_tui.memory.skill import Skill  # noqa: E402
from procmem_tui.world import State, generate  # noqa: E402

ACTIONS = ["move_up", "move_down", "move_left", "move_right", "pickup_key", "open_door"]
ROLE_FACTS = ["target:key", "target:door", "target:goal", "target:reachable", "target:lying", "target:closed"]
LAYOUTS = 200


# -- the tutorial's SkillLibrary, copied (only the tie crash fixed) -----------------------------------------------


class TutorialSkill:
    def __init__(self, name, preconditions, action_sequence, embedding, success_count=0):
        self.name = name
        self.preconditions = preconditions
        self.action_sequence = action_sequence
        self.embedding = embedding
        self.success_count = success_count
        self.times_used = 0

    def is_applicable(self, state):
        for key, value in self.preconditions.items():
            if state.get(key) != value:
                return False
        return True


class TutorialSkillLibrary:
    def __init__(self, embedding_dim=8):
        self.skills = []
        self.embedding_dim = embedding_dim
        self.skill_stats = defaultdict(lambda: {"attempts": 0, "successes": 0})

    def retrieve_skills(self, state, query_embedding=None, top_k=3):
        applicable = [s for s in self.skills if s.is_applicable(state)]
        if query_embedding is not None and applicable:
            similarities = [self._similarity(query_embedding, s.embedding) for s in applicable]
            # the one fix: sort on the similarity only (the original compared Skills on ties and crashed)
            sorted_skills = [s for _, s in sorted(zip(similarities, applicable), key=lambda p: p[0], reverse=True)]
            return sorted_skills[:top_k]
        return sorted(applicable, key=lambda s: s.success_count / max(s.times_used, 1), reverse=True)[:top_k]

    def _similarity(self, emb1, emb2):
        return np.dot(emb1, emb2) / (np.linalg.norm(emb1) * np.linalg.norm(emb2) + 1e-8)


# -- synthetic data ------------------------------------------------------------------------------------------------


def layout(i: int):
    family = ("doorkey", "rooms")[i % 2]
    level = generate(family, 8 + i % 7, 1000 + i)
    floor = [(x, y) for y in range(level.height) for x in range(level.width)
             if (x, y) not in level.walls and (x, y) not in level.boxes and (x, y) not in level.doors]
    return level, level_fingerprint(level), floor


def random_state(level, floor, rng) -> State:
    pos = floor[int(rng.integers(len(floor)))]
    keys = [p for p in sorted(level.keys) if rng.random() < 0.4]
    doors = [p for p in sorted(level.doors) if level.doors[p].lower() in {level.keys[k] for k in keys} and rng.random() < 0.5]
    return State(pos, frozenset(level.keys[p] for p in keys), frozenset(doors), frozenset(keys))


def facts_of(level, fingerprint, state: State) -> set[str]:
    """The start facts a motor skill records (the vocabulary of memory/facts.py, without the reachability search)."""
    x, y = state.pos
    facts = {f"level:{fingerprint}", f"pos:{x},{y}"}
    facts.update(f"holding:{k}" for k in state.keys)
    if state.keys:
        facts.add("holding:any")
    for pos, letter in level.doors.items():
        if pos in state.opened:
            facts.add(f"door_open:{letter}")
        else:
            facts.update((f"sees:door:{letter}", "sees:any_door"))
            if abs(pos[0] - x) + abs(pos[1] - y) == 1:
                facts.add(f"next_to:door:{letter}")
    for pos, letter in level.keys.items():
        if pos not in state.taken:
            facts.update((f"sees:key:{letter}", "sees:any_key"))
            if pos == state.pos:
                facts.add(f"on:key:{letter}")
    facts.add("sees:goal")
    return facts


def make_skills(n: int, layouts, seed: int = 0):
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        level, fingerprint, floor = layouts[int(rng.integers(len(layouts)))]
        state = random_state(level, floor, rng)
        program = tuple(rng.choice(ACTIONS, size=int(rng.integers(2, 12))).tolist())
        roll = rng.random()
        if roll < 0.70:
            kind, context, pre = "motor", fingerprint, frozenset(facts_of(level, fingerprint, state))
        elif roll < 0.95:
            kind, context = "abstract", ""
            pre = frozenset(rng.choice(ROLE_FACTS, size=int(rng.integers(1, 4)), replace=False).tolist())
        else:
            kind, context, pre = "composite", "", frozenset()
        attempts = int(rng.integers(0, 30))
        out.append(Skill(
            name=f"{kind}-{i}", kind=kind, program=program, effect=(f"effect:{i}",), preconditions=pre,
            embedding=skill_embedding(state_embedding(level, state), program), attempts=attempts,
            successes=int(rng.integers(0, attempts + 1)), uses=attempts, context=context,
        ))
    return out


def make_queries(count: int, layouts, seed: int = 1):
    rng = np.random.default_rng(seed)
    queries = []
    for _ in range(count):
        level, fingerprint, floor = layouts[int(rng.integers(len(layouts)))]
        state = random_state(level, floor, rng)
        facts = facts_of(level, fingerprint, state)
        facts.update(rng.choice(ROLE_FACTS, size=3, replace=False).tolist())
        queries.append((frozenset(facts), state_embedding(level, state), fingerprint))
    return queries


# -- measuring -----------------------------------------------------------------------------------------------------


def time_calls(fn, items) -> np.ndarray:
    times = []
    for item in items:
        t0 = time.perf_counter()
        fn(item)
        times.append(time.perf_counter() - t0)
    return np.array(times) * 1e3


def measure(n, scenario, suffix, skills, queries, result, budget):
    label = (f"{n // 1000}k" if n >= 1000 else str(n)) + suffix
    lib = SkillLibrary(capacity=n, seed=0)
    t0 = time.perf_counter()
    for s in skills:
        lib.add(s, 0)
    fill = time.perf_counter() - t0
    lib.retrieve(*queries[0][:2], k=3, context=queries[0][2])  # warm up
    ours = time_calls(lambda q: lib.retrieve(q[0], q[1], k=3, context=q[2]), queries)
    sample = skills[:2000]
    applicable = np.mean([
        sum(1 for s in sample if s.preconditions <= q[0] and s.context in ("", q[2])) / len(sample) for q in queries[:20]
    ])
    p50, p95 = float(np.percentile(ours, 50)), float(np.percentile(ours, 95))
    result[f"retrieve_ms_p50_{label}"] = round(p50, 4)
    result[f"retrieve_ms_p95_{label}"] = round(p95, 4)
    result[f"fill_s_{label}"] = round(fill, 2)
    result[f"applicable_fraction_{label}"] = round(float(applicable), 4)

    tut = TutorialSkillLibrary(embedding_dim=32)
    for s in skills:
        tut.skills.append(TutorialSkill(s.name, {f: True for f in s.preconditions}, list(s.program), s.embedding, 1))
    tq = [({f: True for f in q[0]}, q[1]) for q in queries]
    one = float(np.median(time_calls(lambda q: tut.retrieve_skills(q[0], q[1], top_k=3), tq[:3]))) / 1e3
    count = 50 if n <= 10_000 else min(50, int(budget / max(one, 1e-9)))
    if count >= 5:
        tutorial = time_calls(lambda q: tut.retrieve_skills(q[0], q[1], top_k=3), tq[:count])
        t50, t95 = float(np.percentile(tutorial, 50)), float(np.percentile(tutorial, 95))
        result[f"tutorial_ms_p50_{label}"] = round(t50, 3)
        result[f"tutorial_ms_p95_{label}"] = round(t95, 3)
        result[f"speedup_vs_tutorial_{label}"] = round(t50 / p50, 1)
        tut_cells = (f"{t50:.2f}", f"{t95:.2f}", f"{t50 / p50:.0f}x")
    else:
        tut_cells = ("skipped", "skipped", "-")
    return (label.removesuffix(suffix), scenario, f"{p50:.3f}", f"{p95:.3f}", *tut_cells, f"{applicable:.1%}", f"{fill:.1f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--tutorial-budget", type=float, default=60.0, help="seconds allowed for the tutorial at 100k")
    args = parser.parse_args(argv)
    say = (lambda *a, **k: None) if args.json else print

    layouts = [layout(i) for i in range(LAYOUTS)]
    queries = make_queries(args.queries, layouts)
    result: dict = {"queries": args.queries, "k": 3}
    rows = []
    all_skills = make_skills(max(args.sizes), layouts)
    scenarios = (("realistic", ""), ("all applicable", "_all"))
    for n in args.sizes:
        for scenario, suffix in scenarios:
            skills = all_skills[:n]
            if suffix:  # the worst case: no preconditions, no context, so every skill is a candidate
                skills = [replace(s, preconditions=frozenset(), context="") for s in skills]
            rows.append(measure(n, scenario, suffix, skills, queries, result, args.tutorial_budget))
            say(f"done {n} {scenario}", file=sys.stderr)

    say("")
    say("| skills | scenario | ours p50 ms | ours p95 ms | tutorial p50 ms | tutorial p95 ms | speedup (p50) | applicable | fill s |")
    say("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        say("| " + " | ".join(row) + " |")
    say("")
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
