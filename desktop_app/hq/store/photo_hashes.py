"""Queries of photo reuse: each photo's perceptual hash, the pairs of files that are one
picture, and the uses of both (``hq.reuse_check`` writes, ``hq.reuse`` reads).

A photo's row is written *pending* by the import that first carried it (``add_pending``,
in the import's transaction) and hashed after the commit. Matching is serialised across
every process (``lock_matching``): each new hash is searched for among all hashes
committed before it, so of two near-duplicates hashed at once the second finds the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, func, literal, select, tuple_, union_all, update

from desktop_app.hq.store.database import insert_ignore
from desktop_app.hq.store.tables import photo, photo_hash, photo_match, st_photos
from desktop_app.photos.hash_index import from_signed, to_signed
from desktop_app.photos.phash import PhotoHash

# pg_advisory_xact_lock's key for "matching photo hashes" (any constant of our own).
_MATCH_LOCK = 0x46445F5048415348  # "FD_PHASH"
_BATCH_ROWS = 20_000


def add_pending(conn: Connection, shas: Iterable[str]) -> None:
    """Pending rows for photos just accepted (those already known are left as they are)."""
    rows = [{"sha256": sha} for sha in sorted(set(shas))]
    if rows:
        conn.execute(insert_ignore(conn, photo_hash), rows)


def pending(conn: Connection, *, manifest_sha256: str | None = None,
            limit: int | None = None) -> list[str]:
    """Photos not hashed yet: those first carried by one bundle, or any (oldest names first)."""
    h = photo_hash.c
    query = select(h.sha256).where(h.hashed_at.is_(None)).order_by(h.sha256)
    if manifest_sha256 is not None:
        query = query.join(photo, photo.c.sha256 == h.sha256).where(
            photo.c.manifest_sha256 == manifest_sha256)
    if limit is not None:
        query = query.limit(limit)
    return list(conn.execute(query).scalars())


def lock_matching(conn: Connection) -> None:
    """Hold matching to this transaction until it ends. SQLite: the write transaction's own
    lock already does; PostgreSQL: an advisory lock (readers and imports are not held).

    PostgreSQL commits it without waiting for the disk (``synchronous_commit = off``):
    what a crash could lose of it is only hashes, whose photos then stay pending and are
    hashed again by the next pass; the wait was a third of the check's time."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
        conn.execute(select(func.pg_advisory_xact_lock(_MATCH_LOCK)))


def still_pending(conn: Connection, shas: Sequence[str]) -> set[str]:
    h = photo_hash.c
    return set(conn.execute(select(h.sha256).where(h.sha256.in_(shas),
                                                   h.hashed_at.is_(None))).scalars())


def last_seq(conn: Connection) -> int:
    return conn.execute(select(func.coalesce(func.max(photo_hash.c.seq), 0))).scalar_one()


def keys_since(conn: Connection, seq: int) -> Iterator[tuple[int, int]]:
    """(seq, 64-bit key) of every photo hashed after *seq*, in order: an index's catch-up
    (a million rows at a start, streamed)."""
    h = photo_hash.c
    query = (select(h.seq, h.phash_key).where(h.seq > seq).order_by(h.seq)
             .execution_options(yield_per=_BATCH_ROWS))
    result = conn.execute(query)
    for seq_, key in result:
        yield seq_, from_signed(key)


def hashes_of(conn: Connection, seqs: Sequence[int]) -> list[tuple[str, PhotoHash]]:
    """(sha256, hashes) of the photos with these seqs (what an index search found)."""
    h = photo_hash.c
    rows = conn.execute(select(h.sha256, h.phash_key, h.phash_full).where(h.seq.in_(seqs)))
    return [(sha, PhotoHash(from_signed(key), int(full, 16))) for sha, key, full in rows]


def save_hash(conn: Connection, sha256: str, seq: int, phash: PhotoHash, now: str) -> None:
    conn.execute(update(photo_hash).where(photo_hash.c.sha256 == sha256).values(
        seq=seq, phash_key=to_signed(phash.key), phash_full=phash.full_hex, hashed_at=now,
        error=""))


def save_error(conn: Connection, sha256: str, error: str, now: str) -> None:
    """A photo that cannot be hashed (not a picture Pillow reads): kept, never matched."""
    conn.execute(update(photo_hash).where(photo_hash.c.sha256 == sha256).values(
        hashed_at=now, error=error[:500]))


def add_matches(conn: Connection, rows: Iterable[tuple[str, str, int, int]], now: str) -> None:
    """(sha256, sha256, key distance, full distance) pairs found the same picture."""
    values = [{"sha256_a": min(a, b), "sha256_b": max(a, b), "key_distance": kd,
               "full_distance": fd, "found_at": now} for a, b, kd, fd in rows]
    if values:
        conn.execute(insert_ignore(conn, photo_match), values)


def hash_errors(conn: Connection) -> list[tuple[str, str]]:
    h = photo_hash.c
    return [tuple(r) for r in conn.execute(select(h.sha256, h.error).where(h.error != "")
                                           .order_by(h.sha256))]


# --- the uses of near pictures, both sides ----------------------------------------------------

USE_COLUMNS = ("office_code", "campaign_id", "target_kind", "target_id", "role", "sha256",
               "taken_at")


def near_uses(conn: Connection, *, office_code: str | None = None,
              photo_sha256: str | None = None) -> list[tuple[Any, ...]]:
    """Every pair of uses (``st_photos`` rows, each office's latest state) whose photos are
    the same file or a matched pair: this side's USE_COLUMNS, the other's, then the key
    and full distances. *office_code* / *photo_sha256* narrow this side; each pair comes
    once per direction. The rule (which pairs are reuse) is ``hq.reuse``'s."""
    u, v = st_photos.alias("u"), st_photos.alias("v")
    m = photo_match.c
    this = [u.c[name] for name in USE_COLUMNS]
    other = [v.c[name] for name in USE_COLUMNS]

    def narrowed(query: Any) -> Any:
        if office_code is not None:
            query = query.where(u.c.office_code == office_code)
        if photo_sha256 is not None:
            query = query.where(u.c.sha256 == photo_sha256)
        return query

    another_row = tuple_(u.c.office_code, u.c.campaign_id, u.c.id) != tuple_(
        v.c.office_code, v.c.campaign_id, v.c.id)  # not the use itself (a million of those)
    same_file = narrowed(select(*this, *other, literal(0).label("kd"), literal(0).label("fd"))
                         .select_from(u.join(v, v.c.sha256 == u.c.sha256)).where(another_row))
    forward = narrowed(select(*this, *other, m.key_distance, m.full_distance).select_from(
        u.join(photo_match, m.sha256_a == u.c.sha256).join(v, v.c.sha256 == m.sha256_b)))
    backward = narrowed(select(*this, *other, m.key_distance, m.full_distance).select_from(
        u.join(photo_match, m.sha256_b == u.c.sha256).join(v, v.c.sha256 == m.sha256_a)))
    both = union_all(same_file, forward, backward)
    return [tuple(r) for r in conn.execute(both)]


def counts(conn: Connection) -> dict[str, int]:
    """Photos hashed, pending and unreadable, and matched pairs (the status and the bench)."""
    h = photo_hash.c
    row = conn.execute(select(
        func.count().filter(h.seq.is_not(None)), func.count().filter(h.hashed_at.is_(None)),
        func.count().filter(h.error != ""))).one()
    pairs = conn.execute(select(func.count()).select_from(photo_match)).scalar_one()
    return {"hashed": row[0], "pending": row[1], "unreadable": row[2], "pairs": pairs}


__all__ = ["USE_COLUMNS", "add_matches", "add_pending", "counts", "hash_errors", "hashes_of",
           "keys_since", "last_seq", "lock_matching", "near_uses", "pending", "save_error",
           "save_hash", "still_pending"]
