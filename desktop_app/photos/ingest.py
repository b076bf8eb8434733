"""Ingest one photo file: refuse what is unsafe, make it small and upright, once.

Offices take photos on phones (12 MP and more, HEIC on iPhones, JPEG with an EXIF
rotation) and send them to headquarters over 2G links, so a photo is made small when it
is attached and never again: long edge ``max_edge`` (1600 px), JPEG quality ~80, no
metadata (no phone serial numbers, no stale Orientation tag), upright pixels. The few
facts worth keeping (taken-at time, GPS) are read from the original first.

Whatever the file is, ingest either returns an :class:`IngestedPhoto` or raises
:class:`~desktop_app.errors.PhotoError` with one line naming the file and the reason;
never a traceback. In order, before anything is decoded:

1. the file size (0 bytes is refused, and so is anything over 25 MiB: a phone photo is
   2-8 MB);
2. the format, from the content, not the extension: JPEG, PNG, WebP, HEIC/HEIF, TIFF
   (and AVIF, GIF, BMP, which cost nothing to allow);
3. the declared pixel count (60 megapixels), and Pillow's own decompression-bomb check
   turned from a warning into an error;

then the image is decoded with ``load()``, which fails on a truncated file (``verify()``
would pass half a JPEG, and ``ImageFile.LOAD_TRUNCATED_IMAGES`` is never set).

Speed: a JPEG is decoded at a reduced scale by libjpeg itself (``Image.draft``, 1/2 to
1/8), so a 12 MP photo costs a 3 MP decode; the rest is a LANCZOS resize and the
rotation of the already small image.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import struct
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pillow_heif
from PIL import Image, ImageCms, UnidentifiedImageError

from desktop_app.errors import PhotoError
from desktop_app.photos.exif import ExifFacts, read_exif_facts
from desktop_app.photos.quality import dhash

__all__ = [
    "IngestedPhoto",
    "ingest_file",
    "MAX_FILE_BYTES",
    "MAX_PIXELS",
    "THUMBNAIL_EDGE",
    "ACCEPTED_FORMATS",
]

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 60_000_000
THUMBNAIL_EDGE = 256
THUMBNAIL_QUALITY = 75
# Pillow's opener names; JPEG also opens the multi-picture JPEGs (MPO) phones write.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF", "AVIF", "TIFF", "GIF", "BMP")

pillow_heif.register_heif_opener()

# Anything Pillow (or libheif) raises on a malformed file: fuzzing has found all of these.
_DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    TypeError,
    IndexError,
    KeyError,
    struct.error,
    EOFError,
    ZeroDivisionError,
    OverflowError,
    RuntimeError,
    MemoryError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
)

# warnings.catch_warnings() swaps the process-wide filter list; two worker threads
# entering and leaving it interleaved would leave the list corrupted. Opening (reading
# the header) is quick, so it is done one thread at a time; decoding is not locked.
_OPEN_LOCK = threading.Lock()

# How a viewer turns stored pixels upright for each EXIF Orientation (as ImageOps.exif_
# transpose does); applied here to the already downscaled image, where it is cheap.
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class IngestedPhoto:
    """A photo made ready to store: the bytes to keep and the facts for the database."""

    jpeg: bytes = field(repr=False)  # the stored photo
    sha256: str  # of ``jpeg``: the content address and file name
    width: int  # of the stored, upright photo
    height: int
    original_name: str
    original_bytes: int
    taken_at: str | None  # ISO 8601, with the camera's UTC offset when it wrote one
    latitude: float | None
    longitude: float | None
    dhash: str  # 16 hex digits, perceptual hash (see quality.dhash)
    thumbnail: bytes = field(repr=False)  # JPEG, long edge THUMBNAIL_EDGE

    @property
    def stored_bytes(self) -> int:
        """Size of the stored photo."""
        return len(self.jpeg)


def ingest_file(path: Path, *, max_edge: int = 1600, quality: int = 80) -> IngestedPhoto:
    """Check, decode, orient, downscale and re-encode one photo file.

    Raises PhotoError("<file name>: <reason>") for anything that is not a sound image.
    """
    if max_edge < 1:
        raise ValueError(f"max_edge must be at least 1, not {max_edge}")
    path = Path(path)
    name = path.name
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the with below
    except FileNotFoundError:
        raise PhotoError(f"{name}: file not found") from None
    except IsADirectoryError:
        raise PhotoError(f"{name}: is a folder, not a file") from None
    except OSError as exc:
        raise PhotoError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    with handle:
        size = os.fstat(handle.fileno()).st_size
        if size == 0:
            raise PhotoError(f"{name}: file is empty")
        if size > MAX_FILE_BYTES:
            raise PhotoError(
                f"{name}: file is larger than 25 MiB "
                f"({math.ceil(size / 1024 / 1024 * 10) / 10:.1f} MiB)"
            )
        try:
            return _ingest(handle, name, size, max_edge, quality)
        except PhotoError:
            raise
        except _DECODE_ERRORS as exc:
            raise PhotoError(f"{name}: {_reason(exc)}") from exc


def _ingest(
    handle: BinaryIO, name: str, size: int, max_edge: int, quality: int
) -> IngestedPhoto:
    with _OPEN_LOCK, warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(handle, formats=ACCEPTED_FORMATS)
    with image:
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise PhotoError(
                f"{name}: too large ({width} x {height} pixels, "
                f"limit {MAX_PIXELS // 1_000_000} megapixels)"
            )
        facts: ExifFacts = read_exif_facts(image)
        icc_profile = image.info.get("icc_profile") or None
        # An RGB profile is applied after the resize, where it is cheap; a CMYK one at
        # the conversion to RGB; others (grey, palette) are dropped.
        rgb_profile = icc_profile if image.mode == "RGB" else None
        target = _fit((width, height), max_edge)
        if image.format in ("JPEG", "MPO") and target != (width, height):
            # Ask libjpeg for the smallest 1/2, 1/4 or 1/8 scale that is still at least
            # the target. Both sizes are in *stored* orientation (rotation comes later),
            # so a portrait photo stored as landscape is not under-sampled.
            image.draft("RGB", target)
        image.load()
        picture = _to_rgb(image, icc_profile)
    if picture.size != target:
        picture = picture.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if rgb_profile:
        picture = _to_srgb(picture, rgb_profile)
    if facts.orientation in _TRANSPOSE:
        picture = picture.transpose(_TRANSPOSE[facts.orientation])
    jpeg = _encode(picture, quality)
    thumb = picture.copy()
    thumb.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return IngestedPhoto(
        jpeg=jpeg,
        sha256=hashlib.sha256(jpeg).hexdigest(),
        width=picture.width,
        height=picture.height,
        original_name=name,
        original_bytes=size,
        taken_at=facts.taken_at,
        latitude=facts.latitude,
        longitude=facts.longitude,
        dhash=dhash(thumb),
        thumbnail=_encode(thumb, THUMBNAIL_QUALITY),
    )


def _fit(size: tuple[int, int], max_edge: int) -> tuple[int, int]:
    """``size`` scaled so its long edge is ``max_edge`` (never up); each edge >= 1 px."""
    width, height = size
    long_edge = max(width, height)
    if long_edge <= max_edge:
        return size
    scale = max_edge / long_edge
    return (
        max(1, min(max_edge, math.floor(width * scale + 0.5))),
        max(1, min(max_edge, math.floor(height * scale + 0.5))),
    )


def _to_rgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """8-bit RGB from any mode: 16-bit scaled (not clipped), alpha laid on white."""
    mode = image.mode
    if mode == "RGB":
        return image
    if mode == "CMYK" and icc_profile:
        converted = _to_srgb(image, icc_profile)
        if converted.mode == "RGB":
            return converted
    if mode.startswith("I;16") or mode == "I":
        image = image.point(lambda value: value * (1 / 256), "L")
    elif mode == "F":
        low, high = image.getextrema()
        span = (high - low) or 1.0
        image = image.point(lambda value: (value - low) * (255 / span)).convert("L")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _to_srgb(image: Image.Image, icc_profile: bytes) -> Image.Image:
    """Convert through the embedded colour profile (Display P3 on iPhones, CMYK press
    profiles) to sRGB, because the stored photo carries no profile. Already sRGB, or a
    profile LittleCMS rejects: the image is returned as it was."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        if "srgb" in ImageCms.getProfileDescription(source).lower().replace(" ", ""):
            return image
        converted = ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
    return converted if converted is not None else image


def _encode(image: Image.Image, quality: int) -> bytes:
    """Baseline JPEG, 4:2:0, optimized Huffman tables, and no metadata at all."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True, subsampling="4:2:0")
    return buffer.getvalue()


def _reason(exc: BaseException) -> str:
    """One line a clerk can act on, for an exception raised while reading an image."""
    if isinstance(exc, Image.DecompressionBombError | Image.DecompressionBombWarning):
        match = re.search(r"\((\d+) pixels\)", str(exc))
        declared = f"{int(match.group(1)) / 1_000_000:.0f} megapixels, " if match else ""
        return f"too large ({declared}limit {MAX_PIXELS // 1_000_000} megapixels)"
    if isinstance(exc, UnidentifiedImageError):
        return "not an image (JPEG, PNG, WebP, HEIC or TIFF expected)"
    if isinstance(exc, MemoryError):
        return "too large to open on this computer (out of memory)"
    text = " ".join(str(exc).split())
    lowered = text.lower()
    if isinstance(exc, EOFError) or any(
        sign in lowered for sign in ("truncated", "premature end", "end of file")
    ):
        return "the file is cut short (truncated)"
    detail = text[:100] if text else type(exc).__name__
    return f"damaged or unreadable image ({detail})"
