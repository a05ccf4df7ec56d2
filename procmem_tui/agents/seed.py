"""``seed``: the tutorial's agent, re-implemented faithfully as the baseline (see docs: the seed tutorial).

What it does, as the tutorial did:

* A hand-written greedy explorer: without the key, walk toward it (x first, then y) and ``pickup_key`` on it;
  with the key and the door closed, walk toward the door and ``open_door``; then walk toward the goal (x, then y),
  and fall back to a random action.
* After each successful episode, a skill = the **last five actions**, named ``acquire_key`` /
  ``open_door_sequence`` / ``navigate_N_steps``, preconditions ``{has_key, door_open}`` at the segment start,
  an 8-dim embedding of (position hash, has_key, door_open, action hashes); a new skill within cosine 0.9 of a
  stored one is not added (the stored one is counted instead).
* When its list-based library holds skills, it retrieves the top applicable skill by cosine similarity to the
  state's embedding and executes it **blind**, all of its actions, whatever happens; otherwise it explores.

Adapted only as far as the rules force: positions come from the level (the first key, door and goal) instead
of being hard-coded; it opens the door from a neighbouring cell (doors block); a wall makes a move bump, and a
greedy move that bumped from a cell is not tried again from that cell this episode (the next greedy preference,
else the tutorial's own random fallback, is taken instead; otherwise it would push against a wall forever).
The tutorial's agent ends its door phase standing on the door's cell; so does this one (it steps in once the
door is open) before heading for the goal. Fixed flaws: ``hashlib`` instead of the salted ``hash()``; ties in similarity are broken by
insertion order (no TypeError); the reported success rate is successful executions / executions, so it stays
within [0, 1] (the tutorial counted duplicate adds as successes and printed 207%).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from procmem_tui.agents.base import Agent, Candidate, Decision, LearnEvent
from procmem_tui.memory.trajectory import Trajectory
from procmem_tui.world import Action, State
from procmem_tui.world.actions import MOVE_DELTAS
from procmem_tui.world.observation import DOOR, GOAL, KEY, Observation

PRIMITIVES = tuple(Action)
EMBED_DIM = 8
DEDUP_SIMILARITY = 0.9
SKILL_LENGTH = 5


def stable_hash(text: str) -> int:
    """The tutorial's ``hash(text)``, made stable across processes."""
    return int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "little")


@dataclass
class SeedSkill:
    """The tutorial's mutable Skill, with honest counters (``merges`` is what the tutorial added to successes)."""

    name: str
    preconditions: dict
    action_sequence: tuple[Action, ...]
    embedding: np.ndarray
    times_used: int = 0
    successes: int = 0
    merges: int = 0

    @property
    def id(self) -> str:
        text = self.name + "|" + ",".join(a.value for a in self.action_sequence) + "|" + repr(sorted(self.preconditions.items()))
        return "seed-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]

    @property
    def success_rate(self) -> float:
        return self.successes / self.times_used if self.times_used else 0.0

    def is_applicable(self, state: dict) -> bool:
        return all(state.get(k) == v for k, v in self.preconditions.items())


def _similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-8))


class SeedAgent(Agent):
    name = "seed"
    label = "the tutorial's agent (baseline): greedy explorer, skill = last five actions, cosine retrieval"

    def __init__(self, seed: int = 0, library=None, **options) -> None:
        super().__init__(seed, None)  # its own list-based library, never a SkillLibrary
        self.rng = np.random.default_rng(seed)
        self.skills: list[SeedSkill] = []
        self.learning = options.get("learning", True)

    def skill_count(self) -> int:
        return len(self.skills)

    def begin_episode(self, observation: Observation, episode: int, level_id: str = "", level_name: str = "") -> None:
        super().begin_episode(observation, episode, level_id, level_name)
        self.key_pos = self.door_pos = self.goal_pos = None
        self._spot(observation)
        self._running: SeedSkill | None = None
        self._queue: list[Action] = []
        self._last_action: Action | None = None
        self._bumps: set = set()  # (cell, move) that bumped this episode: walls make it bump
        self._on_door = False
        self._pos_before = observation.pos

    def _spot(self, obs: Observation) -> None:
        """The first key, door and goal in sight (the tutorial hard-coded their positions)."""
        for pos, cell in sorted(obs.cells.items()):
            if cell.kind == KEY and self.key_pos is None:
                self.key_pos = pos
            elif cell.kind == DOOR and self.door_pos is None:
                self.door_pos = pos
            elif cell.kind == GOAL and self.goal_pos is None:
                self.goal_pos = pos

    def interrupt(self) -> None:
        self._running, self._queue = None, []

    # the tutorial's view of a state
    def _view(self, state: State) -> dict:
        return {
            "agent_pos": state.pos,
            "has_key": bool(state.keys),
            "door_open": self.door_pos is not None and self.door_pos in state.opened,
        }

    def create_embedding(self, view: dict, actions) -> np.ndarray:
        vec = np.zeros(EMBED_DIM)
        vec[0] = stable_hash(str(view["agent_pos"])) % 1000 / 1000
        vec[1] = 1.0 if view.get("has_key") else 0.0
        vec[2] = 1.0 if view.get("door_open") else 0.0
        for i, action in enumerate(list(actions)[: EMBED_DIM - 3]):
            vec[3 + i] = stable_hash(Action(action).value) % 1000 / 1000
        return vec / (np.linalg.norm(vec) + 1e-8)

    def _toward(self, pos, target) -> Action:
        if pos[0] < target[0]:
            return Action.MOVE_RIGHT
        if pos[0] > target[0]:
            return Action.MOVE_LEFT
        if pos[1] < target[1]:
            return Action.MOVE_UP
        return Action.MOVE_DOWN

    def _greedy(self, state: State) -> tuple[Action, str]:
        view = self._view(state)
        pos = state.pos
        if pos == self.door_pos:
            self._on_door = True
        if not view["has_key"] and self.key_pos is not None:
            if pos == self.key_pos:
                return Action.PICKUP_KEY, "greedy: on the key, pick it up"
            wants, why = self._toward(pos, self.key_pos), "greedy: toward the key"
        elif self.door_pos is not None and not self._on_door:
            # the tutorial walks onto the door's cell; a closed door blocks, so it opens it from next door first
            near = abs(pos[0] - self.door_pos[0]) + abs(pos[1] - self.door_pos[1]) == 1
            if near and not view["door_open"]:
                return Action.OPEN_DOOR, "greedy: next to the door, open it"
            wants, why = self._toward(pos, self.door_pos), "greedy: toward the door"
        else:
            gx, gy = self.goal_pos if self.goal_pos is not None else pos
            wants = []
            if pos[0] < gx:
                wants.append(Action.MOVE_RIGHT)
            if pos[1] < gy:
                wants.append(Action.MOVE_UP)
            why = "greedy: toward the goal"
        wants = wants if isinstance(wants, list) else [wants]
        for action in wants:
            if (pos, action) not in self._bumps:
                return action, why
        return PRIMITIVES[int(self.rng.integers(len(PRIMITIVES)))], "greedy: random (the tutorial's fallback)"

    def retrieve(self, view: dict, top_k: int = 1) -> list[tuple[SeedSkill, float]]:
        applicable = [s for s in self.skills if s.is_applicable(view)]
        query = self.create_embedding(view, [])
        scored = [(s, _similarity(query, s.embedding)) for s in applicable]
        scored.sort(key=lambda pair: -pair[1])  # stable: ties keep insertion order
        return scored[:top_k]

    def act(self, observation: Observation) -> Decision:
        self._spot(observation)
        state = State(observation.pos, observation.held, frozenset(observation.opened))
        if not self._queue and self.skills:
            found = self.retrieve(self._view(state), top_k=3)
            if found:
                skill, sim = found[0]
                skill.times_used += 1
                self._running, self._queue = skill, list(skill.action_sequence)
                self._candidates = tuple(Candidate(s.id, s.name, round(v, 4), round(s.success_rate, 4), round(v, 4))
                                         for s, v in found)
                self._reason = f"run '{skill.name}' blind (cosine {sim:.2f}, the top applicable skill)"
        if self._queue:
            skill = self._running
            n = len(skill.action_sequence)
            action = self._queue.pop(0)
            self._last_action = action
            return Decision(action, self._reason, skill_id=skill.id, skill_name=skill.name,
                            progress=(n - len(self._queue), n), upcoming=tuple(self._queue),
                            candidates=self._candidates)
        self._running = None
        action, why = self._greedy(state)
        self._last_action = action
        return Decision(action, why)

    def observe(self, observation: Observation, decision: Decision | None, action: Action) -> None:
        moved = observation.pos != self._pos_before
        self._pos_before = observation.pos
        if not moved and decision is not None and Action(action) in MOVE_DELTAS:
            self._bumps.add((observation.pos, decision.action))  # a move that left it in place: it bumped
        if decision is not None and decision.skill_id is not None and self._running is not None:
            if observation.terminated:
                self._running.successes += 1
                self._running, self._queue = None, []
            elif not self._queue:
                self._running = None
        elif decision is None:
            self._queue, self._running = [], None

    def learn_episode(self, trajectory: Trajectory) -> list[LearnEvent]:
        if not self.learning or not trajectory.success or trajectory.steps < 3:
            return []
        segment = trajectory.transitions[-min(SKILL_LENGTH, trajectory.steps):]
        start = self._view(segment[0].state)
        end = self._view(segment[-1].next_state)
        actions = tuple(t.action for t in segment)
        if end["has_key"] and not start["has_key"]:
            name = "acquire_key"
        elif end["door_open"] and not start["door_open"]:
            name = "open_door_sequence"
        else:
            name = f"navigate_{len(actions)}_steps"
        skill = SeedSkill(name, {"has_key": start["has_key"], "door_open": start["door_open"]}, actions,
                          self.create_embedding(start, actions))
        for existing in self.skills:
            if _similarity(skill.embedding, existing.embedding) > DEDUP_SIMILARITY:
                existing.merges += 1
                return [LearnEvent("merged", existing.id, existing.name, trajectory.source)]
        self.skills.append(skill)
        return [LearnEvent("new", skill.id, skill.name, trajectory.source)]

    def stats(self) -> dict:
        """The tutorial's library statistics, with an honest success rate in [0, 1]."""
        used = [s for s in self.skills if s.times_used]
        return {
            "total_skills": len(self.skills),
            "total_uses": sum(s.times_used for s in self.skills),
            "mean_success_rate": float(np.mean([s.success_rate for s in used])) if used else 0.0,
        }
