"""Whether a key taken is alike to not taking it can depend on where the search stands: where one look is answered
alike only holding the keys before and another only holding the keys instead, the take is dropped only while each
such look is in reach of the walk (``_Search._alike_holdings``). What is kept across situations with the same
holdings and changes is the part that holds wherever the search stands; the reach is read from each situation's own
walk (the kept answer once carried one cell's reach to another)."""

from __future__ import annotations

from procmem_tui.agents.curiosity.search import _Search
from procmem_tui.memory.imagine import Belief, Look

NEAR, FAR = Look("door", "A", False), Look("door", "B", False)


def _search() -> _Search:
    """A search whose answers are set by hand: door A is answered alike only holding the keys before, door B only
    holding the keys instead; every other look alike either way; no letter pairs by letter."""
    search = _Search.__new__(_Search)
    search._took, search._pushed, search._alike_held, search._read_of = {}, set(), {}, {}
    search._letters_read = lambda look: frozenset("ab")
    search._pairs_by_letter = lambda: False
    search._groups = lambda b: {NEAR: [(2, 1)], FAR: [(6, 1)]}

    def answers_alike(look, held, other):
        if look == NEAR:
            return other == frozenset("a")
        if look == FAR:
            return other == frozenset("bc")
        return True

    search._answers_alike = answers_alike
    return search


def _take_from(search: _Search, pos) -> tuple[Belief, Belief]:
    """Key b taken from ``pos`` holding a, where the search also left a situation holding c by taking b."""
    parent = Belief((0, 0), frozenset("c"), frozenset(), frozenset())
    b = Belief(pos, frozenset("a"), frozenset(), frozenset())
    nxt = Belief((pos[0] + 1, pos[1]), frozenset("ab"), frozenset(), frozenset({(9, 9)}))
    search._took[b] = parent
    search._pushed.add(Belief(nxt.pos, frozenset("bc"), frozenset(), frozenset({(9, 9)})))
    return b, nxt


def test_a_take_is_alike_only_where_each_look_it_tells_apart_is_in_reach():
    search = _search()
    b, nxt = _take_from(search, (1, 1))
    both_in_reach = {(2, 1): 1, (6, 1): 5}
    assert search._alike_holdings(b, nxt, both_in_reach)
    b_elsewhere, nxt_elsewhere = _take_from(search, (1, 3))
    only_near = {(2, 3): 1, (2, 1): 2}
    assert not search._alike_holdings(b_elsewhere, nxt_elsewhere, only_near)
