"""The skills importer, checked strictly and merged in one transaction: fuzzed (any input gives skills or a
``SkillFileError``, nothing else), all-or-nothing, idempotent, never evicting, never taking an empty program."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procmem_tui.commands import knowledge_io
from procmem_tui.errors import UserError
from procmem_tui.memory import SkillStore
from procmem_tui.memory.features import EMBED_DIM
from procmem_tui.memory.skill import Skill
from procmem_tui.memory.skill_check import SkillFileError
from procmem_tui.memory.skill_file import EXPORT_FORMAT, load_payload, parse_export, skill_to_dict
from procmem_tui.memory.store_file import StoreError


def _skill(i: int, program=("move_up", "pickup_key"), uses: int = 3) -> Skill:
    return Skill(name=f"s{i}", kind="motor", program=program, effect=("key_picked",),
                 preconditions=frozenset({f"at:{i},0"}), embedding=np.full(EMBED_DIM, 0.5, dtype=np.float32),
                 attempts=uses, successes=uses, uses=uses, last_used_episode=1)


def _text(skills) -> str:
    return json.dumps({"format": EXPORT_FORMAT, "skills": [skill_to_dict(s, embedding=True) for s in skills]})


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
FIELDS = ["id", "name", "kind", "source", "program", "effect", "preconditions", "context", "uses", "attempts",
          "successes", "origin_episode", "created_episode", "last_used_episode", "versions", "embedding"]


@st.composite
def mutated_exports(draw):
    """A valid export with some fields of some skills replaced by arbitrary JSON values."""
    data = json.loads(_text([_skill(0), _skill(1, ("move_left",))]))
    for _ in range(draw(st.integers(1, 3))):
        item = data["skills"][draw(st.integers(0, 1))]
        item[draw(st.sampled_from(FIELDS))] = draw(JSON_VALUES)
    return json.dumps(data, allow_nan=True)


def _parse(text: str):
    """Skills, or our error: whatever else escapes fails the test."""
    try:
        payload = load_payload(text, "fuzz.json")
        knowledge_io.read_section(payload, "fuzz.json")
        return parse_export(text, "fuzz.json")
    except (SkillFileError, UserError) as exc:
        assert "\n" not in str(exc)
        return None


@settings(max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_exports())
def test_fuzzed_fields_give_skills_or_one_error(text):
    """A mutated skills export gives skills with non-empty text programs and finite embeddings, or a SkillFileError,
    nothing else."""
    skills = _parse(text)
    if skills is not None:
        for skill in skills:
            assert skill.program and all(isinstance(step, str) for step in skill.program)
            assert np.isfinite(skill.embedding).all()


@settings(max_examples=60, deadline=2000)
@given(st.text(max_size=200) | JSON_VALUES.map(lambda v: json.dumps(v, allow_nan=True)))
def test_any_text_gives_skills_or_one_error(text):
    """Any text or JSON value gives skills or a SkillFileError, nothing else."""
    _parse(text)


@pytest.fixture
def store(tmp_path):
    with SkillStore.open(tmp_path / "lib.sqlite3") as store:
        lib = store.load_library()
        for i in range(3):
            lib.add(_skill(i), 1)
        store.save_library(lib)
        yield store


def _stored(store) -> list:
    return sorted((s.id, s.program, s.uses, s.attempts) for s in store.load_library())


def test_importing_the_same_skills_twice_changes_nothing(store):
    """Merging by id keeps the larger count of each statistic: the library's own skills are all 'unchanged'."""
    before = _stored(store)
    result = store.import_skills(parse_export(_text(store.load_library()), "own.json"))
    assert (result.new, result.updated, result.unchanged) == (0, 0, 3)
    assert _stored(store) == before


def test_a_shorter_program_improves_a_skill_and_larger_counts_are_kept(store):
    """Importing a known skill with a shorter program updates it (a new version) and keeps the larger use count."""
    better = _skill(0, program=("pickup_key",), uses=10)
    result = store.import_skills([better])
    assert (result.new, result.updated) == (0, 1)
    merged = store.load_library().get(better.id)
    assert merged.program == ("pickup_key",) and merged.uses == 10
    assert [v.program for v in merged.versions][-1] == ("pickup_key",)


def test_an_empty_program_never_replaces_a_learned_one(store):
    """An export whose skill has an empty program is refused, so it never replaces a learned one."""
    data = json.loads(_text([_skill(0)]))
    data["skills"][0]["program"] = []
    with pytest.raises(SkillFileError, match="is empty"):
        parse_export(json.dumps(data), "empty.json")


def test_an_import_that_would_overflow_the_library_is_refused_whole_and_evicts_nothing(store):
    """Capacity 4 with 3 stored: 2 new skills would make 5, so nothing at all is imported."""
    before = _stored(store)
    with pytest.raises(StoreError, match="never evicts"):
        store.import_skills([_skill(10), _skill(11), _skill(0)], capacity=4)
    assert _stored(store) == before
    assert store.import_skills([_skill(10)], capacity=4).new == 1
