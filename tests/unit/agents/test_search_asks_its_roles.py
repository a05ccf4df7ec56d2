"""Whether two holdings answer a look alike (``_Search._answers_alike``) is asked only of what the search itself asks
about the look: an action known to act in some roles only (open_door beside a door) is not asked of the others
(standing on the door). On ``distractor_keys``' episode 1 the old code asked 138 such questions of 499."""

from __future__ import annotations

from procmem_tui.agents import make_agent
from procmem_tui.agents.curiosity import search
from procmem_tui.agents.curiosity.route import PROBE
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level


def test_holdings_are_compared_only_in_the_roles_the_search_asks(monkeypatch):
    """Every question ``_answered_alike`` asks (through ``_meets``) is of a move, or of an action in a role it may
    act in (``WorldModel.roles``: any, until it was seen to change something), and the episode still wins."""
    asked, outside, inside = [], [], [0]
    answered, meets = search._Search._answered_alike, search._Search._meets

    def comparing(self, *args):
        inside[0] += 1
        try:
            return answered(self, *args)
        finally:
            inside[0] -= 1

    def meeting(self, action, role, lk, held, reading=None):
        if inside[0]:
            asked.append(action)
            roles = self._roles_of(action)
            if action is not PROBE and roles and role not in roles:
                outside.append((action, role, lk))
        return meets(self, action, role, lk, held, reading)

    monkeypatch.setattr(search._Search, "_answered_alike", comparing)
    monkeypatch.setattr(search._Search, "_meets", meeting)
    result = Session(LevelSource.fixed(load_level("distractor_keys")), make_agent("procmem", seed=0)).run_episode()
    assert result.success
    assert len(asked) > 100
    assert outside == []
