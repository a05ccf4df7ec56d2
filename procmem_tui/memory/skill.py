"""A skill: a reusable procedure learned from a successful trajectory, with what it needs and what it achieves.

Kinds:
- ``motor``: a concrete action sequence, valid from the start it was recorded at (the tutorial's kind);
  its program is action names.
- ``abstract``: parameterised over object roles, so it transfers to unseen layouts; its program is steps like
  ``("goto:key", "pickup_key")`` whose roles the agent binds to objects of the current grid.
- ``composite``: a procedure of sub-skills (ids), learned from a whole successful episode.

No wall-clock time is stored: episodes number the history, so exports are reproducible.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

import numpy as np

MOTOR, ABSTRACT, COMPOSITE = "motor", "abstract", "composite"
KINDS = (MOTOR, ABSTRACT, COMPOSITE)
SOURCES = ("agent", "player")


@dataclass(frozen=True)
class SkillVersion:
    """One program a skill has had; a shorter program for the same effect from the same start is a new version."""

    program: tuple[str, ...]
    episode: int


@dataclass(frozen=True)
class Skill:
    """A skill value. Statistics change by ``replace`` (see ``with_outcome``), never in place."""

    name: str
    kind: str
    program: tuple[str, ...]
    effect: tuple[str, ...]
    preconditions: frozenset[str] = frozenset()
    embedding: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32), compare=False, repr=False)
    source: str = "agent"
    origin_episode: int = 0
    attempts: int = 0
    successes: int = 0
    uses: int = 0
    created_episode: int = 0
    last_used_episode: int = 0
    versions: tuple[SkillVersion, ...] = ()
    context: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown skill kind {self.kind!r}; kinds are {', '.join(KINDS)}")
        if self.source not in SOURCES:
            raise ValueError(f"unknown skill source {self.source!r}; sources are {', '.join(SOURCES)}")
        if not 0 <= self.successes <= self.attempts:
            raise ValueError(f"successes ({self.successes}) must be between 0 and attempts ({self.attempts})")

    @property
    def id(self) -> str:
        """Stable identity. A motor skill is its effect from its start (its program may improve); an abstract or
        composite skill is its effect and program template (its preconditions are learned, so they may shrink)."""
        anchor = tuple(sorted(self.preconditions)) if self.kind == MOTOR else self.program
        return skill_id(self.kind, self.context, self.effect, anchor)

    @property
    def length(self) -> int:
        return len(self.program)

    @property
    def failures(self) -> int:
        return self.attempts - self.successes

    @property
    def success_rate(self) -> float:
        """Observed rate in [0, 1]; 0 before any attempt."""
        return self.successes / self.attempts if self.attempts else 0.0

    @property
    def posterior_mean(self) -> float:
        """Mean of the Beta(1 + successes, 1 + failures) posterior."""
        return (1 + self.successes) / (2 + self.attempts)

    def with_outcome(self, success: bool, episode: int) -> "Skill":
        return replace(
            self,
            attempts=self.attempts + 1,
            successes=self.successes + int(success),
            uses=self.uses + 1,
            last_used_episode=episode,
        )


def skill_id(kind: str, context: str, effect: tuple[str, ...], anchor: tuple[str, ...]) -> str:
    """A short stable hash (hashlib, never ``hash()``): the same on every machine and process."""
    text = "\x1f".join([kind, context, ",".join(effect), ",".join(anchor)])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
