"""The reuse rule: near-duplicates across offices or across records flagged, the same
record's own photos never; and the rule joined to the hash search."""

from __future__ import annotations

from desktop_app.hq.reuse import (
    OTHER_OFFICE,
    OTHER_RECORD,
    PhotoUse,
    find_reuse,
    reuse_flag,
)
from desktop_app.photos.hash_index import HashIndex
from desktop_app.photos.phash import FULL_MAX_DISTANCE, KEY_MAX_DISTANCE, PhotoHash

AFTER = PhotoHash(0xF0F0_F0F0_0F0F_3C3C, 0x1234 << 200 | 0xFEDC_BA98 << 80 | 0x77)


def moved(phash: PhotoHash, key_bits: int, full_bits: int | None = None) -> PhotoHash:
    """A copy of ``phash`` whose key differs in ``key_bits`` bits and whose full hash in
    ``full_bits`` (three times as many unless said)."""
    if full_bits is None:
        full_bits = 3 * key_bits
    return PhotoHash(phash.key ^ ((1 << key_bits) - 1), phash.full ^ ((1 << full_bits) - 1))


def other_picture(key: int) -> PhotoHash:
    """A different photo: its own key, and a full hash half the bits away from AFTER's."""
    return PhotoHash(key, AFTER.full ^ ((1 << 128) - 1))


def use(photo_id: int, phash: PhotoHash, office: str = "DL-001", kind: str = "site",
        record: str = "sc6/site-1", role: str = "after") -> PhotoUse:
    return PhotoUse(photo_id, phash, office, kind, record, role)


def test_the_same_after_photo_sent_by_two_offices_is_flagged():
    delhi = use(1, AFTER, office="DL-001")
    pune = use(1, AFTER, office="MH-007", record="sc6/site-9")
    flag = reuse_flag(pune, [delhi])
    assert flag is not None and flag.use == pune
    assert [(m.other, m.key_distance, m.full_distance, m.scope) for m in flag.matches] == [
        (delhi, 0, 0, OTHER_OFFICE)]
    assert flag.other_offices == ("DL-001",)
    assert flag.same_picture


def test_a_re_encoded_copy_for_another_office_is_flagged_with_its_distance():
    original = use(1, AFTER, office="DL-001")
    copy = use(2, moved(AFTER, 6), office="MH-007")
    flag = reuse_flag(copy, [original])
    assert flag is not None
    assert (flag.matches[0].key_distance, flag.matches[0].full_distance) == (6, 18)
    assert not flag.same_picture


def test_one_after_photo_for_two_sites_of_one_office_is_flagged():
    first_site = use(1, AFTER, record="sc6/site-1")
    second_site = use(1, AFTER, record="sc6/site-2")
    flag = reuse_flag(second_site, [first_site])
    assert flag is not None and flag.matches[0].scope == OTHER_RECORD
    assert flag.other_offices == ()


def test_an_event_photo_passed_off_as_a_site_photo_is_flagged():
    event = use(1, AFTER, kind="event", record="sc6/event-3", role="event")
    site = use(2, moved(AFTER, 2), kind="site", record="sc6/site-3", role="after")
    flag = reuse_flag(site, [event])
    assert flag is not None and flag.matches[0].scope == OTHER_RECORD


def test_the_same_photo_twice_for_one_record_is_not_flagged():
    shown = use(1, AFTER, kind="event", record="sc6/event-3", role="event")
    again = use(2, moved(AFTER, 2), kind="event", record="sc6/event-3", role="event")
    assert reuse_flag(again, [shown]) is None
    assert reuse_flag(shown, [shown, again]) is None  # itself among the candidates too


def test_the_same_file_in_a_later_bundle_for_the_same_record_is_not_flagged():
    first_bundle = use(1, AFTER)
    later_bundle = use(1, AFTER)
    assert reuse_flag(later_bundle, [first_bundle]) is None


def test_same_record_number_in_another_office_is_another_record():
    """Record ids are an office's own: site-1 of Delhi is not site-1 of Pune."""
    flag = reuse_flag(use(1, AFTER, office="MH-007"), [use(1, AFTER, office="DL-001")])
    assert flag is not None and flag.matches[0].scope == OTHER_OFFICE


def test_a_different_picture_is_not_flagged_and_both_thresholds_are_inclusive():
    original = use(1, AFTER, office="DL-001")
    at_limits = use(2, moved(AFTER, KEY_MAX_DISTANCE, FULL_MAX_DISTANCE), office="MH-007")
    key_past = use(3, moved(AFTER, KEY_MAX_DISTANCE + 1, 0), office="MH-007")
    full_past = use(4, moved(AFTER, 0, FULL_MAX_DISTANCE + 1), office="MH-007")
    far = use(5, PhotoHash(~AFTER.key & (1 << 64) - 1, ~AFTER.full & (1 << 256) - 1), office="MH-007")
    assert reuse_flag(at_limits, [original]) is not None
    assert reuse_flag(key_past, [original]) is None
    assert reuse_flag(full_past, [original]) is None  # the keys alike, the detail not
    assert reuse_flag(far, [original]) is None


def test_a_stock_image_lists_every_other_use_nearest_first():
    stock = [use(10 + i, moved(AFTER, i % 4), office=f"UP-{i:03d}", record=f"sc6/site-{i}")
             for i in range(12)]
    own_other_site = use(5, moved(AFTER, 1), office="DL-001", record="sc6/site-77")
    own_same_site = use(6, AFTER, office="DL-001", record="sc6/site-1", role="before")
    new = use(7, AFTER, office="DL-001", record="sc6/site-1")
    flag = reuse_flag(new, [*stock, own_other_site, own_same_site, stock[3]])
    assert flag is not None
    assert len(flag.matches) == 13  # 12 offices + the other site; not its own site, no repeat
    distances = [m.full_distance for m in flag.matches]
    assert distances == sorted(distances)
    assert flag.other_offices == tuple(sorted(f"UP-{i:03d}" for i in range(12)))
    at_one = [m for m in flag.matches if m.key_distance == 1]
    assert at_one[0].scope == OTHER_OFFICE and at_one[-1].other == own_other_site


def test_find_reuse_searches_the_index_and_applies_the_rule():
    """A bundle of Pune's arrives: one photo is Delhi's "after", one is used for two of its
    own sites, one for its own event twice, one is new; the index holds every stored photo
    (the bundle's included, as the importer stores them before checking)."""
    stored_uses = [
        use(1, AFTER, office="DL-001", record="sc6/site-4"),
        use(2, other_picture(0x1234_5678_9ABC_DEF0), office="DL-001", record="sc6/site-5"),
        # keys alike by chance, the pictures not (the 256 bits tell them apart)
        use(8, other_picture(AFTER.key ^ 0b11), office="DL-002", record="sc6/site-1"),
    ]
    shared, event = other_picture(0x0F0F_0000_FFFF_1111), other_picture(0x5555_AAAA_5555_AAAA)
    bundle = [
        use(3, moved(AFTER, 4), office="MH-007", record="sc6/site-1"),   # Delhi's, re-encoded
        use(4, shared, office="MH-007", record="sc6/site-2"),
        use(4, shared, office="MH-007", record="sc6/site-3"),  # the same file for 2 sites
        use(5, event, office="MH-007", kind="event", record="sc6/event-1", role="event"),
        use(6, moved(event, 2), office="MH-007", kind="event",
            record="sc6/event-1", role="event"),  # the same event's photo twice
        use(7, other_picture(0x0000_FFFF_0000_FFFF), office="MH-007", record="sc6/site-6"),
    ]
    everything = stored_uses + bundle
    index = HashIndex()
    for photo_id, key in sorted({(u.photo_id, u.phash.key) for u in everything}):
        index.add(photo_id, key)
    asked: list[list[int]] = []

    def uses_of(photo_ids):
        asked.append(sorted(photo_ids))
        return [u for u in everything if u.photo_id in set(photo_ids)]

    flags = find_reuse(bundle, index.search, uses_of)
    flagged = {(f.use.photo_id, f.use.record_id): f for f in flags}
    assert set(flagged) == {(3, "sc6/site-1"), (4, "sc6/site-2"), (4, "sc6/site-3")}
    delhi = flagged[(3, "sc6/site-1")].matches
    assert [(m.other.photo_id, m.key_distance, m.scope) for m in delhi] == [(1, 4, OTHER_OFFICE)]
    assert 8 in asked[0]  # the search found it; the rule did not take it
    assert [m.other.record_id for m in flagged[(4, "sc6/site-2")].matches] == ["sc6/site-3"]
    assert all(photo_ids for photo_ids in asked)  # only photos the search found are looked up
