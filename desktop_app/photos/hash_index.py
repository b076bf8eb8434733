"""Find every stored photo whose perceptual hash is within a few bits of a new one, fast.

Headquarters holds a million photos; checking a new one against each of them in Python
takes a quarter of a second, which every received photo would pay. This is multi-index
hashing (Norouzi, Punjani & Fleet, "Fast search in Hamming space with multi-index
hashing", CVPR 2012), the plain version:

* the 64 bits are cut into 4 chunks of 16 bits, and each photo is filed under each of its
  4 chunk values (4 tables of 65,536 buckets);
* if two hashes differ in at most ``r`` bits, at least one of their 4 chunks differs in at
  most ``r // 4`` bits (were all 4 to differ in more, the whole would differ in more
  than ``r``): the pigeonhole principle;
* so a search looks, in each table, in the buckets of the new chunk value with up to
  ``r // 4`` bits flipped (for r = 10: 1 + 16 + 120 = 137 buckets per table), and checks
  the photos found there by their full distance. Nothing within ``r`` is missed.

With a million photos a bucket holds about fifteen, so a search checks a few thousand
candidates instead of a million. Measured, with the alternatives (brute force in numpy,
a BK-tree, the same chunks as indexed SQL columns): docs/decisions/0019.

The same chunks serve SQL: :func:`chunks` gives the four values to store in indexed
columns and :func:`probe_values` the values to look up, so a database can do the bucket
lookups (``WHERE c0 IN (...) OR c1 IN (...) ...``) and the caller checks the distance.

    index = HashIndex(); index.add(photo_id, phash); index.extend(rows)
    index.search(phash, max_distance) -> [(photo_id, distance), ...] nearest first
    chunks(phash) -> (c0, c1, c2, c3);  probe_values(phash, max_distance) -> 4 lists
    to_signed / from_signed: a 64-bit hash in a signed BIGINT / SQLite INTEGER column
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from functools import cache
from itertools import combinations

__all__ = ["CHUNKS", "CHUNK_BITS", "HashIndex", "chunks", "probe_values", "to_signed", "from_signed"]

CHUNKS = 4
CHUNK_BITS = 16
_CHUNK_MASK = (1 << CHUNK_BITS) - 1
_SHIFTS = tuple(CHUNK_BITS * (CHUNKS - 1 - i) for i in range(CHUNKS))  # most significant first


def chunks(phash: int) -> tuple[int, ...]:
    """The four 16-bit chunks of a 64-bit hash, most significant first."""
    return tuple((phash >> shift) & _CHUNK_MASK for shift in _SHIFTS)


@cache
def _flips(radius: int) -> tuple[int, ...]:
    """Every 16-bit mask with at most ``radius`` bits set (0 first)."""
    return tuple(
        sum(1 << bit for bit in chosen)
        for count in range(radius + 1)
        for chosen in combinations(range(CHUNK_BITS), count)
    )


def probe_values(phash: int, max_distance: int) -> list[list[int]]:
    """For each chunk, the values a hash within ``max_distance`` may have there: the
    chunk itself with up to ``max_distance // 4`` bits flipped. A hash within the distance
    has at least one chunk among these (and may have others than it, so still check)."""
    if not 0 <= max_distance <= 64:
        raise ValueError(f"max_distance must be 0..64, not {max_distance}")
    flips = _flips(min(max_distance // CHUNKS, CHUNK_BITS))
    return [[value ^ flip for flip in flips] for value in chunks(phash)]


def to_signed(phash: int) -> int:
    """The 64-bit hash as a signed 64-bit integer (SQLite INTEGER, PostgreSQL BIGINT)."""
    return phash - (1 << 64) if phash >= 1 << 63 else phash


def from_signed(value: int) -> int:
    """The hash stored by :func:`to_signed`."""
    return value + (1 << 64) if value < 0 else value


class HashIndex:
    """Photo ids (integers: database row ids) filed by their 64-bit perceptual hash.

    Build it from the database when headquarters starts (:meth:`extend` over the rows) and
    :meth:`add` each photo as it arrives; a photo id may be added once. Not thread-safe
    for writers: one process adds, any number of searches run between adds.
    """

    def __init__(self) -> None:
        self._ids = array("q")
        self._hashes = array("Q")
        # tables[chunk][value] -> positions (into _ids/_hashes) of the photos with that
        # chunk value; None for the many empty buckets.
        self._tables: list[list[array | None]] = [[None] * (1 << CHUNK_BITS) for _ in range(CHUNKS)]

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, photo_id: int, phash: int) -> None:
        position = len(self._ids)
        self._ids.append(photo_id)
        self._hashes.append(phash)  # OverflowError for anything not a 64-bit hash
        for table, value in zip(self._tables, chunks(phash)):
            bucket = table[value]
            if bucket is None:
                table[value] = array("I", (position,))
            else:
                bucket.append(position)

    def extend(self, rows: Iterable[tuple[int, int]]) -> None:
        """Add (photo_id, phash) pairs, e.g. straight from a database cursor."""
        for photo_id, phash in rows:
            self.add(photo_id, phash)

    def search(self, phash: int, max_distance: int) -> list[tuple[int, int]]:
        """(photo_id, distance) of every photo within ``max_distance`` bits, nearest first
        (then by id)."""
        candidates: set[int] = set()
        for table, values in zip(self._tables, probe_values(phash, max_distance)):
            for value in values:
                bucket = table[value]
                if bucket is not None:
                    candidates.update(bucket)
        hashes, ids = self._hashes, self._ids
        found = []
        for position in candidates:
            distance = (hashes[position] ^ phash).bit_count()
            if distance <= max_distance:
                found.append((distance, ids[position]))
        found.sort()
        return [(photo_id, distance) for distance, photo_id in found]
