"""Hashing each accepted photo and finding the pictures it repeats, right after its import.

The import's transaction writes every photo it accepts as *pending* in ``photo_hash``
(``store.photo_hashes.add_pending``); after the commit — the receipt is not held up, the
office's row is no longer locked — ``hash_pending`` reads each such photo from the store,
computes its perceptual hash (``photos.phash``: 6-13 ms a photo), then in one short write
transaction, serialised across every process (``lock_matching``), searches the hashes
already there for the same picture, writes the pairs found (``photo_match``) and the hash.
A photo Pillow cannot read is kept with its one-line reason and never matched: the
import had already accepted it (the office signed its bytes), and the next photo goes on.
Whatever a crash leaves pending is picked up by an idle worker (``hash_pending`` without
a bundle) or the next import.

The search is multi-index hashing in memory (``photos.hash_index.HashIndex``): one index
per process and database, built from the table at the first check (some seconds a
million) and caught up, inside the serialised transaction, with every hash committed
since the highest ``seq`` it holds. Why in memory, with the figures: docs/decisions/0020.
"""

from __future__ import annotations

import logging
import threading
import weakref

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from desktop_app.errors import FieldDeskError, PhotoError
from desktop_app.hq.database import HQ, utcnow
from desktop_app.hq.photo_store import PhotoStore
from desktop_app.hq.store import Store
from desktop_app.hq.store import photo_hashes as ph
from desktop_app.photos.hash_index import HashIndex
from desktop_app.photos.phash import FULL_MAX_DISTANCE, KEY_MAX_DISTANCE, PhotoHash, photo_hash_file

__all__ = ["hash_pending", "hash_pending_safely", "match_hashed", "matches_for"]

log = logging.getLogger("fielddesk.hq.reuse")

BATCH = 64  # photos hashed, then matched in one transaction
_INDEXES: weakref.WeakKeyDictionary[Store, HashIndex] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()  # one thread of a process matches at a time (the index is shared)


def hash_pending(hq: HQ, *, manifest_sha256: str | None = None, limit: int | None = None) -> int:
    """Hash and match the pending photos first carried by one bundle, or any (*limit* of
    them); returns how many were done. Database trouble raises (nothing half-written)."""
    with hq.store.read() as conn:
        shas = ph.pending(conn, manifest_sha256=manifest_sha256, limit=limit)
    photos = PhotoStore(hq.folder.photos)
    done = 0
    for start in range(0, len(shas), BATCH):
        batch = shas[start:start + BATCH]
        hashed = {sha: _hash(photos, sha) for sha in batch}
        done += match_hashed(hq.store, hashed)
    return done


def hash_pending_safely(hq: HQ, *, manifest_sha256: str | None = None,
                        limit: int | None = None) -> int:
    """``hash_pending`` after an import: its trouble is logged, never the import's (the
    photos stay pending for the next turn)."""
    try:
        return hash_pending(hq, manifest_sha256=manifest_sha256, limit=limit)
    except (OSError, SQLAlchemyError, FieldDeskError) as exc:
        log.warning("photo hashes left for later: %s", exc)
        return 0


def matches_for(conn: Connection, index: HashIndex, phash: PhotoHash) -> list[tuple[str, int, int]]:
    """(sha256, key distance, full distance) of the hashed photos that are *phash*'s picture:
    the index finds keys within ``KEY_MAX_DISTANCE``, the 256-bit hashes confirm."""
    near = index.search(phash.key, KEY_MAX_DISTANCE)
    if not near:
        return []
    found = []
    for sha, other in ph.hashes_of(conn, [seq for seq, _distance in near]):
        key_distance, full_distance = phash.distances(other)
        if full_distance <= FULL_MAX_DISTANCE:
            found.append((sha, key_distance, full_distance))
    return sorted(found, key=lambda f: (f[2], f[1], f[0]))


def _hash(photos: PhotoStore, sha: str) -> PhotoHash | str:
    """The photo's hashes, or why it has none. Anything a decoder raises ends here as the
    photo's reason: one odd file must never stop a worker, which would meet it again."""
    try:
        return photo_hash_file(photos.path(sha))
    except PhotoError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - see the docstring
        return f"{sha}.jpg: cannot be read ({type(exc).__name__}: {exc})"


def match_hashed(store: Store, hashed: dict[str, PhotoHash | str]) -> int:
    """One transaction: the index caught up, each photo searched then added, the pairs and
    the hashes written. The index is dropped if the transaction does not commit."""
    now = utcnow()
    with _LOCK:
        try:
            with store.write() as conn:
                ph.lock_matching(conn)
                seq = ph.last_seq(conn)
                index = _caught_up(store, conn, seq)
                todo = ph.still_pending(conn, list(hashed))  # another process may have done some
                for sha in sorted(todo):
                    result = hashed[sha]
                    if isinstance(result, str):
                        ph.save_error(conn, sha, result, now)
                        continue
                    pairs = matches_for(conn, index, result)
                    ph.add_matches(conn, [(sha, other, kd, fd) for other, kd, fd in pairs], now)
                    seq += 1
                    ph.save_hash(conn, sha, seq, result, now)
                    index.add(seq, result.key)
        except BaseException:
            _INDEXES.pop(store, None)  # it may hold photos that were rolled back
            raise
    return len(todo)


def _caught_up(store: Store, conn: Connection, last_seq: int) -> HashIndex:
    """This process's index of *store*, holding every hash up to *last_seq* (the highest
    committed: read only if it holds less)."""
    index = _INDEXES.get(store)
    if index is None:
        index = _INDEXES[store] = HashIndex()
    if (index.last_id or 0) < last_seq:
        index.extend(ph.keys_since(conn, index.last_id or 0))
    return index
