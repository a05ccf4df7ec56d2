"""Invariants of SkillLibrary: merging, improving, applicability, ties, capacity and eviction, determinism."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procmem_tui.memory.features import fact_bit
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.ranking import explain
from procmem_tui.memory.skill import KINDS, Skill, SkillVersion

FACTS = ["pos:1,1", "pos:2,3", "holding:a", "holding:b", "sees:goal", "target:key", "target:reachable", "door_open:A"]
CONTEXTS = ["", "lvl1", "lvl2"]
ACTIONS = ["move_up", "move_down", "move_left", "move_right", "pickup_key", "open_door"]
VECTORS = [np.eye(8, dtype=np.float32)[i % 8] for i in range(3)] + [np.ones(8, dtype=np.float32)]

HSETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def skills(draw):
    attempts = draw(st.integers(0, 6))
    return Skill(
        name=draw(st.sampled_from(["s", "t"])),
        kind=draw(st.sampled_from(KINDS)),
        program=tuple(draw(st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=5))),
        effect=(draw(st.sampled_from(["key_picked", "door_opened"])),),
        preconditions=frozenset(draw(st.sets(st.sampled_from(FACTS), max_size=3))),
        embedding=VECTORS[draw(st.integers(0, len(VECTORS) - 1))].copy(),
        attempts=attempts,
        successes=draw(st.integers(0, attempts)),
        uses=draw(st.integers(0, 4)),
        last_used_episode=draw(st.integers(0, 3)),
        context=draw(st.sampled_from(CONTEXTS)),
    )


def _lib(**kw) -> SkillLibrary:
    return SkillLibrary(dim=8, **kw)


@HSETTINGS
@given(st.lists(st.tuples(skills(), st.booleans()), min_size=1, max_size=25))
def test_statistics_sum_and_rates_stay_in_unit_interval(items):
    """Adding skills with equal ids sums attempts/successes/uses; all rates (and mean_success_rate) stay in [0, 1]."""
    lib = _lib()
    expected: dict[str, list[int]] = {}
    for episode, (skill, success) in enumerate(items, start=1):
        lib.add(skill, episode)
        total = expected.setdefault(skill.id, [0, 0, 0])
        total[0] += skill.attempts
        total[1] += skill.successes
        total[2] += skill.uses
        if success:
            lib.record_outcome(skill.id, success=True, episode=episode)
            total[0] += 1
            total[1] += 1
            total[2] += 1
    assert len(lib) == len(expected)
    for sid, (attempts, successes, uses) in expected.items():
        got = lib.get(sid)
        assert (got.attempts, got.successes, got.uses) == (attempts, successes, uses)
        assert 0.0 <= got.success_rate <= 1.0
    stats = lib.stats()
    assert 0.0 <= stats["mean_success_rate"] <= 1.0
    assert stats["total_skills"] == len(expected)
    assert sum(stats["by_kind"].values()) == len(expected)


@HSETTINGS
@given(skills(), st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=8))
def test_add_kinds_new_merged_improved_kept(skill, other_program):
    """Same id: same program merges, a strictly shorter one improves (and is versioned), a longer/equal one is kept.
    (A motor skill's id is its start and effect, so its program can change; an abstract one's includes the program.)"""
    skill = Skill(**{**skill.__dict__, "kind": "motor"})
    lib = _lib()
    first = lib.add(skill, 1)
    assert first.kind == "new" and first.skill.versions == (SkillVersion(skill.program, 1),)
    again = lib.add(skill, 2)
    assert again.kind == "merged" and again.skill.program == skill.program
    other = Skill(**{**skill.__dict__, "program": tuple(other_program)})
    result = lib.add(other, 3)
    stored = lib.get(skill.id)
    assert stored.attempts == 3 * skill.attempts and stored.successes == 3 * skill.successes
    if other.program == skill.program:
        assert result.kind == "merged"
    elif len(other.program) < len(skill.program):
        assert result.kind == "improved"
        assert stored.program == other.program
        assert stored.versions[-1] == SkillVersion(other.program, 3)
        assert [v.program for v in stored.versions] == [skill.program, other.program]
    else:
        assert result.kind == "kept"
        assert stored.program == skill.program and len(stored.versions) == 1


def test_abstract_preconditions_shrink_to_the_intersection_on_merge():
    """An abstract skill seen again from a start with fewer facts keeps only the shared preconditions, and
    retrieval follows the generalised preconditions."""
    lib = _lib()
    base = dict(name="a", kind="abstract", program=("goto:key", "pickup_key"), effect=("key_picked",),
                embedding=np.ones(8, dtype=np.float32))
    lib.add(Skill(**base, preconditions=frozenset({"target:key", "target:reachable", "holding:a"})), 1)
    result = lib.add(Skill(**base, preconditions=frozenset({"target:key", "target:reachable"})), 2)
    assert result.kind == "merged"
    assert result.skill.preconditions == frozenset({"target:key", "target:reachable"})
    assert len(lib.retrieve(frozenset({"target:key", "target:reachable"}), np.ones(8, dtype=np.float32))) == 1


def _brute_force(lib: SkillLibrary, facts, query, context, kinds):
    q = query / np.linalg.norm(query)
    out = []
    for skill in lib:
        if not skill.preconditions <= facts:
            continue
        if context is not None and skill.context not in ("", context):
            continue
        if kinds is not None and skill.kind not in kinds:
            continue
        emb = skill.embedding / np.linalg.norm(skill.embedding)
        out.append((float(q @ emb) + skill.posterior_mean, skill.id))
    return out


@HSETTINGS
@given(
    st.lists(skills(), min_size=1, max_size=40),
    st.sets(st.sampled_from(FACTS)),
    st.integers(0, len(VECTORS) - 1),
    st.sampled_from([None, "lvl1", "lvl2", "unknown"]),
    st.sampled_from([None, ("motor",), ("abstract", "composite")]),
    st.integers(1, 5),
)
def test_retrieval_matches_brute_force_exact_subset(items, facts, qi, context, kinds, k):
    """Retrieval returns only applicable skills (exact subset, context, kind) and, with exploration 0, exactly the
    top-k scores of a brute-force scan; results come best first, ranks 1..n."""
    facts = frozenset(facts)
    lib = _lib(exploration=0.0)
    for i, skill in enumerate(items):
        lib.add(skill, i)
    query = VECTORS[qi] + 0.01
    got = lib.retrieve(facts, query, k, kinds=kinds, context=context)
    brute = sorted(_brute_force(lib, facts, query, context, kinds), reverse=True)
    assert len(got) == min(k, len(brute))
    for r in got:
        assert r.skill.preconditions <= facts
    assert [round(r.score, 5) for r in got] == [round(s, 5) for s, _ in brute[: len(got)]]
    assert [r.rank for r in got] == list(range(1, len(got) + 1))
    assert all(a.score >= b.score for a, b in zip(got, got[1:]))


@HSETTINGS
@given(st.lists(skills(), min_size=1, max_size=40), st.sets(st.sampled_from(FACTS)), st.integers(1, 4))
def test_thompson_retrieval_is_applicable_and_seed_deterministic(items, facts, k):
    """With Thompson sampling on, results are still applicable, and two libraries with the same seed and the same
    calls rank identically."""
    facts = frozenset(facts)
    libs = [_lib(seed=7), _lib(seed=7)]
    for lib in libs:
        for i, skill in enumerate(items):
            lib.add(skill, i)
    for qi in range(len(VECTORS)):
        a, b = (lib.retrieve(facts, VECTORS[qi], k) for lib in libs)
        assert [(r.skill.id, r.score) for r in a] == [(r.skill.id, r.score) for r in b]
        for r in a:
            assert r.skill.preconditions <= facts and 0.0 <= r.posterior <= 1.0


def test_ties_never_crash_and_break_by_insertion_row():
    """Hundreds of skills with identical embeddings and statistics tie exactly; retrieval neither crashes nor
    depends on anything but the row order (the first added wins)."""
    lib = _lib(exploration=0.0)
    for i in range(600):
        lib.add(Skill(name=f"s{i}", kind="motor", program=("move_up",), effect=(f"e{i}",),
                      embedding=np.ones(8, dtype=np.float32)), 0)
    got = lib.retrieve(frozenset(), np.ones(8, dtype=np.float32), k=3)
    assert [r.skill.name for r in got] == ["s0", "s1", "s2"]
    assert len({r.score for r in got}) == 1
    assert "chose s0" in explain(got) and "runner-up s1" in explain(got)
    assert [s.name for s, _ in lib.neighbours(got[0].skill.id, k=2)] == ["s1", "s2"]


def test_bloom_false_positive_is_removed_by_the_exact_check():
    """Two different facts sharing a mask bit: the mask lets the skill through, the exact subset check drops it."""
    seen: dict[int, str] = {}
    for i in itertools.count():
        fact = f"pos:{i},0"
        bit = fact_bit(fact)
        if bit in seen:
            a, b = seen[bit], fact
            break
        seen[bit] = fact
    lib = _lib()
    lib.add(Skill(name="needs_a", kind="motor", program=("move_up",), effect=("x",), preconditions=frozenset({a}),
                  embedding=np.ones(8, dtype=np.float32)), 0)
    assert lib.retrieve(frozenset({b}), np.ones(8, dtype=np.float32)) == []
    assert len(lib.retrieve(frozenset({a}), np.ones(8, dtype=np.float32))) == 1


@HSETTINGS
@given(st.lists(skills(), min_size=1, max_size=30), st.integers(1, 6))
def test_capacity_never_exceeded_and_eviction_takes_lowest_utility(items, capacity):
    """The library never holds more than capacity; each evicted skill had the lowest utility
    (posterior mean × log(1 + uses)) of the skills present, ties going to the oldest last use."""
    lib = _lib(capacity=capacity)
    for episode, skill in enumerate(items, start=10):  # every add in a new episode: nothing is protected
        before = {s.id: s for s in lib}
        result = lib.add(skill, episode)
        assert len(lib) <= capacity
        if result.evicted is not None:
            victim = result.evicted
            assert victim.id not in lib and result.kind == "new"
            utilities = {sid: s.posterior_mean * math.log1p(s.uses) for sid, s in before.items()}
            lowest = min(utilities.values())
            assert math.isclose(utilities[victim.id], lowest)
            oldest = min(s.last_used_episode for sid, s in before.items() if math.isclose(utilities[sid], lowest))
            assert victim.last_used_episode == oldest
            assert victim.id in lib.removed_ids()


def test_skills_used_in_the_current_episode_are_never_evicted():
    """A skill used this episode survives even with the lowest utility; when all are protected the newcomer is
    rejected rather than the capacity exceeded."""
    lib = _lib(capacity=2)
    mk = lambda name, uses: Skill(name=name, kind="motor", program=("move_up",), effect=(name,), uses=uses,
                                  attempts=uses, successes=uses, embedding=np.ones(8, dtype=np.float32))
    low, high = mk("low", 0), mk("high", 9)
    lib.add(low, 1)
    lib.add(high, 1)
    lib.record_outcome(low.id, False, 5)  # low is used in episode 5 (utility still the lowest)
    result = lib.add(mk("new", 0), 5)
    assert result.evicted.name == "high" and low.id in lib
    assert lib.add(mk("newer", 0), 5).kind == "rejected"  # low used, new added in episode 5: both protected
    assert len(lib) == 2


def test_remove_swaps_rows_and_keeps_insertion_order_and_change_tracking():
    """Removal keeps iteration in insertion order and every remaining skill retrievable; dirty/removed ids track it."""
    lib = _lib()
    made = [Skill(name=f"s{i}", kind="motor", program=("move_up",), effect=(f"e{i}",),
                  embedding=VECTORS[i % len(VECTORS)].copy()) for i in range(6)]
    for s in made:
        lib.add(s, 0)
    lib.clear_dirty()
    lib.remove(made[1].id)
    assert [s.name for s in lib] == ["s0", "s2", "s3", "s4", "s5"]
    assert lib.removed_ids() == {made[1].id} and lib.dirty_ids() == set()
    for s in made[2:]:
        got = lib.retrieve(frozenset(), s.embedding, k=10)
        assert s.id in {r.skill.id for r in got}
    lib.record_outcome(made[3].id, True, 1)
    assert lib.dirty_ids() == {made[3].id}


def test_growth_past_the_initial_allocation_keeps_every_row():
    """The preallocated matrix doubles as skills arrive; nothing is lost across growth."""
    lib = SkillLibrary(capacity=10_000, dim=4, exploration=0.0)
    rng = np.random.default_rng(0)
    for i in range(1000):
        lib.add(Skill(name=f"s{i}", kind="abstract", program=("move_up",), effect=(f"e{i}",),
                      embedding=rng.standard_normal(4).astype(np.float32)), 0)
    assert len(lib) == 1000
    target = lib.skills()[777]
    assert lib.retrieve(frozenset(), target.embedding, k=1, kinds=("abstract",))[0].similarity > 0.999


class _FixedDraws:
    """Stands in for the generator: a 'Thompson sample' that is a fixed function of (alpha, beta), within [0, 1]."""

    @staticmethod
    def draw(a, b):
        return np.sqrt(a / (a + b + 3.0))

    def beta(self, a, b):
        return self.draw(np.asarray(a, dtype=float), np.asarray(b, dtype=float))


@pytest.mark.parametrize("similarity_weight", [1.0, 0.02])
def test_lazy_blockwise_sampling_finds_the_exact_top_k_of_the_full_ranking(similarity_weight):
    """With thousands of candidates (several blocks, many tied bounds from quantised embeddings), the lazily sampled
    result equals the top k of a brute-force ranking over every applicable skill with the same posterior draws.
    A tiny similarity weight makes the bounds loose, so later blocks must be visited."""
    rng = np.random.default_rng(3)
    lib = SkillLibrary(dim=8, capacity=10_000, similarity_weight=similarity_weight)
    lib.rng = _FixedDraws()
    vectors = np.round(rng.standard_normal((20, 8)), 1).astype(np.float32)  # 20 distinct embeddings: many ties
    for i in range(4000):
        attempts = int(rng.integers(0, 12))
        pre = frozenset(rng.choice(FACTS, size=int(rng.integers(0, 3)), replace=False).tolist())
        lib.add(Skill(name=f"s{i}", kind=KINDS[i % 3], program=("move_up",), effect=(f"e{i}",), preconditions=pre,
                      embedding=vectors[i % 20].copy(), attempts=attempts,
                      successes=int(rng.integers(0, attempts + 1)), context=("", "lvl1", "lvl2")[i % 3]), 0)
    rows = {s.id: r for r, s in enumerate(lib._skills)}
    # The brute force's view of each skill, worked out once (retrieval changes no skill): its id, what it needs,
    # its unit embedding and its fixed draw. Per trial only the dot products are left.
    every = [(s.id, s.preconditions, s.context, s.embedding / np.linalg.norm(s.embedding),
              float(_FixedDraws.draw(1.0 + s.successes, 1.0 + s.failures))) for s in lib]
    for trial in range(15):
        facts = frozenset(rng.choice(FACTS, size=int(rng.integers(2, 7)), replace=False).tolist())
        query = rng.standard_normal(8).astype(np.float32)
        k = int(rng.integers(1, 8))
        got = lib.retrieve(facts, query, k=k, context="lvl1")
        q = query / np.linalg.norm(query)
        brute = []
        for sid, preconditions, context, emb, draw in every:
            if preconditions <= facts and context in ("", "lvl1"):
                brute.append((-(similarity_weight * float(q @ emb) + draw), rows[sid], sid))
        brute.sort()
        assert [r.skill.id for r in got] == [sid for _, _, sid in brute[:k]]
        assert [round(r.score, 5) for r in got] == [round(-s, 5) for s, _, _ in brute[:k]]


def test_utilities_equal_up_to_rounding_are_a_tie_and_the_oldest_last_use_goes():
    """½·ln 4 and ⅓·ln 8 are both ln 2 but differ in floating point: eviction treats them as a tie and takes the
    skill used longest ago, not whichever rounded lower."""
    lib = _lib(capacity=2)
    mk = lambda name, attempts, successes, uses, last: Skill(
        name=name, kind="motor", program=("move_up",), effect=(name,), attempts=attempts, successes=successes,
        uses=uses, last_used_episode=last, embedding=np.ones(8, dtype=np.float32))
    lib.add(mk("recent", 4, 1, 7, 3), 3)  # (1+1)/(2+4) · ln 8 = ln 2
    lib.add(mk("old", 0, 0, 3, 1), 1)  # (1+0)/(2+0) · ln 4 = ln 2
    result = lib.add(mk("new", 0, 0, 0, 9), 9)
    assert result.evicted is not None and result.evicted.name == "old"
