"""The Why line's "expected to work" is the skill's posterior mean, whatever the Thompson draw that ranked it: a
skill that worked 2 of 2 read "expected to work 20%" beside "worked 2 of 2" when the line showed the draw."""

from __future__ import annotations

from dataclasses import dataclass

from procmem_tui.agents.explain import odds
from procmem_tui.memory.skill import KINDS, Skill


@dataclass
class _Retrieved:
    skill: Skill
    similarity: float
    posterior: float


def _skill(successes: int, attempts: int) -> Skill:
    return Skill(name="fetch a key", kind=KINDS[0], program=(), effect=(), attempts=attempts, successes=successes)


def test_expected_to_work_is_the_posterior_mean_not_the_draw():
    assert odds(_Retrieved(_skill(2, 2), similarity=0.97, posterior=0.20)) == "97% alike, expected to work 75%"


def test_a_negative_cosine_reads_as_not_alike_at_all():
    assert odds(_Retrieved(_skill(0, 0), similarity=-0.3, posterior=0.9)).startswith("0% alike, expected to work 50%")
