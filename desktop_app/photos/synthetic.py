"""Camera-like JPEGs for the demo office, the benchmark and tests.

Flat-colour test images compress ten times better than real photos and decode faster, so
they flatter every size and speed figure. These images have what a phone photo has: a
scene (sky, buildings, trees, ground), texture at several scales, sensor grain, and the
EXIF a phone writes (DateTimeOriginal with OffsetTimeOriginal, GPS, Orientation), with the
pixels stored the way a sensor stores them (a portrait shot is a landscape image plus
Orientation 6 or 8).

Deterministic for a seed (Python's ``random.Random``, never libc ``rand()`` behind
``Image.effect_noise``) and fast without numpy: the scene is drawn at a quarter of the
size and enlarged, and the grain comes from ``Random.randbytes``.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from fractions import Fraction
from pathlib import Path

from PIL import Image, ImageDraw, TiffImagePlugin

__all__ = ["make_camera_jpeg", "exif_bytes"]

_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825

# Stored pixels = displayed picture transformed by the inverse of what a viewer applies.
# ImageOps.exif_transpose applies ROTATE_270 for 6 and ROTATE_90 for 8; the others are
# their own inverse.
_INVERSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def make_camera_jpeg(
    path: Path,
    *,
    width: int = 4000,
    height: int = 3000,
    seed: int,
    taken_at: datetime,
    lat: float | None = None,
    lon: float | None = None,
    orientation: int = 1,
    quality: int = 90,
) -> Path:
    """Write a phone-like JPEG to ``path`` and return ``path``.

    ``width`` x ``height`` are the *stored* pixel dimensions, as a sensor writes them;
    with ``orientation`` 5-8 the picture a viewer shows is ``height`` x ``width``, and it
    is upright (sky on top) once the orientation is applied. ``taken_at`` goes into
    DateTimeOriginal; if it is timezone-aware its offset goes into OffsetTimeOriginal.
    """
    if orientation not in range(1, 9):
        raise ValueError(f"orientation must be 1..8, not {orientation}")
    rng = random.Random(seed)
    shown = (height, width) if orientation >= 5 else (width, height)
    picture = _scene(shown, rng)
    if orientation in _INVERSE:
        picture = picture.transpose(_INVERSE[orientation])
    path = Path(path)
    picture.save(
        path,
        "JPEG",
        quality=quality,
        exif=exif_bytes(taken_at=taken_at, lat=lat, lon=lon, orientation=orientation),
    )
    return path


def exif_bytes(
    *,
    taken_at: datetime | None,
    lat: float | None = None,
    lon: float | None = None,
    orientation: int = 1,
) -> bytes:
    """EXIF as a phone writes it: make/model, orientation, times with offset, GPS."""
    exif = Image.Exif()
    exif[0x010F] = "FieldDesk"  # Make
    exif[0x0110] = "Synthetic Phone"  # Model
    exif[0x0112] = orientation
    if taken_at is not None:
        stamp = taken_at.strftime("%Y:%m:%d %H:%M:%S")
        exif[0x0132] = stamp  # DateTime
        exif_ifd = exif.get_ifd(_EXIF_IFD)
        exif_ifd[0x9003] = stamp  # DateTimeOriginal
        exif_ifd[0x9004] = stamp  # DateTimeDigitized
        offset = _offset_text(taken_at)
        if offset is not None:
            exif_ifd[0x9010] = offset  # OffsetTime
            exif_ifd[0x9011] = offset  # OffsetTimeOriginal
    if lat is not None and lon is not None:
        gps = exif.get_ifd(_GPS_IFD)
        gps[0x0000] = b"\x02\x02\x00\x00"  # GPSVersionID
        gps[0x0001] = "N" if lat >= 0 else "S"
        gps[0x0002] = _dms(abs(lat))
        gps[0x0003] = "E" if lon >= 0 else "W"
        gps[0x0004] = _dms(abs(lon))
    return exif.tobytes()


def _offset_text(moment: datetime) -> str | None:
    offset = moment.utcoffset()
    if offset is None:
        return None
    minutes = int(offset / timedelta(minutes=1))
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _dms(value: float) -> tuple[TiffImagePlugin.IFDRational, ...]:
    """Degrees, minutes, seconds as EXIF rationals (seconds to 1/10000)."""
    degrees = int(value)
    minutes_float = (value - degrees) * 60
    minutes = int(minutes_float)
    seconds = Fraction(round((minutes_float - minutes) * 60 * 10000), 10000)
    return (
        TiffImagePlugin.IFDRational(degrees, 1),
        TiffImagePlugin.IFDRational(minutes, 1),
        TiffImagePlugin.IFDRational(seconds.numerator, seconds.denominator),
    )


def _scene(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """An outdoor scene with detail at several scales, at ``size``."""
    width, height = size
    small = (max(8, width // 4), max(8, height // 4))
    sw, sh = small
    horizon = max(1, int(sh * rng.uniform(0.3, 0.5)))

    sky_top = (rng.randint(40, 90), rng.randint(90, 140), rng.randint(170, 230))
    sky_low = (rng.randint(170, 220), rng.randint(190, 230), rng.randint(220, 250))
    ground_far = (rng.randint(110, 150), rng.randint(100, 130), rng.randint(70, 100))
    ground_near = (rng.randint(70, 110), rng.randint(60, 90), rng.randint(40, 70))
    canvas = Image.new("RGB", small)
    canvas.paste(_vertical_gradient((sw, horizon), sky_top, sky_low), (0, 0))
    canvas.paste(_vertical_gradient((sw, sh - horizon), ground_far, ground_near), (0, horizon))
    draw = ImageDraw.Draw(canvas)

    for _ in range(rng.randint(3, 7)):  # buildings with windows
        bw = rng.randint(sw // 10, sw // 4)
        bh = rng.randint(sh // 8, sh // 3)
        x0 = rng.randint(-bw // 2, sw - bw // 2)
        y1 = horizon + rng.randint(0, sh // 12)
        wall = tuple(rng.randint(120, 230) for _ in range(3))
        draw.rectangle((x0, y1 - bh, x0 + bw, y1), fill=wall, outline=(60, 60, 60))
        step = max(4, bw // rng.randint(4, 9))
        for wx in range(x0 + step // 2, x0 + bw - step // 2, step):
            for wy in range(y1 - bh + step // 2, y1 - step // 2, step):
                shade = rng.randint(20, 90)
                draw.rectangle((wx, wy, wx + step // 2, wy + step // 2), fill=(shade, shade, shade + 20))

    for _ in range(rng.randint(4, 10)):  # trees: trunks and clumps of leaves
        cx = rng.randint(0, sw)
        base = horizon + rng.randint(0, sh // 6)
        crown = rng.randint(sh // 14, sh // 6)
        draw.rectangle((cx - 2, base - crown, cx + 2, base), fill=(80, 55, 30))
        for _ in range(60):
            r = rng.randint(2, max(3, crown // 4))
            x = cx + rng.randint(-crown, crown)
            y = base - crown + rng.randint(-crown, crown // 2)
            green = (rng.randint(20, 80), rng.randint(80, 160), rng.randint(20, 70))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=green)

    for _ in range(sw * sh // 400):  # ground clutter: stones, leaves, litter
        x = rng.randint(0, sw)
        y = rng.randint(horizon, sh)
        r = rng.randint(1, 2 + (y - horizon) * 6 // max(1, sh - horizon))
        tone = rng.randint(50, 200)
        colour = (tone, tone - rng.randint(0, 40), tone - rng.randint(0, 70))
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.polygon(
                [(x + rng.randint(-r, r), y + rng.randint(-r, r)) for _ in range(3)], fill=colour
            )

    picture = canvas.resize(size, Image.Resampling.BILINEAR)
    # Texture at two scales: mid-frequency (foliage, gravel, plaster) and sensor grain.
    mid = Image.frombytes("L", small, rng.randbytes(sw * sh)).resize(
        size, Image.Resampling.BILINEAR
    )
    fine = Image.frombytes("L", size, rng.randbytes(width * height))
    grain = Image.blend(mid, fine, 0.35)
    return Image.blend(picture, Image.merge("RGB", (grain, grain, grain)), 0.16)


def _vertical_gradient(
    size: tuple[int, int], top: tuple[int, ...], bottom: tuple[int, ...]
) -> Image.Image:
    ramp = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), ramp)
