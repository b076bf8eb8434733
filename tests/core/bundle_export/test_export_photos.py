"""Photos travel once: the next bundle carries only new ones and lists the others as not
included; --all-photos carries everything; a damaged or missing photo never sinks a bundle."""

from __future__ import annotations

import zipfile

import pytest

from desktop_app.bundle.verify import verify_bundle
from desktop_app.domain.choices import PhotoRole
from desktop_app.errors import BundleError


def photo_members(path) -> set[str]:
    with zipfile.ZipFile(path) as zf:
        return {n[len("photos/"):-len(".jpg")] for n in zf.namelist() if n.startswith("photos/")}


def test_second_export_carries_only_new_photos(office, bx):
    store = office.store
    cid = store.campaigns.current().id
    [first] = bx.export(office)
    old = set(first.photos_included)
    assert len(old) == 4 and photo_members(first.path) == old

    event = store.events.list(cid)[1]
    new = bx.add_photo(office, 50, "event", event.id, PhotoRole.EVENT)
    [second] = bx.export(office)
    verified = verify_bundle(second.path, bx.public_key(office))
    assert photo_members(second.path) == {new}
    assert set(verified.manifest.included_photos) == {new}
    assert set(verified.manifest.photos_not_included) == old
    assert set(verified.manifest.referenced_photos) == old | {new}
    assert verified.manifest.counts["photos_included"] == 1
    assert verified.manifest.counts["photos_not_included"] == 4
    assert store.exports.sent_photos(cid) == old | {new}

    [third] = bx.export(office)  # nothing new: the data alone
    assert photo_members(third.path) == set()
    assert set(third.photos_not_included) == old | {new}

    [everything] = bx.export(office, all_photos=True)
    assert photo_members(everything.path) == old | {new}
    assert everything.photos_not_included == ()
    verify_bundle(everything.path, bx.public_key(office))
    assert [r.seq for r in sorted(store.exports.history(cid), key=lambda r: r.seq)] == [1, 2, 3, 4]


def test_a_photo_attached_twice_travels_once(office, bx):
    store = office.store
    cid = store.campaigns.current().id
    site = store.sites.list(cid)[3]
    sha = bx.add_photo(office, 70, "site", site.id, PhotoRole.BEFORE)
    store.photos.link(sha, "site", store.sites.list(cid)[4].id, PhotoRole.BEFORE)
    [result] = bx.export(office)
    assert sha in photo_members(result.path)
    assert result.counts["photos"] == 6 and result.counts["photos_included"] == 5


def test_damaged_or_missing_photos_are_left_out_with_a_warning(office, bx):
    store = office.store
    cid = store.campaigns.current().id
    shas = sorted(p.sha256 for p in store.photos.referenced(cid))
    damaged, missing = shas[0], shas[1]
    path = office.folder.photos / f"{damaged}.jpg"
    original = path.read_bytes()
    data = bytearray(original)
    data[200] ^= 0xFF
    path.write_bytes(bytes(data))
    (office.folder.photos / f"{missing}.jpg").unlink()

    [result] = bx.export(office)
    verified = verify_bundle(result.path, bx.public_key(office))
    assert photo_members(result.path) == set(shas[2:])
    assert {damaged, missing} <= set(verified.manifest.photos_not_included)
    assert any("damaged" in w and damaged[:12] in w for w in result.warnings)
    assert any("missing" in w and missing[:12] in w for w in result.warnings)
    # not recorded as sent: once restored, they go in the next bundle
    assert store.exports.sent_photos(cid) == set(shas[2:])
    path.write_bytes(original)  # restored from a backup
    [again] = bx.export(office)
    assert photo_members(again.path) == {damaged}
    assert len(again.warnings) == 1 and missing[:12] in again.warnings[0]


def test_without_a_key_the_clerk_is_told_what_to_run(office, bx):
    for f in office.folder.keys.glob("office.*"):
        f.unlink()
    with pytest.raises(BundleError, match="fielddesk key init"):
        bx.export(office)
    assert office.store.exports.history() == []
    assert list(office.folder.exports.iterdir()) == []
