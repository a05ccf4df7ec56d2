"""A replan's shortcut and questions work out only what can change their answer: a try that could not be shorter
than the known route has no chance asked, a kind's rules are read again only once its unit learned, and the map is
read a look at a time, not cell by cell. The answers are the same (``first_episodes.py`` and the other landing
benchmarks print the same steps); these pin the work not done."""

from __future__ import annotations

from pathlib import Path

from procmem_tui.agents import make_agent, questions
from procmem_tui.agents.optimism import Candidates, best_shortcut, from_model
from procmem_tui.agents.questions import kind_vote
from procmem_tui.agents.skill_plan import question
from procmem_tui.memory.imagine import Look
from procmem_tui.memory.library import SkillLibrary
from procmem_tui.memory.paths import reachable
from procmem_tui.memory.world_model import BESIDE, HERE, Outcome, features
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import Action, State, generate, load_level
from stand_ins import DOOR_UNIT, OPENED, SHUT, Learned, VoteBeliefs

LEVELS = Path(__file__).parent / "levels"


def test_no_chance_is_asked_of_a_try_no_shorter_than_the_known_route():
    """On shortcut_u the door is 5 steps from the start as the crow flies (the try alone: 10 steps). Against a known
    route of 17 its chance is asked, with and without the key fetched first; against one as short as the straight
    line to the door, no try through it can save a step, and no chance is asked at all (the shortcut is None, as it
    was when every chance was asked)."""
    level = load_level(LEVELS / "shortcut_u.txt")
    state, ground = State(level.start), Learned(level)
    found = Candidates({door: (((Action.OPEN_DOOR, False),), 1.0) for door in level.doors},
                       {key: (Action.PICKUP_KEY, frozenset(letter), 1.0) for key, letter in level.keys.items()},
                       frozenset(level.goals))
    dist = reachable(ground, state)
    (door,) = level.doors
    apart = abs(door[0] - state.pos[0]) + abs(door[1] - state.pos[1])
    asked = []

    def chance(door, action, keys):
        asked.append(keys)
        return 1.0

    assert best_shortcut(found, state, 17, dist, chance, lambda key: True, ground=ground).route == 10
    assert frozenset() in asked and any(asked)  # the door alone, and with the key fetched first
    asked.clear()
    assert best_shortcut(found, state, apart, dist, chance, lambda key: True, ground=ground) is None
    assert asked == []


OTHER = ("pickup_key", HERE, "key")


def test_a_kinds_rules_are_read_again_only_once_its_unit_learned(monkeypatch):
    """Door F stayed shut holding nothing and opened holding e and f: the rules split on a door held with its own key
    alone. A fact filed about keys leaves the door's rules as they were, and they are not worked out again; a new fact
    about doors (door C opened holding c alone) is read, and the vote is the one a fresh reading gives."""
    beliefs = VoteBeliefs(("F", "", SHUT), ("F", "ef", OPENED), ("C", "ef", OPENED))
    read = []
    fitting = questions._fitting
    monkeypatch.setattr(questions, "_fitting", lambda *args: read.append(args[1:]) or fitting(*args))
    own_alone = question(Action.OPEN_DOOR, BESIDE, Look("door", "E", False), frozenset("e"))
    assert kind_vote(beliefs, own_alone) == 0.5
    assert questions._split_somewhere(beliefs)
    before = len(read)
    beliefs.model.learn(OTHER, features("c", False, frozenset()), Outcome(object="gone", gained=("own",)), "here")
    assert kind_vote(beliefs, own_alone) == 0.5 and questions._split_somewhere(beliefs)
    assert len(read) == before
    beliefs.model.learn(DOOR_UNIT, features("C", False, frozenset("c")), OPENED, "here")
    fresh = VoteBeliefs(("F", "", SHUT), ("F", "ef", OPENED), ("C", "ef", OPENED), ("C", "c", OPENED))
    assert kind_vote(beliefs, own_alone) == kind_vote(fresh, own_alone)
    assert len(read) > before


def test_the_candidates_are_read_a_look_at_a_time():
    """After two episodes of a four-room level the shortcut's candidates at the start are worked out from the map's
    looks: far fewer cells are looked at one by one than the map has (the walls and the floor are read as groups),
    and every seen cell still has its label."""
    agent = make_agent("procmem", seed=0, library=SkillLibrary(seed=0))
    session = Session(LevelSource.fixed(generate("rooms", 16, 3, rooms=4, distractors=2)), agent)
    for _ in range(2):
        session.run_episode()
    beliefs, state = agent.beliefs, agent.start_state
    looked = []
    look = beliefs.look
    beliefs.look = lambda pos, st: looked.append(pos) or look(pos, st)
    found = from_model(beliefs, state)
    cells = len(agent.map.cells)
    assert len(found.labels) >= cells > 4 * len(looked)
