"""The learning benchmark: every agent trained on the same layouts and evaluated, frozen, on the same held-out ones.

* Family mode: for each agent × (family, size): train on layouts ``seed … seed+train-1`` (learning on), then
  evaluate on layouts ``EVAL_OFFSET + seed + i`` for ``i < eval`` with learning frozen (``learning=False``).
  Metrics: success rate; optimality ratio steps / optimal per evaluation episode (a failed episode counts the
  steps it spent, i.e. the step limit), mean and 95th percentile; episodes to converge (the first training
  episode that starts 5 in a row within 1.1× optimal, None if never); the share of evaluation steps taken
  inside skills; the agent's skill count; wall time.
* Level mode: each agent trains ``train`` episodes on each hand-made level; reported is the episode from which
  every later episode stays within 1.05× optimal.
* Demo mode: a simulated person (the solver's action from wherever they stand, plus a few random detour moves)
  plays one layout as the player; the agent's *first* episode on each of ``eval`` unseen layouts is measured.
* First-episodes mode: on each of ``eval`` held-out layouts a *new* agent with an empty library plays ``train``
  episodes of that layout alone. Reported: episode 1's ratio (mean and worst: how well it finds out on a level it
  has never seen), episode 2's (how well it recalls it) and the episodes to optimal (the episode from which every
  later one stays within 1.05× optimal, as in level mode; a layout where that never happens counts ``train`` + 1
  and is counted apart).

In family, demo and first-episodes modes every ``agent.act`` call on a held-out layout is timed in CPU time of its
process (``time.process_time``: what the decision costs, which a machine busy with other work, or a second worker
on the same core, inflates far less than wall time); reported are its 95th percentile and maximum in milliseconds
(``decision_ms_p95``, ``decision_ms_max``), and the same of every plan the agent made (``plan_ms_p95``,
``plan_ms_max``: procmem's plan over its skills, ``None`` for agents that do not plan so). First-episodes mode also gives the calls of episode 1
alone (``ep1_decision_ms_p95``, ``ep1_decision_ms_max``): an empty library explores there, and its searches would
otherwise be diluted by the later episodes' quick decisions. They are the one result that depends on the machine
(and, less, on its load).

Tasks run in a ``multiprocessing`` pool; each is a pure function of its arguments (seeded agents, seeded
libraries, seeded generators), so results do not depend on the number of workers or on scheduling. Ctrl-C stops
the run at once: the workers ignore SIGINT (a terminal sends it to all of them, and each printed a traceback),
the main process stops them and the command says "interrupted".
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from dataclasses import asdict, dataclass

import numpy as np

from procmem_tui.agents import make_agent
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import generate, load_level, solve
from procmem_tui.world.level import VIEW_ALL, view_overridden

EVAL_OFFSET = 100_000
CONVERGE_RUN, CONVERGE_RATIO = 5, 1.1
LEVEL_RATIO = 1.05


@dataclass(frozen=True)
class Task:
    agent: str
    family: str | None = None
    size: int = 8
    options: tuple = ()
    train: int = 20
    eval: int = 200
    seed: int = 0
    level: str | None = None
    mode: str = "family"  # family | levels | demo | first
    view: int | str | None = None  # a --view override: a sight radius, "all", or None (as each level says)


def _new_agent(name: str, seed: int):
    library = None
    if name == "procmem":
        from procmem_tui.memory.library import SkillLibrary

        library = SkillLibrary(seed=seed)
    return make_agent(name, seed=seed, library=library)


def _freeze(agent) -> None:
    if hasattr(agent, "learning"):
        agent.learning = False


def timed(agent, times: list[float], plans: list[float] | None = None):
    """The agent, its ``act`` wrapped to append each call's CPU time (seconds) to ``times``, and its ``plan`` (if it
    has one) to append each plan's to ``plans``."""
    act = agent.act
    plan = getattr(agent, "plan", None)
    if plans is not None and callable(plan):
        def timed_plan(*args, **kwargs):
            t0 = time.process_time()
            found = plan(*args, **kwargs)
            plans.append(time.process_time() - t0)
            return found

        agent.plan = timed_plan

    def timed_act(observation):
        t0 = time.process_time()
        decision = act(observation)
        times.append(time.process_time() - t0)
        return decision

    agent.act = timed_act
    return agent


def decision_ms(times: list[float], plans: list[float] = ()) -> dict:
    """95th percentile and maximum of the decision times and of the plan times, in milliseconds (None with none)."""
    out = {}
    for name, seconds in (("decision", times), ("plan", plans)):
        ms = np.asarray(seconds) * 1000.0
        out[f"{name}_ms_p95"] = float(np.percentile(ms, 95)) if len(ms) else None
        out[f"{name}_ms_max"] = float(ms.max()) if len(ms) else None
    return out


def converged_at(ratios: list[float], successes: list[bool], run: int = CONVERGE_RUN, limit: float = CONVERGE_RATIO):
    """1-based index of the first episode starting ``run`` successes in a row within ``limit``× optimal, or None."""
    good = [s and r <= limit for r, s in zip(ratios, successes)]
    for i in range(len(good) - run + 1):
        if all(good[i:i + run]):
            return i + 1
    return None


def stays_within_from(ratios: list[float], successes: list[bool], limit: float = LEVEL_RATIO):
    """1-based episode from which every later episode succeeds within ``limit``× optimal, or None."""
    start = None
    for i, (r, s) in enumerate(zip(ratios, successes)):
        if s and r <= limit:
            start = i + 1 if start is None else start
        else:
            start = None
    return start


def simulate_person(session: Session, rng: np.random.Generator, detours: int = 3) -> None:
    """Play the current episode as a person would: the solver's next action, plus ``detours`` random moves."""
    n = len(solve(session.level, session.state) or [])
    detour_at = set(rng.choice(max(n, 1), min(detours, max(n, 1)), replace=False).tolist())
    i = 0
    while not session.done:
        if i in detour_at:
            action = ("move_up", "move_down", "move_left", "move_right")[int(rng.integers(4))]
        else:
            action = solve(session.level, session.state)[0]
        session.player_step(action)
        i += 1


def _episodes(session: Session, n: int) -> list:
    return [session.run_episode() for _ in range(n)]


def _ratio(summary) -> float:
    return summary.steps / summary.optimal_steps if summary.optimal_steps else float("inf")


def run_task(task: Task) -> dict:
    """One agent on one configuration; a plain dict (picklable, JSON-ready)."""
    t0 = time.perf_counter()
    agent = _new_agent(task.agent, task.seed)
    options = dict(task.options)
    if task.view is not None and task.view != VIEW_ALL:
        options["view"] = task.view
    out = asdict(task)
    if task.mode == "first":
        out.update(_first_episodes(task, options))
    elif task.mode == "levels":
        level = view_overridden(load_level(task.level), task.view)
        summaries = _episodes(Session(LevelSource.fixed(level), agent), task.train)
        ratios, wins = [_ratio(s) for s in summaries], [s.success for s in summaries]
        out.update(steps=[s.steps for s in summaries], optimal=summaries[0].optimal_steps, level_name=summaries[0].level,
                   ep1_ratio=ratios[0],
                   expansions=[s.search_expansions for s in summaries],
                   within_from=stays_within_from(ratios, wins), final_ratio=ratios[-1],
                   success_rate=float(np.mean(wins)), skills=agent.skill_count())
    else:
        train_ratios, train_wins = [], []
        if task.mode == "demo":
            session = Session(LevelSource.generated(task.family, task.size, task.seed, **options), agent)
            simulate_person(session, np.random.default_rng(task.seed))
            demo = session.finished
            out.update(demo_steps=demo.steps, demo_optimal=demo.optimal_steps, demo_success=demo.success)
        elif task.train:
            session = Session(LevelSource.generated(task.family, task.size, task.seed, **options), agent)
            train = _episodes(session, task.train)
            train_ratios, train_wins = [_ratio(s) for s in train], [s.success for s in train]
        _freeze(agent)
        times: list[float] = []
        plans: list[float] = []
        timed(agent, times, plans)
        evals = []
        for i in range(task.eval):
            source = LevelSource.generated(task.family, task.size, EVAL_OFFSET + task.seed + i, **options)
            evals.append(Session(source, agent).run_episode())
            if task.mode == "demo":  # every evaluation is a *first* episode after the demo: start afresh
                agent = _new_agent(task.agent, task.seed)
                session = Session(LevelSource.generated(task.family, task.size, task.seed, **options), agent)
                simulate_person(session, np.random.default_rng(task.seed))
                _freeze(agent)
                timed(agent, times, plans)
        ratios = [_ratio(s) for s in evals]
        steps = sum(s.steps for s in evals)
        out.update(
            success_rate=float(np.mean([s.success for s in evals])) if evals else 0.0,
            mean_ratio=float(np.mean(ratios)) if ratios else float("nan"),
            p95_ratio=float(np.percentile(ratios, 95)) if ratios else float("nan"),
            converged_at=converged_at(train_ratios, train_wins) if train_ratios else None,
            train_steps=[round(r, 4) for r in train_ratios],
            skill_share=(sum(s.skill_steps for s in evals) / steps) if steps else 0.0,
            expansions=(float(np.mean([s.search_expansions for s in evals]))
                        if evals and evals[0].search_expansions is not None else None),
            skills=agent.skill_count(),
            **decision_ms(times, plans),
        )
    out["wall_seconds"] = round(time.perf_counter() - t0, 3)
    return out


def _first_episodes(task: Task, options: dict) -> dict:
    """``task.train`` episodes on each of ``task.eval`` held-out layouts, each by a new agent (empty library)."""
    ep1, ep2, to_optimal, wins, times, plans, first_times = [], [], [], [], [], [], []
    for i in range(task.eval):
        level = generate(task.family, task.size, EVAL_OFFSET + task.seed + i, **options)
        agent = timed(_new_agent(task.agent, task.seed), times, plans)
        session = Session(LevelSource.fixed(level), agent)
        before = len(times)
        summaries = [session.run_episode()]
        first_times += times[before:]
        summaries += _episodes(session, task.train - 1)
        ratios, won = [_ratio(s) for s in summaries], [s.success for s in summaries]
        ep1.append(ratios[0])
        if len(ratios) > 1:
            ep2.append(ratios[1])
        to_optimal.append(stays_within_from(ratios, won))
        wins.append(won[0])
    reached = [n for n in to_optimal if n is not None]
    return {"ep1_mean": float(np.mean(ep1)) if ep1 else float("nan"), "ep1_worst": max(ep1, default=float("nan")),
            "ep2_mean": float(np.mean(ep2)) if ep2 else None,
            "to_optimal_mean": float(np.mean([n if n is not None else task.train + 1 for n in to_optimal]))
            if to_optimal else None,
            "never_optimal": len(to_optimal) - len(reached), "ep1_success_rate": float(np.mean(wins)) if wins else 0.0,
            "ep1_ratios": [round(r, 4) for r in ep1], **decision_ms(times, plans),
            **{f"ep1_{name}": ms for name, ms in decision_ms(first_times).items() if name.startswith("decision")}}


def run_tasks(tasks: list[Task], workers: int = 2, progress=None) -> list[dict]:
    """Run tasks (in parallel when ``workers`` > 1); results come back in task order."""
    return map_in_order(run_task, tasks, workers, progress)


def map_in_order(fn, jobs: list, workers: int = 2, progress=None) -> list:
    """``fn`` over ``jobs`` in worker processes when ``workers`` > 1, results in job order; Ctrl-C or SIGTERM stops
    the workers too. ``fn`` is a module-level function (it is pickled); ``progress`` is called after each job."""
    if workers <= 1:
        results = []
        for job in jobs:
            results.append(fn(job))
            if progress:
                progress()
        return results
    pool = multiprocessing.Pool(processes=workers, initializer=_ignore_interrupts)
    try:
        results = []
        for result in pool.imap(fn, jobs):
            results.append(result)
            if progress:
                progress()
        pool.close()
        return results
    except BaseException:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        pool.terminate()
        raise
    finally:
        pool.join()


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the main process's to handle (it stops the workers); SIGTERM (how it stops them)
    ends the worker, whatever handler the main process had when it forked it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
