"""Find every stored photo whose 64-bit hash key is within a few bits of a new one, fast.

Headquarters holds a million photos; checking a new one against each of them in Python
takes a third of a second, which every received photo would pay. This is multi-index
hashing (Norouzi, Punjani & Fleet, "Fast search in Hamming space with multi-index
hashing", CVPR 2012), the plain version:

* the 64 bits are cut into 4 chunks of 16 bits, and each photo is filed under each of its
  4 chunk values (4 tables of 65,536 buckets);
* if two keys differ in at most ``r`` bits, at least one of their 4 chunks differs in at
  most ``r // 4`` bits (were all 4 to differ in more, the whole would differ in more
  than ``r``): the pigeonhole principle;
* so a search looks, in each table, in the buckets of the new chunk value with up to
  ``r // 4`` bits flipped (for r = 10: 1 + 16 + 120 = 137 buckets per table), and checks
  the photos found there by their full distance. Nothing within ``r`` is missed.

With a million photos a bucket holds about fifteen, so a search checks some ten thousand
candidates instead of a million: 6 ms on this 2-core machine. The index lives in memory
(about 80 MB for a million photos): built from the database when headquarters starts
(:meth:`HashIndex.extend` over ``SELECT id, key ... ORDER BY id``, 6 s a million) and kept
current with :meth:`HashIndex.add`. Measured against brute force in numpy, a BK-tree,
and the same chunks as indexed columns in SQLite and PostgreSQL: docs/decisions/0020.

    index = HashIndex(); index.extend(rows); index.add(photo_id, key)
    index.search(key, max_distance) -> [(photo_id, distance), ...] nearest first
    to_signed / from_signed: a 64-bit key in a signed BIGINT / SQLite INTEGER column
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


def chunks(key: int) -> tuple[int, ...]:
    """The four 16-bit chunks of a 64-bit key, most significant first."""
    return tuple((key >> shift) & _CHUNK_MASK for shift in _SHIFTS)


@cache
def _flips(radius: int) -> tuple[int, ...]:
    """Every 16-bit mask with at most ``radius`` bits set (0 first)."""
    return tuple(
        sum(1 << bit for bit in chosen)
        for count in range(radius + 1)
        for chosen in combinations(range(CHUNK_BITS), count)
    )


def probe_values(key: int, max_distance: int) -> list[list[int]]:
    """For each chunk, the values a key within ``max_distance`` may have there: the
    chunk itself with up to ``max_distance // 4`` bits flipped. A key within the distance
    has at least one chunk among these (and a key with one may still be farther)."""
    if not 0 <= max_distance <= 64:
        raise ValueError(f"max_distance must be 0..64, not {max_distance}")
    flips = _flips(min(max_distance // CHUNKS, CHUNK_BITS))
    return [[value ^ flip for flip in flips] for value in chunks(key)]


def to_signed(key: int) -> int:
    """The 64-bit key as a signed 64-bit integer (SQLite INTEGER, PostgreSQL BIGINT)."""
    return key - (1 << 64) if key >= 1 << 63 else key


def from_signed(value: int) -> int:
    """The key stored by :func:`to_signed`."""
    return value + (1 << 64) if value < 0 else value


class HashIndex:
    """Photo ids (integers: database row ids) filed by their 64-bit hash key.

    Build it from the database when headquarters starts (:meth:`extend` over the rows) and
    :meth:`add` each photo as it arrives; add a photo once. Several processes (import
    workers) each keep their own: before checking, each adds the rows committed since the
    highest id it holds, so of two photos committed at once the later to check sees the
    other. Not for threads that add while others search.
    """

    def __init__(self) -> None:
        self.last_id: int | None = None  # the highest photo id added: catch up from there
        self._ids = array("q")
        self._hashes = array("Q")
        # tables[chunk][value] -> positions (into _ids/_hashes) of the photos with that
        # chunk value; None for the many empty buckets.
        self._tables: list[list[array | None]] = [[None] * (1 << CHUNK_BITS) for _ in range(CHUNKS)]

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, photo_id: int, key: int) -> None:
        if not 0 <= key < 1 << 64:
            raise ValueError(f"not a 64-bit key: {key!r}")
        position = len(self._ids)
        self._ids.append(photo_id)
        self._hashes.append(key)
        if self.last_id is None or photo_id > self.last_id:
            self.last_id = photo_id
        for table, value in zip(self._tables, chunks(key)):
            bucket = table[value]
            if bucket is None:
                table[value] = array("I", (position,))
            else:
                bucket.append(position)

    def extend(self, rows: Iterable[tuple[int, int]]) -> None:
        """Add (photo_id, key) pairs, e.g. straight from a database cursor."""
        for photo_id, key in rows:
            self.add(photo_id, key)

    def search(self, key: int, max_distance: int) -> list[tuple[int, int]]:
        """(photo_id, distance) of every photo within ``max_distance`` bits, nearest first
        (then by id)."""
        candidates: set[int] = set()
        for table, values in zip(self._tables, probe_values(key, max_distance)):
            for value in values:
                bucket = table[value]
                if bucket is not None:
                    candidates.update(bucket)
        hashes, ids = self._hashes, self._ids
        found = []
        for position in candidates:
            distance = (hashes[position] ^ key).bit_count()
            if distance <= max_distance:
                found.append((distance, ids[position]))
        found.sort()
        return [(photo_id, distance) for distance, photo_id in found]
