"""The batched Gymnasium vector env: make_vec gives it, each world means exactly what one ProcmemEnv means
(observation, reward, terminated/truncated, info, autoreset in both modes), Gymnasium's checks hold for it,
seeding makes runs repeat, and the layout pool is renewed deterministically."""

from __future__ import annotations

import numpy as np
import pytest

gym = pytest.importorskip("gymnasium")

from gymnasium.utils.env_checker import data_equivalence  # noqa: E402
from gymnasium.utils.passive_env_checker import check_obs  # noqa: E402
from gymnasium.vector import AutoresetMode, SyncVectorEnv  # noqa: E402

from procmem_tui import gym_env  # noqa: E402
from procmem_tui.gym_env import ProcmemEnv  # noqa: E402
from procmem_tui.gym_vector import ProcmemVectorEnv  # noqa: E402

SMALL = {"pool_size": 16, "refresh_every": 7, "refresh_count": 4}


def _world_info(info, i):
    """World i's entries of a batched info, as a single env's info dict."""
    return {
        "events": info["events"][i], "steps": int(info["steps"][i]), "optimal_steps": int(info["optimal_steps"][i]),
        "level": info["level"][i], "rules": {name: info["rules"][name][i] for name in ("doors", "keys", "opens")},
        "view": info["view"][i], "layout_seed": int(info["layout_seed"][i]),
    }


@pytest.mark.parametrize("env_id", gym_env.IDS)
def test_make_vec_gives_the_batched_env_and_sync_stays_available(env_id):
    """make_vec's default (and vectorization_mode="vector_entry_point") is ProcmemVectorEnv; "sync" wraps ProcmemEnv."""
    envs = gym.make_vec(env_id, num_envs=3, pool_size=4)
    assert isinstance(envs.unwrapped, ProcmemVectorEnv)
    assert envs.metadata["autoreset_mode"] == AutoresetMode.NEXT_STEP
    assert envs.observation_space["grid"].shape[0] == 3
    explicit = gym.make_vec(env_id, num_envs=2, vectorization_mode="vector_entry_point", pool_size=4)
    assert isinstance(explicit.unwrapped, ProcmemVectorEnv)
    sync = gym.make_vec(env_id, num_envs=2, vectorization_mode="sync")
    assert isinstance(sync.unwrapped, SyncVectorEnv)
    assert sync.single_observation_space == envs.single_observation_space
    for env in (envs, explicit, sync):
        env.close()


@pytest.mark.parametrize(
    "variant", [{}, {"keys": "consumed"}, {"doors": "any", "keys": "consumed"}, {"opens": "aA bA", "keys": "consumed"}]
)
def test_every_world_matches_a_single_env_through_next_step_autoresets(variant):
    """Four worlds stepped 600 times (several episodes each) give, world by world, the single env's observation,
    reward, terminated, truncated and info; the step after an end is the reset (reward 0, events ())."""
    envs = ProcmemVectorEnv(4, family="doorkey", size=5, **variant, **SMALL)
    obs, info = envs.reset(seed=3)
    singles = []
    for i in range(4):
        env = ProcmemEnv(family="doorkey", size=5, **variant)
        single_obs, single_info = env.reset(options={"layout_seed": int(info["layout_seed"][i])})
        assert data_equivalence({k: v[i] for k, v in obs.items()}, single_obs, exact=True)
        assert data_equivalence(_world_info(info, i), single_info, exact=True)
        singles.append(env)
    rng = np.random.default_rng(0)
    ended = np.zeros(4, dtype=bool)
    resets = 0
    for _ in range(600):
        actions = rng.integers(0, 6, size=4)
        obs, reward, terminated, truncated, info = envs.step(actions)
        for i, env in enumerate(singles):
            if ended[i]:
                single_obs, single_info = env.reset(options={"layout_seed": int(info["layout_seed"][i])})
                single_reward, single_term, single_trunc = 0.0, False, False
                resets += 1
            else:
                single_obs, single_reward, single_term, single_trunc, single_info = env.step(actions[i])
            assert data_equivalence({k: v[i] for k, v in obs.items()}, single_obs, exact=True)
            assert (reward[i], terminated[i], truncated[i]) == (single_reward, single_term, single_trunc)
            assert data_equivalence(_world_info(info, i), single_info, exact=True)
        ended = terminated | truncated
    assert resets >= 4


def test_same_step_autoreset_returns_the_final_observation_in_info():
    """SameStep: the step that ends an episode returns the new episode's first observation, the last one and
    its info in info["final_obs"] / info["final_info"], as Gymnasium's SyncVectorEnv does."""
    envs = ProcmemVectorEnv(3, family="doorkey", size=5, autoreset_mode="SameStep", **SMALL)
    assert envs.metadata["autoreset_mode"] == AutoresetMode.SAME_STEP
    obs, info = envs.reset(seed=1)
    singles = []
    for i in range(3):
        env = ProcmemEnv(family="doorkey", size=5)
        env.reset(options={"layout_seed": int(info["layout_seed"][i])})
        singles.append(env)
    rng = np.random.default_rng(1)
    finals = 0
    for _ in range(400):
        actions = rng.integers(0, 6, size=3)
        obs, reward, terminated, truncated, info = envs.step(actions)
        for i, env in enumerate(singles):
            single_obs, single_reward, single_term, single_trunc, single_info = env.step(actions[i])
            assert (reward[i], terminated[i], truncated[i]) == (single_reward, single_term, single_trunc)
            if single_term or single_trunc:
                finals += 1
                assert info["_final_obs"][i]
                assert data_equivalence(info["final_obs"][i], single_obs, exact=True)
                assert info["final_info"]["events"][i] == single_info["events"]
                single_obs, _ = env.reset(options={"layout_seed": int(info["layout_seed"][i])})
            else:
                assert "final_obs" not in info or not info["_final_obs"][i]
            assert data_equivalence({k: v[i] for k, v in obs.items()}, single_obs, exact=True)
    assert finals >= 3


def test_gymnasium_checks_hold():
    """What gymnasium's env_checker asks of an env, asked of the vector env: observations in the observation
    space, the same seed gives the same run, returned arrays are fresh, bad actions are refused clearly."""
    envs = ProcmemVectorEnv(8, family="rooms", size=10, rooms=3, **SMALL)
    again = ProcmemVectorEnv(8, family="rooms", size=10, rooms=3, **SMALL)
    obs, _ = envs.reset(seed=5)
    check_obs(obs, envs.observation_space, "reset")
    obs2, _ = again.reset(seed=5)
    assert data_equivalence(obs, obs2, exact=True)
    envs.action_space.seed(0)
    previous = obs
    for _ in range(50):
        actions = envs.action_space.sample()
        step, step2 = envs.step(actions), again.step(actions)
        assert data_equivalence(step, step2, exact=True)
        check_obs(step[0], envs.observation_space, "step")
        assert step[1].dtype == np.float64 and step[2].dtype == np.bool_ and step[3].dtype == np.bool_
        assert step[0]["grid"] is not previous["grid"] and not np.shares_memory(step[0]["grid"], previous["grid"])
        previous = step[0]
    with pytest.raises(ValueError, match="actions"):
        envs.step(np.full(8, 6))
    with pytest.raises(ValueError, match="actions"):
        envs.step(np.zeros(7, dtype=int))
    envs.close()
    again.close()


def test_reset_mask_resets_only_the_masked_worlds():
    """reset(options={"reset_mask": m}) puts only m's worlds back to step 0; the others keep their state."""
    envs = ProcmemVectorEnv(4, family="doorkey", size=6, **SMALL)
    envs.reset(seed=0)
    for _ in range(3):
        envs.step(np.zeros(4, dtype=int))
    mask = np.array([True, False, True, False])
    _, info = envs.reset(options={"reset_mask": mask})
    assert envs.worlds.steps.tolist() == [0, 3, 0, 3]
    assert info["_events"].tolist() == mask.tolist()


def test_the_pool_is_renewed_deterministically_and_reset_seed_restores_it():
    """Every refresh_every steps refresh_count new layouts replace old ones; two runs with one seed see the same
    layout seeds, and reset(seed) brings the first pool back."""
    runs = []
    for _ in range(2):
        envs = ProcmemVectorEnv(2, family="doorkey", size=5, **SMALL)
        first = envs.pool.seeds.copy()
        envs.reset(seed=9)
        for _ in range(3 * SMALL["refresh_every"]):
            envs.step(np.zeros(2, dtype=int))
        assert envs.pool.block == 3
        assert (envs.pool.seeds != first).sum() == 3 * SMALL["refresh_count"]
        runs.append(envs.pool.seeds.copy())
        envs.reset(seed=9)
        assert (envs.pool.seeds == first).all()
        envs.close()
    assert (runs[0] == runs[1]).all()


def test_fixed_level_and_render():
    """Level-v0 batches one fixed level (its layout_seed key absent, as in the single env); ansi renders each."""
    envs = gym.make_vec("procmem/Level-v0", num_envs=2, level="any_key", render_mode="ansi")
    obs, info = envs.reset(seed=0)
    single = ProcmemEnv(level="any_key", render_mode="ansi")
    single_obs, single_info = single.reset(seed=0)
    assert data_equivalence({k: v[1] for k, v in obs.items()}, single_obs, exact=True)
    assert "layout_seed" not in info and info["level"][0] == "any_key"
    assert envs.render() == (single.render(), single.render())
    envs.close()


def test_bad_arguments_are_one_clear_error():
    """No envs, disabled autoreset, a size out of range or fog are each one ValueError naming the argument."""
    with pytest.raises(ValueError, match="num_envs"):
        ProcmemVectorEnv(0, family="doorkey")
    with pytest.raises(ValueError, match="Disabled"):
        ProcmemVectorEnv(2, family="doorkey", autoreset_mode="Disabled", pool_size=2)
    with pytest.raises(ValueError, match="size"):
        ProcmemVectorEnv(2, family="doorkey", size=99)
    with pytest.raises(ValueError, match="fog"):
        ProcmemVectorEnv(2, family="doorkey", view=3, pool_size=2)
