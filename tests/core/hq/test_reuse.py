"""The reuse rule, pure: near-duplicates across offices, across records of one office, and a
site's after photo that is its own before are flagged; the same record's photo in the same
role never."""

from __future__ import annotations

from desktop_app.hq.reuse import BEFORE_AFTER, OTHER_OFFICE, OTHER_RECORD, PhotoSide, scope


def side(office: str = "DL-001", kind: str = "site", record: str = "site-1", role: str = "after",
         sha: str = "a" * 64) -> PhotoSide:
    return PhotoSide(office, "sc6", kind, record, role, sha, "2026-10-05")


def test_the_same_after_photo_for_two_offices_is_another_office():
    assert scope(side("MH-007", record="site-9"), side("DL-001")) == OTHER_OFFICE


def test_the_same_record_id_in_another_office_is_another_record():
    """Record ids are an office's own: site-1 of Delhi is not site-1 of Pune."""
    assert scope(side("MH-007"), side("DL-001")) == OTHER_OFFICE


def test_one_photo_for_two_sites_or_a_site_and_an_event_of_one_office():
    assert scope(side(record="site-2"), side(record="site-1")) == OTHER_RECORD
    assert scope(side(), side(kind="event", record="event-3", role="event")) == OTHER_RECORD


def test_a_sites_after_that_is_its_own_before_is_flagged_both_ways():
    assert scope(side(role="after"), side(role="before")) == BEFORE_AFTER
    assert scope(side(role="before"), side(role="after")) == BEFORE_AFTER


def test_the_same_photo_again_for_the_same_record_and_role_is_not_flagged():
    assert scope(side(), side()) is None  # a later bundle's copy; the same file shown twice
    assert scope(side(sha="b" * 64), side()) is None  # a re-encoded copy, same site, both after
    event = side(kind="event", record="event-3", role="event")
    assert scope(event, side(kind="event", record="event-3", role="event", sha="c" * 64)) is None
