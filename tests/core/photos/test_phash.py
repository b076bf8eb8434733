"""The perceptual hash: a reused photo matches however it came back, different photos of
the same kind of scene do not, bad files give one line. (Rates over many photos:
bench/photo_reuse.py; these pin it for a few.)"""

from __future__ import annotations

import io
import itertools
import math
import random
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageOps

from desktop_app.errors import PhotoError
from desktop_app.photos.phash import (
    FULL_MAX_DISTANCE,
    KEY_MAX_DISTANCE,
    PhotoHash,
    _dct,
    content_box,
    hamming,
    photo_hash,
    photo_hash_file,
)
from desktop_app.photos.synthetic import make_camera_jpeg
from desktop_app.photos.synthetic_reuse import (
    BEYOND_REACH,
    jpeg,
    reuse_variants,
    same_place_other_shot,
)

TAKEN = datetime(2026, 10, 5, 9, 30)


def upright(path: Path) -> Image.Image:
    with Image.open(path) as image:
        image.load()
        return ImageOps.exif_transpose(image)


def hash_of(data: bytes, folder: Path, name: str = "photo.bin") -> PhotoHash:
    path = folder / name
    path.write_bytes(data)
    return photo_hash_file(path)


@pytest.mark.parametrize(("seed", "orientation"), [(21, 1), (22, 6)])
def test_a_reused_photo_matches_however_it_came_back(tmp_path, seed, orientation):
    """Re-encoded, shrunk to 640 or kept at 4096, cropped 3 %, framed, brighter, darker,
    grey, stored sideways or upside down behind an EXIF tag, a phone screenshot."""
    original = make_camera_jpeg(tmp_path / "original.jpg", width=2000, height=1500, seed=seed,
                                taken_at=TAKEN, orientation=orientation)
    variants = reuse_variants(upright(original), seed=seed)
    kept = hash_of(variants.pop("attached 1600 q80"), tmp_path)  # what headquarters holds
    assert kept.same_picture(photo_hash_file(original))
    far = {}
    for name, data in variants.items():
        if name in BEYOND_REACH:
            continue
        distances = kept.distances(hash_of(data, tmp_path))
        if not (distances[0] <= KEY_MAX_DISTANCE and distances[1] <= FULL_MAX_DISTANCE):
            far[name] = distances
    assert far == {}
    assert len(variants) - len(BEYOND_REACH) >= 17


def test_different_photos_of_the_same_kind_of_scene_are_told_apart(tmp_path):
    """Eight camera-like photos from one generator (sky, buildings, trees, ground), and
    another shot of the same spot: no two are the same picture."""
    hashes = []
    for seed in range(40, 48):
        path = make_camera_jpeg(tmp_path / f"{seed}.jpg", width=800, height=600, seed=seed,
                                taken_at=TAKEN)
        hashes.append(photo_hash_file(path))
    for a, b in itertools.combinations(hashes, 2):
        assert not a.same_picture(b), a.distances(b)
        assert a.distances(b)[1] > FULL_MAX_DISTANCE
    spot = make_camera_jpeg(tmp_path / "spot.jpg", width=2000, height=1500, seed=48, taken_at=TAKEN)
    kept = hash_of(jpeg(upright(spot).resize((1600, 1200))), tmp_path)
    moved = hash_of(same_place_other_shot(upright(spot)), tmp_path)
    assert not kept.same_picture(moved)


def test_a_screenshot_frame_is_cut_away_to_the_picture(tmp_path):
    picture = upright(make_camera_jpeg(tmp_path / "p.jpg", width=1200, height=900, seed=5,
                                       taken_at=TAKEN))
    screen = Image.new("L", (540, 1170), 0)  # a phone screen, portrait, black
    screen.paste(picture.convert("L").resize((540, 405)), (0, 382))
    draw = ImageDraw.Draw(screen)
    draw.rectangle((20, 12, 80, 30), fill=255)  # the clock in the status bar
    draw.rectangle((450, 12, 520, 30), fill=230)  # signal and battery
    draw.ellipse((250, 1120, 290, 1160), outline=220, width=3)  # the home button
    assert content_box(screen) == (0, 382, 540, 787)
    bordered = ImageOps.expand(picture.convert("L"), border=40, fill=255)
    assert content_box(bordered) == (40, 40, 1240, 940)


def test_a_flat_band_inside_the_picture_does_not_split_it():
    """A clear sky or a white wall is one even shade across: only frames at the edges go."""
    rng = random.Random(1)
    picture = Image.frombytes("L", (300, 200), rng.randbytes(300 * 200))
    picture.paste(200, (0, 60, 300, 120))  # a flat band across the middle
    assert content_box(picture) == (0, 0, 300, 200)
    mostly_flat = Image.new("L", (300, 200), 240)
    mostly_flat.paste(Image.frombytes("L", (30, 20), rng.randbytes(600)), (10, 10))
    assert content_box(mostly_flat) == (0, 0, 300, 200)  # too little left to be "the picture"


def test_the_dct_is_the_textbook_dct():
    """Against DCT-II written out from its definition (independent of the fast one)."""
    rng = random.Random(9)
    small = Image.frombytes("L", (32, 32), rng.randbytes(1024))
    pixels = list(small.tobytes())
    ours = _dct(small)
    for v, u in [(0, 0), (0, 1), (1, 0), (3, 7), (7, 7), (15, 15), (9, 2)]:
        expected = sum(
            pixels[y * 32 + x] * math.cos(math.pi * (2 * x + 1) * u / 64)
            * math.cos(math.pi * (2 * y + 1) * v / 64)
            for y in range(32) for x in range(32))
        assert ours[v][u] == pytest.approx(expected, rel=1e-9, abs=1e-6)


def test_hashes_have_half_their_bits_set_and_round_trip_as_hex(camera_jpeg):
    hashed = photo_hash_file(camera_jpeg(seed=3))
    assert hashed.key.bit_count() == 32 and hashed.full.bit_count() == 128
    assert hashed.key >> 63 == 1  # the DC coefficient: always above the median
    assert len(hashed.key_hex) == 16 and len(hashed.full_hex) == 64
    assert PhotoHash.from_hex(hashed.key_hex, hashed.full_hex) == hashed
    with pytest.raises(ValueError):
        PhotoHash.from_hex("abc", hashed.full_hex)
    assert hamming(0b1011, 0b0110) == 3


def test_any_image_mode_hashes_like_its_rgb(camera_jpeg):
    with Image.open(camera_jpeg(seed=8)) as image:
        rgb = image.convert("RGB")
    expected = photo_hash(rgb)
    for mode in ("RGBA", "L", "P", "CMYK"):
        assert photo_hash(rgb.convert(mode)).same_picture(expected), mode
    blank = photo_hash(Image.new("RGB", (64, 48), (255, 255, 255)))
    assert blank == photo_hash(Image.new("RGB", (640, 480), (255, 255, 255)))


def test_png_and_exif_rotation_from_files(tmp_path, camera_jpeg):
    shown = upright(camera_jpeg(seed=12, orientation=6))
    buffer = io.BytesIO()
    shown.save(buffer, "PNG")
    assert hash_of(buffer.getvalue(), tmp_path, "a.png").same_picture(photo_hash(shown))
    sideways = photo_hash_file(camera_jpeg("sideways.jpg", seed=12, orientation=6))
    key_distance, full_distance = sideways.distances(photo_hash(shown))
    assert key_distance <= 2 and full_distance <= 8  # a reduced-scale decode, the same picture


def test_a_file_that_is_not_a_sound_photo_gives_one_line(tmp_path, declared_png, camera_jpeg):
    with pytest.raises(PhotoError, match=r"^missing\.jpg: file not found$"):
        photo_hash_file(tmp_path / "missing.jpg")
    text = tmp_path / "notes.jpg"
    text.write_text("not a photo")
    with pytest.raises(PhotoError, match=r"^notes\.jpg: not an image"):
        photo_hash_file(text)
    whole = camera_jpeg(seed=2).read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(PhotoError, match=r"^cut\.jpg: the file is cut short"):
        photo_hash_file(cut)
    with pytest.raises(PhotoError, match=r"^bomb-10000x7000\.png: too large \(10000 x 7000 pixels, limit 60"):
        photo_hash_file(declared_png(10_000, 7_000))
    with pytest.raises(PhotoError, match=r"^bomb-20000x20000\.png: too large \(400 megapixels"):
        photo_hash_file(declared_png(20_000, 20_000))
