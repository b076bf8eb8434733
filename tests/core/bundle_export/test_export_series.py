"""--max-size: a photo backlog becomes a numbered series of complete signed bundles, each
under the size, each with all the data, consecutive seqs, chained."""

from __future__ import annotations

import zipfile

import pytest

from desktop_app.bundle import sheets as sh
from desktop_app.bundle.series import parse_size
from desktop_app.bundle.verify import verify_bundle
from desktop_app.domain.choices import PhotoRole
from desktop_app.errors import BundleError


def photos_in(path) -> set[str]:
    with zipfile.ZipFile(path) as zf:
        return {n[7:-4] for n in zf.namelist() if n.startswith("photos/")}


@pytest.fixture
def backlog(office, bx):
    """A first bundle sent, then nine new photos of about 50 KB waiting."""
    store = office.store
    cid = store.campaigns.current().id
    [first] = bx.export(office)
    sites = store.sites.list(cid)
    new = [bx.add_photo(office, 100 + i, "site", sites[i].id, PhotoRole.AFTER, size=(160, 120))
           for i in range(9)]
    sizes = [(office.folder.photos / f"{s}.jpg").stat().st_size for s in new]
    photo_bytes = sum((office.folder.photos / f"{p}.jpg").stat().st_size + 300
                      for p in first.photos_included)
    data_only = first.bytes - photo_bytes
    return first, new, sizes, data_only


def test_max_size_splits_into_a_chained_series(office, bx, backlog, tmp_path):
    store = office.store
    cid = store.campaigns.current().id
    first, new, sizes, data_only = backlog
    max_size = data_only + (16 << 10) + 3 * (max(sizes) + 400)
    results = bx.export(office, max_size=max_size)

    parts = len(results)
    assert 3 <= parts <= 5
    assert [r.seq for r in results] == list(range(2, 2 + parts))
    assert [(r.part, r.parts) for r in results] == [(i, parts) for i in range(1, parts + 1)]
    previous = first.manifest_sha256
    carried: list[str] = []
    workbooks = []
    for r in results:
        assert r.path.stat().st_size == r.bytes <= max_size
        assert r.path.name == f"DEMO-RO-PUNE-special-campaign-6-{r.seq}-20261120.zip"
        m = verify_bundle(r.path, bx.public_key(office)).manifest
        assert (m.seq, m.part, m.parts) == (r.seq, r.part, r.parts)
        assert m.previous_manifest_sha256 == previous
        previous = r.manifest_sha256
        assert photos_in(r.path) == set(m.included_photos) and m.included_photos
        assert set(m.photos_not_included) == set(m.referenced_photos) - set(m.included_photos)
        assert len(m.referenced_photos) == 13
        carried += m.included_photos
        wb = bx.workbook(r.path, tmp_path)
        workbooks.append({s.name: bx.sheet_rows(wb, s.name) for s in sh.SHEETS})
        about = dict(row[:2] for row in bx.sheet_rows(wb, "About") if row and len(row) > 1)
        assert (about["seq"], about["part"], about["parts"]) == (r.seq, r.part, r.parts)
    assert sorted(carried) == sorted(new)  # every new photo exactly once, none of the old
    assert all(w == workbooks[0] for w in workbooks)  # all the data in every part
    assert len(workbooks[0]["scrap"]) == 41
    history = {r.seq: r for r in store.exports.history(cid)}
    assert sorted(history) == list(range(1, 2 + parts))
    assert all(history[r.seq].parts == parts and history[r.seq].part == r.part for r in results)
    assert store.exports.sent_photos(cid) == set(first.photos_included) | set(new)


def test_without_max_size_one_bundle_carries_the_whole_backlog(office, bx, backlog):
    first, new, _sizes, _ = backlog
    [result] = bx.export(office)
    assert photos_in(result.path) == set(new) and (result.part, result.parts) == (1, 1)


def test_a_photo_larger_than_the_limit_is_a_clear_error(office, bx, backlog):
    first, new, sizes, data_only = backlog
    with pytest.raises(BundleError, match="does not fit in a bundle of at most"):
        bx.export(office, max_size=data_only + (16 << 10) + min(sizes) // 2)
    with pytest.raises(BundleError, match="the data alone"):
        bx.export(office, max_size=data_only // 2)
    cid = office.store.campaigns.current().id
    assert [r.seq for r in office.store.exports.history(cid)] == [1]
    assert sorted(p.name for p in office.folder.exports.iterdir()) == [first.path.name]


@pytest.mark.parametrize("text, size", [
    ("20MB", 20_000_000), ("500KB", 500_000), ("500 kb", 500_000), ("1.5GB", 1_500_000_000),
    ("20MiB", 20 << 20), ("1024", 1024), ("2 KiB", 2048), ("7b", 7)])
def test_parse_size(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "twenty MB", "-5MB", "20 TB", "0", "0.1"])
def test_parse_size_refuses_nonsense(text):
    with pytest.raises(BundleError):
        parse_size(text)
