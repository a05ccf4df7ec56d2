"""N procmem worlds as one ``gymnasium.vector.VectorEnv``, stepped as numpy arrays (world/batched.py).

Importing ``procmem_tui.gym_env`` registers it as the ids' ``vector_entry_point``, so::

    envs = gym.make_vec("procmem/DoorKey-v0", num_envs=4096)                      # this class (the default)
    envs = gym.make_vec("procmem/DoorKey-v0", num_envs=4096, vectorization_mode="vector_entry_point")
    envs = gym.make_vec("procmem/DoorKey-v0", num_envs=8, vectorization_mode="sync")  # SyncVectorEnv of ProcmemEnv

Each world means exactly what one ``ProcmemEnv`` means: the same observation (``grid`` and ``inventory``
stacked on a first axis of ``num_envs``), rewards, ``terminated``/``truncated``, and the same ``info`` keys
batched the way ``SyncVectorEnv`` batches them (an array per key with its ``_key`` mask). Autoreset is
``NEXT_STEP`` by default, Gymnasium's own default: the step after a world ends resets it (reward 0, not done,
events ``()``) and ignores its action. ``autoreset_mode="SameStep"`` resets in the same step instead and puts
the last observation and info in ``info["final_obs"]`` / ``info["final_info"]``. ``metadata["autoreset_mode"]``
says which. ``reset(options={"reset_mask": mask})`` resets only the worlds of a boolean mask.

Layouts of a family come from a :class:`~procmem_tui.world.layout_pool.LayoutPool` of ``pool_size`` generated
layouts (seeded by ``pool_seed``); every ``refresh_every`` steps ``refresh_count`` of them are replaced by new
ones generated in a background thread. ``reset(seed=s)`` seeds which pool slot each world draws and restores the
pool's first block, so the same seed and actions give the same run. ``info["layout_seed"]`` names each world's
layout: ``gym.make("procmem/DoorKey-v0").reset(options={"layout_seed": n})`` replays it in the single env.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from gymnasium.vector.utils import batch_space
from gymnasium.utils import seeding
from gymnasium.vector import AutoresetMode, VectorEnv

from procmem_tui.gym_env import ProcmemEnv
from procmem_tui.world import Level, render_ansi
from procmem_tui.world.batched import EVENTS, RESET, BatchedWorlds
from procmem_tui.world.layout_pool import LayoutPool
from procmem_tui.world.text import rules_line

_EVENTS = np.empty(len(EVENTS), dtype=object)
_EVENTS[:] = EVENTS


def _read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


class ProcmemVectorEnv(VectorEnv):
    """``num_envs`` worlds of one family and size (or one fixed level), as a Gymnasium vector env.

    Takes ``ProcmemEnv``'s arguments (``level`` or ``family`` with ``size`` and its options, ``doors``,
    ``keys``, ``opens``, ``render_mode``; ``view`` only as None or ``"all"``: fog is not batched) and:
    ``autoreset_mode`` (``NextStep`` or ``SameStep``), ``pool_size``, ``pool_seed``, ``refresh_every`` and
    ``refresh_count`` (default 32, or the pool size if smaller; 0: the pool never changes).
    """

    metadata = {"render_modes": ["ansi"], "render_fps": 8, "autoreset_mode": AutoresetMode.NEXT_STEP}

    def __init__(
        self,
        num_envs: int = 1,
        level: str | Path | Level | None = None,
        *,
        family: str | None = None,
        size: int = 8,
        render_mode: str | None = None,
        doors: str | None = None,
        keys: str | None = None,
        opens: str | None = None,
        view: int | str | None = None,
        autoreset_mode: str | AutoresetMode = AutoresetMode.NEXT_STEP,
        pool_size: int = 1024,
        pool_seed: int = 0,
        refresh_every: int = 1024,
        refresh_count: int | None = None,
        **family_options: Any,
    ) -> None:
        if not isinstance(num_envs, (int, np.integer)) or num_envs < 1:
            raise ValueError(f"num_envs must be a whole number of at least 1, not {num_envs!r}")
        mode = AutoresetMode(autoreset_mode)
        if mode == AutoresetMode.DISABLED:
            raise ValueError("autoreset_mode must be NextStep or SameStep; Disabled is not supported")
        if refresh_count is None:
            refresh_count = min(32, pool_size)
        if refresh_every < 1:
            raise ValueError(f"refresh_every must be at least 1, not {refresh_every}")
        # The single env validates every argument, and gives the spaces and the (first) level.
        single = ProcmemEnv(level, family=family, size=size, render_mode=render_mode, doors=doors, keys=keys,
                            opens=opens, view=view, **family_options)
        if single.level.view is not None:
            raise ValueError("the batched env observes whole levels; for fog (view) use "
                             "gym.make_vec(..., vectorization_mode='sync') or 'async'")
        self.num_envs = int(num_envs)
        self.render_mode = render_mode
        self.autoreset_mode = mode
        self.metadata = {**type(self).metadata, "autoreset_mode": mode}
        self.family = family
        self.single_observation_space = single.observation_space
        self.single_action_space = single.action_space
        self.observation_space = batch_space(self.single_observation_space, self.num_envs)
        self.action_space = batch_space(self.single_action_space, self.num_envs)
        if family is None:
            self.pool = LayoutPool.fixed(single.level)
        else:
            self.pool = LayoutPool.generated(family, size, single.family_options, pool_size, pool_seed, refresh_count)
        self.refresh_every = refresh_every
        self.worlds = BatchedWorlds(self.num_envs, self.pool.layouts)
        n = self.num_envs
        self._levels = np.empty(n, dtype=object)
        self._names = np.empty(n, dtype=object)
        self._optimal = np.zeros(n, dtype=np.int64)
        self._seeds = np.zeros(n, dtype=np.int64)
        self._event = np.full(n, RESET, dtype=np.int8)
        self._autoreset = np.zeros(n, dtype=bool)
        self._since_refresh = 0
        rules = single.level.rules
        rule_values = {"doors": rules.doors, "keys": rules.keys, "opens": rules.pairs_text()}
        self._rules = {name: _read_only(np.full(n, value, dtype=object)) for name, value in rule_values.items()}
        self._views = _read_only(np.full(n, None, dtype=object))
        self._all = _read_only(np.ones(n, dtype=bool))
        self._np_random, self._np_random_seed = seeding.np_random(None)
        self._reset_worlds(np.arange(n))

    # -- the VectorEnv API --------------------------------------------------------------------------------

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None):
        if seed is not None:
            if not isinstance(seed, (int, np.integer)):
                raise ValueError(f"seed must be one int (it seeds the whole batch) or None, not {seed!r}")
            self._np_random, self._np_random_seed = seeding.np_random(int(seed))
            self.pool.restore()
            self._since_refresh = 0
        mask = (options or {}).get("reset_mask")
        if mask is None:
            worlds = np.arange(self.num_envs)
        else:
            mask = np.asarray(mask)
            if mask.shape != (self.num_envs,) or mask.dtype != np.bool_ or not mask.any():
                raise ValueError(f"options['reset_mask'] must be a bool array of shape ({self.num_envs},) with a True")
            worlds = np.flatnonzero(mask)
        self._reset_worlds(worlds)
        self._autoreset[worlds] = False
        self._event[worlds] = RESET
        shown = np.zeros(self.num_envs, dtype=bool)
        shown[worlds] = True
        return self._observations(), self._info(shown)

    def step(self, actions):
        actions = np.asarray(actions)
        if actions.shape != (self.num_envs,) or actions.dtype.kind not in "iu":
            raise ValueError(
                f"actions must be {self.num_envs} integers from 0 to 5, got {actions.dtype} {actions.shape}")
        if actions.size and (actions.max() > 5 or (actions.dtype.kind == "i" and actions.min() < 0)):
            raise ValueError("actions must be integers from 0 to 5")
        event, reward, terminated, truncated = self.worlds.step(actions)
        info_extra: dict[str, Any] = {}
        if self.autoreset_mode == AutoresetMode.NEXT_STEP:
            restart = np.flatnonzero(self._autoreset)
            if len(restart):
                self._reset_worlds(restart)
                event[restart] = RESET
                reward[restart] = 0.0
                terminated[restart] = False
                truncated[restart] = False
            self._autoreset = terminated | truncated
        self._event = event
        if self.autoreset_mode == AutoresetMode.SAME_STEP:
            done = np.flatnonzero(terminated | truncated)
            if len(done):
                info_extra = self._final(done)
                self._reset_worlds(done)
                self._event = event.copy()
                self._event[done] = RESET
        self._refresh()
        info = self._info(self._all)
        info.update(info_extra)
        return self._observations(), reward, terminated, truncated, info

    def render(self) -> tuple[str, ...] | None:
        """``render_mode="ansi"``: each world's picture, as ``ProcmemEnv.render`` draws it."""
        if self.render_mode != "ansi":
            return None
        pictures = []
        for i in range(self.num_envs):
            level = self._levels[i]
            picture = render_ansi(level, self.worlds.state_of(i, level)) + "\n"
            pictures.append(picture if level.rules.is_default else picture + rules_line(level) + "\n")
        return tuple(pictures)

    def close_extras(self, **kwargs: Any) -> None:
        self.pool.close()

    def levels(self) -> tuple[Level, ...]:
        """The level each world is playing now."""
        return tuple(self._levels)

    # -- inside ---------------------------------------------------------------------------------------------

    def _reset_worlds(self, worlds: np.ndarray) -> None:
        slots = self._np_random.integers(0, len(self.pool), size=len(worlds))
        self.worlds.reset_worlds(worlds, self.pool.layouts, slots)
        self._levels[worlds] = self.pool.levels[slots]
        self._optimal[worlds] = self.pool.optimal[slots]
        self._seeds[worlds] = self.pool.seeds[slots]
        self._names[worlds] = [level.name for level in self.pool.levels[slots]]

    def _refresh(self) -> None:
        self._since_refresh += 1
        if self._since_refresh >= self.refresh_every:
            self._since_refresh = 0
            self.pool.swap()

    def _observations(self, worlds: np.ndarray | None = None) -> dict[str, np.ndarray]:
        return {"grid": self.worlds.grids(worlds), "inventory": self.worlds.inventories(worlds)}

    def _info(self, mask: np.ndarray) -> dict[str, Any]:
        """ProcmemEnv's info for every world, batched as SyncVectorEnv does (each key with its ``_key`` mask).

        The rules and view arrays and the masks are the same read-only arrays every step (they never change)."""
        mask = _read_only(mask)
        info: dict[str, Any] = {
            "events": _EVENTS.take(self._event), "_events": mask,
            "steps": self.worlds.steps.astype(np.int64), "_steps": mask,
            "optimal_steps": self._optimal.copy(), "_optimal_steps": mask,
            "level": self._names.copy(), "_level": mask,
            "rules": {**self._rules, **{f"_{name}": mask for name in self._rules}},
            "_rules": mask,
            "view": self._views, "_view": mask,
        }
        if self.family is not None:
            info["layout_seed"], info["_layout_seed"] = self._seeds.copy(), mask
        return info

    def _final(self, done: np.ndarray) -> dict[str, Any]:
        """SAME_STEP: the last observation and info of the worlds that just ended, before they are reset."""
        grids, inventories = self.worlds.grids(done), self.worlds.inventories(done)
        final_obs = np.full(self.num_envs, None, dtype=object)
        for j, i in enumerate(done):
            final_obs[i] = {"grid": grids[j], "inventory": inventories[j]}
        mask = np.zeros(self.num_envs, dtype=bool)
        mask[done] = True
        return {"final_obs": final_obs, "_final_obs": mask, "final_info": self._info(mask), "_final_info": mask}
