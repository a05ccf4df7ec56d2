"""One thing the agent could do next (``Option``) and the situation after it (``apply``)."""

from __future__ import annotations

from dataclasses import dataclass

from procmem_tui.agents.expectation import Expectation, event_of, wins
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.world_model import Outcome
from procmem_tui.world import Action, State


@dataclass(frozen=True)
class Option:
    """One thing the agent could do next: walk to ``stand``, do ``action`` on the object at ``cell``."""

    cell: tuple
    look: Look
    action: Action
    role: str
    stand: tuple
    cost: int
    expectation: Expectation
    after: State

    @property
    def event(self) -> str | None:
        return event_of(self.expectation.outcome)

    def _replace_hope(self, loss: float | None = None, passes: float = 1.0) -> "Option":
        """This option, reached by walking where no move was tried: a try; ``loss``: what it loses if a cell on the
        way blocks, where that is known to be little (``agents/untried_walks.py``; None: the walk there and back);
        ``passes``: the chance the walk gets through kinds no move was ever seen into (``untried_walks.kind_chance``),
        at most an even one."""
        e = self.expectation
        tie = e.source == "implied" and e.p <= 0.5  # a coin already: the unknown walk halves it again
        p = min(e.p / 2 if tie else min(e.p, 0.5), passes)
        return Option(self.cell, self.look, self.action, self.role, self.stand, self.cost, Expectation(
            e.outcome, p, "untried", f"walking where no move was tried, then {e.evidence}", True, bump_loss=loss),
            self.after)  # not ``replace``: a plan makes hundreds

    @property
    def wins(self) -> bool:
        return wins(self.expectation.outcome)


def apply(state: State, stand, cell, lk: Look, outcome: Outcome) -> State | None:
    """The situation after ``outcome`` happened to the object at ``cell`` (the agent acting from ``stand``); keys
    by the model's relative terms ("own": the object's letter). None when it spends a key that is not held
    (``spends_unheld``): the model saw that change holding another key, and whether the object does the same holding
    this one is a question (which key opens it, which key it takes), not something a plan counts on."""
    own = lk.letter.lower()
    held = set(state.keys)
    for token in outcome.lost:
        letter = own if token == "own" else token
        if letter not in held:
            return None
        held.discard(letter)
    for token in outcome.gained:
        held.add(own if token == "own" else token)
    opened = state.opened | {cell} if outcome.object == "opened" else state.opened
    taken = state.taken | {cell} if outcome.object == "gone" else state.taken
    return State(cell if outcome.moved else stand, frozenset(held), opened, taken, state.steps)


def spends_unheld(keys: frozenset, lk: Look, outcome: Outcome) -> bool:
    """Whether ``outcome``, as the model states it, spends a key that is not in ``keys`` (a change seen only while
    that key was held: asked, not counted on, where nothing held can stand in for it)."""
    own = lk.letter.lower()
    return any((own if token == "own" else token) not in keys for token in outcome.lost)
