"""The Why line: what kind of decision the agent made and the words that say why, in one place.

Every decision is one of three kinds (``Decision.mode``), and its reason starts with that kind so a person can
tell habit from deliberation at a glance: ``memory`` (a stored skill retrieved and run, no plan search),
``planned`` (a search over learned skills) or ``explored`` (novelty, or a try that could shorten the route).
The texts are built here and nowhere else, so the decision code says what it chose and this module how to say it.
"""

from __future__ import annotations

from procmem_tui.agents.base import Candidate
from procmem_tui.agents.skill_plan import PlanStep
from procmem_tui.memory.extract import object_label
from procmem_tui.world import Level
from procmem_tui.world.actions import DOOR_OPENED, GOAL_REACHED, KEY_PICKED

MEMORY, PLANNED, EXPLORED = "memory", "planned", "explored"
MODES = (MEMORY, PLANNED, EXPLORED)
RANDOM = f"{EXPLORED}: nothing novel in reach; a random action"
_VERB = {KEY_PICKED: "fetch", DOOR_OPENED: "open", GOAL_REACHED: "reach"}


def steps(n: int) -> str:
    return f"{n} step{'' if n == 1 else 's'}"


def candidate(retrieved) -> Candidate:
    """A library retrieval as the Why line lists it (scores rounded so the line stays short)."""
    return Candidate(retrieved.skill.id, retrieved.skill.name, round(retrieved.similarity, 4),
                     round(retrieved.posterior, 4), round(retrieved.score, 4))


def target_label(level: Level, step: PlanStep) -> str:
    """The object a plan step acts on, as "key a" or "door B" (no position)."""
    return object_label(level, step.target).split("@")[0]


def describe(level: Level, step: PlanStep) -> str:
    return f"{_VERB[step.effect]} {target_label(level, step)}"


def odds(retrieved) -> str:
    """A retrieval in words: how alike this situation is to where the skill was learned (the embeddings' cosine)
    and how likely it is to work: its posterior mean, not the Thompson draw the ranking used, which beside "worked
    2 of 2" read as a contradiction ("expected to work 20%")."""
    return f"{max(0.0, retrieved.similarity):.0%} alike, expected to work {retrieved.skill.posterior_mean:.0%}"


def habit(retrieved) -> str:
    skill = retrieved.skill
    return (f"{MEMORY}: run '{skill.name}' (a habit: {odds(retrieved)}, "
            f"worked {skill.successes} of {skill.attempts}; no planning)")


def shortcut(labels: dict, found, known_route: int) -> str:
    """Why the agent walks off its known route to an untried obstacle (``agents.optimism.Shortcut``); ``labels``:
    how each cell looks."""
    door = labels[found.door]
    what = f"fetching {labels[found.key]} to try {door}" if found.key is not None else f"trying {door}"
    odds = "never tried" if found.chance >= 1 else f"{found.chance:.0%} chance"
    answers = "" if found.answers is None else (
        f"; failing, it answers holding {', '.join(f'key {k}' for k in sorted(found.answers)) or 'nothing'} too")
    return (f"{EXPLORED}: {what}: could save up to {steps(found.saving)} "
            f"({found.route} instead of {known_route}; {odds}{answers})")


def _plan_text(level: Level, plan: list[PlanStep]) -> str:
    chain = " → ".join(describe(level, s) for s in plan)
    return f"plan: {chain} = {sum(s.cost for s in plan)} steps"


def motor_step(level: Level, plan: list[PlanStep], motor) -> str:
    """The plan's first step run as an exact replay of a motor skill of this level."""
    skill = motor.skill
    return (f"{PLANNED}: run '{skill.name}' (the same moves again, {odds(motor)}, "
            f"learned from {'you' if skill.source == 'player' else 'the agent'}); {_plan_text(level, plan)}")


def abstract_step(level: Level, plan: list[PlanStep], skill, retrieved) -> str:
    """The plan's first step run as an abstract skill, with its retrieval scores and the next best candidate."""
    mine = next((r for r in retrieved if r.skill.id == skill.id), None)
    scores = odds(mine) if mine else f"expected to work {skill.posterior_mean:.0%}"
    other = next((r for r in retrieved if r.skill.id != skill.id), None)
    tail = f"; next best '{other.skill.name}'" if other else ""
    return (f"{PLANNED}: run '{skill.name}' on {target_label(level, plan[0])} ({scores}); "
            f"{_plan_text(level, plan)}{tail}")


def hoped(level: Level, plan: list[PlanStep], planned: str, known_route: int | None) -> str:
    """An optimistic plan (it counts on a situation never tried here, or on one other levels give less than even
    odds) is exploration: say which and what it may save against the known route (None: no route known)."""
    hope = next(s for s in plan if s.hoped)
    saving = known_route - sum(s.cost for s in plan) if known_route is not None else None
    gain = "no known route" if saving is None else f"could save up to {steps(saving)}"
    return f"{EXPLORED}: {hope.belief.evidence}: {gain}; {planned[len(PLANNED) + 2:]}"


def counting_on(level: Level, step: PlanStep, planned: str) -> str:
    """A plan that counts on what only a few other levels showed: name it."""
    return f"{planned}; counting on {describe(level, step)} ({step.belief.evidence})"


def tested_guess(level: Level, step: PlanStep, planned: str, ahead: int) -> str:
    """A plan that counts on the model's own conjunction against a split vote (``Expectation.kept``): name it, and
    the assumption that makes testing it pay."""
    return (f"{planned}; counting on {describe(level, step)} ({step.belief.evidence}), worth testing over the "
            f"{ahead} plays a level won is assumed to be played again")


def probe(kind: str, saving: int, cost: int) -> str:
    """A bump that tells what moving into a kind does (``agents/kind_probe.py``)."""
    return (f"{EXPLORED}: moving into {kind}: never tried anywhere; one bump here ({steps(cost)} off the way) tells "
            f"whether walking through {kind} could save up to {steps(saving)}")


def unvisited(cell) -> str:
    return f"unvisited cell {cell[0]},{cell[1]}"


def interaction(novel: bool, kind: str, letter: str, action: str) -> str:
    return f"{'untried' if novel else 'known'} ({kind} {letter}, {action})"


def novelty(label: str, cost: int, tied: int) -> str:
    among = f", 1 of {tied} as near" if tied > 1 else ""
    return f"{EXPLORED}: nearest novelty, {label}, {steps(cost)} away{among} (no skill plan reaches a goal)"
