from __future__ import annotations

import numpy as np
import pytest

from procmem_tui.session import Session
from procmem_tui.world import solve


def play_as_person(session: Session, rng: np.random.Generator, detours: int = 3) -> None:
    """A simulated person: the solver's next action from wherever they are, plus a few random detour moves."""
    n = len(solve(session.level, session.state))
    detour_at = set(rng.choice(n, min(detours, n), replace=False).tolist())
    i = 0
    while not session.done:
        if i in detour_at:
            action = ("move_up", "move_down", "move_left", "move_right")[int(rng.integers(4))]
        else:
            action = solve(session.level, session.state)[0]
        session.player_step(action)
        i += 1


@pytest.fixture
def person():
    return play_as_person
