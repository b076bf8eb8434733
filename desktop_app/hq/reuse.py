"""The reuse rule: when a near-duplicate photo is worth a person's look at headquarters.

A photo is evidence that one office did one piece of work. The same picture (the same
file, or a re-encoded, shrunk, framed or screenshotted copy: ``PhotoHash.same_picture``
in ``photos/phash.py``) turning up as evidence of other work is flagged:

* for a **different office** (the same "after" photo sent by two offices; a stock image
  many offices downloaded), or
* for a **different record of the same office** (one "after" photo sent for two sites,
  an event's photo passed off as a site's).

Not flagged: the same picture again for the **same record** of the same office — shown
twice for one event, or the same file in a later bundle (every bundle carries the whole
state, docs/decisions/0010). An "after" photo that is its own site's "before" is a
different question, answered per site by ``photos.quality.after_same_as_before``.

Everything here is pure: the caller (the importer, the dashboard, the consolidated
workbook) says what each photo is used for, as :class:`PhotoUse` values read from its own
storage, and gets :class:`ReuseFlag` values back. Which stored photos are near a new one
comes from a search on the 64-bit keys (``photos.hash_index``); :func:`find_reuse` joins
the two, and the rule confirms each match with the 256-bit hash.

    reuse_flag(use, candidates) -> ReuseFlag | None
    find_reuse(uses, search, uses_of) -> [ReuseFlag, ...]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from desktop_app.photos.phash import KEY_MAX_DISTANCE, PhotoHash

__all__ = ["OTHER_OFFICE", "OTHER_RECORD", "PhotoUse", "ReuseMatch", "ReuseFlag", "reuse_flag",
           "find_reuse"]

OTHER_OFFICE = "other_office"
OTHER_RECORD = "other_record"


@dataclass(frozen=True)
class PhotoUse:
    """One photo used as evidence for one record.

    ``photo_id`` names the stored picture (headquarters' photo row, the key of the hash
    search); one picture may have several uses. ``record_kind`` and ``record_id``
    together name the record within its office and must stay the same from one bundle to
    the next (e.g. "site" and "<campaign>/<site id>"); ``role`` is "before", "after",
    "event" ... and only describes the use.
    """

    photo_id: int
    phash: PhotoHash
    office: str
    record_kind: str
    record_id: str
    role: str = ""

    @property
    def record(self) -> tuple[str, str, str]:
        return (self.office, self.record_kind, self.record_id)


@dataclass(frozen=True)
class ReuseMatch:
    """Another use of the same picture: which, how near (bits of the 64-bit keys and of the
    256-bit hashes), and why it counts."""

    other: PhotoUse
    key_distance: int
    full_distance: int
    scope: str  # OTHER_OFFICE or OTHER_RECORD


@dataclass(frozen=True)
class ReuseFlag:
    """A use whose picture is also evidence elsewhere; ``matches`` nearest first."""

    use: PhotoUse
    matches: tuple[ReuseMatch, ...]

    @property
    def other_offices(self) -> tuple[str, ...]:
        return tuple(sorted({m.other.office for m in self.matches if m.scope == OTHER_OFFICE}))

    @property
    def same_picture(self) -> bool:
        """True if some match is the very same stored photo (not only a similar one)."""
        return any(m.other.photo_id == self.use.photo_id for m in self.matches)


def reuse_flag(use: PhotoUse, candidates: Iterable[PhotoUse]) -> ReuseFlag | None:
    """The flag for ``use`` against other uses (any list: a search's result, a whole
    table), or None when none of them counts as reuse. ``use`` itself among the
    candidates is ignored (same record)."""
    matches = []
    seen: set[PhotoUse] = set()
    for other in candidates:
        scope = _scope(use, other)
        if scope is None or other in seen:
            continue
        seen.add(other)
        if use.phash.same_picture(other.phash):
            matches.append(ReuseMatch(other, *use.phash.distances(other.phash), scope))
    if not matches:
        return None
    matches.sort(key=lambda m: (m.full_distance, m.key_distance, m.scope != OTHER_OFFICE,
                                m.other.office, m.other.record_kind, m.other.record_id,
                                m.other.photo_id, m.other.role))
    return ReuseFlag(use, tuple(matches))


def find_reuse(
    uses: Iterable[PhotoUse],
    search: Callable[[int, int], Sequence[tuple[int, int]]],
    uses_of: Callable[[Sequence[int]], Iterable[PhotoUse]],
) -> list[ReuseFlag]:
    """Flags for new ``uses`` (e.g. one bundle's photos, already stored and searchable).

    ``search(key, max_distance)`` returns (photo_id, distance) of the stored photos whose
    64-bit key is near (``HashIndex.search``); ``uses_of(ids)``
    returns the uses of those photos, with both hashes, from the caller's storage. Uses of
    the same bundle are found against each other too, as soon as they are searchable.
    """
    flags = []
    for use in uses:
        near = [photo_id for photo_id, _distance in search(use.phash.key, KEY_MAX_DISTANCE)]
        flag = reuse_flag(use, uses_of(near)) if near else None
        if flag is not None:
            flags.append(flag)
    return flags


def _scope(use: PhotoUse, other: PhotoUse) -> str | None:
    if other.office != use.office:
        return OTHER_OFFICE
    if other.record != use.record:
        return OTHER_RECORD
    return None  # the same record: shown twice, or the same file in a later bundle
