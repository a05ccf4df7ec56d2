"""What the agent counts on from one action on one object (``Expectation``), and how much it trusts what other
levels say: one vote per level (``trust``, ``change_trust``)."""

from __future__ import annotations

from dataclasses import dataclass

from procmem_tui.memory.world_model import Outcome, Prediction
from procmem_tui.world.actions import DOOR_OPENED, GOAL_REACHED, KEY_PICKED

TRUSTED = 0.8


def event_of(outcome: Outcome) -> str | None:
    """The label the skill memory gives such an outcome (``memory.seen``): won, a key gained, something opened."""
    if outcome.ended and outcome.reward > 0:
        return GOAL_REACHED
    if outcome.gained:
        return KEY_PICKED
    if outcome.object == "opened":
        return DOOR_OPENED
    return None


def wins(outcome: Outcome | None) -> bool:
    return outcome is not None and outcome.ended and outcome.reward > 0


@dataclass(frozen=True)
class Expectation:
    """What the agent counts on from one action on one object: the outcome, the chance it is right, and why."""

    outcome: Outcome | None
    p: float
    source: str  # "here" (seen on this level), "pooled" (other levels), "implied" (likely from what it did
    # holding otherwise), "guess" (seen holding otherwise, no better than a coin),
    # "untried" (never tried so: optimism), "none"
    evidence: str = ""
    novel: bool = False  # counts on a walk where no move was tried (R-max: nothing known of it at all)
    voted: bool = False  # "implied" by the one-fact rules' vote only: rules that disagree here still fit
    unseen_loss: float | None = None  # a walk through cells never seen: the steps lost if one blocks
    # (``agents/scouting.py``); None for any other expectation
    bump_loss: float | None = None  # a walk where no move was tried: the steps lost if a cell on it blocks
    # (``agents/untried_walks.py``); None for any other expectation
    search: bool = False  # a walk through cells never seen as likely as a gap along a wall's never-seen stretch
    # (``agents/scouting.py``): a search, priced over the plays ahead of a won level (``horizon``)
    kept: bool = False  # every key held whenever this object changed on this level is held (``evidence.keeps_needed``)
    own: bool = False  # not ``kept``, but its own letter, held whenever it changed here, is (``evidence.keeps_own``)

    @property
    def loss(self) -> float | None:
        """What failing loses, where it is known better than the walk there and back (None: that walk)."""
        return self.unseen_loss if self.unseen_loss is not None else self.bump_loss

    @property
    def at_stake(self) -> float | None:
        """What failing is expected to lose, for the hunch budget: a walk through cells never seen loses its
        ``unseen_loss`` only as often as it fails (its chance is learned from the level's map: ``agents/scouting.py``);
        any other try its ``loss``."""
        return (1 - self.p) * self.unseen_loss if self.unseen_loss is not None else self.loss

    def horizon(self, horizon: int, ahead: int | None = None) -> int:
        """The plays a try counting on this must pay over: one for a bump priced within the hunch budget (it is
        made because failing costs little, and must pay within its own episode, as ``optimism.cheap_try`` says);
        ``ahead`` (the plays a level won is assumed to be played again, ``optimism.AHEAD``; None: not won here) for
        a split vote on a holding that keeps what this object had every time it changed here (``kept``): the
        model's own conjunction, doubted only by rules no holding here bore out, whose test serves every play
        after; also for such a vote on a holding that keeps only the object's own letter (``own``) in a level's
        first replay (``horizon`` 1), where a doubt on a dropped key is priced as failing (``skill_plan.hedged``):
        the one key the simplest rule naming a door's key vouches for, so that replay takes the route of that key
        alone rather than fetching every key the door had (rooms2-20-s116 under sight 3: door F opened holding keys
        b and f; 40 steps for 35 fetching both). Later replays weigh it at their horizon: over the plays ahead there,
        a doors-any level counted on door D's own key d, and door E opening holding d alone then made D holding d
        unknown, a walk back for key e (rooms3-12-s15-any, episodes 3-4 26 24 -> 35 26); else ``horizon`` (the
        exploration bound: a key dropped that the object always had is a question of which key it needs, and such
        a guess pays only where exploration would)."""
        if self.bump_loss is not None:
            return 1
        if self.search and ahead is not None:
            return max(horizon, ahead)
        if ahead is not None and self.voted and (self.kept or (self.own and horizon == 1)):
            return max(horizon, ahead)
        return horizon

    @property
    def works(self) -> bool:
        """Counted on as an ordinary belief (not a hope)."""
        return self.outcome is not None and self.source in ("here", "pooled", "implied") and self.p > 0.5

    @property
    def hoped(self) -> bool:
        return self.source in ("guess", "untried")


NOTHING = Expectation(None, 0.0, "none", "never seen")


def trust(prediction: Prediction) -> float:
    """Seen on this level: 1; on other levels, one vote per level: Beta(1 + levels for, 1 + levels against). Until
    that mean reaches ``TRUSTED`` (3 levels agreeing), levels that tried the action on such objects but never in
    this situation count against too (one odd level among many does not make a rule)."""
    if prediction.basis == "this level":
        return 1.0
    against = max(prediction.votes - prediction.levels, 0)
    chance = (1 + prediction.levels) / (2 + prediction.levels + against)
    if TRUSTED <= chance:
        return chance
    return (1 + prediction.levels) / (2 + prediction.levels + against + prediction.silent)


def change_trust(prediction: Prediction) -> float:
    """The chance that what other levels expect to change nothing changes something after all: one vote per level
    for a change, against the levels that saw nothing change and those that tried the action on such objects but
    never in this situation (none of them showed it working)."""
    for_change = max(prediction.votes - prediction.levels, 0)
    return (1 + for_change) / (2 + prediction.votes + prediction.silent)
