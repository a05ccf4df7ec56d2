"""Walks kept by the ground's flags and the origin (memory/paths.py ``KeptWalks``): a kept walk is the walk that
would run, situations with the same flags share it, and a change of one cell's flag is a new walk."""

from __future__ import annotations

from procmem_tui.memory import flat_walk
from procmem_tui.memory.paths import KeptWalks, reachable, walk_tree
from procmem_tui.world import State


class _Counted:
    """A 6x4 room whose cell (3, y) for every y is shut unless ``door_open``; counts the flags asked."""

    def __init__(self) -> None:
        self.grid = flat_walk.layout(6, 4)
        self.door_open = False

    def flags(self, state):
        cells = [(x, y) for x in range(6) for y in range(4) if x != 3 or self.door_open]
        return self.grid, self.grid.flags(cells, [])


def test_a_kept_walk_is_the_walk_and_is_shared_by_equal_flags():
    """Two situations that differ in keys held but not in flags get the very same dict, equal to a fresh walk; a
    door opened (other flags) gives a new walk that reaches the far side."""
    ground, walks = _Counted(), KeptWalks(8)
    first = walks.reachable(ground, State((0, 0), frozenset()))
    assert first == reachable(ground, State((0, 0)))
    assert walks.reachable(ground, State((0, 0), frozenset({"a"}))) is first
    assert (5, 0) not in first
    ground.door_open = True
    wider = walks.reachable(ground, State((0, 0), frozenset({"a"})))
    assert wider is not first and wider[(5, 0)] == 5


def test_kept_walks_are_bounded():
    """More origins than ``size`` drop what was kept: it never holds more than ``size`` walks."""
    ground, walks = _Counted(), KeptWalks(2)
    for x in range(3):
        walks.reachable(ground, State((x, 0)))
        assert len(walks._kept) <= 2


def test_a_kept_tree_is_the_walk_with_parents_and_shares_the_kept_distances():
    """``tree`` gives what ``walk_tree`` gives, the very distances ``reachable`` gave for the same flags and cell (a
    plan compares them by identity), and one tree for situations with equal flags: a plan's walks with parents
    (hoped walks, scouting) cost no walk of their own where a walk already ran."""
    ground, walks = _Counted(), KeptWalks(8)
    dist = walks.reachable(ground, State((0, 0), frozenset()))
    tree = walks.tree(ground, State((0, 0), frozenset({"a"})))
    assert tree == walk_tree(ground, State((0, 0)))
    assert tree[0] is dist
    assert walks.tree(ground, State((0, 0), frozenset({"b"}))) is tree


def test_a_flat_kept_walk_is_the_fresh_walk_shared_by_equal_flags():
    """``flat_walk.Kept`` (the curiosity search's walks, kept on the map across decisions) gives the walk that
    would run, with parents or without (the same distances, in the same order); equal flags from the same cell
    share it; another origin, other flags or another order of moves is another walk; it holds at most ``size``."""
    grid = flat_walk.layout(6, 4)
    shut = grid.flags([(x, y) for x in range(6) for y in range(4) if x != 3], [])
    both = grid.flags([(x, y) for x in range(6) for y in range(4)], [(5, 3)])
    kept = flat_walk.Kept(size=3)
    first = kept.walk(grid, shut, (0, 0))
    assert first == flat_walk.walk(grid, shut, (0, 0))
    assert kept.walk(grid, bytearray(shut), (0, 0)) is first
    dist, parents = kept.walk(grid, shut, (0, 0), parents=False)
    assert parents is None and dist is first[0]
    assert list(dist) == list(flat_walk.walk(grid, shut, (0, 0), parents=False)[0])
    assert kept.walk(grid, both, (0, 0)) == flat_walk.walk(grid, both, (0, 0))
    assert kept.walk(grid, both, (0, 0))[0][(5, 0)] == 5
    assert kept.walk(grid, shut, (1, 0)) == flat_walk.walk(grid, shut, (1, 0))
    reversed_order = flat_walk.UP_RIGHT_DOWN_LEFT[::-1]
    fresh = flat_walk.walk(grid, both, (0, 0), order=reversed_order)
    assert kept.walk(grid, both, (0, 0), order=reversed_order) == fresh
    assert len(kept._kept) <= 3


def test_what_curiosity_keeps_is_for_one_map_at_a_time():
    """``imagine.kept_walks`` (like the kept answers and predictions) is held by the model for the map it was asked
    for: asked again for that map, the same; asked for another map (another level), a new one, and the first map's
    is dropped, so an agent that plays many levels keeps the walks of one."""
    from procmem_tui.memory.imagine import kept_walks
    from procmem_tui.memory.level_map import LevelMap
    from procmem_tui.memory.world_model import WorldModel

    model, here, there = WorldModel(), LevelMap(3, 3), LevelMap(3, 3)
    walks = kept_walks(model, here)
    assert kept_walks(model, here) is walks
    assert kept_walks(model, there) is not walks
    assert kept_walks(model, here) is not walks


class _Keeping(_Counted):
    """The same room as a ground that keeps its walks, as the agent's grounds do (``agents.ground.Ground.tree``)."""

    def __init__(self) -> None:
        super().__init__()
        self.walks = KeptWalks(8)

    def tree(self, state):
        return self.walks.tree(self, state)

    def distances(self, state):
        return self.walks.reachable(self, state)


def test_walk_tree_from_the_agent_is_the_grounds_kept_tree():
    """``walk_tree`` from the agent on a ground that keeps its walks gives the ground's kept tree (the walks of a
    replay's decision ask it again and again for the same flags), equal to the walk of a ground that keeps nothing;
    started elsewhere (``start``) it walks afresh."""
    ground = _Keeping()
    first = walk_tree(ground, State((0, 0), frozenset()))
    assert first == walk_tree(_Counted(), State((0, 0)))
    assert walk_tree(ground, State((0, 0), frozenset({"a"}))) is first
    elsewhere = walk_tree(ground, State((0, 0)), start=(1, 0))
    assert elsewhere == walk_tree(_Counted(), State((1, 0))) and elsewhere is not first


def test_a_keeping_ground_walks_from_a_cell_off_its_flags():
    """A walk from a cell the flags do not cover (beyond the grid's ring) falls back to the walk cell by cell, for a
    ground that keeps its walks as well: it never asks its own ``tree`` again."""

    class _Open(_Keeping):
        def passable(self, pos, state):
            return 0 <= pos[0] < 6 and 0 <= pos[1] < 4

        def ends(self, pos, state):
            return False

    dist, parent = walk_tree(_Open(), State((-3, 0)))
    assert dist == {(-3, 0): 0} and parent == {(-3, 0): None}


def test_reachable_on_a_keeping_ground_is_its_kept_walk_from_any_cell():
    """``reachable`` on a ground that keeps its walks gives its kept distances, from the agent or from ``start`` (a
    replay's shortcut check walks from each door and key again at every decision), equal to the walk of a ground
    that keeps nothing."""
    ground = _Keeping()
    here = reachable(ground, State((0, 0)))
    assert here == reachable(_Counted(), State((0, 0))) and reachable(ground, State((0, 0))) is here
    there = reachable(ground, State((0, 0)), start=(2, 1))
    assert there == reachable(_Counted(), State((2, 1))) and reachable(ground, State((1, 1)), start=(2, 1)) is there
