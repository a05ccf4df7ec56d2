"""Recorded episodes: re-simulate them, step back and forth, and write them out (JSON, asciinema cast).

A replay never trusts the record blindly: it re-simulates from the level text and the actions and compares
every step's reward and events with what was recorded. A difference (the level or the rules changed since)
becomes a warning on the replay, not a crash.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from procmem_tui.memory import strict_json
from procmem_tui.memory.episode_check import EpisodeError
from procmem_tui.memory.episodes import EpisodeRow, StepRecord, state_to_dict
from procmem_tui.world import Action, GridWorld, Level, LevelError, State, parse_level, render_ansi
from procmem_tui.world.sight import visible_cells
from procmem_tui.world.text import FogMemory

JSON_FORMAT = "procmem-episode"
JSON_VERSION = 1


class RecordingError(ValueError):
    """A recording that cannot be replayed at all (unreadable JSON, a level that no longer parses)."""


@dataclass(frozen=True)
class ReplayStep(StepRecord):
    """Step ``index`` of a replay: the action taken from ``states[index]``, who chose it and why (as recorded),
    and its reward and events as re-simulated."""

    index: int
    action: Action


@dataclass(frozen=True)
class Replay:
    """A re-simulated episode: ``states[i]`` is the state before step i; ``states[-1]`` the final state."""

    row: EpisodeRow
    level: Level
    states: tuple[State, ...]
    steps: tuple[ReplayStep, ...]
    warnings: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def ok(self) -> bool:
        return not self.warnings

    def skill_runs(self) -> list[tuple[int, int, str]]:
        """(first step, last step, skill id) of each stretch of steps run inside one skill."""
        runs: list[tuple[int, int, str]] = []
        for step in self.steps:
            if step.skill_id is None:
                continue
            if runs and runs[-1][2] == step.skill_id and runs[-1][1] == step.index - 1:
                runs[-1] = (runs[-1][0], step.index, step.skill_id)
            else:
                runs.append((step.index, step.index, step.skill_id))
        return runs

    def event_marks(self) -> list[tuple[int, str]]:
        """(step, event) for every effect event: where keys were picked, doors opened, the goal reached."""
        effects = ("key_picked", "door_opened", "goal_reached")
        return [(s.index, e) for s in self.steps for e in s.events if e in effects]


def replay(row: EpisodeRow) -> Replay:
    """Re-simulate a recorded episode and check every step against the record."""
    try:
        level = parse_level(row.level_text, source=f"episode {row.episode}", check_solvable=False)
    except LevelError as exc:
        raise RecordingError(f"episode {row.episode}: its level no longer parses ({exc.message})") from None
    world = GridWorld(level, row.start)
    states = [world.state]
    steps: list[ReplayStep] = []
    warnings: list[str] = []
    records = row.step_records or tuple(StepRecord("agent", None, "", 0.0, ()) for _ in row.actions)
    for index, (name, record) in enumerate(zip(row.actions, records)):
        try:
            action = Action(name)
        except ValueError:
            warnings.append(f"step {index + 1}: the recorded action {name!r} does not exist; replay stops here")
            break
        if world.done:
            warnings.append(f"step {index + 1}: the episode already ended here when re-simulated; replay stops")
            break
        result = world.step(action)
        if abs(result.reward - record.reward) > 1e-9 or (record.events and tuple(result.events) != record.events):
            if len(warnings) < 5:
                warnings.append(
                    f"step {index + 1}: recorded {list(record.events)} reward {record.reward:+.1f}, "
                    f"re-simulated {list(result.events)} reward {result.reward:+.1f} (the level or rules changed?)"
                )
        steps.append(ReplayStep(record.actor, record.skill_id, record.reason, result.reward, result.events, index, action))
        states.append(result.state)
    if len(row.step_records) not in (0, len(row.actions)):
        warnings.append(f"the record has {len(row.actions)} actions but {len(row.step_records)} step records")
    if steps and len(steps) == len(row.actions) and bool(world.state.pos in level.goals) != row.success:
        warnings.append("the recorded outcome differs from the re-simulated one")
    return Replay(row, level, tuple(states), tuple(steps), tuple(warnings))


# -- JSON ---------------------------------------------------------------------------------------------------


def episode_to_json(row: EpisodeRow) -> str:
    """The episode as a self-contained JSON document (``procmem replay --json FILE`` opens it)."""
    start = row.start
    doc = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "id": row.id,
        "episode": row.episode,
        "level_name": row.level_name,
        "level": row.level_text,
        "family": row.family,
        "seed": row.seed,
        "agent": row.agent,
        "source": row.source,
        "start": None if start is None else state_to_dict(start),
        "outcome": {"success": row.success, "terminated": row.terminated, "truncated": row.truncated,
                    "steps": row.steps, "optimal_steps": row.optimal_steps, "reward": row.reward,
                    "skill_steps": row.skill_steps, "library_size": row.library_size},
        "learned": [{"kind": kind, "skill_id": sid, "name": name} for kind, sid, name in row.learned],
        "started_at": row.started_at,
        "actions": list(row.actions),
        "decisions": [{"actor": r.actor, "skill_id": r.skill_id, "reason": r.reason} for r in row.step_records],
        "rewards": [r.reward for r in row.step_records],
        "events": [list(r.events) for r in row.step_records],
    }
    return json.dumps(doc, indent=1, sort_keys=True) + "\n"


MAX_FILE_BYTES = 64 * 1024 * 1024
_DOC_FIELDS = frozenset({"format", "version", "id", "episode", "level_name", "level", "family", "seed", "agent",
                         "source", "start", "outcome", "learned", "started_at", "actions", "decisions", "rewards",
                         "events"})
_OUTCOME_FIELDS = frozenset({"success", "terminated", "truncated", "steps", "optimal_steps", "reward", "skill_steps",
                             "library_size"})


def episode_from_json(text: str, source: str = "<json>") -> EpisodeRow:
    """Read what ``episode_to_json`` wrote, checked as strictly as a library row (``episode_check``); anything else
    is a RecordingError naming what is wrong."""
    doc = strict_json.document(text, RecordingError, source, "episode file")
    if not isinstance(doc, dict) or doc.get("format") != JSON_FORMAT:
        raise RecordingError(f"{source}: not a procmem episode file (no \"format\": \"{JSON_FORMAT}\")")
    if doc.get("version") != JSON_VERSION or type(doc.get("version")) is not int:
        shown = str(doc.get("version"))[:20]
        raise RecordingError(f"{source}: episode file version {shown} is not supported (expected {JSON_VERSION})")
    try:
        return _episode_from_doc(doc, source)
    except EpisodeError as exc:
        raise RecordingError(str(exc)) from None
    except (KeyError, TypeError) as exc:
        raise RecordingError(f"{source}: a field is missing or malformed ({str(exc)[:80]})") from None


def _episode_from_doc(doc: dict, where: str) -> EpisodeRow:
    from procmem_tui.memory import episode_check as c

    unknown = sorted(set(doc) - _DOC_FIELDS)
    if unknown:
        raise EpisodeError(f"{where}: unknown field {unknown[0][:40]!r}")
    outcome = doc["outcome"]
    if not isinstance(outcome, dict) or not set(outcome) <= _OUTCOME_FIELDS:
        raise EpisodeError(f"{where}: 'outcome' must be an object with {', '.join(sorted(_OUTCOME_FIELDS))}")
    level = c.level_of(doc["level"], where)
    start = doc.get("start")
    decisions = c.items(doc["decisions"], "decisions", where)
    rewards = c.items(doc["rewards"], "rewards", where)
    events = c.items(doc["events"], "events", where)
    if not len(decisions) == len(rewards) == len(events):
        raise EpisodeError(f"{where}: decisions, rewards and events differ in length")
    records = []
    for i, (d, r, e) in enumerate(zip(decisions, rewards, events), start=1):
        if not isinstance(d, dict) or set(d) != {"actor", "skill_id", "reason"}:
            raise EpisodeError(f"{where}: decision {i} must be an object with actor, skill_id and reason")
        records.append(c.record([d["actor"], d["skill_id"], d["reason"], r, e], i, where))
    learned = []
    for i, entry in enumerate(c.items(doc.get("learned", []), "learned", where, limit=10_000), start=1):
        if not isinstance(entry, dict) or set(entry) != {"kind", "skill_id", "name"}:
            raise EpisodeError(f"{where}: learned entry {i} must be an object with kind, skill_id and name")
        learned.append([entry["kind"], entry["skill_id"], entry["name"]])
    return EpisodeRow(
        id=c.whole(doc.get("id") or 0, "id", where), episode=c.whole(doc.get("episode") or 0, "episode", where),
        level_name=c.text(doc["level_name"], "level_name", where), family=c.text(doc.get("family"), "family", where, optional=True),
        seed=c.whole(doc.get("seed"), "seed", where, optional=True), agent=c.text(doc["agent"], "agent", where),
        source=c.text(doc["source"], "source", where), steps=c.whole(outcome["steps"], "steps", where),
        optimal_steps=c.whole(outcome.get("optimal_steps"), "optimal_steps", where, optional=True),
        reward=c.number(outcome["reward"], "reward", where), success=c.flag(outcome["success"], "success", where),
        terminated=c.flag(outcome["terminated"], "terminated", where),
        truncated=c.flag(outcome["truncated"], "truncated", where),
        started_at=c.text(doc.get("started_at", ""), "started_at", where), level_text=doc["level"],
        start=None if start is None else c.state(start, level, where), actions=c.actions(doc["actions"], where),
        step_records=tuple(records), skill_steps=c.whole(outcome.get("skill_steps") or 0, "skill_steps", where),
        library_size=c.whole(outcome.get("library_size"), "library_size", where, optional=True),
        learned=c.learned(learned, where),
    )



def load_episode_json(path: str | Path) -> EpisodeRow:
    """An episode file: a regular file of at most ``MAX_FILE_BYTES``, checked (``episode_from_json``)."""
    from procmem_tui.safe_text import printable
    from procmem_tui.userfiles import FileRefused, read_text

    try:
        text = read_text(path, MAX_FILE_BYTES, "episode file")
    except FileRefused as exc:
        raise RecordingError(str(exc)) from None
    return episode_from_json(text, source=printable(path))


# -- asciinema ----------------------------------------------------------------------------------------------

FRAME_SECONDS = 0.25


def episode_to_cast(rec: Replay, skill_names: dict[str, str] | None = None, frame_seconds: float = FRAME_SECONDS) -> str:
    """An asciicast v2 recording: a header line, then one ``[time, "o", frame]`` event per step and a
    ``[time, "m", label]`` marker where a skill starts, and at the end one for each skill learned from the
    episode. Plays with ``asciinema play``. A level with a sight radius is drawn under fog as it was at each step
    (``world.text.FogMemory``)."""
    names = skill_names or {}
    level, row = rec.level, rec.row
    width = max(60, 2 * level.width + 2)
    height = level.height + 4
    header = {
        "version": 2, "width": width, "height": height,
        "title": f"procmem episode {row.episode}: {row.level_name} ({row.agent}, {row.source})",
        "env": {"TERM": "xterm-256color", "SHELL": "/bin/sh"},
    }
    lines = [json.dumps(header, sort_keys=True)]
    previous_skill = None
    total = 0.0
    fog = FogMemory(level) if level.view is not None else None  # drawn as it was: in sight, remembered, unknown
    for index, state in enumerate(rec.states):
        t = round(index * frame_seconds, 3)
        step = rec.steps[index - 1] if index else None
        if step is not None and step.skill_id and step.skill_id != previous_skill:
            lines.append(json.dumps([t, "m", f"skill: {names.get(step.skill_id, step.skill_id)}"]))
        previous_skill = step.skill_id if step is not None else None
        if step is not None:
            total += step.reward
        status = _status_line(index, len(rec), step, total, names)
        picture = render_ansi(level, state) if fog is None else fog.picture(
            state, visible_cells(level, state, level.view))
        frame = "\x1b[H\x1b[2J" + picture.replace("\n", "\r\n") + "\r\n\r\n" + status + "\r\n"
        lines.append(json.dumps([t, "o", frame]))
    end = round(len(rec.states) * frame_seconds, 3)
    for kind, _, name in row.learned:
        lines.append(json.dumps([end, "m", f"learned ({kind}): {name}"]))
    return "\n".join(lines) + "\n"


def _status_line(index: int, total_steps: int, step: ReplayStep | None, reward: float, names: dict[str, str]) -> str:
    if step is None:
        return f"step 0/{total_steps}  start"
    who = "you" if step.actor == "player" else "agent"
    skill = f"  skill {names.get(step.skill_id, step.skill_id)}" if step.skill_id else ""
    events = f"  [{', '.join(step.events)}]" if step.events else ""
    return f"step {index}/{total_steps}  {who}: {step.action.value}{skill}{events}  reward {reward:+.1f}"
