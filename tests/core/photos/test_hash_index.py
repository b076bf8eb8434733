"""The Hamming-distance search finds exactly what checking every key finds, for random
keys, clusters of near-duplicates and every distance asked; built from a database."""

from __future__ import annotations

import random
import sqlite3

import pytest

from desktop_app.photos.hash_index import (
    CHUNKS,
    HashIndex,
    chunks,
    from_signed,
    probe_values,
    to_signed,
)


def brute_force(stored: list[tuple[int, int]], phash: int, max_distance: int) -> list[tuple[int, int]]:
    found = sorted(((h ^ phash).bit_count(), photo_id) for photo_id, h in stored
                   if (h ^ phash).bit_count() <= max_distance)
    return [(photo_id, distance) for distance, photo_id in found]


def flipped(phash: int, bits: int, rng: random.Random) -> int:
    for bit in rng.sample(range(64), bits):
        phash ^= 1 << bit
    return phash


def collection(rng: random.Random, size: int) -> list[tuple[int, int]]:
    """Random hashes, and clusters of near-duplicates (one photo reused, 0-12 bits moved),
    and a few identical ones (a stock image)."""
    hashes: list[int] = []
    while len(hashes) < size:
        roll = rng.random()
        if hashes and roll < 0.3:
            hashes.append(flipped(rng.choice(hashes), rng.randint(0, 12), rng))
        elif hashes and roll < 0.35:
            hashes.extend([rng.choice(hashes)] * 3)
        else:
            hashes.append(rng.getrandbits(64))
    return [(1000 + i, h) for i, h in enumerate(hashes[:size])]


def queries(rng: random.Random, stored: list[tuple[int, int]], count: int) -> list[int]:
    return [flipped(rng.choice(stored)[1], rng.randint(0, 20), rng) if i % 3 else rng.getrandbits(64)
            for i in range(count)]


@pytest.mark.parametrize("seed", range(5))
def test_index_returns_exactly_what_brute_force_returns(seed):
    rng = random.Random(seed)
    stored = collection(rng, 3000)
    index = HashIndex()
    index.extend(stored)
    assert len(index) == len(stored)
    for phash in queries(rng, stored, 60):
        for max_distance in (0, 3, 4, 7, 10, 13, 16):
            assert index.search(phash, max_distance) == brute_force(stored, phash, max_distance)


def test_index_finds_photos_added_after_it_was_built():
    rng = random.Random(7)
    stored = collection(rng, 500)
    index = HashIndex()
    index.extend(stored[:400])
    target = stored[450][1]
    assert all(photo_id != stored[450][0] for photo_id, _ in index.search(target, 10))
    for photo_id, phash in stored[400:]:
        index.add(photo_id, phash)
    assert index.search(target, 10) == brute_force(stored, target, 10)
    assert (stored[450][0], 0) in index.search(target, 10)


def test_at_the_edge_of_the_distance():
    """Near-duplicates exactly at, and one bit past, the distance asked, with the moved
    bits spread over the chunks as evenly as the pigeonhole allows (the hardest case)."""
    base = 0x0123_4567_89AB_CDEF
    index = HashIndex()
    spread = [bit for step in range(16) for bit in (step, 16 + step, 32 + step, 48 + step)]
    for distance in range(0, 21):
        moved = base
        for bit in spread[:distance]:
            moved ^= 1 << bit
        index.add(distance, moved)
    for max_distance in range(0, 21):
        assert [d for _, d in index.search(base, max_distance)] == list(range(max_distance + 1))


def test_probe_values_hold_a_chunk_of_every_hash_within_the_distance():
    rng = random.Random(3)
    for _ in range(2000):
        phash = rng.getrandbits(64)
        max_distance = rng.randint(0, 15)
        near = flipped(phash, rng.randint(0, max_distance), rng)
        probes = probe_values(phash, max_distance)
        assert len(probes) == CHUNKS
        assert any(value in values for value, values in zip(chunks(near), probes))


def test_chunks_and_signed_storage_round_trip():
    for phash in (0, 1, (1 << 63) - 1, 1 << 63, (1 << 64) - 1, 0x8000_0000_0000_0001):
        assert from_signed(to_signed(phash)) == phash
        assert -(1 << 63) <= to_signed(phash) < 1 << 63
        top, second, third, low = chunks(phash)
        assert (top << 48 | second << 32 | third << 16 | low) == phash
    with pytest.raises(ValueError):
        probe_values(0, 65)


def test_a_value_that_is_not_a_64_bit_key_is_refused_and_leaves_the_index_whole():
    index = HashIndex()
    index.add(7, 5)
    with pytest.raises(ValueError):
        index.add(1, 1 << 64)
    with pytest.raises(ValueError):
        index.add(2, -1)
    assert len(index) == 1 and index.search(5, 0) == [(7, 0)] and index.last_id == 7


def test_the_index_is_built_from_a_database_and_caught_up_by_id():
    """How headquarters uses it: every stored key at start, then the rows committed since
    (another import worker's) before each check."""
    rng = random.Random(11)
    stored = collection(rng, 2000)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, phash_key INTEGER NOT NULL)")
    db.executemany("INSERT INTO photo VALUES (?, ?)", [(i, to_signed(k)) for i, k in stored[:1500]])
    index = HashIndex()
    index.extend((i, from_signed(k)) for i, k in db.execute("SELECT id, phash_key FROM photo ORDER BY id"))
    assert index.last_id == stored[1499][0]
    db.executemany("INSERT INTO photo VALUES (?, ?)", [(i, to_signed(k)) for i, k in stored[1500:]])
    index.extend((i, from_signed(k)) for i, k in db.execute(
        "SELECT id, phash_key FROM photo WHERE id > ? ORDER BY id", (index.last_id,)))
    assert len(index) == len(stored) and index.last_id == stored[-1][0]
    for key in queries(rng, stored, 20):
        assert index.search(key, 10) == brute_force(stored, key, 10)
