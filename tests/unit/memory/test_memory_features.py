"""Features are deterministic (hashlib, never hash()) and shaped as documented."""

from __future__ import annotations

import hashlib

import numpy as np

from procmem_tui.memory.features import (
    EMBED_DIM, fact_bit, fact_mask, level_fingerprint, sequence_embedding, skill_embedding, state_embedding,
)
from procmem_tui.world import GridWorld, State, load_level, solve


def test_features_are_identical_under_different_hash_seeds(hash_seed_runs):
    """Embeddings, fingerprints and fact masks are byte-identical in processes with different PYTHONHASHSEEDs (the
    job ``features`` of ``hash_seeds``: a digest of them, each seed's interpreter shared with the other hash-seed
    tests)."""
    digests = {(hash_seed_runs / seed / "features.out").read_text().strip() for seed in ("0", "1", "4242")}
    assert len(digests) == 1
    assert len(next(iter(digests))) == 64


def test_state_embedding_shape_norm_and_sensitivity():
    """A state embedding is EMBED_DIM float32 of unit length, and moving the agent or taking a key changes it."""
    level = load_level("classic")
    world = GridWorld(level)
    first = state_embedding(level, world.state)
    assert first.dtype == np.float32 and first.shape == (EMBED_DIM,)
    assert abs(float(np.linalg.norm(first)) - 1.0) < 1e-5
    seen = {first.tobytes()}
    for action in solve(level):
        world.step(action)
        seen.add(state_embedding(level, world.state).tobytes())
    assert len(seen) == len(solve(level)) + 1  # every state along the optimal path is told apart


def test_key_held_shows_in_its_one_hot_slot():
    """Holding key 'a' sets dimension 2 (the a slot) and nothing in the b–f slots."""
    level = load_level("classic")
    held = state_embedding(level, State(level.start, keys=frozenset({"a"})))
    empty = state_embedding(level, State(level.start))
    assert held[2] > 0 and empty[2] == 0
    assert np.all(held[3:8] == 0)


def test_sequence_and_skill_embeddings_are_order_sensitive_and_normalised():
    """Program n-grams see order; a skill embedding stays closest to its start state's embedding."""
    a = sequence_embedding(["move_up", "move_right", "pickup_key"])
    b = sequence_embedding(["pickup_key", "move_right", "move_up"])
    assert not np.array_equal(a, b)
    assert abs(float(np.linalg.norm(a)) - 1.0) < 1e-5
    level = load_level("classic")
    start = state_embedding(level, State(level.start))
    other = state_embedding(level, State((4, 2)))
    skill = skill_embedding(start, ["move_up", "move_up"])
    assert abs(float(np.linalg.norm(skill)) - 1.0) < 1e-5
    assert float(skill @ start) > float(skill @ other)


def test_level_fingerprint_is_sha1_of_the_level_text():
    """The fingerprint is the first 12 hex digits of SHA-1 over format_level's text; layouts differ."""
    from procmem_tui.world import format_level

    level = load_level("classic")
    assert level_fingerprint(level) == hashlib.sha1(format_level(level).encode()).hexdigest()[:12]
    assert level_fingerprint(level) != level_fingerprint(load_level("two_doors"))


def test_fact_mask_sets_one_bit_per_fact():
    """Each fact sets exactly its own bit of the 256-bit mask."""
    facts = ["pos:1,2", "holding:a"]
    mask = fact_mask(facts)
    bits = {w * 64 + b for w in range(4) for b in range(64) if int(mask[w]) >> b & 1}
    assert bits == {fact_bit(f) for f in facts}
