"""Perceptual hash of a photo: the same picture, however it was passed around, hashes alike.

Headquarters flags a photo that comes back for another office or another site
(``hq/reuse.py``). A reused photo is rarely the same file: it was re-encoded, shrunk by
the office's attach setting (long edge 640-4096), cropped a little, framed, brightened,
stored sideways behind an EXIF rotation, or is a phone screenshot of the picture (black
bars, a status bar). sha256 misses all of those; these hashes keep them a few bits apart,
while two different photos of the same kind of place (two corridors, two yards) differ in
about half of their bits. Figures and thresholds: docs/decisions/0020.

The hash is the DCT hash ("pHash"): the picture in grey at 32 x 32, its lowest spatial
frequencies, each bit "is this coefficient above their median". Low frequencies are the
layout of light and dark, which re-encoding, resizing and exposure changes do not move.
A photo gets two, from one DCT:

* ``key``, 64 bits: the 8 x 8 lowest frequencies, exactly ``imagehash.phash`` (bit for
  bit on the same 32 x 32 input). Robust, and short enough to search a million photos
  for the ones within 10 bits (``photos/hash_index.py``). Alone it is not selective
  enough: the very lowest frequencies are what photos of one kind of scene share (sky
  above, ground below), and among a thousand such scenes some pairs of different photos
  come within 10 bits.
* ``full``, 256 bits: the 16 x 16 lowest frequencies, for the few photos the key found.
  The higher ones are what tells two corridors apart: different photos stay 76 or more
  of 256 bits apart where the same picture, re-encoded or framed, stays within 25.

Written on Pillow alone (a 32 x 32 DCT is some thousands of multiplications) rather than
with imagehash, which brings numpy, SciPy and PyWavelets into every office's download.

Before the DCT the hash finds the picture inside any flat frame: rows and columns at the
edges that are one even shade (letterbox bars of a screenshot, a border added around the
photo) are cut away, and with them a thin bar with detail (a phone's status or navigation
bar) that has such a flat band behind it. Only from the edges in: a flat row inside the
picture (a clear sky, a white wall) never splits it.

    photo_hash(image) -> PhotoHash       an opened PIL image (EXIF orientation applied here)
    photo_hash_file(path) -> PhotoHash   a file; PhotoError with one line if unreadable
    PhotoHash.same_picture(other)        key within 10 bits and full within 64
    hamming(a, b)                        bits that differ
"""

from __future__ import annotations

import math
import statistics
import warnings
from dataclasses import dataclass
from operator import mul
from pathlib import Path

from PIL import Image, ImageChops, ImageOps

from desktop_app.errors import PhotoError
from desktop_app.photos.ingest import (
    _DECODE_ERRORS,
    _OPEN_LOCK,
    ACCEPTED_FORMATS,
    MAX_PIXELS,
    _reason,
)

__all__ = ["KEY_BITS", "FULL_BITS", "KEY_MAX_DISTANCE", "FULL_MAX_DISTANCE", "PhotoHash",
           "photo_hash", "photo_hash_file", "hamming", "content_box"]

KEY_BITS = 64
FULL_BITS = 256
# The same picture: keys at most KEY_MAX_DISTANCE bits apart and full hashes at most
# FULL_MAX_DISTANCE, chosen from the distributions bench/photo_reuse.py measures
# (docs/decisions/0020). Two keys always differ in an even number of bits (each has
# exactly 32 set: the median splits 64 values in halves), so 10 means 11 too.
KEY_MAX_DISTANCE = 10
FULL_MAX_DISTANCE = 64
_KEY_SIDE = 8  # 8 x 8 coefficients
_FULL_SIDE = 16  # 16 x 16 coefficients
_DCT_INPUT = 32  # the grey picture is reduced to 32 x 32 before the DCT
# The picture is looked at (frame found) at this size: big enough that a 3 % border is
# several pixels, small enough that a 1600 px JPEG decodes at 1/4 scale (Image.draft).
_WORK_EDGE = 256
# A row or column is "flat" when its pixels differ from their mean by less than half a
# level on average (0-255 scale, at _WORK_EDGE): a painted bar, even after JPEG. A photo's
# sky keeps a level or two of grain and gradient even when shrunk; a blown-out sky (all
# 255) does count as flat, in every copy of the photo alike.
_FLAT_DEVIATION = 0
# A frame is cut only if what remains is at least this share of the side: a picture that
# is mostly flat (a wall, a page) is hashed whole.
_MIN_CONTENT_SHARE = 0.2
# A phone's status or navigation bar: a band with detail at the edge, at most this share
# of the side, cut with the flat bar behind it if that bar is at least as deep.
_BAR_SHARE = 0.08

# cos(pi * (2n + 1) * k / 64) for the 16 lowest frequencies k over the 32 samples n: the
# DCT-II basis (unnormalised, as scipy.fft.dct computes it up to a factor 2 that a median
# comparison ignores).
_BASIS = [
    [math.cos(math.pi * (2 * n + 1) * k / (2 * _DCT_INPUT)) for n in range(_DCT_INPUT)]
    for k in range(_FULL_SIDE)
]


@dataclass(frozen=True)
class PhotoHash:
    """A photo's two perceptual hashes (see the module's docstring); store both."""

    key: int  # 64 bits: searched
    full: int  # 256 bits: confirms

    def distances(self, other: PhotoHash) -> tuple[int, int]:
        """Bits that differ in the keys and in the full hashes."""
        return hamming(self.key, other.key), hamming(self.full, other.full)

    def same_picture(self, other: PhotoHash) -> bool:
        key_distance, full_distance = self.distances(other)
        return key_distance <= KEY_MAX_DISTANCE and full_distance <= FULL_MAX_DISTANCE

    @property
    def key_hex(self) -> str:
        return f"{self.key:016x}"

    @property
    def full_hex(self) -> str:
        return f"{self.full:064x}"

    @classmethod
    def from_hex(cls, key_hex: str, full_hex: str) -> PhotoHash:
        """The hash stored as :attr:`key_hex` and :attr:`full_hex` (ValueError if not)."""
        if len(key_hex) != KEY_BITS // 4 or len(full_hex) != FULL_BITS // 4:
            raise ValueError(f"not a photo hash: {key_hex!r}, {full_hex!r}")
        return cls(int(key_hex, 16), int(full_hex, 16))


def photo_hash(image: Image.Image) -> PhotoHash:
    """The hashes of ``image`` as a viewer shows it (EXIF orientation applied)."""
    upright = ImageOps.exif_transpose(image)
    grey = upright.convert("L")
    if max(grey.size) > _WORK_EDGE:
        grey = grey.copy()
        grey.thumbnail((_WORK_EDGE, _WORK_EDGE), Image.Resampling.BOX)
    picture = grey.crop(content_box(grey))
    coefficients = _dct(picture.resize((_DCT_INPUT, _DCT_INPUT), Image.Resampling.LANCZOS))
    corner = [row[:_KEY_SIDE] for row in coefficients[:_KEY_SIDE]]
    return PhotoHash(_bits(corner), _bits(coefficients))


def photo_hash_file(path: Path) -> PhotoHash:
    """The hashes of a photo file; PhotoError("<name>: <reason>") if it cannot be read.

    A JPEG is decoded by libjpeg at 1/2 to 1/8 scale, grey only (``Image.draft``): a
    1600 px photo costs a 400 px decode.
    """
    path = Path(path)
    try:
        with _OPEN_LOCK, warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path, formats=ACCEPTED_FORMATS)
        with image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoError(f"{path.name}: too large ({width} x {height} pixels, "
                                 f"limit {MAX_PIXELS // 1_000_000} megapixels)")
            if image.format in ("JPEG", "MPO"):
                image.draft("L", (_WORK_EDGE, _WORK_EDGE))
            image.load()
            return photo_hash(image)
    except PhotoError:
        raise
    except FileNotFoundError:
        raise PhotoError(f"{path.name}: file not found") from None
    except _DECODE_ERRORS as exc:
        raise PhotoError(f"{path.name}: {_reason(exc)}") from exc


def hamming(a: int, b: int) -> int:
    """How many bits differ."""
    return (a ^ b).bit_count()


def content_box(grey: Image.Image) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the picture inside any flat frame of ``grey``."""
    width, height = grey.size
    top, bottom = _inside_frame(_flat_rows(grey))
    band = grey.crop((0, top, width, bottom))
    left, right = _inside_frame(_flat_rows(band.transpose(Image.Transpose.TRANSPOSE)))
    return left, top, right, bottom


def _flat_rows(grey: Image.Image) -> list[bool]:
    """For each row: are its pixels one even shade? (Mean absolute deviation, in C.)"""
    width, height = grey.size
    means = grey.resize((1, height), Image.Resampling.BOX).resize((width, height), Image.Resampling.NEAREST)
    deviation = ImageChops.difference(grey, means).resize((1, height), Image.Resampling.BOX)
    return [value <= _FLAT_DEVIATION for value in deviation.tobytes()]


def _inside_frame(flat: list[bool]) -> tuple[int, int]:
    """Start and end of what lies inside the flat rows at both ends; the whole when too
    little would be left to be the picture."""
    length = len(flat)
    start = _frame_depth(flat)
    end = length - _frame_depth(flat[::-1])
    if end - start < _MIN_CONTENT_SHARE * length:
        return 0, length
    return start, end


def _frame_depth(flat: list[bool]) -> int:
    """How many rows from this end are frame: flat rows, and once a thin band with detail
    (a status or navigation bar) when more flat rows lie behind it."""
    length = len(flat)
    depth = _run(flat, 0, True)
    bar_end = _run(flat, depth, False)
    behind = _run(flat, bar_end, True)
    if bar_end - depth <= _BAR_SHARE * length and behind - bar_end >= _BAR_SHARE * length:
        depth = behind
    return depth


def _run(flat: list[bool], start: int, value: bool) -> int:
    """The end of the run of ``value`` that begins at ``start``."""
    end = start
    while end < len(flat) and flat[end] is value:
        end += 1
    return end


def _dct(small: Image.Image) -> list[list[float]]:
    """The 16 x 16 lowest DCT-II coefficients of a 32 x 32 grey image, [vertical][horizontal]."""
    pixels = small.tobytes()
    rows = [pixels[y * _DCT_INPUT:(y + 1) * _DCT_INPUT] for y in range(_DCT_INPUT)]
    # Along each row (horizontal frequencies), then down the columns (vertical ones).
    across = [[sum(map(mul, basis, row)) for basis in _BASIS] for row in rows]
    columns = list(zip(*across))  # columns[u][y]
    return [[sum(map(mul, basis, columns[u])) for u in range(_FULL_SIDE)] for basis in _BASIS]


def _bits(coefficients: list[list[float]]) -> int:
    """One bit per coefficient, "above their median?", row by row, most significant first
    (imagehash's order)."""
    values = [value for row in coefficients for value in row]
    median = statistics.median(values)
    bits = 0
    for value in values:
        bits = (bits << 1) | (value > median)
    return bits
