"""The Gymnasium face: ``ProcmemEnv``, and the ids ``procmem/DoorKey-v0``, ``procmem/Rooms-v0``, ``procmem/Level-v0``.

Gymnasium is an optional extra (``pip install procmem-tui[gym]``); nothing else in the package imports this
module. Importing it registers the three ids::

    import gymnasium as gym
    import procmem_tui.gym_env  # registers procmem/*

    env = gym.make("procmem/DoorKey-v0", size=8, render_mode="ansi")
    env = gym.make("procmem/Rooms-v0", keys="consumed")          # a rule variant (also doors="any")
    env = gym.make("procmem/Rooms-v0", opens="aB bC cA")         # key a opens door B, b opens C, c opens A
    env = gym.make("procmem/Level-v0", level="second_key")
    env = gym.make("procmem/DoorKey-v0", view=3)                  # fog: only the cells within 3 are observed
    obs, info = env.reset(seed=0)
    obs, reward, terminated, truncated, info = env.step(env.action_space.sample())

``gym.make_vec(id, num_envs=N)`` gives a :class:`~procmem_tui.gym_vector.ProcmemVectorEnv`: N worlds stepped
together as numpy arrays (``vectorization_mode="sync"`` or ``"async"`` still wraps N of this env instead).

Actions are ``Discrete(6)``; index ``i`` is ``procmem_tui.world.ACTIONS[i]``: 0 move_up, 1 move_down, 2 move_left,
3 move_right, 4 pickup_key, 5 open_door. Rewards, termination (goal) and truncation (the level's ``max_steps``)
are exactly those of ``GridWorld.step``.

The observation is a ``Dict``:

- ``grid``: ``Box(0, 35, (H, W), int8)``, row 0 is the *top* row (highest y), as in the level file, so
  ``grid[H - 1 - y, x]`` is the cell (x, y). Codes:

  ====  =======================  ====  ==============================
  code  cell                     code  cell
  ====  =======================  ====  ==============================
  0     floor (and a taken key)  10–15 key a–f lying on the floor
  1     wall                     20–25 closed door A–F
  2     box                      30–35 open door A–F
  3     goal                     4     the agent (drawn over its cell)
  5     out of sight (``view``)
  ====  =======================  ====  ==============================

  Under fog (``view=N``, or a level's ``; view: N`` header) every cell that is not in sight *now* is
  ``UNSEEN_CODE`` (5), as MiniGrid's partial view marks what the agent cannot see: sight is the world's (walls and
  closed doors block it, within a Euclidean radius N; see docs/fog.md), remembering is the learner's business (a
  recurrent policy, a frame stack, a map of its own). The agent's own cell is always in sight. ``view="all"``
  lifts a level's header; ``view=None`` (the default) keeps what the level says (no header: no fog).

- ``inventory``: ``MultiBinary(6)``, ``inventory[i] == 1`` when key ``"abcdef"[i]`` is held.

``info`` holds ``events`` (the step's event names, e.g. ``("moved", "goal_reached")``), ``steps``,
``optimal_steps`` (the solver's length from the episode's start), ``level`` (its name), ``rules`` (``{"doors": …,
"keys": …, "opens": …}``, the level's rule variant; ``doors`` is ``"pairs"`` and ``opens`` the pairs, ``"aB bC"``,
under a pairing, ``opens`` is ``""`` otherwise), ``view`` (the sight radius, None without fog) and, for generated
families, ``layout_seed``. For families every ``reset`` draws a new layout seed from ``self.np_random``, so
``reset(seed=s)`` always gives the same layout; ``reset(options={"layout_seed": n})`` picks one directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from procmem_tui.world import ACTIONS, GridWorld, Level, generate, load_level, optimal_steps, render_ansi, with_rules
from procmem_tui.world.level import MAX_VIEW, VIEW_ALL, view_overridden
from procmem_tui.world.rules import rules_from_options
from procmem_tui.world.sight import visible_cells, visible_mask
from procmem_tui.world.text import rules_line
from procmem_tui.world.gridworld import BOX, DOOR, GOAL, KEY, WALL, State

KEY_ORDER = "abcdef"
FLOOR_CODE, WALL_CODE, BOX_CODE, GOAL_CODE, AGENT_CODE = 0, 1, 2, 3, 4
UNSEEN_CODE = 5  # a cell out of sight under fog (MiniGrid's "unseen")
KEY_CODE, CLOSED_DOOR_CODE, OPEN_DOOR_CODE = 10, 20, 30  # + index of the letter in "abcdef"
MAX_CODE = OPEN_DOOR_CODE + len(KEY_ORDER) - 1

IDS = ("procmem/DoorKey-v0", "procmem/Rooms-v0", "procmem/Level-v0")


class ProcmemEnv(gym.Env):
    """A procmem level (a fixed one, or a new generated layout each reset) as a Gymnasium environment.

    Give either ``level`` (a built-in name, a file path or a :class:`Level`) or ``family`` (``"doorkey"`` or
    ``"rooms"``) with ``size`` and the family's options (``rooms=``, ``boxes=``, ``distractors=``).
    ``doors=`` (``"matching"``/``"any"``) and ``keys=`` (``"kept"``/``"consumed"``) choose the rule variant: for a
    family they are generator options, for a fixed level they replace the rules its headers give. ``opens=``
    (key–door pairs, ``"aB bC cA"``) replaces the door rule by a pairing, instead of ``doors=``. ``view=N`` (a
    sight radius) masks what is out of sight with ``UNSEEN_CODE``; ``"all"`` lifts a level's ``; view:`` header.
    """

    metadata = {"render_modes": ["ansi"], "render_fps": 8}

    def __init__(
        self,
        level: str | Path | Level | None = None,
        *,
        family: str | None = None,
        size: int = 8,
        render_mode: str | None = None,
        doors: str | None = None,
        keys: str | None = None,
        opens: str | None = None,
        view: int | str | None = None,
        **family_options: Any,
    ) -> None:
        if (level is None) == (family is None):
            raise ValueError("give exactly one of level= (a name, file or Level) or family= ('doorkey' or 'rooms')")
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode must be one of {self.metadata['render_modes']} or None, not {render_mode!r}")
        if view is not None and view != VIEW_ALL and (
            isinstance(view, bool) or not isinstance(view, (int, np.integer)) or not 0 <= view <= MAX_VIEW
        ):
            raise ValueError(f"view must be a sight radius from 0 to {MAX_VIEW}, 'all' or None, not {view!r}")
        self.render_mode = render_mode
        self.family = family
        self.size = size
        if family is not None:
            given = (("doors", doors), ("keys", keys), ("opens", opens), ("view", None if view == VIEW_ALL else view))
            family_options = {**family_options, **{k: v for k, v in given if v is not None}}
            first = generate(family, size, 0, **family_options)  # validates the arguments, fixes the shape
        else:
            if family_options:
                raise ValueError(f"options {sorted(family_options)} need family=; a fixed level takes only doors=, opens= and keys=")
            first = level if isinstance(level, Level) else load_level(level)
            if doors is not None or keys is not None or opens is not None:
                first = with_rules(first, rules_from_options(doors, keys, base=first.rules, opens=opens))
                if optimal_steps(first) is None:
                    raise ValueError(f"level {first.name!r} cannot be solved under {first.rules.describe()}")
            first = view_overridden(first, view)
        self.family_options = family_options
        self.layout_seed: int | None = None
        self._set_level(first)
        h, w = first.height, first.width
        self.action_space = spaces.Discrete(len(ACTIONS))
        self.observation_space = spaces.Dict(
            {
                "grid": spaces.Box(0, MAX_CODE, shape=(h, w), dtype=np.int8),
                "inventory": spaces.MultiBinary(len(KEY_ORDER)),
            }
        )
        self._events: tuple[str, ...] = ()

    def _set_level(self, level: Level) -> None:
        self.level = level
        self.world = GridWorld(level)
        self._base = _base_grid(level)
        self._optimal = optimal_steps(level)

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None):
        super().reset(seed=seed)
        options = options or {}
        if self.family is not None:
            if "layout_seed" in options:
                self.layout_seed = int(options["layout_seed"])
            else:
                self.layout_seed = int(self.np_random.integers(0, 2**31 - 1))
            self._set_level(generate(self.family, self.size, self.layout_seed, **self.family_options))
        else:
            self.world.reset()
        self._events = ()
        return self._observation(), self._info()

    def step(self, action):
        result = self.world.step(int(action))
        self._events = result.events
        return self._observation(), float(result.reward), result.terminated, result.truncated, self._info()

    def render(self) -> str | None:
        if self.render_mode == "ansi":
            state = self.world.state
            in_sight = None if self.level.view is None else visible_cells(self.level, state, self.level.view)
            picture = render_ansi(self.level, state, in_sight) + "\n"
            return picture if self.level.rules.is_default else picture + rules_line(self.level) + "\n"
        return None

    # -- encoding ------------------------------------------------------------------------------------------

    def _observation(self) -> dict[str, np.ndarray]:
        return encode(self.level, self.world.state, self._base)

    def _info(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "events": self._events,
            "steps": self.world.state.steps,
            "optimal_steps": self._optimal,
            "level": self.level.name,
            "rules": {"doors": self.level.rules.doors, "keys": self.level.rules.keys,
                      "opens": self.level.rules.pairs_text()},
            "view": self.level.view,
        }
        if self.family is not None:
            info["layout_seed"] = self.layout_seed
        return info


def _base_grid(level: Level) -> np.ndarray:
    """The level's cells at the start, without the agent (keys lying, doors closed)."""
    world = GridWorld(level)
    grid = np.zeros((level.height, level.width), dtype=np.int8)
    top = level.height - 1
    for y in range(level.height):
        for x in range(level.width):
            kind = world.cell_kind((x, y))
            if kind == WALL:
                code = WALL_CODE
            elif kind == BOX:
                code = BOX_CODE
            elif kind == GOAL:
                code = GOAL_CODE
            elif kind == KEY:
                code = KEY_CODE + KEY_ORDER.index(level.keys[(x, y)])
            elif kind == DOOR:
                code = CLOSED_DOOR_CODE + KEY_ORDER.index(level.doors[(x, y)].lower())
            else:
                code = FLOOR_CODE
            grid[top - y, x] = code
    return grid


def encode(level: Level, state: State, base: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The observation for a state of a level (see the module docstring for the codes; fog by ``level.view``)."""
    grid = (_base_grid(level) if base is None else base).copy()
    top = level.height - 1
    for x, y in state.taken:
        grid[top - y, x] = FLOOR_CODE
    for x, y in state.opened:
        grid[top - y, x] = OPEN_DOOR_CODE + KEY_ORDER.index(level.doors[(x, y)].lower())
    if level.view is not None:
        in_sight = visible_mask(level, state, level.view).T[::-1]  # (x, y) to rows from the top
        grid[~in_sight] = UNSEEN_CODE
    ax, ay = state.pos
    grid[top - ay, ax] = AGENT_CODE
    inventory = np.zeros(len(KEY_ORDER), dtype=np.int8)
    for letter in state.keys:
        inventory[KEY_ORDER.index(letter)] = 1
    return {"grid": grid, "inventory": inventory}


def register_envs() -> None:
    """Register the procmem ids with Gymnasium (done on import; calling it again is harmless)."""
    entry = f"{__name__}:ProcmemEnv"
    vector_entry = "procmem_tui.gym_vector:ProcmemVectorEnv"  # gym.make_vec's default: N worlds as numpy arrays
    specs = {
        "procmem/DoorKey-v0": {"family": "doorkey", "size": 8},
        "procmem/Rooms-v0": {"family": "rooms", "size": 10, "rooms": 3},
        "procmem/Level-v0": {"level": "classic"},
    }
    for env_id, kwargs in specs.items():
        if env_id not in gym.registry:
            gym.register(id=env_id, entry_point=entry, vector_entry_point=vector_entry, kwargs=kwargs)


register_envs()
