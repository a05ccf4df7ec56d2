"""The store is typed as a Protocol (``memory.store_protocol.Store``): ``SkillStore`` implements it with the same
parameters, and a double that has only its methods records a session's episodes, skills and knowledge."""

from __future__ import annotations

import inspect
from contextlib import contextmanager

from procmem_tui.agents import make_agent
from procmem_tui.memory import SkillLibrary, SkillStore
from procmem_tui.memory.store_protocol import Store
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level

METHODS = [name for name in vars(Store) if not name.startswith("_") and callable(getattr(Store, name))]


def test_skill_store_is_a_store_with_the_same_parameters():
    """Every method of the Protocol exists on SkillStore and takes the same parameters, in the same order."""
    with SkillStore.open(None) as store:
        assert isinstance(store, Store)
    assert set(METHODS) == {"transaction", "last_episode", "allocate_episode", "record_episode", "save_library",
                            "load_knowledge", "save_knowledge"}
    for name in METHODS:
        wanted = list(inspect.signature(getattr(Store, name)).parameters)
        assert list(inspect.signature(getattr(SkillStore, name)).parameters)[:len(wanted)] == wanted, name


class MemoryStore:
    """Only the Protocol's methods, over plain lists and dicts."""

    path = "memory"

    def __init__(self) -> None:
        self.episodes, self.knowledge, self.saves, self.open_transactions = [], {}, 0, 0

    @contextmanager
    def transaction(self):
        self.open_transactions += 1
        yield self
        self.open_transactions -= 1

    def last_episode(self) -> int:
        return len(self.episodes)

    def allocate_episode(self) -> int:
        return len(self.episodes) + 1

    def record_episode(self, trajectory, library_size=None, started_at=None, optimal_steps=None, learned=()) -> int:
        assert self.open_transactions == 1
        self.episodes.append(trajectory)
        return len(self.episodes)

    def save_library(self, library) -> None:
        self.saves += 1

    def load_knowledge(self, agent):
        return self.knowledge.get(agent)

    def save_knowledge(self, agent, knowledge, episode) -> None:
        self.knowledge[agent] = knowledge


def test_a_store_with_only_the_protocols_methods_records_a_session():
    """Two episodes of classic into the double: both recorded inside a transaction, numbered 1 and 2, the skills
    saved each time, and the knowledge a new session's agent is then restored from (its world model)."""
    store = MemoryStore()
    assert isinstance(store, Store)
    session = Session(LevelSource.fixed(load_level("classic")), make_agent("procmem", library=SkillLibrary()), store)
    numbers = [session.run_episode().episode for _ in range(2)]
    assert numbers == [1, 2] and len(store.episodes) == 2 and store.saves == 2
    assert store.knowledge["procmem"]["episode"] == 2
    again = Session(LevelSource.fixed(load_level("classic")), make_agent("procmem", library=SkillLibrary()), store)
    assert again.episode == 3 and list(again.agent.model.facts())
