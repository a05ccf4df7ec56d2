"""The episode-file reader (``procmem replay --json``), fuzzed: any text, or a real episode file with fields
replaced by arbitrary JSON, gives an episode that replays or one ``RecordingError`` line; and printed text from
outside (names, reasons) never carries control characters."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procmem_tui.agents import make_agent
from procmem_tui.memory import SkillStore
from procmem_tui.recording import RecordingError, episode_from_json, episode_to_json, replay
from procmem_tui.safe_text import markup_safe, printable
from procmem_tui.session import LevelSource, Session
from procmem_tui.world import load_level


@pytest.fixture(scope="module")
def episode_text() -> str:
    with SkillStore.open(None) as store:
        session = Session(LevelSource.fixed(load_level("classic")), make_agent("planner"), store)
        summary = session.run_episode()
        return episode_to_json(store.get_episode(summary.episode_id))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
PLACES = ["id", "episode", "level_name", "level", "family", "seed", "agent", "source", "start", "start.pos",
          "start.keys", "start.opened", "start.taken", "start.steps", "outcome.steps", "outcome.reward",
          "outcome.success", "actions", "decisions", "rewards", "events", "learned"]


def _read(text: str):
    try:
        row = episode_from_json(text, "fuzz.json")
    except RecordingError as exc:
        assert "\n" not in str(exc)
        return None
    try:
        return replay(row)
    except RecordingError:
        return None


@settings(max_examples=60, deadline=3000, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_mutated_episode_file_replays_or_is_one_error(episode_text, data):
    """A real episode file with fields replaced by arbitrary JSON replays (every state inside the level) or is one
    RecordingError."""
    doc = json.loads(episode_text)
    for _ in range(data.draw(st.integers(1, 3))):
        place = data.draw(st.sampled_from(PLACES))
        target, _, key = place.rpartition(".")
        holder = doc[target] if target and isinstance(doc.get(target), dict) else doc
        holder[key] = data.draw(JSON_VALUES)
    rec = _read(json.dumps(doc, allow_nan=True))
    if rec is not None:
        for state in rec.states:
            x, y = state.pos
            assert 0 <= x < rec.level.width and 0 <= y < rec.level.height


@settings(max_examples=60, deadline=2000)
@given(st.text(max_size=300))
def test_any_text_is_an_episode_or_one_error(text):
    """Any text read as an episode file is an episode or one RecordingError."""
    _read(text)


@settings(max_examples=100, deadline=1000)
@given(st.text(max_size=60))
def test_printable_text_has_no_control_characters_and_markup_is_escaped(text):
    """printable() leaves no control character, and markup_safe() text shows as written under Rich markup."""
    shown = printable(text)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in shown)
    from rich.text import Text

    # shown as written (Rich doubles a trailing backslash so that it cannot escape markup that follows)
    assert Text.from_markup(markup_safe(text)).plain.rstrip("\\") == shown.rstrip("\\")
