"""Reading an agent's stored knowledge in a verb: the agent's own check, so every verb agrees on what is damaged.

A knowledge row is damaged when its agent could not restore it: not a JSON object (the store sees that), a part of
the wrong shape (``agents.knowledge.damage``, the check a restore makes), or stored under a name no agent keeps
knowledge for. ``doctor`` lists such a row (``problem`` is its check); every other verb that reads it refuses the
library in one line pointing at ``procmem doctor --repair`` (``load``) and leaves the file as it is: a fresh start
would be saved over what the agent learned.
"""

from __future__ import annotations

KEEPER = "procmem"  # the only agent that keeps knowledge (the others learn nothing beyond an episode)


def problem(agent, document) -> str | None:
    """Why ``agent``'s stored ``document`` cannot be restored, in one phrase; None when it can."""
    from procmem_tui.agents import knowledge

    if agent != KEEPER:
        return f"no agent keeps knowledge under this name (only {KEEPER} does)"
    return knowledge.damage(document)


def load(store, agent: str) -> dict | None:
    """``agent``'s stored knowledge (None: none saved). Raises ``StoreError`` when the row is damaged."""
    from procmem_tui.memory.store import damaged_knowledge

    document = store.load_knowledge(agent)
    why = problem(agent, document) if document is not None else None
    if why:
        raise damaged_knowledge(store.path, agent, why)
    return document
