"""What an action is counted on to do while hoping is what it is counted on to do without hoping, wherever the latter
counts on something (``agents/expect.py``): hoping only adds where the plan on what is known counts on nothing.
``Beliefs.expect`` relies on it to give the hoping plan the known plan's answers."""

from __future__ import annotations

from procmem_tui.agents import effects, make_agent
from procmem_tui.agents.expect import expect
from procmem_tui.agents.expectation import NOTHING
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate


def test_hoping_adds_only_where_the_known_counts_on_nothing(monkeypatch):
    """Over 3 episodes of a consumed-key layout of three rooms (doors, keys, a goal; tries that fail and work), every
    ask without hoping that counts on something gets the same answer when asked hoping, and the kept answers are
    those ``expect`` gives."""
    asked = []
    kept = effects.Beliefs.expect

    def checked(beliefs, action, role, lk, held, hoping):
        found = kept(beliefs, action, role, lk, held, hoping)
        assert found == expect(beliefs, action, role, lk, held, hoping)
        if not hoping:
            known = expect(beliefs, action, role, lk, held, False)
            if known is not NOTHING:
                assert expect(beliefs, action, role, lk, held, True) == known
                asked.append(known)
        return found

    monkeypatch.setattr(effects.Beliefs, "expect", checked)
    level = generate("rooms", 12, 7, rooms=3, keys="consumed")
    session = Session(LevelSource.fixed(level), make_agent("procmem", seed=0, library=SkillLibrary(seed=0)))
    for _ in range(3):
        session.run_episode()
    assert len(asked) > 20
