"""The Gymnasium face: registered ids pass check_env, plans roll out to the goal, the observation code table."""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pytest

gym = pytest.importorskip("gymnasium")

from gymnasium.utils.env_checker import check_env  # noqa: E402

from procmem_tui import gym_env  # noqa: E402
from procmem_tui.gym_env import ProcmemEnv  # noqa: E402
from procmem_tui.world import ACTIONS, Action, format_level, load_level, solve  # noqa: E402


@pytest.mark.parametrize("env_id", gym_env.IDS)
def test_check_env_passes_without_warnings(env_id):
    """gymnasium's env_checker accepts every registered id and emits no warning."""
    env = gym.make(env_id, render_mode="ansi")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_env(env.unwrapped)
    assert [str(w.message) for w in caught] == []
    env.close()


def test_registered_kwargs():
    """DoorKey-v0 is doorkey 8x8, Rooms-v0 is 3 rooms at 10x10, Level-v0 is classic."""
    assert gym.make("procmem/DoorKey-v0").unwrapped.observation_space["grid"].shape == (8, 8)
    rooms = gym.make("procmem/Rooms-v0").unwrapped
    assert rooms.observation_space["grid"].shape == (10, 10)
    assert len(rooms.level.doors) == 2
    assert gym.make("procmem/Level-v0").unwrapped.level.name == "classic"
    assert gym.make("procmem/DoorKey-v0", size=5).unwrapped.observation_space["grid"].shape == (5, 5)


def rollout(env, plan):
    total, last = 0.0, None
    for i, action in enumerate(plan):
        obs, reward, terminated, truncated, info = env.step(ACTIONS.index(action))
        total += reward
        assert not truncated
        assert terminated == (i == len(plan) - 1)
        last = info
    return total, last


def test_classic_plan_rolls_out_to_the_goal_for_12_3():
    """Replaying the solver's plan on Level-v0 terminates on its last step with total reward 12.3."""
    env = gym.make("procmem/Level-v0")
    _, info = env.reset(seed=0)
    plan = solve(load_level("classic"))
    assert info["optimal_steps"] == len(plan) == 10
    total, last = rollout(env, plan)
    assert total == pytest.approx(12.3)
    assert last["events"] == ("moved", "goal_reached") and last["steps"] == 10


@pytest.mark.parametrize("env_id", ["procmem/DoorKey-v0", "procmem/Rooms-v0"])
def test_family_plan_rolls_out_to_the_goal_with_the_table_reward(env_id):
    """For generated layouts, the plan of the current level terminates with 10 + keys + 2*doors - 0.1*rest."""
    env = gym.make(env_id)
    for seed in range(5):
        _, info = env.reset(seed=seed)
        plan = solve(env.unwrapped.level)
        assert info["optimal_steps"] == len(plan)
        total, _ = rollout(env, plan)
        k, d = plan.count(Action.PICKUP_KEY), plan.count(Action.OPEN_DOOR)
        assert total == pytest.approx(10 + k + 2 * d - 0.1 * (len(plan) - 1 - k - d))


def test_reset_seed_fixes_the_layout_and_resets_draw_new_ones():
    """reset(seed=s) gives the same layout every time; successive resets draw different layouts."""
    env = ProcmemEnv(family="doorkey", size=8)
    layouts = []
    for _ in range(2):
        env.reset(seed=11)
        layouts.append(format_level(env.level))
    assert layouts[0] == layouts[1]
    seen = set()
    for _ in range(10):
        env.reset()
        seen.add(format_level(env.level))
    assert len(seen) > 5
    env.reset(options={"layout_seed": 7})
    assert env.layout_seed == 7 and env.level.name == "doorkey-8-s7"


def test_observation_codes_on_classic():
    """classic encodes as documented: top row first, agent 4, wall 1, box 2, goal 3, key a 10, door A 20/30."""
    env = ProcmemEnv("classic")
    obs, _ = env.reset(seed=0)
    expected = np.array(
        [
            [0, 0, 1, 0, 3],
            [0, 2, 0, 20, 1],
            [0, 0, 10, 0, 0],
            [0, 0, 0, 0, 0],
            [4, 0, 0, 0, 0],
        ],
        dtype=np.int8,
    )
    assert obs["grid"].dtype == np.int8
    np.testing.assert_array_equal(obs["grid"], expected)
    np.testing.assert_array_equal(obs["inventory"], [0, 0, 0, 0, 0, 0])
    plan = solve(env.level)
    for action in plan[:5]:  # up up right right pickup: standing on the taken key's cell
        obs, *_ = env.step(ACTIONS.index(action))
    assert obs["grid"][2, 2] == 4
    np.testing.assert_array_equal(obs["inventory"], [1, 0, 0, 0, 0, 0])
    for action in plan[5:8]:  # up, open_door, right: standing in the open door
        obs, *_ = env.step(ACTIONS.index(action))
    assert obs["grid"][2, 2] == 0 and obs["grid"][1, 3] == 4
    obs, *_ = env.step(ACTIONS.index(Action.MOVE_UP))
    assert obs["grid"][1, 3] == 30


def test_key_and_door_letters_have_their_own_codes():
    """Keys a-f are 10-15 and doors A-F are 20-25, letter by letter."""
    level = load_level("distractor_keys")
    obs, _ = ProcmemEnv(level).reset()
    top = level.height - 1
    assert len(set(level.keys.values())) == len(set(level.doors.values())) == 6
    for (x, y), letter in level.keys.items():
        assert obs["grid"][top - y, x] == 10 + "abcdef".index(letter)
    for (x, y), letter in level.doors.items():
        assert obs["grid"][top - y, x] == 20 + "ABCDEF".index(letter)


def test_numpy_integer_actions_and_the_action_order():
    """Actions may be numpy integers; index i is ACTIONS[i] (3 = move_right)."""
    env = ProcmemEnv("classic")
    env.reset(seed=0)
    _, reward, *_, info = env.step(np.int64(3))
    assert info["events"] == ("moved",) and reward == pytest.approx(-0.1)
    assert env.world.state.pos == (1, 0)


def test_truncation_at_the_level_step_limit_and_step_after_end_raises():
    """Level-v0 truncates at classic's max_steps (50); stepping again raises until reset."""
    env = ProcmemEnv("classic")
    env.reset(seed=0)
    flags = [env.step(2)[3] for _ in range(50)]
    assert flags == [False] * 49 + [True]
    with pytest.raises(RuntimeError):
        env.step(2)
    env.reset()
    env.step(2)


def test_level_from_a_file_and_bad_arguments(tmp_path):
    """A level file path works; giving both or neither of level/family, or a bad render mode, is a ValueError."""
    path = tmp_path / "tiny.txt"
    path.write_text("@aAG\n")
    assert gym.make("procmem/Level-v0", level=str(path)).unwrapped.level.width == 4
    with pytest.raises(ValueError):
        ProcmemEnv()
    with pytest.raises(ValueError):
        ProcmemEnv("classic", family="doorkey")
    with pytest.raises(ValueError):
        ProcmemEnv("classic", render_mode="human")
    with pytest.raises(ValueError):
        ProcmemEnv(family="doorkey", size=99)


def test_render_ansi_draws_the_state():
    """render() in ansi mode returns the coloured picture, one line per row, with the agent."""
    env = ProcmemEnv("classic", render_mode="ansi")
    env.reset(seed=0)
    picture = env.render()
    assert isinstance(picture, str) and "\x1b[" in picture and "@" in picture
    assert picture.count("\n") == 5
    assert ProcmemEnv("classic").render() is None


def test_importing_the_package_does_not_need_gymnasium():
    """procmem_tui and procmem_tui.world import in an interpreter where gymnasium cannot be imported."""
    code = (
        "import sys\n"
        "sys.modules['gymnasium'] = None\n"
        "import procmem_tui, procmem_tui.world, procmem_tui.cli\n"
        "assert 'procmem_tui.gym_env' not in sys.modules\n"
        "try:\n"
        "    import procmem_tui.gym_env\n"
        "except ImportError:\n"
        "    print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout == "ok\n", result.stderr


# --- fog: view= ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("env_id", "kwargs"), [("procmem/DoorKey-v0", {}), ("procmem/Rooms-v0", {}),
                                               ("procmem/Level-v0", {"level": "maze"})])
def test_check_env_passes_under_fog(env_id, kwargs):
    """With view=3 every id still passes check_env, without warnings."""
    env = gym.make(env_id, view=3, render_mode="ansi", **kwargs)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_env(env.unwrapped)
    assert [str(w.message) for w in caught] == []


def test_fog_masks_exactly_the_cells_out_of_sight():
    """Every cell the world does not have in sight is UNSEEN_CODE; every cell in sight has its usual code."""
    from procmem_tui.world import GridWorld

    foggy = ProcmemEnv(level="open_field", view=3)
    clear = ProcmemEnv(level="open_field")
    obs, info = foggy.reset(seed=0)
    full, _ = clear.reset(seed=0)
    assert info["view"] == 3
    for action in (2, 2, 0, 0, 2):
        obs, *_ = foggy.step(action)
        full, *_ = clear.step(action)
        seen = GridWorld(foggy.level, foggy.world.state).observe(view=3).cells
        top = foggy.level.height - 1
        for y in range(foggy.level.height):
            for x in range(foggy.level.width):
                code = obs["grid"][top - y, x]
                if (x, y) in seen:
                    assert code == full["grid"][top - y, x]
                else:
                    assert code == gym_env.UNSEEN_CODE
    assert (obs["grid"] == gym_env.UNSEEN_CODE).sum() > 0


def test_walls_block_sight_in_the_observation():
    """Behind a wall within the radius, cells stay masked; the wall itself is seen."""
    from procmem_tui.world import parse_level

    level = parse_level("; view: 5\n....#...\n@...#..G\n....#...\n.......a\n", check_solvable=False)
    obs, _ = ProcmemEnv(level=level).reset(seed=0)
    grid = obs["grid"]
    assert grid[1, 4] == gym_env.WALL_CODE
    assert (grid[:3, 5:] == gym_env.UNSEEN_CODE).all()


def test_view_all_lifts_a_header_and_none_keeps_it():
    """view=None keeps the level's sight header, view='all' lifts it (nothing drawn unseen), a number replaces it,
    and a bad value is a ValueError naming view."""
    from procmem_tui.world import parse_level

    level = parse_level("; view: 1\n@.....G\n")
    assert ProcmemEnv(level=level).reset(seed=0)[1]["view"] == 1
    lifted_obs, info = ProcmemEnv(level=level, view="all").reset(seed=0)
    assert info["view"] is None and (lifted_obs["grid"] != gym_env.UNSEEN_CODE).all()
    assert ProcmemEnv(level=level, view=4).reset(seed=0)[1]["view"] == 4
    for bad in (-1, 100, "far", 2.5, True):
        with pytest.raises(ValueError, match="view"):
            ProcmemEnv(level=level, view=bad)


def test_fog_is_drawn_blank_in_ansi_renders():
    """Under fog, cells not seen are drawn blank in the ansi render."""
    env = ProcmemEnv(level="open_field", view=2, render_mode="ansi")
    env.reset(seed=0)
    picture = env.render()
    assert picture.count("\x1b[0m \x1b[0m") > 100
