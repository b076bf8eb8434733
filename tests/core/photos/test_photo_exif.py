"""EXIF taken-at and GPS: parsed with the offset, and garbage gives None, never an error."""

from __future__ import annotations

from datetime import datetime

import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from desktop_app.photos.exif import (
    gps_from_exif,
    orientation,
    read_exif_facts,
    taken_at_from_exif,
)
from desktop_app.photos.ingest import ingest_file


def exif_with(
    original: object = None, offset: object = None, plain: object = None,
    plain_offset: object = None,
) -> Image.Exif:
    exif = Image.Exif()
    if plain is not None:
        exif[0x0132] = plain
    sub = exif.get_ifd(0x8769)
    if original is not None:
        sub[0x9003] = original
    if offset is not None:
        sub[0x9011] = offset
    if plain_offset is not None:
        sub[0x9010] = plain_offset
    return exif


def gps_exif(**tags: object) -> Image.Exif:
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    names = {"lat_ref": 1, "lat": 2, "lon_ref": 3, "lon": 4}
    for name, value in tags.items():
        gps[names[name]] = value
    return exif


def dms(d: float, m: float, s: float) -> tuple[IFDRational, ...]:
    return tuple(IFDRational(int(v * 100), 100) for v in (d, m, s))


# --- taken at ------------------------------------------------------------------------


def test_date_time_original_with_its_offset():
    exif = exif_with(original="2026:10:05 09:14:03", offset="+05:30")
    assert taken_at_from_exif(exif) == "2026-10-05T09:14:03+05:30"


def test_negative_offset_and_nul_padding():
    exif = exif_with(original="2026:10:05 21:00:00\x00", offset="-04:00\x00")
    assert taken_at_from_exif(exif) == "2026-10-05T21:00:00-04:00"


def test_without_offset_the_wall_clock_time_is_kept():
    assert taken_at_from_exif(exif_with(original="2026:10:05 09:14:03")) == "2026-10-05T09:14:03"


def test_falls_back_to_date_time_with_its_own_offset():
    exif = exif_with(plain="2026:10:06 10:00:00", plain_offset="+05:30")
    assert taken_at_from_exif(exif) == "2026-10-06T10:00:00+05:30"


def test_original_wins_over_date_time():
    exif = exif_with(original="2026:10:05 09:14:03", plain="2027:01:01 00:00:00")
    assert taken_at_from_exif(exif) == "2026-10-05T09:14:03"


def test_garbage_original_falls_back_to_date_time():
    exif = exif_with(original="0000:00:00 00:00:00", plain="2026:10:06 10:00:00")
    assert taken_at_from_exif(exif) == "2026-10-06T10:00:00"


@pytest.mark.parametrize(
    "value",
    ["0000:00:00 00:00:00", "2026:02:30 10:00:00", "    :  :     :  :  ", "yesterday", 12345,
     b"\xff\xfe", (1, 2), ""],
)
def test_garbage_time_is_none(value):
    assert taken_at_from_exif(exif_with(original=value)) is None


@pytest.mark.parametrize("offset", ["+5:30", "IST", "+25:00", "05:30", 330])
def test_garbage_offset_is_dropped_but_the_time_kept(offset):
    exif = exif_with(original="2026:10:05 09:14:03", offset=offset)
    assert taken_at_from_exif(exif) == "2026-10-05T09:14:03"


def test_no_exif_at_all():
    assert taken_at_from_exif(Image.Exif()) is None
    assert gps_from_exif(Image.Exif()) is None
    assert orientation(Image.Exif()) == 1


# --- GPS -----------------------------------------------------------------------------


def test_gps_north_east():
    exif = gps_exif(lat_ref="N", lat=dms(28, 36, 46.44), lon_ref="E", lon=dms(77, 12, 32.4))
    lat, lon = gps_from_exif(exif)
    assert lat == pytest.approx(28 + 36 / 60 + 46.44 / 3600, abs=1e-6)
    assert lon == pytest.approx(77 + 12 / 60 + 32.4 / 3600, abs=1e-6)


def test_gps_south_west_are_negative():
    exif = gps_exif(lat_ref="S", lat=dms(33, 51, 24.48), lon_ref="W", lon=dms(70, 40, 0))
    lat, lon = gps_from_exif(exif)
    assert lat == pytest.approx(-33.8568, abs=1e-5)
    assert lon == pytest.approx(-70.6666667, abs=1e-5)


@pytest.mark.parametrize(
    "tags",
    [
        {"lat": dms(28, 36, 0), "lon_ref": "E", "lon": dms(77, 12, 0)},  # no N/S: sign unknown
        {"lat_ref": "X", "lat": dms(28, 36, 0), "lon_ref": "E", "lon": dms(77, 12, 0)},
        {"lat_ref": "N", "lat": (IFDRational(28, 0), IFDRational(1, 1), IFDRational(0, 1)),
         "lon_ref": "E", "lon": dms(77, 12, 0)},  # zero denominator
        {"lat_ref": "N", "lat": dms(200, 0, 0), "lon_ref": "E", "lon": dms(77, 12, 0)},
        {"lat_ref": "N", "lat": dms(28, 75, 0), "lon_ref": "E", "lon": dms(77, 12, 0)},
        {"lat_ref": "N", "lat": "twenty", "lon_ref": "E", "lon": dms(77, 12, 0)},
        {"lat_ref": "N", "lat": dms(0, 0, 0), "lon_ref": "E", "lon": dms(0, 0, 0)},  # no fix
        {"lat_ref": "N", "lat": dms(28, 36, 0)},  # no longitude
    ],
)
def test_garbage_gps_is_none(tags):
    assert gps_from_exif(gps_exif(**tags)) is None


@pytest.mark.parametrize(("value", "expected"), [(6, 6), (8, 8), (0, 1), (9, 1), ("x", 1)])
def test_orientation(value, expected):
    exif = Image.Exif()
    exif[0x0112] = value
    assert orientation(exif) == expected


def test_read_from_a_camera_file(camera_jpeg):
    from datetime import timedelta, timezone

    path = camera_jpeg(
        taken_at=datetime(2026, 10, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-3))),
        lat=-22.9519, lon=-43.2105, orientation=8,
    )
    with Image.open(path) as image:
        facts = read_exif_facts(image)
    assert facts.taken_at == "2026-10-31T23:59:59-03:00"
    assert facts.latitude == pytest.approx(-22.9519, abs=1e-5)
    assert facts.longitude == pytest.approx(-43.2105, abs=1e-5)
    assert facts.orientation == 8


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_damaged_exif_block_gives_empty_facts_and_the_photo_is_still_taken(tmp_path):
    path = tmp_path / "bad-exif.jpg"
    Image.new("RGB", (32, 32), "red").save(path, "JPEG", exif=b"Exif\x00\x00MM\x00*garbage")
    with Image.open(path) as image:
        facts = read_exif_facts(image)
    assert (facts.taken_at, facts.latitude, facts.longitude, facts.orientation) == (
        None, None, None, 1,
    )
    photo = ingest_file(path)
    assert (photo.width, photo.height, photo.taken_at) == (32, 32, None)
