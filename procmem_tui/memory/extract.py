"""Skill extraction: a finished trajectory (the agent's or a person's) becomes verified skills.

1. **Cut** at effect events (``key_picked``, ``door_opened``, ``goal_reached``): each segment runs from just after
   the previous effect to the step that caused the next one. A tail with no effect teaches nothing.
2. **Compress**: steps that changed nothing (``bumped``, ``no_effect``) are dropped, loops in the walked path are
   cut out, and the path is shortcut by a breadth-first search over the cells the trajectory itself walked in
   that segment (never through a cell nobody walked, so the shortcut is grounded in what was seen).
3. **Verify** against what was observed (never by running the world): every move of the compressed program must
   enter a cell the segment itself was seen to walk into, from the cell before it, by that same move; its last
   action must be the one seen to cause the effect, from the same cell, and the segment must end where it was
   seen to end. A segment that fails is rejected.
4. **Skills**: a ``motor`` skill per verified segment (program = action names, context = the level's
   fingerprint, preconditions = every fact true at its start, effect = the event and the object acted on); an
   ``abstract`` skill per verified segment, generalised from that concrete stretch by replacing the object with
   its role: the segment's last action and where the object it changed stood relative to the agent — ``here``
   (the cell stood on), ``beside`` (a neighbour) or ``ahead`` (the cell a move entered) — give the program
   ``("goto:<role>", <action>)`` (``("goto:ahead",)`` when the action was the move itself), context ``""`` so it
   transfers, no preconditions (whether it applies to an object is the world model's to say); and, for a
   successful episode whose segments all verified, a ``composite`` skill whose program is its abstract
   sub-skills' ids in order.

Provenance: ``source`` is ``trajectory.source`` (``player`` if a person chose any action), ``origin_episode`` and
``created_episode`` the trajectory's episode.

``admit`` adds skills to a ``SkillLibrary`` and generalises the preconditions of abstract and composite skills
to the intersection over every start where they worked.
"""

from __future__ import annotations

from dataclasses import dataclass

from procmem_tui.memory import facts as F
from procmem_tui.memory.world_model import AHEAD, BESIDE, HERE
from procmem_tui.memory.paths import moves, shortest_within
from procmem_tui.memory.features import level_fingerprint, skill_embedding, state_embedding
from procmem_tui.memory.skill import ABSTRACT, COMPOSITE, MOTOR, Skill, SkillVersion
from procmem_tui.memory.skill_check import MAX_PROGRAM, fit_text
from procmem_tui.memory.trajectory import Trajectory, Transition
from procmem_tui.world import Action, Level, State
from procmem_tui.world.actions import DOOR_OPENED, EFFECT_EVENTS, GOAL_REACHED, KEY_PICKED, MOVE_DELTAS
from procmem_tui.world.observation import FLOOR, level_cells

ABSTRACT_NAMES = {KEY_PICKED: "fetch a key", DOOR_OPENED: "open a door", GOAL_REACHED: "reach the goal"}
SHORT_NAMES = {KEY_PICKED: "fetch key", DOOR_OPENED: "open door", GOAL_REACHED: "reach goal"}


@dataclass(frozen=True)
class Segment:
    """Transitions from one effect to the next; ``target`` is the object acted on (kind, position)."""

    index: int
    start: State
    end: State
    transitions: tuple[Transition, ...]
    effect: str
    target: tuple[str, tuple[int, int]]
    role: str = HERE  # where the object stood relative to the agent when the last action changed it

    @property
    def skill_ids(self) -> frozenset:
        """The skills that chose this segment's actions (None for exploration or a person)."""
        return frozenset(t.skill_id for t in self.transitions)


@dataclass(frozen=True)
class Rejected:
    segment: int
    effect: str
    reason: str


@dataclass(frozen=True)
class Extraction:
    skills: tuple[Skill, ...]
    rejected: tuple[Rejected, ...]
    segments: tuple[Segment, ...]


def cut(trajectory: Trajectory) -> list[Segment]:
    """The trajectory's segments, one per effect event (a trailing stretch without effect is dropped)."""
    out: list[Segment] = []
    pending: list[Transition] = []
    for t in trajectory.transitions:
        pending.append(t)
        effects = [e for e in t.events if e in EFFECT_EVENTS]
        if not effects:
            continue
        effect = effects[-1]
        cell, role = _changed(t)
        out.append(Segment(len(out), pending[0].state, t.next_state, tuple(pending), effect,
                           (kind_at(trajectory.level, cell), cell), role))
        pending = []
    return out


def _changed(t: Transition) -> tuple[tuple[int, int], str]:
    """The cell a step's effect was seen on (an object gone or opened, else the cell moved into or stood on) and
    its role relative to where the agent stood."""
    changed = (t.next_state.taken - t.state.taken) | (t.next_state.opened - t.state.opened)
    cell = min(changed) if changed else t.next_state.pos
    if cell == t.state.pos:
        return cell, HERE
    if Action(t.action) in MOVE_DELTAS and cell == t.next_state.pos:
        return cell, AHEAD
    return cell, BESIDE


def kind_at(level: Level, pos) -> str:
    """How the cell looks on the map, as the observation names kinds (``world.observation.level_cells``)."""
    cell = level_cells(level).get(pos)
    return cell.kind if cell is not None else FLOOR


def abstract_program(segment: Segment) -> tuple[str, ...]:
    """The segment with its object replaced by its role: walk to it so, then do the last action."""
    if segment.role == AHEAD:
        return (f"goto:{AHEAD}",)
    return (f"goto:{segment.role}", Action(segment.transitions[-1].action).value)


def compress(segment: Segment, *, shortcut: bool = True) -> tuple[Action, ...]:
    """The segment's program without no-effect steps and loops (and shortcut over walked cells)."""
    path = [segment.start.pos]
    for t in segment.transitions:
        if t.next_state.pos != t.state.pos:
            path.append(t.next_state.pos)
    # cut loops: when a cell comes back, everything since its first visit goes
    looped: list = []
    seen: dict = {}
    for cell in path:
        if cell in seen:
            del looped[seen[cell] + 1:]
            seen = {c: i for i, c in enumerate(looped)}
        else:
            seen[cell] = len(looped)
            looped.append(cell)
    if shortcut:
        better = shortest_within(set(path), looped[0], looped[-1])
        if better is not None and len(better) < len(looped):
            looped = better
    program = moves(looped)
    last = segment.transitions[-1].action
    if segment.role != AHEAD:
        program.append(last)
    return tuple(program)


def verify(level: Level, segment: Segment, program: tuple[Action, ...]) -> str | None:
    """Check ``program`` against the segment as it was observed; None if every step is one seen to work there
    (a move seen to lead from that cell to the next, the effect's action seen from the last cell), else why not."""
    if not program:
        return "empty program"
    walked = {segment.start.pos}
    delta = {}  # how each move action was seen to move the agent in this segment
    for t in segment.transitions:
        if t.next_state.pos != t.state.pos:
            walked.add(t.next_state.pos)
            delta[Action(t.action)] = (t.next_state.pos[0] - t.state.pos[0], t.next_state.pos[1] - t.state.pos[1])
    goal_cell = segment.end.pos if segment.role == AHEAD else None
    last = segment.transitions[-1]
    pos = segment.start.pos
    for i, action in enumerate(program):
        action = Action(action)
        final = i == len(program) - 1
        if final and segment.role != AHEAD:
            if (pos, action) != (last.state.pos, Action(last.action)):
                return f"step {i + 1} ({action.value}) was not seen to cause {segment.effect} from {pos}"
            pos = last.next_state.pos
            continue
        d = delta.get(action)
        nxt = None if d is None else (pos[0] + d[0], pos[1] + d[1])
        if nxt is None or nxt not in walked:
            return f"step {i + 1} ({action.value}) from {pos} enters no cell seen walked into in this stretch"
        if not final and nxt == goal_cell:
            return f"step {i + 1} caused {segment.effect} before the end"
        pos = nxt
    if pos != segment.end.pos:
        return "the program ends elsewhere than the segment was seen to end"
    return None


def letter_at(level: Level, pos) -> str:
    cell = level_cells(level).get(pos)
    return cell.letter if cell is not None else ""


def object_label(level: Level, target: tuple[str, tuple[int, int]]) -> str:
    kind, (x, y) = target
    letter = letter_at(level, (x, y))
    return f"{kind}{' ' + letter if letter else ''}@{x},{y}"


_MOTOR_VERB = {KEY_PICKED: "fetch", DOOR_OPENED: "open", GOAL_REACHED: "reach"}


def motor_name(level: Level, segment: Segment) -> str:
    kind, pos = segment.target
    letter = letter_at(level, pos)
    what = f"{_MOTOR_VERB[segment.effect]} {kind}{' ' + letter if letter else ''}"
    return fit_text(f"{what} from {segment.start.pos[0]},{segment.start.pos[1]} ({level.name})")


def abstract_skill(level: Level, start: State, effect: str, program: tuple[str, ...], *, source: str = "agent",
                   episode: int = 0, embedding=None) -> Skill:
    if embedding is None:
        embedding = skill_embedding(state_embedding(level, start), program)
    return Skill(
        name=ABSTRACT_NAMES[effect], kind=ABSTRACT, program=program, effect=(effect,),
        preconditions=frozenset(), embedding=embedding, source=source,
        origin_episode=episode, created_episode=episode, versions=(SkillVersion(program, episode),), context="",
    )


def extract(trajectory: Trajectory, *, shortcut: bool = True, keep_motor=None,
            fingerprint: str | None = None) -> Extraction:
    """Verified skills from one trajectory. ``keep_motor(segment, skill) -> bool``, if given, decides which motor
    skills to return (an agent skips those for stretches its skills already ran: they teach nothing new).
    ``fingerprint``: the level's identity as the agent knows it (default: computed from ``trajectory.level``)."""
    level = trajectory.level
    if fingerprint is None:
        fingerprint = level_fingerprint(level)
    source, episode = trajectory.source, trajectory.episode
    skills: list[Skill] = []
    rejected: list[Rejected] = []
    abstract_ids: list[str] = []
    abstract_names: list[str] = []
    segments = cut(trajectory)
    for seg in segments:
        program = compress(seg, shortcut=shortcut)
        reason = verify(level, seg, program) if len(program) <= MAX_PROGRAM else f"{len(program)} steps (at most {MAX_PROGRAM})"
        if reason is not None:
            rejected.append(Rejected(seg.index, seg.effect, reason))
            continue
        start_emb = state_embedding(level, seg.start)
        names = tuple(a.value if isinstance(a, Action) else str(a) for a in program)
        motor = Skill(
            name=motor_name(level, seg), kind=MOTOR, program=names,
            effect=(seg.effect, object_label(level, seg.target)),
            preconditions=F.state_facts(level, seg.start, fingerprint=fingerprint),
            embedding=skill_embedding(start_emb, names), source=source, origin_episode=episode,
            created_episode=episode, versions=(SkillVersion(names, episode),), context=fingerprint,
        )
        if keep_motor is None or keep_motor(seg, motor):
            skills.append(motor)
        program = abstract_program(seg)
        ab = abstract_skill(level, seg.start, seg.effect, program, source=source, episode=episode,
                            embedding=skill_embedding(start_emb, program))
        skills.append(ab)
        abstract_ids.append(ab.id)
        abstract_names.append(SHORT_NAMES[seg.effect])
    if trajectory.success and segments and not rejected and len(abstract_ids) <= MAX_PROGRAM:
        program = tuple(abstract_ids)
        skills.append(Skill(
            name=fit_text(" → ".join(abstract_names)), kind=COMPOSITE, program=program, effect=(GOAL_REACHED,),
            preconditions=frozenset(), embedding=skill_embedding(state_embedding(level, trajectory.start), program),
            source=source, origin_episode=episode, created_episode=episode,
            versions=(SkillVersion(program, episode),), context="",
        ))
    return Extraction(tuple(skills), tuple(rejected), tuple(segments))


def admit(library, skills, episode: int) -> list[tuple[str, Skill]]:
    """Add skills to ``library``; abstract/composite preconditions shrink to the intersection with the new start's.

    The library does the intersection itself on a merge (an abstract or composite skill's id does not depend on
    its preconditions); this only names the outcome. Returns ``(kind, skill)`` per skill: the library's ``new``,
    ``improved`` (a shorter program), ``merged`` (seen again), ``kept`` or ``rejected`` (library full), or
    ``generalised`` when an abstract or composite skill's preconditions shrank.
    """
    out = []
    for skill in skills:
        old = library.get(skill.id)
        result = library.add(skill, episode)
        if old is not None and skill.kind != MOTOR and result.skill.preconditions != old.preconditions:
            out.append(("generalised", result.skill))
        else:
            out.append((result.kind, result.skill))
    return out
