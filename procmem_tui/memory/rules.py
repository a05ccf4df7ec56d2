"""What an agent has learned about interactions, from counts: which situations make them work, and what they change.

Nothing here knows the world's rules. An *interaction* is ``pickup_key`` on a key, ``open_door`` on a door or
``enter`` on a goal. Its *situation* is a set of generic relational facts (``memory.facts.relations``: the
object's kind, whether anything is held, whether a held key has the object's letter, whether one has another
letter); what it *changed* is another set (``memory.facts.changes``: a key of the same/another letter gained or
lost, the object opened or taken, the episode ended). Every try is counted, never overwritten, per **context** (a
level's fingerprint: worlds with different rules must not poison each other).

An interaction *worked* in a situation when its main change (key taken, door opened, episode ended) followed
most tries there. Which relations matter is learned: a situation is

* **known here** when it was tried in this context (its counts decide);
* else **pooled** when it was tried in other contexts: each votes once (did it work there?) and the belief is
  Beta(1 + votes for, 1 + votes against) — a hundred episodes on one level do not outvote ten other levels.
  Until its mean reaches ``TRUSTED`` (or falls to 1 − ``TRUSTED``: 3 levels agreeing) it is **doubted**, and
  its chance also counts the levels that tried the interaction, never in this situation, as levels where it
  was not seen to work: a door that a wrong key opened on one level of twenty-three gets a chance of 2/25, the
  share of levels that showed it, not the 2/3 of one vote. So one odd level cannot make the agent abandon the
  rule it learned on many, while a rule seen on the only level played so far (1 of 1: 2/3) is planned on;
  a doubt below even odds is only tried when optimism finds it worth its risk;
* else **implied here** by the halving algorithm: the hypotheses are "always", each relation and its negation;
  those consistent with every situation tried here vote, and the share saying "works" is the belief (a tie is
  not enough to plan on; optimism may test it). Every wrong prediction removes at least half the voters;
* else unknown (the agent's optimism may try it).

What a working interaction changes is the majority over its successful tries here, else over contexts (one vote
each). ``knowledge()``/``from_knowledge`` round-trip all of it as plain JSON-able data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

PICKUP, OPEN, ENTER = "pickup_key", "open_door", "enter"
INTERACTIONS = (PICKUP, OPEN, ENTER)
MAIN_CHANGE = {PICKUP: "taken:target", OPEN: "opened:target", ENTER: "ended"}

VERBS = {PICKUP: "taken", OPEN: "opened", ENTER: "ended the episode"}
SITUATION_WORDS = {
    frozenset(): "always",
    frozenset({"held:none"}): "holding nothing",
    frozenset({"held:same_letter"}): "holding its letter",
    frozenset({"held:other_letter"}): "holding only other letters",
    frozenset({"held:same_letter", "held:other_letter"}): "holding its letter and others",
}
CHANGE_WORDS = {"gained:same_letter": "its letter joined the keys held", "lost:same_letter": "the key of its letter was used up",
                "lost:other_letter": "a key of another letter was used up", "taken:target": "the key left the floor",
                "gained:other_letter": "a key of another letter joined the keys held", "ended": "the episode ended",
                "opened:target": "the door opened"}
TRUSTED = 0.8  # a pooled belief this sure (3 of 3 levels agreeing) is no longer a doubt
LITERALS = ("held:none", "held:same_letter", "held:other_letter")
HYPOTHESES = ("always",) + LITERALS + tuple(f"not {f}" for f in LITERALS)


def holds(hypothesis: str, situation: frozenset) -> bool:
    """Whether a one-fact rule ("always", a relation, or "not" a relation) says the interaction works."""
    if hypothesis == "always":
        return True
    if hypothesis.startswith("not "):
        return hypothesis[4:] not in situation
    return hypothesis in situation


@dataclass
class Tally:
    """Tries of one interaction in one situation and context, and how often each change followed."""

    tries: int = 0
    worked: int = 0
    changes: Counter = field(default_factory=Counter)

    @property
    def works(self) -> bool:
        return 2 * self.worked > self.tries


@dataclass(frozen=True)
class Belief:
    """What the agent expects of an interaction in a situation: ``p`` that it works, what it changes, and why."""

    p: float
    changes: frozenset
    source: str  # "here" (counted here), "implied" (by what was tried here), "pooled" (other levels agree),
    # "doubted" (other levels, too few or divided to plan on), "untried" (optimism's hope), "none"
    evidence: str = ""

    @property
    def works(self) -> bool:
        """Planned on as working: more likely than not."""
        return self.p > 0.5


UNKNOWN = Belief(1.0, frozenset(), "none", "never tried anywhere")


class RuleBook:
    """Counts of every interaction try, per context (least recently used contexts beyond ``max_contexts`` go)."""

    def __init__(self, max_contexts: int = 256) -> None:
        self.max_contexts = max_contexts
        self._tallies: dict[str, dict[tuple[str, frozenset], Tally]] = {}
        self.names: dict[str, str] = {}  # context -> a name to show (the level's)
        self._cache: dict = {}  # beliefs since the last observation (the planner asks many times)
        self.plays: dict[str, int] = {}  # context -> episodes begun there (how long a route found there may serve)
        self.last_episode: dict[str, int] = {}  # context -> number of the last episode begun there

    # -- learning -------------------------------------------------------------------------------

    def note_play(self, context: str, name: str = "", episode: int | None = None) -> tuple[int, int | None]:
        """An episode begins in ``context``: how many began there before it, and the number of the last one."""
        before, last = self.plays.get(context, 0), self.last_episode.get(context)
        self._touch(context, name)
        self.plays[context] = before + 1
        if episode is not None:
            self.last_episode[context] = episode
        return before, last

    def _touch(self, context: str, name: str) -> dict:
        self._cache.clear()
        tallies = self._tallies.pop(context, {})
        self._tallies[context] = tallies  # most recently used last
        if name:
            self.names[context] = name
        while len(self._tallies) > self.max_contexts:
            gone = next(iter(self._tallies))
            del self._tallies[gone]
            self.names.pop(gone, None)
            self.plays.pop(gone, None)
            self.last_episode.pop(gone, None)
        return tallies

    def observe(self, context: str, interaction: str, situation: frozenset, changes: frozenset,
                name: str = "") -> None:
        tally = self._touch(context, name).setdefault((interaction, frozenset(situation)), Tally())
        tally.tries += 1
        tally.worked += MAIN_CHANGE[interaction] in changes
        tally.changes.update(changes)

    # -- beliefs --------------------------------------------------------------------------------

    def _implied(self, context: str, interaction: str, situation: frozenset) -> float | None:
        """The share of the hypotheses consistent with every situation tried here that say ``situation`` works
        (the halving algorithm's vote); None when nothing was tried here or no hypothesis is consistent."""
        seen = [(s, t.works) for (i, s), t in self._tallies.get(context, {}).items() if i == interaction]
        if not seen:
            return None
        consistent = [h for h in HYPOTHESES if all(holds(h, s) == works for s, works in seen)]
        if not consistent:
            return None
        return sum(holds(h, situation) for h in consistent) / len(consistent)

    def _changes(self, contexts, interaction: str, situation: frozenset) -> frozenset:
        """Changes in most successful tries (in this situation if it worked there, else in any), one vote per
        context."""
        votes: Counter = Counter()
        voters = 0
        for context in contexts:
            tallies = self._tallies.get(context, {})
            same = tallies.get((interaction, situation))
            worked = [same] if same is not None and same.worked else [
                t for (i, _), t in tallies.items() if i == interaction and t.worked]
            if not worked:
                continue
            voters += 1
            total = sum(t.worked for t in worked)
            mine: Counter = Counter()
            for t in worked:
                mine.update(t.changes)
            votes.update(c for c, n in mine.items() if 2 * n > total)
        return frozenset(c for c, n in votes.items() if 2 * n > voters)

    def belief(self, context: str, interaction: str, situation: frozenset) -> Belief:
        key = (context, interaction, frozenset(situation))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._belief(*key)
        return found

    def _belief(self, context: str, interaction: str, situation: frozenset) -> Belief:
        tally = self._tallies.get(context, {}).get((interaction, situation))
        if tally is not None:
            changes = self._changes([context], interaction, situation) if tally.works else frozenset()
            return Belief(1.0 if tally.works else 0.0, changes, "here", f"{tally.worked}/{tally.tries} here")
        yes = no = 0
        for other, tallies in self._tallies.items():
            counted = tallies.get((interaction, situation)) if other != context else None
            if counted is not None:
                yes, no = yes + counted.works, no + (not counted.works)
        if yes + no:
            p = (1 + yes) / (2 + yes + no)
            others = (c for c in self._tallies if c != context)
            changes = self._changes(others, interaction, situation) if p > 0.5 else frozenset()
            evidence = f"worked on {yes} of {yes + no} levels"
            if max(p, 1 - p) >= TRUSTED - 1e-9:
                return Belief(p, changes, "pooled", evidence)
            silent = sum(1 for other, tallies in self._tallies.items() if other != context
                         and (interaction, situation) not in tallies and any(i == interaction for i, _ in tallies))
            p = (1 + yes) / (2 + yes + no + silent)
            if silent:
                evidence += f"; not seen on {silent} more"
            return Belief(p, changes, "doubted", evidence)
        implied = self._implied(context, interaction, situation)
        if implied is not None:
            changes = frozenset()
            if implied >= 0.5:  # what it changes: as where it worked here, else on other levels
                changes = self._changes([context], interaction, situation) or self._changes(
                    (c for c in self._tallies if c != context), interaction, situation)
            return Belief(implied, changes, "implied", f"{implied:.0%} of the rules consistent with this level")
        return UNKNOWN

    def hoped(self, context: str, interaction: str, p: float = 1.0) -> Belief:
        """The optimistic belief for a situation nothing settles (chance ``p``): it works, changing what the
        interaction changed where it worked (here, else on other levels)."""
        changes = self._changes([context], interaction, frozenset({"?"}))
        if not changes:
            changes = self._changes((c for c in self._tallies if c != context), interaction, frozenset({"?"}))
        return Belief(p, changes, "untried", "never tried in this situation here: optimism")

    def tried_here(self, context: str, interaction: str, situation: frozenset) -> bool:
        return (interaction, frozenset(situation)) in self._tallies.get(context, {})

    def knows(self, interaction: str) -> bool:
        """Whether the interaction has ever worked anywhere (a skill for it is worth planning with)."""
        return any(i == interaction and t.worked for tallies in self._tallies.values() for (i, _), t in tallies.items())

    # -- showing and keeping ----------------------------------------------------------------------

    def explain(self, interaction: str, context: str | None = None, others: int = 2) -> list[str]:
        """What the agent believes about one interaction, a line per situation, for a person to read:
        "holding its letter: opened 14/14 here · 5/5 on classic · 20/20 on 6 levels". ``context`` is "here"."""
        verb = VERBS[interaction]
        situations = sorted({s for tallies in self._tallies.values() for (i, s) in tallies if i == interaction},
                            key=lambda s: (len(s), sorted(s)))
        lines = []
        for situation in situations:
            parts = []
            mine = self._tallies.get(context, {}).get((interaction, situation)) if context else None
            if mine is not None:
                parts.append(f"{verb} {mine.worked}/{mine.tries} here")
            elsewhere = [(c, t) for c in reversed(list(self._tallies)) if c != context
                         for t in [self._tallies[c].get((interaction, situation))] if t is not None]
            for c, t in elsewhere[:others]:
                parts.append(f"{t.worked}/{t.tries} on {self.names.get(c, c[:8])}")
            if len(elsewhere) > others:
                rest = elsewhere[others:]
                parts.append(f"{sum(t.worked for _, t in rest)}/{sum(t.tries for _, t in rest)} on "
                             f"{len(rest)} more level{'s' if len(rest) > 1 else ''}")
            if mine is None:
                parts[0] = f"{verb} {parts[0]}"
            lines.append(f"{SITUATION_WORDS.get(situation, ', '.join(sorted(situation)))}: {' · '.join(parts)}")
        changed = self._changes([context] if context in self._tallies else list(self._tallies), interaction,
                                frozenset({"?"})) - {MAIN_CHANGE[interaction]}
        if changed:
            lines.append("when it worked, also: " + ", ".join(CHANGE_WORDS.get(c, c) for c in sorted(changed)))
        return lines


    def rows(self, interaction: str | None = None):
        """(context, name, interaction, situation, tally) for every counted try, contexts most recent first."""
        for context in reversed(list(self._tallies)):
            for (i, s), t in sorted(self._tallies[context].items(), key=lambda kv: (kv[0][0], sorted(kv[0][1]))):
                if interaction is None or i == interaction:
                    yield context, self.names.get(context, context[:8]), i, s, t

    def knowledge(self) -> dict:
        return {"max_contexts": self.max_contexts, "contexts": [
            {"context": c, "name": self.names.get(c, ""), "plays": self.plays.get(c, 0),
             "last_episode": self.last_episode.get(c), "tallies": [
                {"interaction": i, "situation": sorted(s), "tries": t.tries, "worked": t.worked,
                 "changes": dict(sorted(t.changes.items()))} for (i, s), t in tallies.items()]}
            for c, tallies in self._tallies.items()]}

    @classmethod
    def from_knowledge(cls, data: dict) -> "RuleBook":
        """The book ``knowledge()`` described; ``ValueError`` if the data is not such a description."""
        if not isinstance(data, dict) or not isinstance(data.get("contexts", []), list):
            raise ValueError("rules must be an object with a list of contexts")
        book = cls(_count(data.get("max_contexts", 256), "max_contexts") or 256)
        for entry in data.get("contexts", []):
            context = str(entry["context"])
            tallies = book._tallies.setdefault(context, {})
            if entry.get("name"):
                book.names[context] = str(entry["name"])
            if entry.get("plays"):
                book.plays[context] = _count(entry["plays"], "plays")
            if entry.get("last_episode") is not None:
                book.last_episode[context] = _count(entry["last_episode"], "last_episode")
            for t in entry["tallies"]:
                if t["interaction"] not in INTERACTIONS or not isinstance(t["situation"], list):
                    raise ValueError(f"not a counted interaction: {str(t)[:60]}")
                tries, worked = _count(t["tries"], "tries"), _count(t["worked"], "worked")
                if worked > tries:
                    raise ValueError(f"worked ({worked}) is more than tries ({tries})")
                changes = Counter({str(k): _count(v, "a change count") for k, v in t["changes"].items()})
                tallies[(t["interaction"], frozenset(map(str, t["situation"])))] = Tally(tries, worked, changes)
        return book


def _count(value, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{what} must be a count, not {value!r}")
    return value
