"""Fixtures that write the photo files a clerk might attach, good and nasty.

Each factory writes into the test's ``tmp_path`` and returns the file's path. Images
are small (a few hundred pixels) unless size is the point, so the folder runs fast.
"""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image

from desktop_app.photos.synthetic import exif_bytes, make_camera_jpeg

IST = timezone(timedelta(hours=5, minutes=30))

# The colours of the four quadrants of the upright picture, for orientation checks.
TOP_LEFT, TOP_RIGHT = (220, 30, 30), (30, 200, 30)
BOTTOM_LEFT, BOTTOM_RIGHT = (30, 30, 220), (230, 220, 40)

# What a viewer must do to stored pixels for each orientation is ImageOps.exif_transpose;
# a camera stores the upright picture transformed by the inverse.
STORE_AS = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_90,  # shown after turning 90 degrees clockwise
    8: Image.Transpose.ROTATE_270,  # shown after turning 90 degrees anticlockwise
}


def quadrants(width: int = 400, height: int = 200) -> Image.Image:
    """An upright picture whose four quadrants have four different colours."""
    picture = Image.new("RGB", (width, height))
    half_w, half_h = width // 2, height // 2
    picture.paste(TOP_LEFT, (0, 0, half_w, half_h))
    picture.paste(TOP_RIGHT, (half_w, 0, width, half_h))
    picture.paste(BOTTOM_LEFT, (0, half_h, half_w, height))
    picture.paste(BOTTOM_RIGHT, (half_w, half_h, width, height))
    return picture


def noise(size: tuple[int, int], seed: int = 0, mode: str = "RGB") -> Image.Image:
    """Deterministic noise: incompressible, so a truncated copy really misses data."""
    bands = len(mode)
    data = random.Random(seed).randbytes(size[0] * size[1] * bands)
    return Image.frombytes(mode, size, data)


def png_bytes(width: int, height: int, bit_depth: int, colour_type: int, raw: bytes) -> bytes:
    """A PNG written by hand, so the header can declare whatever we like."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def rgb_icc_profile(
    red: tuple[float, float, float],
    green: tuple[float, float, float],
    blue: tuple[float, float, float],
    description: str,
) -> bytes:
    """A minimal ICC v2 RGB display profile (matrix + gamma 2.2), built by hand: the
    test needs a profile that is not sRGB, and none ships with Pillow."""

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(value: tuple[float, float, float]) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(s15(c) for c in value)

    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233) + b"\0\0"
    text = description.encode() + b"\0"
    desc = (b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text
            + struct.pack(">IIHB", 0, 0, 0, 0) + b"\0" * 67)
    desc += b"\0" * (-len(desc) % 4)
    d50 = (0.9642, 1.0, 0.8249)
    tags = [(b"desc", desc), (b"wtpt", xyz(d50)), (b"rXYZ", xyz(red)), (b"gXYZ", xyz(green)),
            (b"bXYZ", xyz(blue)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    header = (struct.pack(">I", offset + len(data)) + b"\0" * 4 + struct.pack(">I", 0x02100000)
              + b"mntrRGB XYZ " + b"\0" * 12 + b"acsp" + b"\0" * 28
              + b"".join(s15(c) for c in d50) + b"\0" * 48)
    return header + struct.pack(">I", len(tags)) + table + data


@pytest.fixture
def make_icc_profile() -> Callable[..., bytes]:
    return rgb_icc_profile


@pytest.fixture
def quadrant_picture() -> Image.Image:
    return quadrants()


@pytest.fixture
def quadrant_colours() -> dict[str, tuple[int, int, int]]:
    """Colour of each quadrant of the upright picture (see ``quadrants``)."""
    return {
        "top_left": TOP_LEFT,
        "top_right": TOP_RIGHT,
        "bottom_left": BOTTOM_LEFT,
        "bottom_right": BOTTOM_RIGHT,
    }


@pytest.fixture
def make_png() -> Callable[[int, int, int, int, bytes], bytes]:
    return png_bytes


@pytest.fixture
def make_noise() -> Callable[..., Image.Image]:
    return noise


@pytest.fixture
def oriented_jpeg(tmp_path: Path) -> Callable[[int], Path]:
    """JPEG of the quadrant picture stored as a camera would for an EXIF orientation."""

    def write(orientation: int) -> Path:
        stored = quadrants()
        if STORE_AS[orientation] is not None:
            stored = stored.transpose(STORE_AS[orientation])
        path = tmp_path / f"oriented-{orientation}.jpg"
        stored.save(path, "JPEG", quality=95, exif=exif_bytes(taken_at=None, orientation=orientation))
        return path

    return write


@pytest.fixture
def noisy_jpeg(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str = "noise.jpg", size: tuple[int, int] = (640, 480), seed: int = 0) -> Path:
        path = tmp_path / name
        noise(size, seed).save(path, "JPEG", quality=90)
        return path

    return write


@pytest.fixture
def camera_jpeg(tmp_path: Path) -> Callable[..., Path]:
    """A camera-like JPEG (scene, grain, phone EXIF), small unless asked otherwise."""

    def write(
        name: str = "IMG_0001.jpg",
        *,
        seed: int = 1,
        width: int = 800,
        height: int = 600,
        taken_at: datetime = datetime(2026, 10, 5, 9, 14, 3, tzinfo=IST),
        lat: float | None = 28.6129,
        lon: float | None = 77.2295,
        orientation: int = 1,
    ) -> Path:
        return make_camera_jpeg(
            tmp_path / name, width=width, height=height, seed=seed, taken_at=taken_at,
            lat=lat, lon=lon, orientation=orientation,
        )

    return write


@pytest.fixture
def declared_png(tmp_path: Path) -> Callable[[int, int], Path]:
    """A tiny PNG whose header declares ``width`` x ``height``: a decompression bomb."""

    def write(width: int, height: int) -> Path:
        path = tmp_path / f"bomb-{width}x{height}.png"
        path.write_bytes(png_bytes(width, height, 8, 0, b"\x00" * 64))
        return path

    return write
