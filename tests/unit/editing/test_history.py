"""EditHistory: unbounded undo/redo over drafts, joined strokes, and the saved/dirty mark."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from procmem_tui.editing import LEVEL_CHARS, Draft, EditHistory

START = Draft.from_text("; name: start\n#####\n#@.G#\n#####\n")

edits = st.one_of(
    st.tuples(st.just("place"), st.integers(0, 6), st.integers(0, 4), st.sampled_from(LEVEL_CHARS)),
    st.tuples(st.just("resize"), st.sampled_from(["top", "bottom", "left", "right"]), st.booleans()),
    st.tuples(st.just("field"), st.sampled_from(["name", "description", "max_steps", "doors", "keys", "view"]),
              st.text(alphabet="abc 12", max_size=4)),
)


def apply(draft: Draft, edit) -> Draft:
    if edit[0] == "place":
        return draft.place((edit[1], edit[2]), edit[3])
    if edit[0] == "resize":
        return draft.resize_edge(edit[1], edit[2])
    return draft.with_field(edit[1], edit[2])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(edits, st.booleans()), max_size=40))
def test_any_edits_then_as_many_undos_give_back_the_start(sequence):
    """Any edits, joined or not, undone as many times give back the starting draft, not dirty."""
    history = EditHistory(START)
    for edit, join in sequence:
        history.push(apply(history.current, edit), join=join)
    for _ in sequence:
        history.undo()
    assert history.current == START
    assert not history.dirty


@settings(max_examples=100, deadline=None)
@given(st.lists(edits, min_size=1, max_size=30))
def test_undo_all_then_redo_all_gives_back_the_end(sequence):
    """Undoing everything then redoing everything gives back the last draft."""
    history = EditHistory(START)
    for edit in sequence:
        history.push(apply(history.current, edit))
    end = history.current
    while history.undo() is not None:
        pass
    while history.redo() is not None:
        pass
    assert history.current == end


def test_a_stroke_is_one_undo_and_a_new_edit_drops_the_redo_branch():
    """Edits joined into one stroke undo in one step; a new edit after an undo drops what could be redone."""
    history = EditHistory(START)
    draft = START
    for col in range(5):
        draft = draft.place((col, 0), ".")
        history.push(draft, join=True)
    history.end_stroke()
    assert history.undo() == START
    history.push(START.place((0, 0), "G"))
    assert not history.can_redo and history.current.rows[0][0] == "G"


def test_dirty_follows_the_saved_entry():
    """The draft is dirty exactly when the current entry is not the one last saved, through undo and redo."""
    history = EditHistory(START)
    assert not history.dirty
    history.push(START.place((1, 1), "X"))
    assert history.dirty
    history.mark_saved()
    assert not history.dirty
    history.undo()
    assert history.dirty
    history.redo()
    assert not history.dirty


def test_pushing_the_current_value_records_nothing():
    """Pushing the draft already current records no entry and leaves nothing to undo."""
    history = EditHistory(START)
    assert not history.push(START)
    assert len(history) == 1 and not history.can_undo
