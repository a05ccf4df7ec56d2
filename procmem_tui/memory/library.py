"""The skill library: skills plus a columnar numpy index for fast, exact, explainable retrieval.

Layout: skills live in a list; parallel numpy columns (preallocated, grown by doubling) hold, per row, the
L2-normalised embedding (one float32 matrix), a 256-bit precondition mask (four uint64 words), a context id,
a kind code and the statistics used for ranking and eviction. ``id -> row`` is a dict; removal swaps the last
row into the hole, so rows stay dense. Iteration follows insertion order, not rows.

Retrieval (``retrieve``):

1. Applicability, vectorised: a skill's precondition mask ``P`` and the state's fact mask ``S``; candidates are the
   rows with ``P & ~S == 0`` (plus the context and kind filters). The mask is a one-hash Bloom filter: it never
   drops an applicable skill, and its rare false positives are removed by the exact check
   ``skill.preconditions <= facts``, run only on skills about to enter the top k.
2. Ranking (``memory/ranking.py``): score = ``similarity_weight · cosine(query, embedding) + posterior_weight ·
   posterior``, the posterior a Thompson sample from Beta(1 + successes, 1 + failures) shrunk towards its mean by
   ``exploration``, drawn from the library's own ``numpy.random.default_rng(seed)`` (a given seed and call
   sequence always gives the same rankings), and drawn lazily: the result is exactly the top k of the full
   ranking without sampling every candidate. Similarities use ``np.einsum``, not BLAS.

Adding a skill whose ``id`` is already present folds it in by ``memory.skill_merge.merge``, the rule the store
also uses: ``merged`` same program, ``improved`` strictly shorter program (it becomes current and joins
``versions``), ``kept`` otherwise (a tie keeps the old); statistics are summed, preconditions intersected.

Eviction: when the library holds ``capacity`` skills and a new one arrives, the skill with the lowest utility
``posterior_mean × log(1 + uses)`` is evicted; ties go to the oldest ``last_used_episode``, then to the lowest
row. Skills added, merged, improved or used in the current episode (the ``episode`` given to ``add`` /
``record_outcome``), or whose ``last_used_episode`` is that episode, are never evicted; if every skill is so
protected, the newcomer is not added (``AddResult.kind == "rejected"``).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

import numpy as np

from procmem_tui.memory.features import EMBED_DIM, FACT_WORDS, fact_mask
from procmem_tui.memory.ranking import Retrieved, dot_rows, top_k
from procmem_tui.memory.skill import KINDS, SOURCES, Skill, SkillVersion
from procmem_tui.memory.skill_merge import IMPROVED, KEPT, MERGED, merge  # noqa: F401 - AddResult kinds

log = logging.getLogger(__name__)

NEW, REJECTED = "new", "rejected"  # MERGED, IMPROVED, KEPT: memory.skill_merge
_KIND_CODE = {kind: i for i, kind in enumerate(KINDS)}
_INITIAL_ROWS = 256


@dataclass(frozen=True)
class AddResult:
    """What ``add`` did: ``new``, ``merged``, ``improved``, ``kept`` or ``rejected``; ``skill`` as now stored."""

    kind: str
    skill: Skill
    evicted: Skill | None = None


class SkillLibrary:
    """Skills with a vectorised index (retrieval: see the module docstring).

    ``capacity``: the most skills kept. ``seed``: of the Thompson-sampling generator (``rng``). ``dim``: embedding
    size. ``exploration`` in [0, 1]: 1 draws plain Thompson samples, 0 ranks by posterior means (no draws).

    Eviction rule: adding a new skill to a full library first evicts the skill with the lowest utility
    ``posterior_mean × log(1 + uses)``, ties to the oldest ``last_used_episode``, then the lowest row. A skill
    added, merged, improved or used in the current episode (the ``episode`` argument of the latest ``add`` /
    ``record_outcome``) is never evicted; if all are, the newcomer is ``rejected`` and the library is unchanged.
    """

    def __init__(
        self,
        capacity: int = 5000,
        seed: int = 0,
        dim: int = EMBED_DIM,
        exploration: float = 1.0,
        *,
        similarity_weight: float = 1.0,
        posterior_weight: float = 1.0,
    ) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, not {capacity}")
        if not 0.0 <= exploration <= 1.0:
            raise ValueError(f"exploration must be within [0, 1], not {exploration}")
        self.capacity = capacity
        self.seed = seed
        self.dim = dim
        self.exploration = float(exploration)
        self.similarity_weight = float(similarity_weight)
        self.posterior_weight = float(posterior_weight)
        self.rng = np.random.default_rng(seed)
        self.retrievals = 0
        self._skills: list[Skill] = []
        self._row: dict[str, int] = {}  # insertion-ordered: swaps update values, never key order
        self._position: dict[str, int] = {}  # id -> insertion position (monotonic; kept by the store)
        self._next_position = 0
        self._n = 0
        self._alloc(min(_INITIAL_ROWS, max(capacity, 1)))
        self._contexts: dict[str, int] = {"": 0}
        self._dirty: set[str] = set()
        self._removed: set[str] = set()
        self._episode = -1
        self._touched: set[str] = set()

    # -- storage -------------------------------------------------------------------------

    def _alloc(self, rows: int) -> None:
        self._emb = np.zeros((rows, self.dim), dtype=np.float32)
        self._mask = np.zeros((FACT_WORDS, rows), dtype=np.uint64)  # word-major: one contiguous column per word
        self._ctx = np.zeros(rows, dtype=np.int32)
        self._kind = np.zeros(rows, dtype=np.int8)
        self._attempts = np.zeros(rows, dtype=np.float64)
        self._successes = np.zeros(rows, dtype=np.float64)
        self._uses = np.zeros(rows, dtype=np.float64)
        self._last_used = np.zeros(rows, dtype=np.int64)

    def _grow(self) -> None:
        old = (self._emb, self._mask, self._ctx, self._kind, self._attempts, self._successes, self._uses, self._last_used)
        self._alloc(2 * self._emb.shape[0])
        n = self._n
        self._emb[:n] = old[0][:n]
        self._mask[:, :n] = old[1][:, :n]
        for new, prev in zip(
            (self._ctx, self._kind, self._attempts, self._successes, self._uses, self._last_used), old[2:]
        ):
            new[:n] = prev[:n]

    def _embedding32(self, skill: Skill) -> Skill:
        emb = np.asarray(skill.embedding)
        if emb.size and emb.shape != (self.dim,):
            raise ValueError(f"skill {skill.name!r} has a {emb.shape} embedding; this library's is ({self.dim},)")
        if emb.dtype != np.float32:
            skill = replace(skill, embedding=emb.astype(np.float32))
        return skill

    def _write_row(self, row: int, skill: Skill) -> None:
        emb = np.asarray(skill.embedding, dtype=np.float64)
        norm = float(np.sqrt(np.dot(emb, emb))) if emb.size else 0.0
        self._emb[row] = (emb / norm).astype(np.float32) if norm > 0 and math.isfinite(norm) else 0.0
        self._mask[:, row] = fact_mask(skill.preconditions)
        self._ctx[row] = self._context_id(skill.context, create=True)
        self._kind[row] = _KIND_CODE[skill.kind]
        self._write_stats(row, skill)

    def _write_stats(self, row: int, skill: Skill) -> None:
        self._attempts[row] = skill.attempts
        self._successes[row] = skill.successes
        self._uses[row] = skill.uses
        self._last_used[row] = skill.last_used_episode

    def _context_id(self, context: str, create: bool = False) -> int:
        cid = self._contexts.get(context)
        if cid is None:
            if not create:
                return -1
            cid = self._contexts[context] = len(self._contexts)
        return cid

    def _insert(self, skill: Skill, position: int | None = None) -> None:
        if position is None:
            position = self._next_position
        self._position[skill.id] = position
        self._next_position = max(self._next_position, position + 1)
        if self._n == self._emb.shape[0]:
            self._grow()
        row = self._n
        self._n += 1
        self._skills.append(skill)
        self._row[skill.id] = row
        self._write_row(row, skill)

    def _replace(self, skill: Skill, *, row_changed: bool) -> None:
        row = self._row[skill.id]
        self._skills[row] = skill
        if row_changed:
            self._write_row(row, skill)
        else:
            self._write_stats(row, skill)

    def load(self, skills: Iterable[Skill], positions: Iterable[int] | None = None) -> None:
        """Put stored skills in as they are (no merging, no eviction); for ``SkillStore``.

        ``positions`` are their stored insertion positions (default: after the existing ones, in order)."""
        positions = iter(positions) if positions is not None else None
        for skill in skills:
            skill = self._embedding32(skill)
            if skill.id in self._row:
                self._replace(skill, row_changed=True)
            else:
                self._insert(skill, None if positions is None else next(positions))
        if self._n > self.capacity:
            log.warning("the stored library holds %d skills, more than capacity %d; capacity raised", self._n, self.capacity)
            self.capacity = self._n

    # -- the episode clock (for eviction protection) ---------------------------------------

    def _touch(self, skill_id: str, episode: int) -> None:
        if episode != self._episode:
            self._episode = episode
            self._touched = set()
        self._touched.add(skill_id)
        self._dirty.add(skill_id)
        self._removed.discard(skill_id)

    # -- adding and outcomes ---------------------------------------------------------------

    def add(self, skill: Skill, episode: int) -> AddResult:
        """Add a skill learned in ``episode``: ``new``, or fold it into the skill with the same id (see module doc)."""
        skill = self._embedding32(skill)
        sid = skill.id
        row = self._row.get(sid)
        if row is None:
            if not skill.versions:
                skill = replace(skill, versions=(SkillVersion(skill.program, episode),))
            evicted = None
            if self._n >= self.capacity:
                if episode != self._episode:
                    self._episode, self._touched = episode, set()
                evicted = self._evict(episode)
                if evicted is None:
                    return AddResult(REJECTED, skill)
            self._insert(skill)
            self._touch(sid, episode)
            return AddResult(NEW, skill, evicted)
        if not skill.versions:
            skill = replace(skill, versions=(SkillVersion(skill.program, episode),))
        old = self._skills[row]
        folded = merge(old, skill)
        kind, new = folded.kind, folded.skill
        row_changed = kind == IMPROVED or new.preconditions != old.preconditions
        self._replace(new, row_changed=row_changed)
        self._touch(sid, episode)
        return AddResult(kind, new)

    def record_outcome(self, skill_id: str, success: bool, episode: int) -> Skill:
        """One more attempt of a skill (``Skill.with_outcome``); returns the updated skill."""
        row = self._row.get(skill_id)
        if row is None:
            raise KeyError(f"no skill with id {skill_id!r} in the library")
        skill = self._skills[row].with_outcome(success, episode)
        self._replace(skill, row_changed=False)
        self._touch(skill_id, episode)
        return skill

    def utility(self, skill: Skill) -> float:
        """The eviction utility: posterior mean × log(1 + uses)."""
        return skill.posterior_mean * math.log1p(skill.uses)

    def _evict(self, episode: int) -> Skill | None:
        n = self._n
        utility = (1.0 + self._successes[:n]) / (2.0 + self._attempts[:n]) * np.log1p(self._uses[:n])
        protected = self._last_used[:n] == episode
        for sid in self._touched:
            row = self._row.get(sid)
            if row is not None:
                protected[row] = True
        if protected.all():
            return None
        utility = np.where(protected, np.inf, utility)
        lowest = np.flatnonzero(np.isclose(utility, utility.min(), rtol=1e-9, atol=0.0))
        last = self._last_used[lowest]
        row = int(lowest[np.flatnonzero(last == last.min())[0]])  # flatnonzero is ascending: lowest row wins
        victim = self._skills[row]
        self.remove(victim.id)
        return victim

    def remove(self, skill_id: str) -> Skill:
        """Remove a skill (swap-with-last); returns it."""
        row = self._row.pop(skill_id, None)
        if row is None:
            raise KeyError(f"no skill with id {skill_id!r} in the library")
        last = self._n - 1
        skill = self._skills[row]
        if row != last:
            moved = self._skills[last]
            self._skills[row] = moved
            self._row[moved.id] = row
            self._emb[row] = self._emb[last]
            self._mask[:, row] = self._mask[:, last]
            for column in (self._ctx, self._kind, self._attempts, self._successes, self._uses, self._last_used):
                column[row] = column[last]
        self._skills.pop()
        self._position.pop(skill_id, None)
        self._n = last
        self._dirty.discard(skill_id)
        self._removed.add(skill_id)
        self._touched.discard(skill_id)
        return skill

    # -- reading ----------------------------------------------------------------------------

    def get(self, skill_id: str) -> Skill | None:
        row = self._row.get(skill_id)
        return None if row is None else self._skills[row]

    def position(self, skill_id: str) -> int:
        """The skill's insertion position (increasing with each new skill; the store keeps it)."""
        return self._position[skill_id]

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._row

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[Skill]:
        skills, rows = self._skills, self._row
        return iter([skills[row] for row in rows.values()])

    def skills(self) -> list[Skill]:
        """All skills in insertion order."""
        return list(self)

    # -- retrieval --------------------------------------------------------------------------

    def retrieve(
        self,
        facts: frozenset[str],
        query: np.ndarray,
        k: int = 3,
        *,
        kinds: Iterable[str] | None = None,
        context: str | None = None,
    ) -> list[Retrieved]:
        """The best ``k`` applicable skills (``preconditions ⊆ facts``), best first; see the module docstring."""
        self.retrievals += 1
        n = self._n
        if k <= 0 or n == 0:
            return []
        q = np.asarray(query, dtype=np.float32)
        if q.shape != (self.dim,):
            raise ValueError(f"query has shape {q.shape}; this library's embeddings are ({self.dim},)")
        qnorm = float(np.linalg.norm(q))
        not_s = ~fact_mask(facts)
        m = self._mask
        ok = ((m[0, :n] & not_s[0]) | (m[1, :n] & not_s[1]) | (m[2, :n] & not_s[2]) | (m[3, :n] & not_s[3])) == 0
        if context is not None:
            cid = self._context_id(context)
            ctx = self._ctx[:n]
            ok &= (ctx == 0) | (ctx == cid) if cid > 0 else ctx == 0
        if kinds is not None:
            codes = [_KIND_CODE[kind] for kind in kinds if kind in _KIND_CODE]
            kind_ok = np.zeros(n, dtype=bool)
            for code in codes:
                kind_ok |= self._kind[:n] == code
            ok &= kind_ok
        if not ok.any():
            return []
        if qnorm > 0 and math.isfinite(qnorm):
            sims = dot_rows(self._emb[:n], q / np.float32(qnorm))
        else:
            sims = np.zeros(n)
        cand = np.flatnonzero(ok)
        if cand.size == n:  # every skill is a candidate: views, no gathers
            attempts, successes = self._attempts[:n], self._successes[:n]
        else:
            attempts, successes, sims = self._attempts[cand], self._successes[cand], sims[cand]
        best = top_k(
            cand, sims, attempts, successes, k, self.rng, lambda row: self._skills[row].preconditions <= facts,
            similarity_weight=self.similarity_weight, posterior_weight=self.posterior_weight,
            exploration=self.exploration,
        )
        return [
            Retrieved(self._skills[row], sim, post, -neg, rank)
            for rank, (neg, row, sim, post) in enumerate(best, start=1)
        ]

    def neighbours(self, skill_id: str, k: int = 3) -> list[tuple[Skill, float]]:
        """The ``k`` skills with the most similar embeddings (cosine), most similar first; ties by row."""
        row = self._row.get(skill_id)
        if row is None:
            raise KeyError(f"no skill with id {skill_id!r} in the library")
        n = self._n
        sims = dot_rows(self._emb[:n], self._emb[row])
        order = [int(r) for r in np.lexsort((np.arange(n), -sims)) if r != row][:k]
        return [(self._skills[r], float(sims[r])) for r in order]

    def stats(self) -> dict:
        """Totals for the app and the CLI; ``mean_success_rate`` is over skills attempted at least once, in [0, 1]."""
        by_kind = {kind: 0 for kind in KINDS}
        by_source = {source: 0 for source in SOURCES}
        for skill in self._skills:
            by_kind[skill.kind] += 1
            by_source[skill.source] = by_source.get(skill.source, 0) + 1
        n = self._n
        attempted = self._attempts[:n] > 0
        rates = self._successes[:n][attempted] / self._attempts[:n][attempted]
        return {
            "total_skills": n,
            "by_kind": by_kind,
            "by_source": by_source,
            "total_uses": int(self._uses[:n].sum()),
            "total_attempts": int(self._attempts[:n].sum()),
            "total_successes": int(self._successes[:n].sum()),
            "mean_success_rate": float(np.clip(rates.mean(), 0.0, 1.0)) if rates.size else 0.0,
            "retrievals": self.retrievals,
            "capacity": self.capacity,
        }

    # -- change tracking for the store -------------------------------------------------------

    def dirty_ids(self) -> set[str]:
        """Ids added or changed since the last ``clear_dirty`` (all still in the library)."""
        return set(self._dirty)

    def removed_ids(self) -> set[str]:
        """Ids removed (or evicted) since the last ``clear_dirty`` and not added back."""
        return set(self._removed)

    def clear_dirty(self) -> None:
        self._dirty.clear()
        self._removed.clear()

    def mark_unsaved(self, dirty, removed) -> None:
        """Mark again changes taken for a save that was lost (``episode_record.LibraryChanges``): a skill still
        held is written at the next save, one still gone is deleted then."""
        self._dirty.update(sid for sid in dirty if sid in self._row)
        self._removed.update(sid for sid in removed if sid not in self._row)
        self._removed.difference_update(self._dirty)
