"""Provisions under fog: on a level seen to have locks, what can be taken along is worth taking while it is near.

Under fog what a seen object is for may lie beyond what was seen (a key whose door is not in sight yet). Taken when it
is passed, it costs a step or two; left behind, it costs the walk back from wherever its use turns up, often from the
far side of a door. So while cells remain never seen and the map shows a lock — a seen object with a letter, still
shut, that the model says a move does not enter —, an action the model knows (or guesses) to gain a letter not held,
spending nothing and not ending the episode, is an experiment worth ``PROVISION``, ranked with the frontiers by
cost ÷ value: it is taken when nothing nearer shows as much, at the latest before the agent walks off to what is left
to see elsewhere.

Before any lock is seen, nothing is taken along: a door later tried holding several keys does not tell which of them
opened it, and the next episodes then fetch them all or hope (measured without this condition: episode 2 on the
held-out set 1.037-1.068 -> 1.044-1.080, mostly pairings and `doors: any` levels). Without fog nothing changes: every
object is in sight, and the plan fetches what it needs. Nor once this level was seen to spend, at a door, a key not of
its letter (any key opens any door, or keys paired with doors of other letters, and keys are used up): which key a
door takes is then not told by its letter, so a key taken along may be the one spent at a door it was not needed
for, and a door opened holding several keys leaves later episodes a route through a key the win did not need, which
their habits keep (unusual_levels --view 3 ``rooms4-28-s505-any+consumed`` settled at 90 steps for 70).
"""

from __future__ import annotations

from procmem_tui.agents.curiosity.beyond import spends_keys
from procmem_tui.memory.imagine import AHEAD, EDGE, MOVE, Belief, Imagination, Look, describe
from procmem_tui.world import Action

PROVISION = 0.25  # what taking along something not held is worth under fog (a frontier showing a whole disc: 1)
_PROBE = Action.MOVE_UP  # any move: the model files the four moves as one action


def provision(lk: Look | None, held, pred) -> float:
    """``PROVISION`` when ``pred`` says the action gains a letter not held, spending nothing and not ending the
    episode; else 0."""
    if lk is None or not pred.known:
        return 0.0
    outcome = pred.outcome
    if not outcome.gained or outcome.lost or outcome.ended:
        return 0.0
    own = lk.letter.lower()
    return PROVISION if {own if token == "own" else token for token in outcome.gained} - set(held) else 0.0


def lock_seen(im: Imagination, by_look: dict, b: Belief) -> bool:
    """Whether a seen object with a letter, not open in situation ``b`` (nor gone), is one the model says a move
    does not enter (``by_look``: the seen cells of each look, nothing opened or gone): holding what ``b`` holds or,
    on a level seen to spend a key at what it opened (``beyond.spends_keys``), holding nothing. There a door that
    stops empty hands is a lock whatever a key held might do to it, and a door opened holding several keys still
    tells which one it took (the one spent): holding a door's own key, a move into it is never tried, and the
    level's other keys stay as worth taking along as before that key was picked up (``unusual_levels.py --view 3``
    ``rooms6-32-s501-consumed``: holding key c, key b beside the agent was left and fetched back from the fifth
    room). Where nothing was spent, a door opened holding keys taken along does not tell which of them opened it
    (held-out ``--view 3`` ``rooms4-28-s113-any``, episode 2 fetched all three: 58 -> 88 steps)."""
    shut = [lk for lk, where in by_look.items() if lk.letter and not lk.open and lk.kind != EDGE
            and not all(pos in b.opened or pos in b.gone for pos in where)]
    holdings = [b.held]
    if b.held and shut and spends_keys(im.model, im.level):
        holdings.append(frozenset())
    for held in holdings:
        for lk in shut:
            pred = im.predict(_PROBE, AHEAD, lk, held)
            if pred.known and not pred.outcome.moved:
                return True
    return False


def spends_other_keys(model, level: str) -> bool:
    """Whether this level was seen to spend, at what an action other than a move changed, a key not of that object's
    letter (on ``level`` only: another level's rules may differ). Which action opens is the model's to say, not
    this code's: any action but a move counts (``beyond.spends_keys`` asks alike)."""
    for (action, _role, _kind), facts in model.units.items():
        if action == MOVE:
            continue
        for fact in facts.values():
            if level in fact.levels and fact.outcome.object and any(t != "own" for t in fact.outcome.lost):
                return True
    return False


def why(action: Action, lk: Look, pred) -> str:
    guess = ", a guess" if pred.extrapolated else ""
    return (f"{action.value} at {describe(lk)}: taking it along ({pred.outcome.text()}{guess}), for a lock that may lie"
            " beyond what was seen")
