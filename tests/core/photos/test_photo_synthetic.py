"""The camera-like JPEG generator shared with the demo office and the benchmark."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PIL import Image, ImageOps, ImageStat

from desktop_app.photos.exif import read_exif_facts
from desktop_app.photos.synthetic import make_camera_jpeg

IST = timezone(timedelta(hours=5, minutes=30))
WHEN = datetime(2026, 10, 5, 9, 14, 3, tzinfo=IST)


def test_same_seed_same_bytes_other_seed_other_picture(tmp_path):
    a = make_camera_jpeg(tmp_path / "a.jpg", width=640, height=480, seed=3, taken_at=WHEN)
    b = make_camera_jpeg(tmp_path / "b.jpg", width=640, height=480, seed=3, taken_at=WHEN)
    c = make_camera_jpeg(tmp_path / "c.jpg", width=640, height=480, seed=4, taken_at=WHEN)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_exif_is_what_a_phone_writes(tmp_path):
    path = make_camera_jpeg(
        tmp_path / "p.jpg", width=640, height=480, seed=1, taken_at=WHEN,
        lat=26.9124, lon=75.7873, orientation=6,
    )
    with Image.open(path) as image:
        assert image.size == (640, 480)
        facts = read_exif_facts(image)
    assert facts.taken_at == "2026-10-05T09:14:03+05:30"
    assert (round(facts.latitude, 4), round(facts.longitude, 4)) == (26.9124, 75.7873)
    assert facts.orientation == 6


def test_picture_is_upright_after_orientation_sky_on_top(tmp_path):
    for orientation in (1, 3, 6, 8):
        path = make_camera_jpeg(
            tmp_path / f"o{orientation}.jpg", width=640, height=480, seed=9,
            taken_at=WHEN, orientation=orientation,
        )
        with Image.open(path) as image:
            shown = ImageOps.exif_transpose(image)
        w, h = shown.size
        top = ImageStat.Stat(shown.crop((0, 0, w, h // 8))).mean
        bottom = ImageStat.Stat(shown.crop((0, h - h // 8, w, h))).mean
        assert top[2] > top[0] + 40, orientation  # blue sky on top
        assert bottom[0] > bottom[2], orientation  # brown ground below


def test_detailed_like_a_photo(tmp_path):
    # How fast it is belongs to bench/photos.py, not to a test on a shared machine.
    path = make_camera_jpeg(tmp_path / "12mp.jpg", seed=5, taken_at=WHEN)  # 4000 x 3000
    # A real 12 MP phone JPEG is 2-6 MB; a flat synthetic image would be a tenth of that.
    assert 2_000_000 < path.stat().st_size < 8_000_000
