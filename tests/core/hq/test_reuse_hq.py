"""Photo reuse at headquarters, end to end on both back-ends: real offices export signed
bundles, ``hq import`` accepts them (SQLite: here; PostgreSQL: through the import queue and
a worker's turn), every photo is hashed after the commit, and ``reuse_flags`` and the
consolidated workbook's Photo reuse sheet say which uses repeat a picture."""

from __future__ import annotations

import hashlib
import io
import threading
import time
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import openpyxl
import pytest
import sqlalchemy as sa
from PIL import Image

from desktop_app.domain.choices import PhotoRole
from desktop_app.hq import reuse_check, worker
from desktop_app.hq.queue import import_files
from desktop_app.hq.registry import register_key
from desktop_app.hq.report import REUSE_SHEET, write_report
from desktop_app.hq.reuse import BEFORE_AFTER, OTHER_OFFICE, reuse_flags
from desktop_app.hq.store import photo_hashes
from desktop_app.hq.store.tables import photo_hash, photo_match
from desktop_app.photos.phash import KEY_MAX_DISTANCE, PhotoHash
from desktop_app.photos.synthetic import make_camera_jpeg
from desktop_app.photos.synthetic_reuse import jpeg, shrink
from desktop_app.storage.photos import PhotoRecord

IST = timezone(timedelta(hours=5, minutes=30))
CORRUPT = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4  # a JPEG's first bytes, then nothing


def picture(tmp_path, seed: int) -> Image.Image:
    path = make_camera_jpeg(tmp_path / f"p{seed}.jpg", width=1200, height=900, seed=seed,
                            taken_at=datetime(2026, 10, 5, 10, 15, tzinfo=IST))
    with Image.open(path) as image:
        return image.convert("RGB")


def attach(office, data: bytes, kind: str, target_id: str, role: PhotoRole) -> str:
    """A photo file into the office's store, linked to a record (as the clerk's attach)."""
    sha = hashlib.sha256(data).hexdigest()
    (office.opened.folder.photos / f"{sha}.jpg").write_bytes(data)
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except OSError:
        width, height = 48, 36
    office.store.photos.add(PhotoRecord(
        sha256=sha, width=width, height=height, bytes=len(data), original_name=f"{sha[:6]}.jpg",
        original_bytes=len(data), dhash="0" * 16, taken_at="2026-10-05T10:15:00+05:30",
        latitude=26.9, longitude=75.8, caption=""))
    office.store.photos.link(sha, kind, target_id, role)
    return sha


@pytest.fixture(scope="module")
def offices(tmp_path_factory, hqkit):
    """RJ-101 and GJ-102, one bundle each:

    * the same "after" photo: RJ's at 1200 px q90, GJ's shrunk to 640 px and re-encoded q60
      (another file, another SHA-256);
    * RJ's second site: its "after" is its "before" re-encoded;
    * different photos elsewhere (RJ's before, an event each, GJ's before), and one corrupt
      photo in GJ's bundle.
    """
    root = tmp_path_factory.mktemp("reuse-offices")
    rj = hqkit.new_office(root, "RJ-101", "Regional Office, Jaipur")
    gj = hqkit.new_office(root, "GJ-102", "Regional Office, Ahmedabad")
    pics = {seed: picture(root, seed) for seed in (10, 11, 12, 13, 14, 15)}
    shas = SimpleNamespace()

    def records(office):
        sites = [s for s in office.store.sites.list(office.campaign.id) if s.completed_date]
        return sites, office.store.events.list(office.campaign.id)

    sites, events = records(rj)
    shas.rj_before = attach(rj, jpeg(pics[11], 90), "site", sites[0].id, PhotoRole.BEFORE)
    shas.rj_after = attach(rj, jpeg(pics[10], 90), "site", sites[0].id, PhotoRole.AFTER)
    shas.rj2_before = attach(rj, jpeg(pics[12], 90), "site", sites[1].id, PhotoRole.BEFORE)
    shas.rj2_after = attach(rj, jpeg(pics[12], 70), "site", sites[1].id, PhotoRole.AFTER)
    shas.rj_event = attach(rj, jpeg(pics[13], 90), "event", events[0].id, PhotoRole.EVENT)
    shas.rj_site, shas.rj_site2 = sites[0].id, sites[1].id
    sites, events = records(gj)
    shas.gj_before = attach(gj, jpeg(pics[14], 90), "site", sites[0].id, PhotoRole.BEFORE)
    shas.gj_after = attach(gj, jpeg(shrink(pics[10], 640), 60), "site", sites[0].id,
                           PhotoRole.AFTER)
    shas.gj_event = attach(gj, jpeg(pics[15], 90), "event", events[0].id, PhotoRole.EVENT)
    shas.corrupt = attach(gj, CORRUPT, "event", events[1].id, PhotoRole.EVENT)
    shas.gj_site = sites[0].id
    rj.export()
    gj.export()
    yield SimpleNamespace(rj=rj, gj=gj, shas=shas)
    rj.close()
    gj.close()


@pytest.fixture
def hq(tmp_path, hqkit, hq_db, offices):
    opened = hqkit.new_hq(tmp_path / "hq", hq_db)
    for office in (offices.rj, offices.gj):
        register_key(opened, office.pem, office.code)
    yield opened
    opened.close()


def import_all(hq, *bundles) -> None:
    results = list(import_files(hq, list(bundles)))
    assert [r.outcome.status for r in results] == ["accepted"] * len(bundles), results


def test_the_same_after_photo_from_two_offices_is_flagged_and_different_photos_are_not(
        hq, offices):
    s = offices.shas
    import_all(hq, offices.rj.bundles[1])
    reuse_check._INDEXES.clear()  # the next import as another process would: index from the table
    import_all(hq, offices.gj.bundles[1])

    gj_flags = reuse_flags(hq.store, "GJ-102")
    assert [(f.this.photo_sha256, f.other.photo_sha256, f.scope) for f in gj_flags] == [
        (s.gj_after, s.rj_after, OTHER_OFFICE)]
    flag = gj_flags[0]
    assert (flag.this.office_code, flag.this.record_kind, flag.this.record_id,
            flag.this.role, flag.this.date) == ("GJ-102", "site", s.gj_site, "after",
                                                "2026-10-05")
    assert (flag.other.office_code, flag.other.record_id, flag.other.role) == (
        "RJ-101", s.rj_site, "after")
    assert flag.distance <= KEY_MAX_DISTANCE and not flag.same_file

    rj_flags = reuse_flags(hq.store, "RJ-101")
    assert sorted((f.this.photo_sha256, f.other.photo_sha256, f.scope) for f in rj_flags) == sorted([
        (s.rj_after, s.gj_after, OTHER_OFFICE),
        tuple(sorted((s.rj2_after, s.rj2_before))) + (BEFORE_AFTER,)])
    everything = reuse_flags(hq.store)
    assert len(everything) == 2  # each pair once
    flagged = {f.this.photo_sha256 for f in everything} | {f.other.photo_sha256 for f in everything}
    assert flagged == {s.rj_after, s.gj_after, s.rj2_before, s.rj2_after}
    for different in (s.rj_before, s.rj_event, s.gj_before, s.gj_event, s.corrupt):
        assert reuse_flags(hq.store, photo_sha256=different) == []
    assert [f.other.photo_sha256 for f in reuse_flags(hq.store, photo_sha256=s.gj_after)] == [
        s.rj_after]


def test_a_sites_after_that_is_its_own_before_is_flagged_once(hq, offices):
    s = offices.shas
    import_all(hq, offices.rj.bundles[1])
    [flag] = [f for f in reuse_flags(hq.store, "RJ-101") if f.scope == BEFORE_AFTER]
    assert flag.this.record_id == flag.other.record_id == s.rj_site2
    assert {flag.this.role, flag.other.role} == {"before", "after"}
    assert {flag.this.photo_sha256, flag.other.photo_sha256} == {s.rj2_before, s.rj2_after}


def test_a_corrupt_photo_is_accepted_kept_unhashed_and_the_others_are_hashed(hq, offices):
    import_all(hq, offices.gj.bundles[1])
    assert hq.folder.photos.joinpath(offices.shas.corrupt[:2],
                                     f"{offices.shas.corrupt}.jpg").read_bytes() == CORRUPT
    with hq.store.read() as conn:
        errors = photo_hashes.hash_errors(conn)
        counts = photo_hashes.counts(conn)
    assert [sha for sha, _ in errors] == [offices.shas.corrupt]
    assert errors[0][1].startswith(f"{offices.shas.corrupt}.jpg: ") and "\n" not in errors[0][1]
    assert counts == {"hashed": 3, "pending": 0, "unreadable": 1, "pairs": 0}


def test_photos_left_pending_are_hashed_and_matched_by_the_next_pass(hq, offices):
    """A crash between an import's commit and its hashing (or an upgraded database whose
    photos were never hashed) leaves pending rows: the next pass — an idle worker's — does them."""
    import_all(hq, offices.rj.bundles[1], offices.gj.bundles[1])
    before = reuse_flags(hq.store)
    with hq.store.write() as conn:
        conn.execute(sa.delete(photo_match))
        conn.execute(sa.update(photo_hash).values(
            seq=None, phash_key=None, phash_full=None, hashed_at=None, error=""))
    reuse_check._INDEXES.clear()
    assert reuse_flags(hq.store) == []
    stop = threading.Event()  # an import worker with nothing queued
    idle = threading.Thread(target=worker.run, args=(hq, stop), kwargs={"poll_seconds": 0.05})
    idle.start()
    try:
        deadline = time.monotonic() + 60
        while photo_counts(hq)["pending"] and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        idle.join(30)
    assert photo_counts(hq) == {"hashed": 8, "pending": 0, "unreadable": 1, "pairs": 2}
    assert reuse_flags(hq.store) == before and len(before) == 2


def photo_counts(hq) -> dict[str, int]:
    with hq.store.read() as conn:
        return photo_hashes.counts(conn)


def test_the_consolidated_workbook_has_a_photo_reuse_sheet(hq, offices, tmp_path):
    s = offices.shas
    import_all(hq, offices.rj.bundles[1], offices.gj.bundles[1])
    result = write_report(hq, tmp_path / "consolidated.xlsx")
    assert result.reuse_rows == 2
    book = openpyxl.load_workbook(result.path, read_only=True)
    rows = list(book[REUSE_SHEET].iter_rows(values_only=True))
    book.close()
    header, data = rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]
    assert header[:4] == ("Reused for", "Distance (of 64 bits)", "Distance (of 256 bits)",
                          "Office")
    assert len(data) == 2
    across = next(r for r in data if r["Reused for"] == "another office")
    flag = next(f for f in reuse_flags(hq.store) if f.scope == OTHER_OFFICE)
    assert {across["Office"], across["Other: Office"]} == {"GJ-102", "RJ-101"}
    assert {across["Photo SHA-256"], across["Other: Photo SHA-256"]} == {s.gj_after, s.rj_after}
    assert (across["Distance (of 64 bits)"], across["Distance (of 256 bits)"]) == (
        flag.distance, flag.full_distance)
    assert (across["Role"], across["Other: Role"], across["Taken on"]) == (
        "after", "after", "2026-10-05")
    own = next(r for r in data if r["Reused for"] == "the site's own before")
    assert own["Office"] == own["Other: Office"] == "RJ-101"
    assert own["Record"] == own["Other: Record"] == s.rj_site2


def test_a_check_waits_for_one_in_progress_and_finds_its_photo(hq):
    """Two near-duplicates hashed at once (two workers): matching is serialised across
    processes — PostgreSQL's advisory lock, SQLite's write lock — so the second check runs
    after the first commits and finds its photo, never missing it in between."""
    first, second = "a" * 64, "b" * 64
    picture = PhotoHash(0xF0F0_F0F0_0F0F_3C3C, 0x1234 << 200 | 0x77)
    copy = PhotoHash(picture.key ^ 0b11, picture.full ^ 0b111111)
    with hq.store.write() as conn:
        photo_hashes.add_pending(conn, [first, second])
    finished = threading.Event()
    with hq.store.write() as conn:
        photo_hashes.lock_matching(conn)
        photo_hashes.save_hash(conn, first, 1, picture, "2026-12-07T00:00:00Z")
        other = threading.Thread(target=lambda: (reuse_check.match_hashed(hq.store, {second: copy}),
                                                 finished.set()))
        other.start()
        assert not finished.wait(0.5)  # held until this transaction ends
    other.join(30)
    assert finished.is_set()
    with hq.store.read() as conn:
        pairs = conn.execute(sa.select(photo_match)).all()
    assert [(p.sha256_a, p.sha256_b, p.key_distance, p.full_distance) for p in pairs] == [
        (first, second, 2, 6)]
