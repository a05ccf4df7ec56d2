"""``knowledge.damage``: the phrase a verb refuses a stored document with is the one a restore fails with, and a
newer version's document is not damage (kept unread)."""

from __future__ import annotations

from procmem_tui.agents import knowledge as K
from procmem_tui.agents.procedural import ProceduralAgent
from procmem_tui.memory import SkillLibrary


def test_a_restorable_document_has_no_damage():
    """What an agent dumps restores; a newer version's document is kept, not damaged."""
    assert K.damage(K.dump(ProceduralAgent(library=SkillLibrary()))) is None
    assert K.damage({"version": K.VERSION + 1, "anything": [1]}) is None


def test_a_malformed_document_names_its_part():
    """A part of the wrong shape, a missing version or a document that is not an object: one phrase each."""
    assert "'level_maps' part is malformed" in K.damage({"version": K.VERSION, "level_maps": [[1]]})
    assert "no version number" in K.damage({"level_maps": []})
    assert "JSON object" in K.damage([1, 2])
