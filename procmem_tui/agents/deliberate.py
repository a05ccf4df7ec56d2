"""Deliberation: which learned skills the planner may chain, whether an optimistic plan is worth following, and
how a plan's first step is run.

The search itself is ``agents/skill_plan.py`` (an A* search over abstract skills with the learned world model). A plan's first step runs as a **motor** skill of this level (an exact replay, same context) when the
library's retrieval offers one that achieves the same thing, is no longer and has not been failing; else as the
abstract skill, its ``goto`` expanded by breadth-first search on the perceived grid. An **optimistic** plan (it
counts on an action never tried so) is followed when it could beat the known route by enough to pay for the
try (``agents/optimism.worth_trying``); it is then exploration, and says so. A plan that counts on a *guess* (an
effect only seen while holding other keys) is an ordinary plan, and names the guess.
"""

from __future__ import annotations

from dataclasses import replace

from procmem_tui.agents import explain, scouting
from procmem_tui.agents.effects import Beliefs
from procmem_tui.agents.skill_plan import skill_key
from procmem_tui.agents.optimism import BUDGET, HORIZON, affordable, worth_trying
from procmem_tui.agents.perceive import situation
from procmem_tui.agents.run import Run
from procmem_tui.agents.skill_plan import PlanStep
from procmem_tui.memory.extract import object_label
from procmem_tui.memory.paths import path_to
from procmem_tui.memory.skill import ABSTRACT, COMPOSITE, MOTOR
from procmem_tui.world import Action, Level, State

ORDINARY = -1  # ``hoped_against`` of a plan that counts only on what is known


def usable_skills(library, beliefs: Beliefs) -> list:
    """The abstract skills the planner may chain: role programs whose effect the world model has seen happen."""
    if library is None:
        return []
    return [s for s in library if s.kind == ABSTRACT and skill_key(s) is not None and beliefs.knows(s.effect[0])]


def worth_hoping(hope: list[PlanStep], known_route: int | None, horizon: int, budget=None,
                 ahead: int | None = None) -> bool:
    """Whether to follow an optimistic plan: it counts on something untried here (or on an unlikely doubt) and,
    against the known route (None: none known), the try pays in expectation and fits ``budget`` (the steps a
    failed try may still cost: ``optimism.Budget``) — unless it is a walk through cells never seen expected to shorten
    this very episode (``scouting.shortens``): no hunch, so not bounded."""
    if not any(s.hoped for s in hope):
        return False
    cost = sum(s.cost for s in hope)
    upto = next(i for i, s in enumerate(hope) if s.hoped)
    walk = sum(s.cost for s in hope[:upto + 1])
    if known_route is None:
        return True
    hoped = hope[upto].belief
    return (affordable(budget, hope[upto].end, walk, hoped.novel or scouting.shortens(hoped, known_route - cost),
                       hoped.at_stake)
            and worth_trying(hoped.p, known_route - cost, walk, hoped.horizon(horizon, ahead), hoped.loss))


def beyond_share(hope: list[PlanStep], known_route: int, episode: int | None) -> bool:
    """Whether ``hope`` is a search of cells never seen that hopes to shorten the episode (``episode`` steps by the
    known route, the steps taken included; None: not known) by more than ``BUDGET`` of it: the known route is then
    more than 1.1x the hoped one, the fog issue's bound, and each play spent waiting is a play at that excess if the
    hope is right, while a failed search costs its walk whenever it is made."""
    hoped = next(s for s in hope if s.hoped).belief
    return episode is not None and hoped.search and known_route - sum(s.cost for s in hope) > BUDGET * episode


def waits(hope: list[PlanStep], known_route: int, horizon: int, budget, ahead: int | None = None,
          episode: int | None = None) -> bool:
    """Whether ``hope`` counts on what was never tried anywhere (chance 1: R-max) and pays, but does not fit
    ``budget`` yet while the next episode's share would make it fit: it waits for budget saved, and the level is not
    settled meanwhile (as ``optimism.best_shortcut``'s waiting list does for a shortcut). A search of cells never seen
    on a won level (``ahead`` plays assumed ahead) waits while the next two plays' share (``HORIZON``) would cover
    it, or, where it hopes for more than the budget's share of the ``episode`` (``beyond_share``), the share of the
    plays ahead: those it is lent (``lend``)."""
    upto = next((i for i, s in enumerate(hope) if s.hoped), None)
    if upto is None:
        return False
    hoped = hope[upto].belief
    walk = sum(s.cost for s in hope[:upto + 1])
    if hoped.search and ahead is not None:  # a search of cells never seen, priced over the plays ahead
        plays = ahead if beyond_share(hope, known_route, episode) else HORIZON
        return (budget.left < hoped.at_stake <= budget.left + plays * budget.share
                and worth_trying(hoped.p, known_route - sum(s.cost for s in hope), walk, hoped.horizon(horizon, ahead),
                                 hoped.loss))
    cost = budget.cost(hope[upto].end, walk) if hoped.loss is None else hoped.loss
    return (hoped.p >= 1.0 and not hoped.novel and budget.left < cost <= budget.left + budget.share
            and worth_trying(hoped.p, known_route - sum(s.cost for s in hope), walk, hoped.horizon(horizon),
                             hoped.loss))


def lend(hope: list[PlanStep], known_route: int, budget, episode: int, ahead: int | None = None):
    """The budget with the share of the ``ahead`` plays a won level is assumed to have lent now, for a search of cells
    never seen that ``waits`` for budget saved and hopes for more than the budget's share of the episode
    (``beyond_share``; None: not won, the next ``HORIZON`` plays): the plays that would repay it are the ones that stay above 1.1x of the hoped route while it
    waits. None where it waits as before: a search for less keeps its cost where the budget put it. Under fog,
    validation fourrooms-19-s137 knew 27 steps and hoped for 15 (9.5 steps at stake, 2.7 a play saved): it waited
    three plays (27 27 27 27 19 ...), then two while only the next two plays' share was lent (27 27 19 ...), and
    searches in episode 2 now (27 19 19 ...); fourrooms-25-s134's search for 3 of 34 steps still waits (34 34 38 34
    ...)."""
    if not beyond_share(hope, known_route, episode):
        return None
    return replace(budget, left=budget.left + (HORIZON if ahead is None else ahead) * budget.share)


def _motor_for(library, level: Level, facts, query, fingerprint: str, first: PlanStep, keys: frozenset,
               failed: set):
    """A retrieved motor skill of this level that does what ``first`` does, is no longer and has not been
    failing (posterior mean at least 0.5, not failed so this episode); or None."""
    wanted = (first.effect, object_label(level, first.target))
    for r in library.retrieve(facts, query, k=3, kinds=(MOTOR,), context=fingerprint):
        if (r.skill.context == fingerprint and r.skill.effect == wanted and r.skill.length <= first.cost
                and r.skill.posterior_mean >= 0.5 and (r.skill.id, first.target, keys) not in failed):
            return r
    return None


def first_step(library, level: Level, state: State, fingerprint: str, plan: list[PlanStep],
               walked: tuple[dict, dict], failed: set, *, hoped_against: int | None = ORDINARY,
               find_composite: bool = False) -> tuple[Run | None, str | None]:
    """The run for the plan's first step (None: it needs no action, explore instead) and, with
    ``find_composite``, the id of a composite skill whose program is the whole plan (its outcome is recorded when
    the episode ends). ``hoped_against``: the known route's length if the plan is optimistic (None: no route
    known); ``ORDINARY`` otherwise."""
    first = plan[0]
    dist, parent = walked
    facts, query = situation(level, state, fingerprint)
    retrieved = library.retrieve(facts, query, k=4, context=fingerprint)
    candidates = tuple(explain.candidate(r) for r in retrieved)
    composite = None
    if find_composite:
        ids = tuple(s.skill_id for s in plan)
        for r in retrieved:
            if r.skill.kind == COMPOSITE and r.skill.program == ids:
                composite = r.skill.id
    motor = _motor_for(library, level, facts, query, fingerprint, first, state.keys, failed)
    if motor is not None:
        skill = motor.skill
        actions = [Action(a) for a in skill.program]
        reason = explain.motor_step(level, plan, motor)
    else:
        skill = library.get(first.skill_id)
        actions = path_to(parent, first.end) + [first.action]
        reason = explain.abstract_step(level, plan, skill, retrieved)
    if not any(s.hoped for s in plan):
        pooled = next((s for s in plan if s.belief.source == "pooled" and s.belief.p < 0.8), None)
        if pooled is not None:  # known from a few other levels only: a plan that names what it counts on
            reason, hoped_against = explain.counting_on(level, pooled, reason), ORDINARY
    if hoped_against != ORDINARY:
        reason = explain.hoped(level, plan, reason, hoped_against)
    if not actions:
        return None, composite
    mode = explain.PLANNED if hoped_against == ORDINARY else explain.EXPLORED
    return Run(actions, skill.id, skill.name, reason, first.effect, candidates=candidates, target=first.target,
               keys=state.keys, mode=mode), composite
