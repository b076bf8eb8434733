"""When and where a photo was taken, read from the original file's EXIF.

The stored photo has no metadata at all (it travels to headquarters and should not carry a
phone's serial number), so the few facts worth keeping are read here, from the original,
before it is re-encoded. Phones, editing apps and cheap cameras write every kind of
garbage into these tags ("0000:00:00 00:00:00", rationals with a zero denominator,
latitude 200, missing N/S references), so every reader here returns ``None`` for what it
cannot trust and never raises.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PIL import Image

__all__ = ["ExifFacts", "read_exif_facts", "taken_at_from_exif", "gps_from_exif", "orientation"]

_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_ORIENTATION = 0x0112
_DATETIME = 0x0132
_DATETIME_ORIGINAL = 0x9003
_OFFSET_TIME = 0x9010
_OFFSET_TIME_ORIGINAL = 0x9011

_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


@dataclass(frozen=True)
class ExifFacts:
    """What FieldDesk keeps from a photo's EXIF; each field is ``None`` when unknown."""

    taken_at: str | None = None  # ISO 8601, with the camera's UTC offset when it wrote one
    latitude: float | None = None
    longitude: float | None = None
    orientation: int = 1  # 1..8, as in the EXIF Orientation tag


def read_exif_facts(image: Image.Image) -> ExifFacts:
    """Read taken-at, GPS and orientation from an opened (not yet transformed) image."""
    try:
        exif = image.getexif()
    except Exception:  # a broken EXIF block must not refuse the photo
        return ExifFacts()
    position = gps_from_exif(exif)
    return ExifFacts(
        taken_at=taken_at_from_exif(exif),
        latitude=position[0] if position else None,
        longitude=position[1] if position else None,
        orientation=orientation(exif),
    )


def orientation(exif: Image.Exif) -> int:
    """The Orientation tag (1..8), or 1 when it is missing or nonsense."""
    try:
        value = int(exif.get(_ORIENTATION, 1))
    except (TypeError, ValueError):
        return 1
    return value if 1 <= value <= 8 else 1


def taken_at_from_exif(exif: Image.Exif) -> str | None:
    """DateTimeOriginal (+ OffsetTimeOriginal), else DateTime (+ OffsetTime), as ISO 8601.

    Gives "2026-10-05T09:14:03+05:30" when the camera wrote an offset and
    "2026-10-05T09:14:03" (local wall-clock time, zone unknown) when it did not.
    """
    try:
        exif_ifd = exif.get_ifd(_EXIF_IFD)
    except Exception:  # a broken sub-IFD is treated as absent
        exif_ifd = {}
    candidates = (
        (exif_ifd.get(_DATETIME_ORIGINAL), exif_ifd.get(_OFFSET_TIME_ORIGINAL)),
        (exif.get(_DATETIME), exif_ifd.get(_OFFSET_TIME)),
    )
    for stamp, offset in candidates:
        moment = _parse_stamp(stamp)
        if moment is not None:
            text = moment.isoformat(timespec="seconds")
            offset_text = _parse_offset(offset)
            return text + offset_text if offset_text else text
    return None


def gps_from_exif(exif: Image.Exif) -> tuple[float, float] | None:
    """(latitude, longitude) in signed decimal degrees, or ``None``.

    ``None`` also for a missing N/S or E/W reference (the sign would be a guess), for
    values out of range, and for exactly (0, 0), which is what receivers write before
    they have a fix.
    """
    try:
        gps = exif.get_ifd(_GPS_IFD)
    except Exception:  # a broken GPS IFD is treated as absent
        return None
    if not gps:
        return None
    latitude = _signed_degrees(gps.get(2), gps.get(1), positive="N", negative="S")
    longitude = _signed_degrees(gps.get(4), gps.get(3), positive="E", negative="W")
    if latitude is None or longitude is None:
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    if latitude == 0 and longitude == 0:
        return None
    return round(latitude, 7), round(longitude, 7)


def _parse_stamp(value: Any) -> datetime | None:
    text = _text(value)
    if text is None:
        return None
    # "YYYY:MM:DD HH:MM:SS"; some writers use "-" or "T"; ignore sub-seconds and junk.
    match = re.match(r"^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})", text)
    if not match:
        return None
    try:
        moment = datetime(*(int(part) for part in match.groups()))
    except ValueError:  # month 0, day 31 of February...
        return None
    return moment if moment.year >= 1900 else None


def _parse_offset(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    if text in ("Z", "+00:00", "-00:00"):
        return "+00:00"
    match = _OFFSET.match(text)
    if not match:
        return None
    sign, hours, minutes = match.groups()
    if int(hours) > 14 or int(minutes) > 59:
        return None
    return f"{sign}{hours}:{minutes}"


def _signed_degrees(value: Any, ref: Any, *, positive: str, negative: str) -> float | None:
    ref_text = _text(ref)
    if ref_text is None:
        return None
    ref_text = ref_text.upper()[:1]
    if ref_text not in (positive, negative):
        return None
    degrees = _degrees(value)
    if degrees is None:
        return None
    return -degrees if ref_text == negative else degrees


def _degrees(value: Any) -> float | None:
    """Degrees from (deg, min, sec) rationals; a single number is taken as degrees."""
    try:
        parts = [float(part) for part in value] if isinstance(value, tuple | list) else [
            float(value)
        ]
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    if not 1 <= len(parts) <= 3 or any(not math.isfinite(p) or p < 0 for p in parts):
        return None
    parts += [0.0] * (3 - len(parts))
    degrees, minutes, seconds = parts
    if minutes >= 60 or seconds >= 60:
        return None
    return degrees + minutes / 60 + seconds / 3600


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    value = value.strip("\x00 \t\r\n")
    return value or None
