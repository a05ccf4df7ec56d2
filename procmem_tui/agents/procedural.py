"""``procmem``: the procedural-memory agent — explores when nothing applies, runs skills when they do.

What it knows and what it learns:

* It knows the six actions and **sees the grid** (``world.level`` at ``begin_episode``). Passability is
  perception: walls, boxes and closed doors are drawn solid, everything else can be walked on.
* It does **not** know what keys, doors and goals do. It learns an effect model from every transition it or a
  person makes: ``(glyph kind, action) -> events`` counts, and for each effect event what it changed in the
  perceived state (a key vanished into the inventory, a door opened, the episode ended). Skills come from
  ``memory.extract`` at each episode's end and live in a ``SkillLibrary``.

Each decision (one primitive action per ``act``):

1. A skill is running: take its next action (``Decision.skill_id``, ``progress``, ``upcoming``).
2. **Plan** over learned abstract skills: a uniform-cost search whose states are (position, keys held, doors
   open, keys taken), whose moves are the abstract skills bound to objects of this grid whose learned
   preconditions hold (``target_facts ⊆ skill.preconditions``), and whose costs are path lengths; the effects
   are the learned ones (``agents/skill_plan.py``). If a plan reaches a goal, run its first step: a **motor**
   skill of this level (exact replay, same context) when one applies, achieves the same thing and is no longer,
   else the abstract skill (its ``goto`` expanded by breadth-first search). The Decision carries the library's ranked candidates.
   **Before following a plan**, optimism under uncertainty (``agents/optimism.py``): a closed door not yet
   tried on this level with the keys held (or with one more key fetched) whose optimistic route — path lengths on
   the perceived grid, the door assumed to open — is shorter than the plan is tried first ("trying door A:
   could save up to 6 steps"). Tries are remembered per level (``self.outcomes``), so each is made once.
3. Otherwise **explore**: novelty-seeking over **cells and objects**, with no built-in idea of what keys, doors
   or goals are for. The novel targets are every reachable cell the agent has not stood on (a goal cell is just
   another such cell: walking onto it is how the agent first finds out what a goal does) and every untried
   (object, action, keys held) interaction — ``pickup_key`` on a key's cell, ``open_door`` from a cell next to
   a door — unless a learned skill's preconditions already predict that it fails. Learned key/door skills that
   apply count as targets too (they change the grid, so they may open the way). Each target costs the steps to
   reach it (+1 for the interaction); the agent walks to the cheapest, ties broken by its seeded
   ``numpy.random.Generator`` (so an episode is reproducible, yet not biased toward any object or direction).
   Cells and interactions are equally interesting, so on a fresh level it sweeps the space it can reach,
   trying whatever it meets on the way, and goes through a door only after the door has been opened: first
   episodes are visibly longer than optimal. Only if nothing novel is in reach does it take a random action.
   Visited cells are remembered per level (``MAP_LEVELS`` most recent levels) while memory is on, so a level
   too large to sweep within its step limit is swept across episodes; ``memory=False`` forgets them.

A step whose event is not the expected one abandons the running skill (``record_outcome(False)``) and the agent
re-decides. ``interrupt()`` (the player took over) drops it silently. ``learning=False`` freezes the library
(no outcomes, no new skills) for evaluation. With ``memory=False`` (the ``explorer`` baseline) there is no
library and everything is forgotten between episodes: pure within-episode curiosity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from procmem_tui.agents import knowledge, skill_plan
from procmem_tui.agents.base import Agent, Candidate, Decision, LearnEvent
from procmem_tui.agents.optimism import HORIZON, best_shortcut, worth_trying
from procmem_tui.memory.rules import ENTER, OPEN, PICKUP, Belief, RuleBook
from procmem_tui.agents.skill_plan import PlanStep, reachable
from procmem_tui.memory.paths import path_to
from procmem_tui.memory import facts as F
from procmem_tui.memory.extract import EFFECT_OF_TEMPLATE, admit, extract, object_label
from procmem_tui.memory.features import level_fingerprint, state_embedding
from procmem_tui.memory.skill import ABSTRACT, COMPOSITE, MOTOR
from procmem_tui.memory.trajectory import Trajectory
from procmem_tui.world import ACTIONS, Action, GridWorld, State, Step
from procmem_tui.world.actions import (
    DOOR_OPENED, GOAL_REACHED, KEY_PICKED, MOVE_DELTAS, MOVED,
)

_SHORT = {KEY_PICKED: "fetch key", DOOR_OPENED: "open door", GOAL_REACHED: "reach goal"}
_INTERACTION = {KEY_PICKED: PICKUP, DOOR_OPENED: OPEN, GOAL_REACHED: ENTER}
MEMORY, PLANNED, EXPLORED = "memory", "planned", "explored"
MODES = (MEMORY, PLANNED, EXPLORED)
HABIT_SUCCESSES = 1  # a motor skill is a habit once it worked this often, in the last episode on its level too
HABIT_POSTERIOR = 0.6  # ... and while its posterior mean stays at least this (a skill that fails stops)


@dataclass
class _Run:
    """What the agent is doing: a skill (or an exploration intent) expanded into primitive actions."""

    actions: list
    skill_id: str | None
    name: str
    reason: str
    expect_effect: str | None
    i: int = 0
    candidates: tuple = ()
    target: tuple | None = None
    keys: frozenset = frozenset()
    mode: str = EXPLORED


class ProceduralAgent(Agent):
    name = "procmem"
    label = "procedural memory: explores, turns trajectories into skills, plans over them"
    MAP_LEVELS = 16  # levels whose visited cells are remembered (least recently played forgotten first)

    def __init__(self, seed: int = 0, library=None, *, learning: bool = True, memory: bool = True,
                 max_expansions: int = 20000) -> None:
        super().__init__(seed, library if memory else None)
        self.rng = np.random.default_rng(seed)
        self.learning = learning
        self.memory = memory
        self.max_expansions = max_expansions
        self.rules = RuleBook()  # what interactions do, counted per level (memory.rules)
        self._run: _Run | None = None
        self._composite: str | None = None
        self._maps: dict[str, set] = {}  # level fingerprint -> cells visited there (memory on: across episodes)

    # -- episode lifecycle ----------------------------------------------------------------------

    def begin_episode(self, world: GridWorld, episode: int) -> None:
        super().begin_episode(world, episode)
        self.level = world.level
        self.fingerprint = level_fingerprint(self.level)
        if not self.memory:
            self.rules = RuleBook()
        # episodes a route found now may serve: as many as were played here before, at least 1, at most HORIZON
        # (the bound on exploration: what is not worth a try then never is, so a mastered level stays mastered)
        plays, self.previous_episode = self.rules.note_play(self.fingerprint, self.level.name, episode)
        self.horizon = min(HORIZON, max(1, plays))
        self.settled = plays > HORIZON  # every try worth making here had its chance: habits may take over
        self.decisions = dict.fromkeys(MODES, 0)
        self.search_expansions = 0
        self.tried: set = set()
        self.failed: set = set()  # (skill id, target, keys held): skills that failed so this episode
        if not self.memory:
            self._maps.clear()
        self.visited = self._maps.pop(self.fingerprint, set())  # cells stood on (earlier episodes too, with memory)
        self._maps[self.fingerprint] = self.visited  # most recently played level last
        while len(self._maps) > self.MAP_LEVELS:
            del self._maps[next(iter(self._maps))]
        self.visited.add(world.state.pos)
        self._run = None
        self._composite = None
        self._last: tuple[State, Action] | None = None

    def interrupt(self) -> None:
        self._run = None

    def knowledge(self) -> dict:
        """Learned rules, per-level maps, generator states, the episode (``agents/knowledge.py``); nothing
        when memory is off (the explorer forgets by design)."""
        return knowledge.dump(self) if self.memory else {}

    def restore_knowledge(self, data: dict) -> None:
        if self.memory:
            knowledge.restore(self, data)

    # -- learning from transitions --------------------------------------------------------------

    def _learn_transition(self, state: State, action: Action, nxt: State, events, terminated: bool) -> None:
        """Count what an interaction with an object did, in its relational situation (``memory.rules``)."""
        lv = self.level
        tried = []
        if action == Action.PICKUP_KEY and state.pos in lv.keys and state.pos not in state.taken:
            tried.append((PICKUP, state.pos))
        elif action == Action.OPEN_DOOR:
            opened = nxt.opened - state.opened
            for dx, dy in F.NEIGHBOURS:
                door = (state.pos[0] + dx, state.pos[1] + dy)
                if door in lv.doors and door not in state.opened and (not opened or door in opened):
                    tried.append((OPEN, door))
        elif action in MOVE_DELTAS and nxt.pos in lv.goals and nxt.pos != state.pos:
            tried.append((ENTER, nxt.pos))
        for interaction, pos in tried:
            self.rules.observe(self.fingerprint, interaction, F.relations(lv, state.keys, pos),
                               F.changes(lv, state, nxt, pos, terminated), name=lv.name)

    def believe(self, interaction: str, keys: frozenset, pos) -> Belief:
        """What the agent expects of an interaction with the object at ``pos`` holding ``keys`` (learned)."""
        return self.rules.belief(self.fingerprint, interaction, F.relations(self.level, keys, pos))

    def observe(self, step: Step, decision: Decision | None) -> None:
        last, self._last = self._last, None
        self.visited.add(step.state.pos)
        if decision is None or last is None:
            self._run = None
            return
        state, action = last
        self._learn_transition(state, action, step.state, step.events, step.terminated)
        if action == Action.PICKUP_KEY:
            self.tried.add((state.pos, "pickup_key", state.keys))
        elif action == Action.OPEN_DOOR:
            for dx, dy in F.NEIGHBOURS:
                p = (state.pos[0] + dx, state.pos[1] + dy)
                if p in self.level.doors:
                    self.tried.add((p, "open_door", state.keys))
        if GOAL_REACHED in step.events:
            self.tried.add((step.state.pos, "enter", state.keys))
        run = self._run
        if run is None:
            return
        expected = {Action.PICKUP_KEY: KEY_PICKED, Action.OPEN_DOOR: DOOR_OPENED}.get(action, MOVED)
        last_step = run.i >= len(run.actions)
        ok = expected in step.events and (not last_step or run.expect_effect is None
                                          or run.expect_effect in step.events)
        if not ok or (not last_step and step.terminated):
            self._finish_run(False)
        elif last_step:
            self._finish_run(True)

    def _finish_run(self, success: bool) -> None:
        run, self._run = self._run, None
        if run is not None and not success and run.skill_id is not None:
            self.failed.add((run.skill_id, run.target, run.keys))
        if run is not None and run.skill_id is not None and self.library is not None and self.learning:
            if run.skill_id in self.library:
                self.library.record_outcome(run.skill_id, success, self.episode)
        if not success and self._composite is not None:
            self._composite_outcome(False)

    def _composite_outcome(self, success: bool) -> None:
        cid, self._composite = self._composite, None
        if cid is not None and self.library is not None and self.learning and cid in self.library:
            self.library.record_outcome(cid, success, self.episode)

    def end_episode(self, trajectory: Trajectory) -> list[LearnEvent]:
        self._run = None
        for t in trajectory.transitions:
            if t.actor != "agent":
                self._learn_transition(t.state, t.action, t.next_state, t.events, GOAL_REACHED in t.events)
        if self._composite is not None:
            self._composite_outcome(trajectory.success)
        if self.library is None or not self.learning:
            return []
        library = self.library

        practiced = self.rules.plays.get(self.fingerprint, 0) >= 2

        def keep_motor(segment, skill) -> bool:
            # a stretch run by a motor skill teaches nothing new, unless it improves one. A stretch explored or
            # shown by a person becomes a motor skill; one run by abstract skills does too on a level played
            # again (it is being practised: next time it can be a habit), not on a layout seen once
            if None in segment.skill_ids or any(t.actor == "player" for t in segment.transitions):
                return True
            ran = [library.get(i) for i in segment.skill_ids]
            if practiced and any(s is None or s.kind != MOTOR for s in ran):
                return True
            old = library.get(skill.id)
            return old is not None and len(old.program) > len(skill.program)

        extraction = extract(trajectory, keep_motor=keep_motor)
        events = []
        for kind, skill in admit(library, extraction.skills, trajectory.episode):
            if kind in ("new", "improved", "generalised"):
                events.append(LearnEvent("merged" if kind == "generalised" else kind, skill.id, skill.name, skill.source))
        return events

    # -- perception helpers -----------------------------------------------------------------------

    def _blocked_goals(self) -> bool:
        """Goals are walked around, not through, once entering one has been seen to end an episode."""
        return self.rules.knows(ENTER)

    def _abstract_skills(self) -> list:
        if self.library is None:
            return []
        return [s for s in self.library if s.kind == ABSTRACT and s.program in EFFECT_OF_TEMPLATE
                and s.effect and s.effect[0] in _INTERACTION and self.rules.knows(_INTERACTION[s.effect[0]])]

    def hope(self, interaction: str, keys: frozenset, pos) -> Belief:
        """``believe``, except that a situation nothing settles is hoped to work (optimism under uncertainty)."""
        belief = self.believe(interaction, keys, pos)
        if belief.source == "none" or (belief.source == "implied" and not belief.works):
            return self.rules.hoped(self.fingerprint, interaction, belief.p)  # never counted: worth a test
        return belief

    def plan(self, state: State, *, optimistic: bool = False) -> list[PlanStep] | None:
        """The cheapest chain of applicable abstract skills that reaches a goal, or None (``skill_plan.plan``);
        ``optimistic``: situations nothing settles count as working (``hope``)."""
        counter = [0]
        found = skill_plan.plan(self.level, state, self._abstract_skills(), self.hope if optimistic else self.believe,
                                self.failed, avoid_goals=self._blocked_goals(), max_expansions=self.max_expansions,
                                expanded=counter)
        self.search_expansions += counter[0]
        return found

    # -- acting ---------------------------------------------------------------------------------

    def act(self, state: State) -> Decision:
        if self._run is None or self._run.i >= len(self._run.actions):
            self._run = None
            self._decide(state)
            self.decisions[self._run.mode] += 1
        run = self._run
        action = run.actions[run.i]
        run.i += 1
        self._last = (state, action)
        if run.skill_id is None:
            return Decision(action, run.reason, candidates=run.candidates, mode=run.mode)
        return Decision(action, run.reason, skill_id=run.skill_id, skill_name=run.name,
                        progress=(run.i, len(run.actions)), upcoming=tuple(run.actions[run.i:]),
                        candidates=run.candidates, mode=run.mode)

    def episode_stats(self) -> dict:
        return {"decisions": dict(self.decisions), "search_expansions": self.search_expansions}

    def _habit(self, state: State) -> bool:
        """Act from memory: the library's retrieval (similarity, posterior, this level's context) offers a motor
        skill that starts here, has worked ``HABIT_SUCCESSES`` times, ran in the last episode on this level and
        keeps a posterior mean of at least ``HABIT_POSTERIOR``; it runs with no plan search. Only on a settled
        level (played more than ``HORIZON`` times: every try worth making there has been weighed)."""
        if self.library is None or not self.settled or self.previous_episode is None or not len(self.library):
            return False
        facts = F.state_facts(self.level, state, fingerprint=self.fingerprint)
        for r in self.library.retrieve(facts, state_embedding(self.level, state), k=3, kinds=(MOTOR,),
                                       context=self.fingerprint):
            skill = r.skill
            if (skill.context != self.fingerprint or skill.successes < HABIT_SUCCESSES
                    or skill.posterior_mean < HABIT_POSTERIOR or skill.last_used_episode < self.previous_episode
                    or (skill.id, None, state.keys) in self.failed):
                continue
            reason = (f"memory: run '{skill.name}' (habit: retrieved with sim {r.similarity:.2f}, post "
                      f"{r.posterior:.2f}, worked {skill.successes}/{skill.attempts}; no plan search)")
            effect = skill.effect[0] if skill.effect else None
            self._run = _Run([Action(a) for a in skill.program], skill.id, skill.name, reason, effect,
                             candidates=(Candidate(skill.id, skill.name, round(r.similarity, 4),
                                                   round(r.posterior, 4), round(r.score, 4)),), mode=MEMORY)
            return True
        return False

    def _decide(self, state: State) -> None:
        if self._habit(state):
            return
        plan = self.plan(state) if self.library is not None and len(self.library) else None
        known = sum(s.cost for s in plan) if plan else None
        if plan and self._try_shortcut(state, known):
            return
        hope = self.plan(state, optimistic=True) if self.learning and self.library is not None and len(self.library) else None
        if hope and any(s.belief.source == "untried" for s in hope):
            cost = sum(s.cost for s in hope)
            upto = next(i for i, s in enumerate(hope) if s.belief.source == "untried")
            walk = sum(s.cost for s in hope[:upto + 1])
            if known is None or worth_trying(hope[upto].belief.p, known - cost, walk, self.horizon):
                self._start_plan_step(state, hope, hoped_against=known)
                return
        if plan:
            self._start_plan_step(state, plan)
        else:
            self._explore(state)

    def _door_chance(self, door, keys) -> float | None:
        """None when what this door does with these keys is known on this level; else the chance it opens
        (implied by this level's tries, pooled over other levels, or 1.0 if never tried anywhere: optimism)."""
        belief = self.believe(OPEN, keys, door)
        return None if belief.source == "here" else belief.p

    def _try_shortcut(self, state: State, known_route: int) -> bool:
        """Optimism under uncertainty (``agents/optimism.py``): walk to an unknown door that could shorten the
        known route, if a failed try would still leave the steps to finish by the known route."""
        if not self.learning:
            return False
        dist, parent = reachable(self.level, state, self._blocked_goals())

        def can_fetch(key) -> bool:
            belief = self.believe(PICKUP, state.keys, key)
            return belief.source != "here" or belief.works

        found = best_shortcut(self.level, state, known_route, dist, self._door_chance, can_fetch, self.horizon)
        if found is None or state.steps + 2 * found.walk + known_route > self.level.max_steps:
            return False
        lv = self.level
        door = f"door {lv.doors[found.door]}"
        what = f"fetching key {lv.keys[found.key]} to try {door}" if found.key is not None else f"trying {door}"
        if found.key is not None:
            actions = path_to(parent, found.key) + [Action.PICKUP_KEY]
        else:
            cells = [(found.door[0] + dx, found.door[1] + dy) for dx, dy in F.NEIGHBOURS]
            cell = min((c for c in cells if c in dist and c not in lv.goals), key=lambda c: (dist[c], c))
            actions = path_to(parent, cell) + [Action.OPEN_DOOR]
        odds = "never tried" if found.chance >= 1 else f"{found.chance:.0%} chance"
        reason = (f"explored: {what}: could save up to {found.saving} step{'' if found.saving == 1 else 's'} "
                  f"({found.route} instead of {known_route}; {odds})")
        self._run = _Run(actions, None, "explore", reason, None)
        return True

    def _describe(self, step: PlanStep) -> str:
        label = object_label(self.level, step.target).split("@")[0]
        return f"{_SHORT[step.effect].split()[0]} {label}"

    def _start_plan_step(self, state: State, plan: list[PlanStep], hoped_against: int | None = -1) -> None:
        """Run the plan's first step. ``hoped_against``: the plan is optimistic (it counts on a situation never
        tried here) and this is the known route's length (None: none known); -1: an ordinary plan."""
        first = plan[0]
        lv = self.level
        total = sum(s.cost for s in plan)
        facts = F.state_facts(lv, state, fingerprint=self.fingerprint)
        dist, parent = reachable(self.level, state, self._blocked_goals())
        tf = F.target_facts(lv, state, first.target[0], first.target[1], dist)
        query = state_embedding(lv, state)
        retrieved = self.library.retrieve(facts | tf, query, k=4, context=self.fingerprint)
        candidates = tuple(Candidate(r.skill.id, r.skill.name, round(r.similarity, 4), round(r.posterior, 4),
                                     round(r.score, 4)) for r in retrieved)
        if self._composite is None and state.steps == 0:
            ids = tuple(s.skill_id for s in plan)
            for r in retrieved:
                if r.skill.kind == COMPOSITE and r.skill.program == ids:
                    self._composite = r.skill.id
        wanted = (first.effect, object_label(lv, first.target))
        motor = None
        for r in self.library.retrieve(facts, query, k=3, kinds=(MOTOR,), context=self.fingerprint):
            if (r.skill.context == self.fingerprint and r.skill.effect == wanted and r.skill.length <= first.cost
                    and r.skill.posterior_mean >= 0.5 and (r.skill.id, first.target, state.keys) not in self.failed):
                motor = r
                break
        chain = " → ".join(self._describe(s) for s in plan)
        if motor is not None:
            skill = motor.skill
            actions = [Action(a) for a in skill.program]
            reason = (f"planned: run '{skill.name}' (motor replay, sim {motor.similarity:.2f}, post {motor.posterior:.2f}, "
                      f"{skill.source}); plan: {chain} = {total} steps")
        else:
            skill = self.library.get(first.skill_id)
            actions = path_to(parent, first.end)
            if first.effect == KEY_PICKED:
                actions.append(Action.PICKUP_KEY)
            elif first.effect == DOOR_OPENED:
                actions.append(Action.OPEN_DOOR)
            mine = next((r for r in retrieved if r.skill.id == skill.id), None)
            scores = f"sim {mine.similarity:.2f}, post {mine.posterior:.2f}" if mine else f"post {skill.posterior_mean:.2f}"
            other = next((r for r in retrieved if r.skill.id != skill.id), None)
            tail = f"; next best '{other.skill.name}'" if other else ""
            reason = f"planned: run '{skill.name}' on {self._describe(first).split(' ', 1)[1]} ({scores}); plan: {chain} = {total} steps{tail}"
        if hoped_against != -1:
            untried = next(s for s in plan if s.belief.source == "untried")
            gain = "no known route" if hoped_against is None else (
                f"could save up to {hoped_against - total} step{'' if hoped_against - total == 1 else 's'}")
            reason = f"explored: {self._describe(untried)} as never tried here: {gain}; {reason[len('planned: '):]}"
        if not actions:
            self._explore(state)
            return
        self._run = _Run(actions, skill.id, skill.name, reason, first.effect, candidates=candidates,
                         target=first.target, keys=state.keys, mode=PLANNED if hoped_against == -1 else EXPLORED)

    def _predicted_to_fail(self, interaction: str, state: State, pos) -> str | None:
        """"here" when the interaction failed on this level in this situation, "pooled" when other levels say it
        fails, else None."""
        belief = self.believe(interaction, state.keys, pos)
        return None if belief.works or belief.source == "none" else belief.source

    def _explore(self, state: State) -> None:
        """Novelty-seeking over cells and objects (module docstring): the nearest novel target, ties by the rng."""
        lv = self.level
        dist, parent = reachable(self.level, state, self._blocked_goals())
        known = {s.effect[0] for s in self._abstract_skills()}
        options = []  # (doubt, cost, label, cell to walk to, action there): novel targets (and known skills) in reach
        for cell in sorted(dist):
            if cell not in self.visited:
                options.append((0, dist[cell], f"unvisited cell {cell[0]},{cell[1]}", cell, None))
        for kind, pos in F.targets(lv, state):
            if kind == "key" and pos in dist:
                doubt = self._predicted_to_fail(PICKUP, state, pos)
                if doubt == "here":
                    continue
                novel = (pos, "pickup_key", state.keys) not in self.tried
                if novel or KEY_PICKED in known:
                    what = "untried" if novel else "known"
                    options.append((int(doubt is not None), dist[pos] + 1, f"{what} (key {lv.keys[pos]}, pickup_key)",
                                    pos, Action.PICKUP_KEY))
            elif kind == "door":
                doubt = self._predicted_to_fail(OPEN, state, pos)
                if doubt == "here":
                    continue
                novel = (pos, "open_door", state.keys) not in self.tried
                if not novel and DOOR_OPENED not in known:
                    continue
                cells = [(pos[0] + dx, pos[1] + dy) for dx, dy in F.NEIGHBOURS]
                cells = [c for c in cells if c in dist and c not in lv.goals]
                if cells:
                    cell = min(cells, key=lambda c: (dist[c], c))
                    what = "untried" if novel else "known"
                    options.append((int(doubt is not None), dist[cell] + 1,
                                    f"{what} (door {lv.doors[pos]}, open_door)", cell, Action.OPEN_DOOR))
        # what other levels say fails is tried only when nothing else is left (a belief tested, not trusted blindly)
        nearest = min((o[:2] for o in options), default=None)
        tied = [o[1:] for o in options if o[:2] == nearest]
        if tied:
            cost, label, end, last = tied[int(self.rng.integers(len(tied)))] if len(tied) > 1 else tied[0]
            actions = path_to(parent, end) + ([last] if last is not None else [])
            among = f", 1 of {len(tied)} as near" if len(tied) > 1 else ""
            reason = f"explored: nearest novelty, {label}, {cost} step{'' if cost == 1 else 's'} away{among} (no skill plan reaches a goal)"
        else:
            actions = []
        if not actions:
            actions = [ACTIONS[int(self.rng.integers(len(ACTIONS)))]]
            reason = "explored: nothing novel in reach; a random action"
        self._run = _Run(actions, None, "explore", reason, None)
