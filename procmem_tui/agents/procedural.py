"""``procmem``: the procedural-memory agent — explores when nothing applies, runs skills when they do.

It is **given** the six actions and an observation after every step (``world.observation``: the cells in sight,
its position, the keys it holds, the doors in sight standing open, the reward, the end flags), from which it keeps
its own map of each level (``memory.level_map``; the events a step caused are read off what changed,
``memory.seen``); **not** what blocks, what keys, doors and goals do, nor a level's rules, nor the solver. It
**learns** a world model from every transition it or a person makes (``memory.world_model``: what each action did
to what it met; its decisions ask it through ``agents/effects.py``), and skills from every episode
(``agents/chunking.py``, kept in a ``SkillLibrary``).

This class coordinates; each role has its own module. Each decision (what to run next, then one primitive action
per ``act`` until it is done: ``agents/run.py``) is the first of:

1. **memory** — on a settled level, a habit the library's retrieval offers, run with no plan search
   (``agents/habit.py``);
2. a **shortcut** — an untried door that could shorten the known plan (``agents/explore.py``,
   ``agents/optimism.py``);
3. an **optimistic plan** worth its try, else the **plan** over learned skills (``agents/skill_plan.py`` searches,
   ``agents/deliberate.py`` runs its first step as a motor replay or an abstract skill);
4. **exploration**: the experiment the learned world model says is worth its steps (``agents/curiosity/``:
   the nearest untried kind, frontiers under fog, a reward it expects), else the nearest novel cell or
   interaction (``agents/explore.py``).

Whatever decides, the same action that changed nothing is taken at most twice from one situation in an episode
(``agents/loop_guard.py``). The Why line and the decision's kind come from ``agents/explain.py``. A step whose event is not the expected one
abandons the running skill (``record_outcome(False)``) and the agent re-decides; ``interrupt()`` (the player took
over) drops it silently. ``learning=False`` freezes the library (no outcomes, no new skills, no tries) for
evaluation. With ``memory=False`` (the ``explorer`` baseline) there is no library and everything is forgotten
between episodes: pure within-episode curiosity.
"""

from __future__ import annotations

import numpy as np

from procmem_tui.agents import alike, explain, kind_probe, knowledge, likeliest_walk, questions, scouting, skill_plan
from procmem_tui.agents.base import Agent, Decision, LearnEvent
from procmem_tui.agents.chunking import learn_skills
from procmem_tui.agents.curiosity import CURIOUS, curious
from procmem_tui.agents.deliberate import ORDINARY, first_step, lend, usable_skills, waits, worth_hoping
from procmem_tui.agents.effects import Beliefs, wins
from procmem_tui.agents.explain import EXPLORED, MODES
from procmem_tui.agents.explore import explore, note_tries, shortcut
from procmem_tui.agents.habit import recall
from procmem_tui.agents.loop_guard import LoopGuard
from procmem_tui.agents.optimism import AHEAD, BUDGET, HORIZON, Budget
from procmem_tui.agents.perceive import LevelMaps
from procmem_tui.agents.run import Run, exploring
from procmem_tui.agents.scouting import blocked_ahead
from procmem_tui.agents.skill_plan import PlanStep
from dataclasses import replace

from procmem_tui.memory.failures import Failures, Try
from procmem_tui.memory.imagine import Belief as Seen, base_looks, learn_step, look, unit_action
from procmem_tui.memory.level_map import LevelMap
from procmem_tui.memory.paths import neighbours, walk_tree
from procmem_tui.memory.plays import Plays
from procmem_tui.memory.seen import seen_events
from procmem_tui.memory.trajectory import Trajectory, Transition
from procmem_tui.memory.world_model import WorldModel
from procmem_tui.world import Action, State, Step
from procmem_tui.world.actions import MOVE_DELTAS
from procmem_tui.world.observation import Observation


class ProceduralAgent(Agent):
    name = "procmem"
    label = "procedural memory: explores, turns trajectories into skills, plans over them"
    MAP_LEVELS = 16  # levels whose visited cells are remembered (least recently played forgotten first)
    pledged_stake: float | None = None  # what a pledged walk through cells never seen put at stake (``_carries``)

    def __init__(self, seed: int = 0, library=None, *, learning: bool = True, memory: bool = True,
                 max_expansions: int = 20000) -> None:
        super().__init__(seed, library if memory else None)
        self.rng = np.random.default_rng(seed)
        self.learning = learning
        self.memory = memory
        self.max_expansions = max_expansions
        self.plays = Plays()  # episodes begun per level (how long a route found there may serve)
        self.model = WorldModel()  # what every action did to what it met, per level and pooled (memory.world_model)
        self.failures = Failures()  # tries that led to a dead end, per level and pooled (memory.failures)
        self.maps = LevelMaps(self.MAP_LEVELS)  # with memory: cells visited per level, across episodes
        self.level_maps: dict[str, LevelMap] = {}  # what was seen of each level, as last seen
        self._run: Run | None = None
        self._composite: str | None = None
        self.tried_last: set = set()  # levels whose last episode (in this process) explored
        self.begun: dict[str, set] = {}  # per level: (door, key) fetch-first tries begun (explore.shortcut)
        self.saved: dict[str, float] = {}  # per level: try budget its earlier episodes left unspent (``_budget``)
        self.routes: dict[str, int] = {}  # per level: the steps of the last episode won there (the habit's route)
        self.verdicts: dict[str, int] = {}  # per settled level: the model's version when its habit was last found
        # no longer than the model's known plan (``_better_than_habit``)

    # -- episode lifecycle ----------------------------------------------------------------------

    def begin_episode(self, observation: Observation, episode: int, level_id: str = "", level_name: str = "") -> None:
        super().begin_episode(observation, episode, level_id, level_name)
        self.fingerprint = level_id or "unnamed level"
        if not self.memory:
            self.plays = Plays()
            self.model = WorldModel()
            self.failures = Failures()
            self.maps.cells.clear()
            self.level_maps.clear()
        self.map = self._level_map(observation)
        self.map.new_episode()
        self.map.see(observation)
        self.level = self.map.picture(self.level_name or self.fingerprint[:8], observation.max_steps)
        self.now = self.map.state(observation)
        self.start_state = self.now
        self.recorded: list[Transition] = []  # the episode as the agent saw it (what it learns skills from)
        # episodes a route found now may serve: as many as were played here before, at least 1, at most HORIZON
        # (the bound on exploration: what is not worth a try then never is, so a mastered level stays mastered)
        plays, self.previous_episode = self.plays.note_play(self.fingerprint, episode, self.level_name)
        self.horizon = min(HORIZON, max(1, plays))
        # every try worth making here had its chance, and the last episode made none and had none waiting for
        # budget (its route is no try's, and none is still to be made): habits may take over
        self.settled = plays > HORIZON and self.fingerprint not in self.tried_last
        self.waited = False  # whether a try that pays waited for budget this episode (``optimism.best_shortcut``)
        self.habit_checked = False  # whether this episode asked if the model offers better than the habit
        self.doubting = True  # whether plans pay the risk of steps only implied (``skill_plan.PlanStep.doubted``)
        self.decisions = dict.fromkeys(MODES, 0)
        self.search_expansions = 0
        self.tried: set = set()  # (object cell, action, keys held) tried this episode: novel no more
        self.failed: set = set()  # (skill id, target, keys held): skills that failed so this episode
        self.visited = self.maps.enter(self.fingerprint)  # cells stood on (earlier episodes too, with memory)
        self.visited.add(observation.pos)
        self._run = None
        self._composite = None
        self._last: tuple[State, Action] | None = None
        self.guard = LoopGuard()  # the same no-op at most twice per situation (``agents/loop_guard.py``)
        self._beliefs: Beliefs | None = None
        self.tries: list[Try] = []  # this episode's steps that changed what cannot be changed back (memory.failures)
        self.spent: set[Try] = set()  # ... those of them that spent a key
        self.first_route: int | None = None  # the episode's length by the first route known in it
        self.pledge: tuple | None = None  # (cell, action) of a hoped try begun and not yet made (``_pledged``)
        self.pledged_stake = None

    def _level_map(self, obs: Observation) -> LevelMap:
        """This level's map, built from observations only (the most recently played last)."""
        found = self.level_maps.pop(self.fingerprint, None)
        if found is None or (found.width, found.height) != (obs.width, obs.height):
            found = LevelMap(obs.width, obs.height)
        self.level_maps[self.fingerprint] = found
        while len(self.level_maps) > self.MAP_LEVELS:
            del self.level_maps[next(iter(self.level_maps))]
        return found

    def interrupt(self) -> None:
        self._run = None

    def knowledge(self) -> dict:
        """Learned rules, per-level maps, generator states, the episode (``agents/knowledge.py``); nothing
        when memory is off (the explorer forgets by design)."""
        return knowledge.dump(self) if self.memory else {}

    def unfinished_knowledge(self, stored: dict | None) -> dict:
        """``stored`` with the world model, failures and maps as they are now (``knowledge.with_learned``)."""
        return knowledge.with_learned(self, stored) if self.memory else {}

    def restore_knowledge(self, data: dict) -> None:
        if self.memory:
            knowledge.restore(self, data)

    def episode_stats(self) -> dict:
        return {"decisions": dict(self.decisions), "search_expansions": self.search_expansions}

    def learn_episode(self, trajectory: Trajectory) -> list[LearnEvent]:
        """Learn from the episode as the agent itself saw it (its own record, drawn on its own map)."""
        self._run = None
        if self.decisions.get(EXPLORED) or self.waited:  # a try made, or one waiting for budget: not settled
            self.tried_last.add(self.fingerprint)
        else:
            self.tried_last.discard(self.fingerprint)
        if self.first_route is not None:  # what this episode's budget left unspent is saved for the next one
            self.saved[self.fingerprint] = max(0.0, self._allowance() - max(0, len(self.recorded) - self.first_route))
        if trajectory.success:
            self.routes[self.fingerprint] = len(self.recorded)
        trajectory = replace(trajectory, level=self.level, start=self.start_state, transitions=tuple(self.recorded))
        if trajectory.success:
            self.failures.forgive(self.fingerprint, self.tries)  # what a win followed led somewhere
        elif trajectory.truncated and self.tries:  # lost: what it spent led nowhere; with nothing spent, what it
            spent = [t for t in self.tries if t in self.spent]  # changed did, if no route is left
            self.failures.note(self.fingerprint, spent or (self.tries if self._dead_end() else []))
        self.tries, self.spent = [], set()
        if self._composite is not None:
            self._composite_outcome(trajectory.success)
        if self.library is None or not self.learning:
            return []
        return learn_skills(self.library, trajectory, practiced=self.plays.plays.get(self.fingerprint, 0) >= 2,
                           fingerprint=self.fingerprint)

    # -- acting and watching what happens --------------------------------------------------------

    def act(self, observation: Observation) -> Decision:
        state = self.now
        if self._run is None or self._run.done:
            self._run = self._decide(state)
            self.decisions[self._run.mode] += 1
        decision = self._run.next_decision()
        knowing = self._knowing()
        if self.guard.blocks(state, decision.action, knowing):
            self._run = self.guard.instead(state, decision.action, self.rng, knowing)
            self.decisions[self._run.mode] += 1
            decision = self._run.next_decision()
        self._last = (state, decision.action)
        return decision

    def observe(self, observation: Observation, decision: Decision | None, action: Action) -> None:
        before = self.now
        known = self.model.version
        self._bumped_unknown(before, Action(action), observation.pos)
        knowing = self._knowing()
        seen_more = self.map.see(observation) | self._felt(before, Action(action), observation.pos)
        if Action(action) not in MOVE_DELTAS:
            if self.map.felt:
                self.map.tried_beside(before.pos, Action(action).value, before.keys)
            if not seen_more and observation.reward > 0:
                seen_more = self._opened_unseen(before) or self.map.unfelt(neighbours(before.pos))
        if seen_more:
            self.level = self.map.picture(self.level_name or self.fingerprint[:8], observation.max_steps)
        self.now = self.map.state(observation)
        self._learn_model(before, action, self.now, observation)
        self.guard.observed(before, Action(action), self.now, knowing)
        if self._run is not None and self._run.name == CURIOUS and (seen_more or self.model.version != known):
            self._run = None  # an experiment's plan is redone on what was just seen or learned
        elif (self._run is not None and self._run.scouting and seen_more
              and blocked_ahead(self.beliefs, self.now, self._run.actions[self._run.i:])):
            self._run = None  # its way through cells never seen is walled: planned again, no skill to blame
        events = seen_events(before, action, self.now, observation.reward, observation.terminated)
        step = Step(self.now, observation.reward, observation.terminated, observation.truncated, events)
        self.recorded.append(Transition(before, Action(action), observation.reward, self.now, events,
                                        actor="agent" if decision is not None else "player",
                                        skill_id=decision.skill_id if decision else None,
                                        reason=decision.reason if decision else ""))
        last, self._last = self._last, None
        self.visited.add(step.state.pos)
        if decision is None or last is None:
            self._run = None
            return
        state, action = last
        note_tries(self.tried, state, action)
        if self._run is not None:
            walking = self._run.scouting and not self._run.done
            verdict = self._run.verdict(action, step)
            if verdict is False and walking:
                self._run = None  # bumped into a cell never seen before: the way, not the skill, failed
            elif verdict is not None:
                self._finish_run(verdict)

    def _knowing(self) -> tuple:
        """What the agent knows that its decisions depend on (map, model, cells stood on, interactions tried): the
        loop guard's stamp of "nothing new learned" (``agents/loop_guard.py``)."""
        return self.map.version, self.model.version, len(self.visited), len(self.tried)

    def _felt(self, before: State, action: Action, pos) -> bool:
        """A move that left the agent in place shows that the cell ahead blocks (``LevelMap.bumped``)."""
        delta = MOVE_DELTAS.get(action)
        if delta is None or pos != before.pos:
            return False
        return self.map.bumped((pos[0] + delta[0], pos[1] + delta[1]))

    def _opened_unseen(self, before: State) -> bool:
        """An action rewarded with nothing seen to change, beside exactly one object believed shut (a lettered
        object, not open, not gone, that a move is not known to enter): that object is believed open (with no sight
        beyond its own cell, an object opened is not seen). Which kind opens is not said here: a move into it, as
        the model knows it, tells. Else the cells beside known only by a bump are forgotten (``LevelMap.unfelt``)."""
        shut = [p for p in neighbours(before.pos) if p in self.map.objects and p not in before.opened
                and p not in before.taken and not _enters(self.beliefs.move_outcome(p, before))]
        return len(shut) == 1 and self.map.opened_unseen(shut[0])

    def _bumped_unknown(self, before: State, action: Action, pos) -> None:
        """A move into a cell the model knew nothing about that left the agent in place was an R-max experiment (a
        walk where no move was tried), not a hunch: its step is not charged to the hunch budget (``_budget``), so
        the try whose walk it was is not dropped half way for it (second_key's episode 2 bumped a wall on the way to
        a door try, dropped the try and made it in episode 3)."""
        delta = MOVE_DELTAS.get(action)
        if delta is None or pos != before.pos or self.first_route is None:
            return
        if self.beliefs.move_outcome((pos[0] + delta[0], pos[1] + delta[1]), before) is None:
            self.first_route += 1

    def _learn_model(self, before: State, action: Action, after: State, observation: Observation) -> None:
        """File the step (the agent's or a person's) into the world model. Object cells keep their first-seen look
        on the map, so the map after the step, read with the situation before it, shows what the step met."""
        opened = before.opened
        if after.pos != before.pos and after.pos in after.opened and after.pos not in opened:
            opened = opened | {after.pos}  # a door entered was open before the move (opened out of sight: view 0)
        was = Seen(before.pos, before.keys, opened, before.taken)
        now = Seen(after.pos, after.keys, after.opened, after.taken)
        learn_step(self.model, self.map, self.fingerprint, was, Action(action), now, observation.reward,
                   observation.terminated, lambda pos: look(self.map, pos, now.opened, now.gone))
        changed = (after.opened - before.opened) | (after.taken - before.taken)
        if changed or before.keys != after.keys:  # a try that cannot be undone: dead ends if the episode is lost
            cell = min(changed) if changed else before.pos
            lk = look(self.map, cell, before.opened, before.taken)
            tried = Try(unit_action(Action(action)), lk.kind if lk else "", lk.letter if lk else "",
                        tuple(sorted(before.keys)), cell)
            self.tries.append(tried)
            if before.keys - after.keys:
                self.spent.add(tried)

    def _dead_end(self) -> bool:
        """Whether, where the episode ended, the goal is out of reach as far as the agent knows: it knows a cell that
        wins, can walk to none, and no plan over its skills, hoped ones included, reaches one. Not knowing any cell
        that wins, or having no skills to plan with, says nothing."""
        beliefs, now = self.beliefs, self.now
        winning = [cell for cell in base_looks(self.map) if wins(beliefs.move_outcome(cell, now))]
        if not winning or not self._has_skills():
            return False
        dist = walk_tree(beliefs.firm, now)[0]
        return not any(cell in dist for cell in winning) and self.plan(now, optimistic=True) is None

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

    # -- deciding --------------------------------------------------------------------------------

    @property
    def beliefs(self) -> Beliefs:
        """The learned world model as seen on this level's map (``agents/effects.py``)."""
        if (self._beliefs is None or self._beliefs.model is not self.model or self._beliefs.map is not self.map
                or self._beliefs.failures is not self.failures):
            self._beliefs = Beliefs(self.model, self.map, self.fingerprint, self.failures)
        return self._beliefs

    def plan(self, state: State, *, optimistic: bool = False, scouting: bool = False,
             budget: Budget | None = None, asking=frozenset(), beliefs: Beliefs | None = None) -> list[PlanStep] | None:
        """The cheapest chain of applicable abstract skills the model expects to win, or None
        (``skill_plan.plan``); ``optimistic``: an action never tried so may be counted on, at its risk;
        ``scouting``: a walk through cells never seen is priced as ``agents/scouting.py`` says (a route is known);
        ``budget``: the hunch budget (a bump into a known kind in a situation never tried that fits it is priced at
        what it loses: ``agents/untried_walks.py``); ``asking``: questions taken as answered yes
        (``skill_plan.plan``). In a level's replays before it settles, a doubt on which of the keys a door had
        it needs is hedged (``skill_plan.hedged``): the level's one test of it is left to the settled level's first
        episode (``_better_than_habit``), so episode 2 takes the route that holds under either reading."""
        beliefs = self.beliefs if beliefs is None else beliefs
        counter = [0]
        found = skill_plan.plan(beliefs, state, usable_skills(self.library, beliefs), self.failed,
                                max_expansions=self.max_expansions, expanded=counter, horizon=self.horizon,
                                hoping=optimistic, doubting=self.doubting, scouting=scouting, budget=budget,
                                ahead=AHEAD if self.fingerprint in self.routes else None, asking=asking,
                                hedging=self.previous_episode is not None and self.horizon == 1)
        self.search_expansions += counter[0]
        return found

    def _has_skills(self) -> bool:
        return self.library is not None and len(self.library) > 0

    def _decide(self, state: State) -> Run:
        if self.settled and self.previous_episode is not None and self._has_skills():
            if not self.habit_checked:
                self.habit_checked = True
                better = self._better_than_habit(state)
                if better is not None:
                    self.settled = False
                    return better
            habit = recall(self.library, self.level, state, self.fingerprint, self.previous_episode, self.failed)
            if habit is not None:
                return habit
        return self._deliberate(state)

    def _better_than_habit(self, state: State) -> Run | None:
        """At the start of an episode on a settled level: the first step of the model's known plan when it is
        shorter than the habit (the last won route, ``routes``: a fetch the route does not need, an order the
        model now knows to be shorter), else None. The verdict "the habit is as good" is kept until the model
        learns something, so a practiced level replays with zero search. No try is made here: a settled level
        has weighed its tries (``optimism.HORIZON``). The model's best guess is taken at face value here and for
        the rest of the episode (``doubting`` off): a route that fetched a key more than the guess needs, to be
        sure (two keys were held when a door opened), is put to the test once, so the level settles on what is
        true rather than on the hedge. That test asks the level's one pairing question, are keys alike here; where
        the level answered it already (``_answered``), the plan's doubts are priced as deliberation prices them.
        Where another try of the known plan asks the same question holding fewer keys and failing there costs less
        than at the guess's own try, it is asked there first (``questions.face_value_test``). Either way the test is
        made only where it pays over the plays a settled level is assumed to have ahead (``questions.guess_pays``):
        a guess saving a step a play whose failure costs an episode's worth is not worth its test."""
        fp = self.fingerprint
        if fp not in self.routes or self.verdicts.get(fp) == self.model.version:
            return None
        self.doubting = False
        plan = self.plan(state)
        if plan and self._answered(state, plan):
            self.doubting = True  # keys are not alike here: a door's doubt is its own, priced as deliberation does
            plan = self.plan(state)
        if plan and sum(s.cost for s in plan) < self.routes[fp]:
            face_value, self.doubting = self.doubting, True  # the known plan and a cheaper test's, priced
            known = self.plan(state)
            guessing = lambda s: self._plan_doubting(s, face_value)  # noqa: E731
            planner = lambda s, asking, b=None: self.plan(s, asking=asking, beliefs=b)  # noqa: E731
            test = questions.face_value_test(self.beliefs, state, known, plan, planner, guessing)
            if questions.guess_pays(self.beliefs, state, known, plan, planner, guessing,
                                    None if test is None else test[1]):
                self.doubting = face_value
                return test[0] if test is not None else self._first_step(state, plan)
        self.doubting = True
        self.verdicts[fp] = self.model.version
        return None

    def _plan_doubting(self, state: State, doubting: bool) -> list[PlanStep] | None:
        """The plan from ``state`` with ``doubting`` as given (the rest of a settled level's first episode plans so)."""
        kept, self.doubting = self.doubting, doubting
        try:
            return self.plan(state)
        finally:
            self.doubting = kept

    def _answered(self, state: State, plan: list[PlanStep]) -> bool:
        """Whether the first doubted step of the face-value ``plan`` asks a question this level answered: an object
        of its kind stayed shut here while a key was held (``agents/alike.py``), so the doubt is not whether keys are
        alike but which key that door needs, which the episodes that settled the level priced already. Under fog,
        rooms4-24-s505-aD.bA.cB.dC saw door A stay shut holding key d, then tested door C holding keys b and c
        (opened only holding b, c and d: 67 %) at face value in episode 4 and lost 35 steps (59 59 94 59)."""
        before = state
        for step in plan:
            if step.doubted:
                return alike.answered_no(self.beliefs, step, before)
            before = step.after if step.after is not None else before
        return False

    def _deliberate(self, state: State) -> Run:
        """The decision by search: a shortcut worth trying, a hoped plan worth its risk, the known plan, else
        exploration."""
        beliefs = self.beliefs
        plan = self.plan(state) if self._has_skills() else None
        known = sum(s.cost for s in plan) if plan else None
        budget = self._budget(state, plan)
        pledged = self._pledged()
        if plan and self.learning:
            novel, waiting, pledges = [], [], []
            run = shortcut(state, known, walk_tree(beliefs.likely, state), beliefs, self.horizon,
                           self.level.max_steps, budget, novel, self.begun.setdefault(self.fingerprint, set()), waiting,
                           self.plan, pledges)
            if pledges:  # a try begun with a fetch is carried through, as a hoped plan's is
                self.pledge, self.pledged_stake = pledges[0], None
            self.waited = self.waited or bool(waiting)
            if novel:
                self.first_route = None  # what an R-max try costs is not a hunch's: the budget starts again after it
            if run is not None:
                return run
        hope = None
        if self.learning and self._has_skills():  # a walk through cells never seen is scouting if a route is known
            hope = self.plan(state, optimistic=True, scouting=plan is not None, budget=budget)
        ahead = AHEAD if self.fingerprint in self.routes else None
        if hope and known is not None and budget is not None and waits(hope, known, self.horizon, budget, ahead,
                                                                          state.steps + known):
            lent = lend(hope, known, budget, state.steps + known, ahead)  # a search for more than the budget's share: made now, not waited for
            if lent is None:
                self.waited = True
            else:
                budget = lent
        if hope and worth_hoping(hope, known, self.horizon, None if pledged and self._carries(hope) else budget,
                                 ahead):
            probe = self._probe(state, hope, known, budget) if plan else None
            if probe is not None:
                return probe
            if known is not None:
                hoped = next(s for s in hope if s.hoped)
                self.pledge = (hoped.target[1], hoped.action.value)
                self.pledged_stake = self._stake(hoped.belief)
            if known is None:  # a door other levels make possible may beat even the hoped route, at its risk
                run = shortcut(state, sum(s.cost for s in hope), walk_tree(beliefs.likely, state), beliefs,
                               self.horizon, self.level.max_steps, self._budget(state, hope))
                if run is not None:
                    return run
            return self._first_step(state, hope, hoped_against=known)
        if plan and self.learning and self.previous_episode is not None:  # replays: what an answer saves is theirs
            run = questions.ask(beliefs, state, self.start_state, plan,
                                lambda s, asking: self.plan(s, asking=asking), self.horizon)
            if run is not None:
                return run
        if plan:
            return self._first_step(state, plan)
        return self._explore(state)

    def _probe(self, state: State, hope: list[PlanStep], known: int, budget: Budget | None) -> Run | None:
        """When the hoped plan to be followed walks through a kind no move was ever seen into: a bump into the
        cheapest cell of that kind instead (``agents/kind_probe.py``: the same question, asked for less), unless the
        hope's own first bump into that kind loses less (its walk there, the bump and the known plan from there,
        against the known route: it may lie on the way); as dear, the probe (a bump on the hope's walk fails its skill
        for the rest of the episode, and the known route may end with it). The probe is not charged to the hunch
        budget (what nothing is known about at all is R-max's: ``optimism.affordable``). Else None."""
        kinds = kind_probe.untried_kinds(self.beliefs, state, hope) if budget is not None else frozenset()
        found = kind_probe.cheapest(self.beliefs, state, kinds, budget) if kinds else {}
        if not found:
            return None
        kind = min(found, key=lambda k: (found[k][0], k))
        cost, actions = found[kind]
        own = kind_probe.first_bump(self.beliefs, state, hope, kinds)
        if own is not None:  # where the hope itself would bump: what that loses against the known route
            after = self.plan(own[0])
            if after is not None and own[1] + 1 + sum(s.cost for s in after) - known < cost:
                return None
        if self.first_route is not None:  # an R-max question, not a hunch: its walk off the way is not charged to the
            self.first_route += cost - 1  # hunch budget (its bump is not either: ``_bumped_unknown``)
        return exploring(actions, explain.probe(kind, known - sum(s.cost for s in hope), cost))

    def _pledged(self) -> bool:
        """Whether the hoped step of the last hoped plan followed against a known route (``pledge``: its object's
        cell and action) is still to be tried this episode. Until it is, hoped plans are weighed with no budget:
        a try begun (a key fetched for it) is carried through, not dropped half way when the plan from the new
        state makes its failure look dearer (its first steps would be spent for nothing, and the same try begun
        again next episode). It ends when the action was done at that object (``tried``), whatever came of it."""
        if self.pledge is not None and any((cell, action) == self.pledge for cell, action, _ in self.tried):
            self.pledge = None
        return self.pledge is not None

    def _carries(self, hope: list[PlanStep]) -> bool:
        """Whether a pledge lifts the budget for ``hope``: only for the try pledged (a walk through cells never seen
        that is not it was not fetched for: it is weighed anew, ``agents/scouting.py``), and where the pledge was a
        walk through cells never seen, only for a walk there that puts no more at stake (``pledged_stake``): a
        near-sure walk to the goal does not carry a search that risks a third of the route to the same goal."""
        hoped = next((s for s in hope if s.hoped), None)
        if hoped is None:
            return True
        if (hoped.target[1], hoped.action.value) != self.pledge:
            return False
        bound = self.pledged_stake
        return bound is None or hoped.belief.unseen_loss is None or hoped.belief.at_stake <= bound + 1e-9

    @staticmethod
    def _stake(belief) -> float | None:
        """What a pledged hope put at stake, for ``_carries``: a walk through cells never seen, what it risked; None
        (no bound) for any other try, and for a search of a wall's never-seen stretch, weighed whole (the walks beside
        a blocked one are its own)."""
        return belief.at_stake if belief.unseen_loss is not None and not belief.search else None

    def _budget(self, state: State, plan: list[PlanStep] | None) -> Budget | None:
        """What a failed try may still cost this episode: once a route is known, the episode stays within
        ``BUDGET`` of its length by the first route known in it, plus what earlier episodes saved (``_allowance``;
        a bad hunch costs a few steps, not an episode; an R-max try is not bounded: ``optimism.affordable``). None
        while no route is known (finding one is the point). Its ``share`` for tries whose failure costs little
        (``optimism.cheap_try``) is nothing in a level's first episode: what such a try finds serves the episodes
        after, and a first episode on a level like those trained on keeps to the route it knows (a trained library
        tried door F of distractor_keys holding nothing, 8 %, one step)."""
        if not plan:
            return None
        known = sum(s.cost for s in plan)
        if self.first_route is None:
            self.first_route = state.steps + known
        firm, first = self.beliefs.firm, plan[0]
        found: dict = {}

        def rejoin(cell) -> int | None:
            if cell not in found:
                dist = walk_tree(firm, state._replace(pos=cell))[0].get(first.end)
                found[cell] = None if dist is None else dist + 1 - first.cost
            return found[cell]

        share = BUDGET * self.first_route if self.previous_episode is not None else 0.0  # cheap tries: replays only
        return Budget(self._allowance() + self.first_route - state.steps - known, rejoin, share)

    def _allowance(self) -> float:
        """``BUDGET`` of the first route known this episode, plus what earlier episodes here left unspent: a try
        that costs more than one episode's share waits until enough is saved (until the level is settled)."""
        return BUDGET * self.first_route + self.saved.get(self.fingerprint, 0.0)

    def _walk(self, state: State, hopeful: bool = False) -> tuple[dict, dict]:
        """Distances and parents from the agent where moves are known to go (``hopeful``: and where unknown)."""
        beliefs = self.beliefs
        return walk_tree(beliefs.hopeful if hopeful else beliefs.firm, state)

    def _first_step(self, state: State, plan: list[PlanStep], hoped_against: int | None = ORDINARY) -> Run:
        walked = self._walk(state)
        first = plan[0]
        if first.belief.unseen_loss is not None:  # planned through cells never seen (``agents/scouting.py``)
            walked = scouting.tree(self.beliefs, state)
        elif walked[0].get(first.end, -1) + 1 != first.cost:  # planned through cells no move was tried into
            walked = walk_tree(self.beliefs.likely, state)
        else:  # of the shortest walks, one that passes where a shorter way might run (``agents/likeliest_walk.py``)
            walked = likeliest_walk.looking(self.beliefs, state, walked, first.end)
        run, composite = first_step(self.library, self.level, state, self.fingerprint, plan, walked,
                                    self.failed, hoped_against=hoped_against,
                                    find_composite=self._composite is None and state.steps == 0)
        if composite is not None:
            self._composite = composite
        if run is not None and first.belief.unseen_loss is not None:
            run.scouting = True
        kept = next((s for s in plan if s.belief.voted and s.belief.kept), None)
        if run is not None and kept is not None and self.fingerprint in self.routes and run.mode == explain.PLANNED:
            run.reason = explain.tested_guess(self.level, kept, run.reason, AHEAD)
        return run if run is not None else self._explore(state)

    def _explore(self, state: State) -> Run:
        found = curious(self.model, self.map, self.fingerprint, Seen(state.pos, state.keys, state.opened, state.taken),
                        self.rng)
        if found is not None:
            return Run(list(found.actions), None, CURIOUS, f"{EXPLORED}: {found.reason}", None)
        return explore(state, self._walk(state, hopeful=True), self.beliefs, self.visited, self.tried, self.rng)


def _enters(outcome) -> bool:
    """Whether a move is known to enter a cell (``Beliefs.move_outcome``: None when the model does not know)."""
    return outcome is not None and outcome.moved
