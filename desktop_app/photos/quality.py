"""Data-quality warnings about photos: things a nodal officer should look at, never refusals.

A photo is evidence that work was done, so headquarters cares when the evidence looks
weak: taken outside the campaign, an "after" photo older than its "before", taken far
from the site, an "after" that is the "before" again, one picture passed off for two
sites. None of these is certain (clocks are wrong, GPS drifts, two corners of one
building look alike), so they are warnings for a person, not refusals.

Everything here is pure: callers pass plain data and get back a list of
:class:`QualityWarning` (``code``, English ``message``, and the ``photos`` concerned as
sha256 values). A *photo* argument may be a :class:`PhotoFacts`, an ``IngestedPhoto``,
a database row as a dict, or any object with these attributes/keys (missing ones count
as unknown, and a check that needs an unknown value is skipped for that photo):

    sha256, dhash (16 hex digits), taken_at (ISO 8601 text or datetime),
    latitude, longitude, original_name (only for messages)

The checks:

    outside_campaign(photos, start, end)                     -> code "outside_campaign"
    after_before_order(before, after)                        -> code "after_before_order"
    far_from_site(photos, site_lat, site_lon, max_metres=500) -> code "far_from_site"
    after_same_as_before(before, after, max_distance=6)      -> code "after_same_as_before"
    reused_across_sites(photos_by_site, max_distance=4)      -> code "reused_across_sites"
    check_site(before, after, site_lat=, site_lon=, campaign_start=, campaign_end=)
        all per-site checks at once

and the perceptual hash they rely on: ``dhash(image)`` (64-bit difference hash, 16 hex
digits) and ``hamming(a, b)`` (bits that differ, 0..64; <= 6 is "nearly the same picture").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PIL import Image

from desktop_app.domain.dates import format_date, format_timestamp
from desktop_app.domain.i18n import N_, Message

__all__ = [
    "PhotoFacts",
    "QualityWarning",
    "dhash",
    "hamming",
    "distance_metres",
    "photo_facts",
    "outside_campaign",
    "after_before_order",
    "far_from_site",
    "after_same_as_before",
    "reused_across_sites",
    "check_site",
]

OUTSIDE_CAMPAIGN = "outside_campaign"
AFTER_BEFORE_ORDER = "after_before_order"
FAR_FROM_SITE = "far_from_site"
AFTER_SAME_AS_BEFORE = "after_same_as_before"
REUSED_ACROSS_SITES = "reused_across_sites"

_EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)


@dataclass(frozen=True)
class PhotoFacts:
    """The metadata the checks need; build one from a row with :func:`photo_facts`."""

    sha256: str
    dhash: str | None = None
    taken_at: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    original_name: str = ""

    @property
    def label(self) -> str:
        """How a clerk recognises the photo: its original file name, else a short hash."""
        return self.original_name or self.sha256[:12] or "a photo"


@dataclass(frozen=True)
class QualityWarning:
    """One thing worth a second look; ``code`` is stable, ``text`` is for people (a
    translatable ``Message``: the GUI shows it in Hindi, ``message`` is the English)."""

    code: str
    text: Message
    photos: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        return str(self.text)


W_OUTSIDE = N_("{photo} was taken on {day}, outside the campaign ({start} to {end}).")
W_ORDER = N_("The 'after' photo {photo} was taken ({taken}) before the 'before' photo {other} ({other_taken}).")
W_FAR = N_("{photo} was taken {distance} from the site's recorded position.")
W_SAME = N_("The 'after' photo {photo} looks the same as the 'before' photo {other}.")
W_REUSED = N_("{photo} is used for two sites: {site} and {other_site}.")
W_REUSED_SIMILAR = N_("{photo} and {other} are the same picture, used for two sites: {site} and {other_site}.")


def dhash(image: Image.Image) -> str:
    """64-bit difference hash: is each pixel of a 9 x 8 grey thumbnail brighter than its
    right neighbour? Survives re-encoding, resizing and small exposure changes, unlike
    sha256; two photos of the same scene from the same spot come out a few bits apart.
    """
    grey = image.convert("L").resize((9, 8), Image.Resampling.BOX)
    pixels = grey.tobytes()
    bits = 0
    for row in range(8):
        for col in range(8):
            left = pixels[row * 9 + col]
            right = pixels[row * 9 + col + 1]
            bits = (bits << 1) | (left > right)
    return f"{bits:016x}"


def hamming(a: str, b: str) -> int:
    """How many of the 64 bits differ between two dhash values (ValueError if malformed)."""
    if len(a) != 16 or len(b) != 16:
        raise ValueError(f"dhash values must be 16 hex digits: {a!r}, {b!r}")
    return (int(a, 16) ^ int(b, 16)).bit_count()


def distance_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in metres; plenty for "is it 500 m away"."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * _EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def photo_facts(photo: Any) -> PhotoFacts:
    """Coerce a PhotoFacts, IngestedPhoto, dict-like row or attribute object."""
    if isinstance(photo, PhotoFacts):
        return photo
    if isinstance(photo, Mapping):
        get = photo.get
    else:
        def get(key: str, default: Any = None) -> Any:
            return getattr(photo, key, default)
    taken_at = get("taken_at")
    if isinstance(taken_at, datetime):
        taken_at = taken_at.isoformat(timespec="seconds")
    return PhotoFacts(
        sha256=str(get("sha256") or ""),
        dhash=get("dhash") or None,
        taken_at=taken_at or None,
        latitude=_float_or_none(get("latitude")),
        longitude=_float_or_none(get("longitude")),
        original_name=str(get("original_name") or ""),
    )


def outside_campaign(photos: Iterable[Any], start: date, end: date) -> list[QualityWarning]:
    """Photos whose taken-at date (the camera's local date) is before ``start`` or after
    ``end`` (both inclusive campaign days)."""
    warnings = []
    for facts in map(photo_facts, photos):
        moment = _moment(facts.taken_at)
        if moment is None:
            continue
        day = moment.date()
        if start <= day <= end:
            continue
        warnings.append(
            QualityWarning(
                OUTSIDE_CAMPAIGN,
                Message(W_OUTSIDE, photo=facts.label, day=format_date(day), start=format_date(start),
                        end=format_date(end)),
                (facts.sha256,),
            )
        )
    return warnings


def after_before_order(before: Iterable[Any], after: Iterable[Any]) -> list[QualityWarning]:
    """Each "after" photo taken earlier than the latest "before" photo of the same site."""
    dated_before = [(m, f) for f in map(photo_facts, before) if (m := _moment(f.taken_at))]
    if not dated_before:
        return []
    warnings = []
    for facts in map(photo_facts, after):
        moment = _moment(facts.taken_at)
        if moment is None:
            continue
        # Aware times compare as instants; if any lacks an offset, compare wall clocks.
        aware = moment.tzinfo is not None and all(m.tzinfo is not None for m, _ in dated_before)

        def clock(value: datetime, aware: bool = aware) -> datetime:
            return value if aware else value.replace(tzinfo=None)

        latest, latest_facts = max(dated_before, key=lambda pair: clock(pair[0]))
        if clock(moment) >= clock(latest):
            continue
        warnings.append(
            QualityWarning(
                AFTER_BEFORE_ORDER,
                Message(W_ORDER, photo=facts.label, taken=format_timestamp(moment), other=latest_facts.label,
                        other_taken=format_timestamp(latest)),
                (facts.sha256, latest_facts.sha256),
            )
        )
    return warnings


def far_from_site(
    photos: Iterable[Any], site_lat: float | None, site_lon: float | None,
    max_metres: float = 500.0,
) -> list[QualityWarning]:
    """Photos with a GPS position more than ``max_metres`` from the site's recorded one."""
    if site_lat is None or site_lon is None:
        return []
    warnings = []
    for facts in map(photo_facts, photos):
        if facts.latitude is None or facts.longitude is None:
            continue
        metres = distance_metres(facts.latitude, facts.longitude, site_lat, site_lon)
        if metres > max_metres:
            away = f"{metres / 1000:.1f} km" if metres >= 1000 else f"{metres:.0f} m"
            warnings.append(
                QualityWarning(
                    FAR_FROM_SITE,
                    Message(W_FAR, photo=facts.label, distance=away),
                    (facts.sha256,),
                )
            )
    return warnings


def after_same_as_before(
    before: Iterable[Any], after: Iterable[Any], max_distance: int = 6
) -> list[QualityWarning]:
    """"After" photos that are the same picture as a "before" (same sha256, or dhash
    within ``max_distance`` bits): nothing visibly changed, or the wrong photo."""
    before_facts = [photo_facts(p) for p in before]
    warnings = []
    for facts in map(photo_facts, after):
        for earlier in before_facts:
            if _same_picture(facts, earlier, max_distance):
                warnings.append(
                    QualityWarning(
                        AFTER_SAME_AS_BEFORE,
                        Message(W_SAME, photo=facts.label, other=earlier.label),
                        (facts.sha256, earlier.sha256),
                    )
                )
                break
    return warnings


def reused_across_sites(
    photos_by_site: Mapping[Any, Iterable[Any]], max_distance: int = 4
) -> list[QualityWarning]:
    """Pairs of photos linked to two different sites that are the same picture (same
    sha256, or dhash within ``max_distance`` bits). Keys of ``photos_by_site`` name the
    sites in the messages, so pass names (or "name (id)"), not bare ids.

    Compares every pair: fine for an office (a few thousand photos), not for all of
    headquarters at once.
    """
    entries = [
        (site_index, site, photo_facts(photo))
        for site_index, (site, photos) in enumerate(photos_by_site.items())
        for photo in photos
    ]
    warnings = []
    seen: set[tuple[str, str, int, int]] = set()
    for i, (site_a_index, site_a, facts_a) in enumerate(entries):
        for site_b_index, site_b, facts_b in entries[i + 1:]:
            if site_a_index == site_b_index:
                continue
            key = (facts_a.sha256, facts_b.sha256, site_a_index, site_b_index)
            if key in seen or not _same_picture(facts_a, facts_b, max_distance):
                continue
            seen.add(key)
            text = (Message(W_REUSED, photo=facts_a.label, site=site_a, other_site=site_b)
                    if facts_a.sha256 == facts_b.sha256 else
                    Message(W_REUSED_SIMILAR, photo=facts_a.label, other=facts_b.label, site=site_a,
                            other_site=site_b))
            warnings.append(QualityWarning(REUSED_ACROSS_SITES, text, (facts_a.sha256, facts_b.sha256)))
    return warnings


def check_site(
    before: Sequence[Any],
    after: Sequence[Any],
    *,
    site_lat: float | None = None,
    site_lon: float | None = None,
    campaign_start: date | None = None,
    campaign_end: date | None = None,
    max_metres: float = 500.0,
) -> list[QualityWarning]:
    """Every per-site check for one cleanliness site's before and after photos."""
    everything = [*before, *after]
    warnings: list[QualityWarning] = []
    if campaign_start is not None and campaign_end is not None:
        warnings += outside_campaign(everything, campaign_start, campaign_end)
    warnings += after_before_order(before, after)
    warnings += far_from_site(everything, site_lat, site_lon, max_metres)
    warnings += after_same_as_before(before, after)
    return warnings


def _same_picture(a: PhotoFacts, b: PhotoFacts, max_distance: int) -> bool:
    if a.sha256 and a.sha256 == b.sha256:
        return True
    if not a.dhash or not b.dhash:
        return False
    try:
        return hamming(a.dhash, b.dhash) <= max_distance
    except ValueError:
        return False


def _moment(taken_at: str | None) -> datetime | None:
    if not taken_at:
        return None
    try:
        return datetime.fromisoformat(taken_at)
    except (TypeError, ValueError):
        return None


def _float_or_none(value: Any) -> float | None:
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None
