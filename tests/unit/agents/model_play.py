"""Playing steps on a real level as the agent sees them, filing each into a world model: shared by the tests of
what the agent expects of its actions and of what a walk on the learned ground costs."""

from __future__ import annotations

from procmem_tui.memory.imagine import Belief as Seen, learn_step, look
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.world_model import WorldModel
from procmem_tui.world import Action, GridWorld, parse_level

# the agent stands between door A (left) and door B (right); key a lies below it
BETWEEN = parse_level("; name: between\n; max_steps: 30\nG.A@B.G\n###a###\n")


def play_steps(*actions: Action, model: WorldModel | None = None, level: str = "here", layout=BETWEEN):
    """Play ``actions`` on ``layout``, filing each step into ``model``; the model, the map and the last state."""
    model = model or WorldModel()
    world = GridWorld(layout)
    obs = world.observe()
    m = LevelMap(obs.width, obs.height)
    m.see(obs)
    state = m.state(obs)
    for action in actions:
        step = world.step(action)
        obs = world.observe(step)
        m.see(obs)
        after = m.state(obs)
        was, now = (Seen(s.pos, s.keys, s.opened, s.taken) for s in (state, after))
        learn_step(model, m, level, was, action, now, obs.reward, obs.terminated,
                   lambda pos, n=now: look(m, pos, n.opened, n.gone))
        state = after
    return model, m, state
