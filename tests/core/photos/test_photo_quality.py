"""Data-quality warnings: each raised when it should be, and silent for the good case."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image, ImageEnhance

from desktop_app.photos.ingest import ingest_file
from desktop_app.photos.quality import (
    PhotoFacts,
    after_before_order,
    after_same_as_before,
    check_site,
    dhash,
    distance_metres,
    far_from_site,
    hamming,
    outside_campaign,
    photo_facts,
    reused_across_sites,
)

SITE = (28.6129, 77.2295)  # the recorded position of the site
START, END = date(2026, 10, 2), date(2026, 10, 31)


def photo(sha: str, **facts) -> PhotoFacts:
    return PhotoFacts(sha256=sha * 64 if len(sha) == 1 else sha, **facts)


# --- dhash and hamming ---------------------------------------------------------------


def test_dhash_is_16_hex_digits_and_stable_under_resize_and_recompression(camera_jpeg):
    with Image.open(camera_jpeg(width=1200, height=900, seed=4)) as image:
        image.load()
        original = dhash(image)
        smaller = image.resize((300, 225))
        buffer = io.BytesIO()
        smaller.save(buffer, "JPEG", quality=40)
        recompressed = dhash(Image.open(buffer))
        brighter = dhash(ImageEnhance.Brightness(image).enhance(1.15))
    assert len(original) == 16 and int(original, 16) >= 0
    assert hamming(original, recompressed) <= 6
    assert hamming(original, brighter) <= 6


def test_dhash_tells_different_scenes_apart(camera_jpeg):
    hashes = []
    for seed in (11, 12, 13):
        with Image.open(camera_jpeg(f"s{seed}.jpg", seed=seed, width=600, height=450)) as image:
            hashes.append(dhash(image))
    assert hamming(hashes[0], hashes[1]) > 6
    assert hamming(hashes[1], hashes[2]) > 6
    assert hamming(hashes[0], hashes[2]) > 6


def test_hamming():
    assert hamming("0000000000000000", "0000000000000000") == 0
    assert hamming("0000000000000000", "ffffffffffffffff") == 64
    assert hamming("0f00000000000001", "0000000000000000") == 5
    with pytest.raises(ValueError):
        hamming("abc", "0000000000000000")


def test_haversine_distance():
    # One degree of latitude is about 111.2 km everywhere.
    assert distance_metres(28.0, 77.0, 29.0, 77.0) == pytest.approx(111_195, rel=1e-3)
    assert distance_metres(*SITE, *SITE) == 0


# --- outside the campaign ------------------------------------------------------------


def test_photo_outside_campaign_dates_is_flagged():
    photos = [
        photo("a", taken_at="2026-09-30T18:00:00+05:30", original_name="early.jpg"),
        photo("b", taken_at="2026-10-02T00:00:01+05:30"),
        photo("c", taken_at="2026-10-31T23:59:59"),
        photo("d", taken_at="2026-11-01T00:00:00+05:30", original_name="late.jpg"),
        photo("e", taken_at=None),
    ]
    warnings = outside_campaign(photos, START, END)
    assert [w.code for w in warnings] == ["outside_campaign", "outside_campaign"]
    assert [w.photos for w in warnings] == [("a" * 64,), ("d" * 64,)]
    assert "early.jpg was taken on 30.09.2026" in warnings[0].message
    assert "02.10.2026 to 31.10.2026" in warnings[0].message


def test_campaign_day_is_the_camera_local_date():
    # 23:30 in India on the last day is still inside, even though it is 18:00 UTC.
    assert outside_campaign([photo("a", taken_at="2026-10-31T23:30:00+05:30")], START, END) == []


# --- after before before -------------------------------------------------------------


def test_after_taken_before_the_before_is_flagged():
    before = [photo("a", taken_at="2026-10-05T09:00:00+05:30", original_name="before.jpg")]
    after = [
        photo("b", taken_at="2026-10-04T17:00:00+05:30", original_name="after.jpg"),
        photo("c", taken_at="2026-10-09T10:00:00+05:30"),
    ]
    warnings = after_before_order(before, after)
    assert len(warnings) == 1
    assert warnings[0].code == "after_before_order"
    assert warnings[0].photos == ("b" * 64, "a" * 64)
    assert "after.jpg" in warnings[0].message and "before.jpg" in warnings[0].message


def test_after_order_compares_instants_when_both_have_offsets():
    # 08:00 in London is 12:30 in Delhi: the "after" is later, despite the wall clocks.
    before = [photo("a", taken_at="2026-10-05T12:00:00+05:30")]
    after = [photo("b", taken_at="2026-10-05T08:00:00+01:00")]
    assert after_before_order(before, after) == []


def test_after_order_mixed_offsets_fall_back_to_wall_clock():
    before = [photo("a", taken_at="2026-10-05T12:00:00+05:30"), photo("c", taken_at="2026-10-05T13:00:00")]
    after = [photo("b", taken_at="2026-10-05T12:30:00")]
    assert [w.photos for w in after_before_order(before, after)] == [("b" * 64, "c" * 64)]


def test_after_order_without_times_says_nothing():
    assert after_before_order([photo("a")], [photo("b", taken_at="2026-10-01T00:00:00")]) == []


# --- far from the site ---------------------------------------------------------------


def test_photo_far_from_site_is_flagged():
    near = photo("a", latitude=SITE[0] + 0.003, longitude=SITE[1])  # ~330 m north
    far = photo("b", latitude=SITE[0] + 0.01, longitude=SITE[1], original_name="far.jpg")
    unknown = photo("c")
    warnings = far_from_site([near, far, unknown], *SITE)
    assert [w.photos for w in warnings] == [("b" * 64,)]
    assert warnings[0].code == "far_from_site"
    assert warnings[0].message == "far.jpg was taken 1.1 km from the site's recorded position."


def test_far_from_site_threshold_is_a_setting_and_site_without_gps_is_skipped():
    near = photo("a", latitude=SITE[0] + 0.003, longitude=SITE[1])
    assert len(far_from_site([near], *SITE, max_metres=200)) == 1
    assert far_from_site([near], None, None) == []


# --- after looks like before ---------------------------------------------------------


def test_after_nearly_the_same_picture_as_before_is_flagged():
    before = [photo("a", dhash="f0f0f0f0f0f0f0f0")]
    same_ish = photo("b", dhash="f0f0f0f0f0f0f0ff")  # 4 bits differ
    different = photo("c", dhash="0f0f0f0f0f0f0f0f")
    warnings = after_same_as_before(before, [same_ish, different])
    assert [w.photos for w in warnings] == [("b" * 64, "a" * 64)]
    assert warnings[0].code == "after_same_as_before"


def test_after_with_the_same_sha_as_before_is_flagged_even_without_dhash():
    assert len(after_same_as_before([photo("a")], [photo("a")])) == 1


def test_seven_bits_apart_is_a_different_picture():
    before = [photo("a", dhash="0000000000000000")]
    assert after_same_as_before(before, [photo("b", dhash="000000000000007f")]) == []


def test_real_after_photo_of_the_same_file_is_flagged(camera_jpeg, tmp_path):
    before = ingest_file(camera_jpeg("before.jpg", seed=21, width=1000, height=750))
    # The clerk attached the same picture, re-saved by a phone gallery, as "after".
    with Image.open(camera_jpeg("tmp.jpg", seed=21, width=1000, height=750)) as image:
        image.resize((800, 600)).save(tmp_path / "after.jpg", quality=70)
    after = ingest_file(tmp_path / "after.jpg")
    real_after = ingest_file(camera_jpeg("after2.jpg", seed=22, width=1000, height=750))
    assert before.sha256 != after.sha256
    warnings = after_same_as_before([before], [after, real_after])
    assert [w.photos for w in warnings] == [(after.sha256, before.sha256)]


# --- reused for two sites ------------------------------------------------------------


def test_photo_reused_for_two_sites_is_flagged():
    by_site = {
        "Record room": [photo("a", dhash="1111111111111111", original_name="IMG_1.jpg")],
        "Canteen": [photo("a", dhash="1111111111111111"), photo("b", dhash="ffff000000000000")],
        "Parking": [photo("c", dhash="1111111111111113")],  # 1 bit from "a"
    }
    warnings = reused_across_sites(by_site)
    pairs = sorted(w.photos for w in warnings)
    assert pairs == [("a" * 64, "a" * 64), ("a" * 64, "c" * 64), ("a" * 64, "c" * 64)]
    assert all(w.code == "reused_across_sites" for w in warnings)
    assert "IMG_1.jpg is used for two sites: Record room and Canteen." in [w.message for w in warnings]


def test_different_photos_and_same_site_are_not_reuse():
    by_site = {
        "Record room": [photo("a", dhash="1111111111111111"), photo("b", dhash="1111111111111111")],
        "Canteen": [photo("c", dhash="1111111111111fff")],  # 5 bits: not the same
    }
    assert reused_across_sites(by_site) == []


# --- plain data and the whole site ---------------------------------------------------


def test_dict_rows_and_ingested_photos_are_accepted(camera_jpeg):
    ingested = ingest_file(camera_jpeg())
    facts = photo_facts(ingested)
    assert facts.sha256 == ingested.sha256 and facts.dhash == ingested.dhash
    row = {"sha256": "a" * 64, "taken_at": "2026-12-01T10:00:00", "latitude": "28.7",
           "longitude": None, "extra": 1}
    assert photo_facts(row).latitude == 28.7
    assert len(outside_campaign([row, ingested], START, END)) == 1


def test_check_site_good_case_is_silent_and_bad_case_raises_each_warning():
    good_before = [photo("a", taken_at="2026-10-05T09:00:00+05:30", latitude=SITE[0],
                         longitude=SITE[1], dhash="f0f0f0f0f0f0f0f0")]
    good_after = [photo("b", taken_at="2026-10-20T09:00:00+05:30", latitude=SITE[0],
                        longitude=SITE[1] + 0.001, dhash="0f0f0f0f0f0f0f0f")]
    kwargs = {"site_lat": SITE[0], "site_lon": SITE[1], "campaign_start": START,
              "campaign_end": END}
    assert check_site(good_before, good_after, **kwargs) == []

    bad_after = [photo("c", taken_at="2026-09-01T09:00:00+05:30", latitude=SITE[0] + 1,
                       longitude=SITE[1], dhash="f0f0f0f0f0f0f0f1")]
    codes = sorted(w.code for w in check_site(good_before, bad_after, **kwargs))
    assert codes == ["after_before_order", "after_same_as_before", "far_from_site",
                     "outside_campaign"]
