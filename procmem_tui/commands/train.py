"""``procmem train``: play episodes headless with one agent, print the learning as the tutorial's demo did.

One line per episode (``Episode 3: Reward=12.3, Steps=10, Optimal=10, Skills=4, SkillSteps=10, Success=True``),
then the learned skills and the library statistics. ``--json OUT`` writes the episodes and skills (``--json -``:
on stdout, for a pipe such as ``| jq``, the lines then going to stderr; reproducible:
sorted keys, no wall time); for procmem each episode also has ``decisions`` (by mode: memory, planned, explored),
``search_expansions`` (states its planner expanded) and ``model_changes``: the lines of ``procmem knowledge``, as
on that episode's level, that are new or say something different after it (``memory.model_text.changes``; a count
that only grew is not a change). ``--plot`` draws the tutorial's four panels plus steps against optimal.

Several levels in one run (``--level A --level B …``, ``--levels DIR``): round-robin, A, B, C, A, B, C, …, with
``--episodes`` episodes *per level*, so every level is practised as often and each is revisited after the others
(what the agent keeps across levels is exercised, not only its memory of the last one). Each line then names its
level, and a line per level closes the report.

ctrl+c or SIGTERM stops the run before the next step (``commands/stop_signals.py``): the episode under way is not
recorded, what the agent learned of the world in it is kept (``Session.keep_unfinished``), and the exit code is
128 + the signal (130, 143).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
from dataclasses import replace

from procmem_tui.cli import UserError
from procmem_tui.commands.stop_signals import stopping_between_steps
from procmem_tui.commands.common import (
    MAX_COUNT, STDOUT, add_level_args, add_library_args, check_agent, check_output_path, level_source_from_args,
    open_store_or_fail, whole, write_output,
)
from procmem_tui.safe_text import printable
from procmem_tui.userfiles import atomic_file, image_format


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "train", help="train an agent headless and print its learning curve",
        description="Play episodes with one agent (default procmem) and print one line per episode, then the "
        "learned skills. With --family, episode i plays the layout generated from seed + i. With several levels "
        "(--level A --level B, or --levels DIR: its *.txt files in name order) episodes go round-robin, A B C A B C, "
        "--episodes per level.",
    )
    p.add_argument("--agent", default="procmem", help="procmem, seed, explorer, qlearning or planner (default procmem)")
    add_level_args(p, many=True)
    p.add_argument("--episodes", type=whole(1, MAX_COUNT), default=15, help="episodes to play, per level with several levels (default 15)")
    add_library_args(p)
    p.add_argument("--json", metavar="OUT", help="write episodes and skills as JSON ('-': to stdout, the lines to "
                   "stderr)")
    p.add_argument("--plot", metavar="OUT.png", help="save a figure of the learning curves (needs matplotlib)")
    p.add_argument("--quiet", action="store_true", help="a progress bar instead of one line per episode")


def _skill_runs(trajectory) -> int:
    """How many skill executions an episode started (consecutive steps of one skill count once)."""
    runs, last = 0, None
    for t in trajectory.transitions:
        if t.skill_id is not None and (t.skill_id != last):
            runs += 1
        last = t.skill_id
    return runs


def _light(summary):
    """The summary without its trajectory (10,000-episode runs stay in bounded memory), with its skill runs."""
    return replace(summary, trajectory=None), _skill_runs(summary.trajectory)


def _skills_data(agent) -> list[dict]:
    from procmem_tui.commands.skills import skill_to_dict, sorted_skills

    if agent.library is not None:
        return [skill_to_dict(s) for s in sorted_skills(agent.library)]
    if hasattr(agent, "skills"):  # the seed agent's own list
        return [{"id": s.id, "name": s.name, "kind": "motor", "source": "agent", "length": len(s.action_sequence),
                 "program": [a.value for a in s.action_sequence], "uses": s.times_used, "attempts": s.times_used,
                 "successes": s.successes, "success_rate": round(s.success_rate, 6)} for s in agent.skills]
    return []


def run(args) -> int:
    from procmem_tui.agents import make_agent
    from procmem_tui.session import Session

    check_agent(args.agent)
    if args.episodes < 1:
        raise UserError("--episodes must be at least 1")
    if args.plot:
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            raise UserError("--plot needs matplotlib: pip install 'procmem-tui[plot]'") from None
    for flag, path in (("--json", args.json), ("--plot", args.plot)):
        if path and not (flag == "--json" and path == STDOUT):
            check_output_path(flag, path)
    source = level_source_from_args(args)
    store = open_store_or_fail(args)
    try:
        library = store.load_library(seed=args.seed) if args.agent == "procmem" else None
        agent = make_agent(args.agent, seed=args.seed, library=library)
        session = Session(source, agent, store)
        learned = [] if args.json and getattr(agent, "model", None) is not None else None
        lines = contextlib.redirect_stdout(sys.stderr) if args.json == STDOUT else contextlib.nullcontext()
        with stopping_between_steps() as stop, lines:
            try:
                summaries, runs = _train(session, args, learned, stop)
            except _Stopped:
                return _stopped(session, stop, store)
            skills = _skills_data(agent)
            _report(agent, skills, summaries)
        if args.json:
            episodes = [_episode_dict(s) for s in summaries]
            for episode, changes in zip(episodes, learned or ()):
                episode["model_changes"] = changes
            payload = {"agent": args.agent, "episodes": episodes, "skills": skills}
            write_output(args.json, json.dumps(payload, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        if args.plot:
            _plot(summaries, runs, args.plot)
    finally:
        store.close()
    return 0


def _episode_dict(summary) -> dict:
    data = summary.as_dict()
    return {key: data[key] for key in ("episode", "level", "seed", "steps", "optimal_steps", "reward", "success",
                                       "skills", "skill_steps", "source", "decisions", "search_expansions")
            if key in data}


class _ModelWatch:
    """What the agent's world model learned in each episode: its lines as on the episode's level, before and after."""

    def __init__(self, session, learned: list | None) -> None:
        self.session, self.learned, self.before = session, learned, None

    def start(self) -> None:
        if self.learned is not None:
            self.before = self._lines()

    def finish(self) -> None:
        if self.learned is not None:
            from procmem_tui.memory.model_text import changes

            self.learned.append(changes(self.before, self._lines(self.level)))

    def _lines(self, level: str | None = None):
        from procmem_tui.memory.features import level_fingerprint
        from procmem_tui.memory.model_text import model_lines

        if level is None:
            self.level = level = level_fingerprint(self.session.level)
        return model_lines(self.session.agent.model, level)


class _Stopped(Exception):
    """ctrl+c or SIGTERM arrived: the run stops before the next step."""


def _episode(session, stop):
    """Play the current episode to its end, step by step, then set up the next; ``_Stopped`` if asked to stop."""
    while not session.done:
        if stop is not None and stop.requested:
            raise _Stopped
        try:
            session.agent_step()
        except sqlite3.Error as exc:  # recording the finished episode failed: say which file, which episode
            raise _unrecorded(session, exc) from None
    summary = session.finished
    session.next_episode()
    return summary


def _unrecorded(session, exc: sqlite3.Error) -> Exception:
    """A library that could not take an episode (a full disk, a file that changed under us): one line naming the
    file and the episode, and what the library still holds (the episode, its skills and knowledge are written in
    one transaction, so all of it, or none)."""
    from procmem_tui.memory.store_file import StoreError

    return StoreError(f"{session.store.path}: episode {session.episode} could not be recorded ({exc}); the "
                      "library keeps what it held before it")


def _stopped(session, stop, store) -> int:
    """Keep what was learned in the unfinished episode (``Session.keep_unfinished``), say so, exit 128 + signal."""
    kept = session.keep_unfinished()
    where = f"; what the agent learned in it is kept in {store.path}" if kept and store.path != ":memory:" else ""
    print(f"procmem train: stopped by {stop.name} during episode {session.episode} (not recorded){where}",
          file=sys.stderr)
    return stop.exit_code


def _train(session, args, learned: list | None = None, stop=None) -> tuple[list, list[int]]:
    """Summaries (without trajectories) and the number of skill runs of each episode; with ``learned`` (a list),
    also what the agent's world model learned in each episode (``_ModelWatch``)."""
    summaries, runs = [], []
    watch = _ModelWatch(session, learned)
    several = len(session.source.levels) > 1
    total = args.episodes * max(len(session.source.levels), 1)
    if args.quiet:
        from rich.progress import Progress

        with Progress(transient=True) as progress:
            bar = progress.add_task(f"training {args.agent}", total=total)
            for _ in range(total):
                watch.start()
                s, r = _light(_episode(session, stop))
                watch.finish()
                summaries.append(s)
                runs.append(r)
                progress.advance(bar)
        return summaries, runs
    for _ in range(total):
        watch.start()
        s, r = _light(_episode(session, stop))
        watch.finish()
        summaries.append(s)
        runs.append(r)
        where = f", Level={s.level}" if several else ""
        print(f"Episode {s.episode}: Reward={s.reward:.1f}, Steps={s.steps}, Optimal={s.optimal_steps}, "
              f"Skills={s.skills}, SkillSteps={s.skill_steps}, Success={s.success}{where}", flush=True)
    return summaries, runs


def _report(agent, skills: list[dict], summaries: list) -> None:
    n = len(summaries)
    wins = sum(s.success for s in summaries)
    print(f"\n=== Learned Skills ({agent.name}: {agent.label}) ===")
    if not skills:
        print("(none: this agent keeps no skills)")
    for s in skills:
        print(f"{printable(s['name'])}: {s['kind']}, {s['source']}, {s['length']} step{'' if s['length'] == 1 else 's'}, used {s['uses']} times, "
              f"success {s['success_rate']:.0%} ({s['successes']}/{s['attempts']})")
    print("\n=== Library Statistics ===")
    if agent.library is not None:
        st = agent.library.stats()
        kinds = ", ".join(f"{v} {k}" for k, v in st["by_kind"].items())
        sources = ", ".join(f"{v} {k}" for k, v in st["by_source"].items())
        print(f"Total skills: {st['total_skills']} ({kinds}; {sources})")
        print(f"Total skill uses: {st['total_uses']}")
        print(f"Mean success rate: {st['mean_success_rate']:.2%} (over skills attempted at least once)")
    else:
        uses = sum(s["uses"] for s in skills)
        attempted = [s for s in skills if s["attempts"]]
        rate = sum(s["success_rate"] for s in attempted) / len(attempted) if attempted else 0.0
        print(f"Total skills: {len(skills)}")
        print(f"Total skill uses: {uses}")
        print(f"Mean success rate: {rate:.2%} (over skills attempted at least once)")
    levels = list(dict.fromkeys(s.level for s in summaries))
    if len(levels) > 1:
        print("\n=== Per Level (first → last episode, steps / optimal) ===")
        for name in levels:
            mine = [s for s in summaries if s.level == name]
            print(f"{name}: {len(mine)} episodes, {mine[0].steps}/{mine[0].optimal_steps} → "
                  f"{mine[-1].steps}/{mine[-1].optimal_steps}, successful {sum(s.success for s in mine)}")
    optimal = sum(1 for s in summaries if s.success and s.steps == s.optimal_steps)
    print(f"Episodes: {n}, successful {wins} ({wins / n:.0%}), optimal {optimal}; "
          f"steps inside skills {sum(s.skill_steps for s in summaries)} of {sum(s.steps for s in summaries)}")


def _plot(summaries: list, runs: list[int], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = [s.episode for s in summaries]
    cumulative, total = [], 0
    for count in runs:
        total += count
        cumulative.append(total)
    fig, axes = plt.subplots(2, 3, figsize=(15, 8))
    panels = [
        (axes[0, 0], [s.reward for s in summaries], "Episode Rewards"),
        (axes[0, 1], [s.steps for s in summaries], "Steps per Episode"),
        (axes[1, 0], [s.skills for s in summaries], "Skills in Library"),
        (axes[1, 1], cumulative, "Cumulative Skill Uses"),
    ]
    for ax, ys, title in panels:
        ax.plot(x, ys, marker="o", markersize=3)
        ax.set_title(title)
        ax.set_xlabel("episode")
    ax = axes[0, 2]
    ax.plot(x, [s.steps for s in summaries], marker="o", markersize=3, label="steps")
    ax.plot(x, [s.optimal_steps for s in summaries], linestyle="--", label="optimal")
    ax.set_title("Steps against Optimal")
    ax.set_xlabel("episode")
    ax.legend()
    axes[1, 2].plot(x, [s.steps / s.optimal_steps if s.optimal_steps else float("nan") for s in summaries], marker="o", markersize=3)
    axes[1, 2].axhline(1.0, linestyle="--", color="grey")
    axes[1, 2].set_title("Optimality Ratio (steps / optimal)")
    axes[1, 2].set_xlabel("episode")
    fig.tight_layout()
    try:
        with atomic_file(path) as handle:
            fig.savefig(handle, dpi=120, bbox_inches="tight", format=image_format(path))
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        plt.close(fig)
