"""The photos are read once: zipped on a worker thread and hashed in the same pass, while
the workbook is written. A photo whose bytes no longer match its name is still left out,
a Cancel during that pass still leaves nothing, and the worker's errors reach the caller."""

from __future__ import annotations

import threading
import zipfile

import pytest

from desktop_app.bundle import export as export_module
from desktop_app.bundle import zipwriter
from desktop_app.bundle.verify import verify_bundle
from desktop_app.domain.choices import PhotoRole
from desktop_app.errors import Cancelled


def photo_members(path) -> set[str]:
    with zipfile.ZipFile(path) as zf:
        return {n[len("photos/"):-len(".jpg")] for n in zf.namelist() if n.startswith("photos/")}


def nothing_left(office) -> bool:
    out = office.folder.exports
    cid = office.store.campaigns.current().id
    return list(out.iterdir()) == [] and office.store.exports.history(cid) == []


def shas(office) -> list[str]:
    return sorted(p.sha256 for p in office.store.photos.referenced(
        office.store.campaigns.current().id))


def test_each_photo_is_read_once_on_a_worker_thread(office, bx, monkeypatch):
    photos_dir = office.folder.photos
    hashed, opened = [], []
    real_hash, real_open = export_module.hash_file, open

    def counting_hash(path):
        hashed.append(path)
        return real_hash(path)

    def counting_open(path, *args, **kwargs):
        opened.append((path, threading.current_thread().name))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(export_module, "hash_file", counting_hash)
    monkeypatch.setattr(export_module, "open", counting_open, raising=False)
    [result] = bx.export(office)
    verify_bundle(result.path, bx.public_key(office))
    assert not [p for p in hashed if p.parent == photos_dir]  # no separate hashing pass
    assert sorted(p.name for p, _ in opened) == sorted(f"{s}.jpg" for s in shas(office))
    assert {thread for _, thread in opened} == {"bundle-photos"}


@pytest.mark.parametrize("damage", ["flipped byte", "truncated"])
def test_a_photo_damaged_on_disk_after_ingest_is_left_out_and_the_bundle_verifies(office, bx,
                                                                                  damage):
    all_shas = shas(office)
    bad = all_shas[1]  # not the first: the part's staging file is abandoned mid-way
    path = office.folder.photos / f"{bad}.jpg"
    data = bytearray(path.read_bytes())
    if damage == "flipped byte":
        data[300] ^= 0xFF
    else:
        del data[-100:]
    path.write_bytes(bytes(data))

    [result] = bx.export(office)
    verified = verify_bundle(result.path, bx.public_key(office))
    assert photo_members(result.path) == set(all_shas) - {bad}
    assert bad in verified.manifest.photos_not_included and bad not in result.photos_included
    assert [w for w in result.warnings if "damaged" in w and bad[:12] in w]
    assert sorted(p.name for p in office.folder.exports.iterdir()) == [result.path.name]
    cid = office.store.campaigns.current().id
    assert office.store.exports.sent_photos(cid) == set(all_shas) - {bad}


def test_a_damaged_photo_in_a_later_part_of_a_series_is_told_with_every_part(office, bx):
    cid = office.store.campaigns.current().id
    sites = office.store.sites.list(cid)
    new = [bx.add_photo(office, 400 + i, "site", sites[i].id, PhotoRole.BEFORE, size=(160, 120))
           for i in range(6)]
    bad = new[-1]
    path = office.folder.photos / f"{bad}.jpg"
    data = bytearray(path.read_bytes())
    data[500] ^= 0x01
    path.write_bytes(bytes(data))

    results = bx.export(office, max_size=120_000)
    assert len(results) > 1
    carried = set()
    for r in results:
        verify_bundle(r.path, bx.public_key(office))
        carried |= photo_members(r.path)
        assert any("damaged" in w and bad[:12] in w for w in r.warnings)
    assert carried == set(shas(office)) - {bad}
    assert [r.seq for r in results] == list(range(1, len(results) + 1))


def test_cancel_during_the_photo_pass_leaves_no_file_and_no_temporary_file(office, bx):
    worker_calls = []

    def cancelled() -> bool:
        if threading.current_thread().name == "bundle-photos":
            worker_calls.append(1)
            return len(worker_calls) >= 3  # after a photo or two are in the staging zip
        return False

    with pytest.raises(Cancelled, match="no bundle was written"):
        bx.export(office, cancelled=cancelled)
    assert len(worker_calls) == 3
    assert nothing_left(office)
    [result] = bx.export(office)  # the next export starts clean, the same seq
    assert result.seq == 1


def test_an_error_in_the_worker_thread_reaches_the_caller(office, bx, monkeypatch):
    real_add = zipwriter.BundleZipWriter.add_file
    threads = []

    def add_file(self, name, source, **kwargs):
        if name.startswith("photos/"):
            threads.append(threading.current_thread().name)
            if len(threads) == 2:
                raise OSError(28, "No space left on device")
        return real_add(self, name, source, **kwargs)

    monkeypatch.setattr(zipwriter.BundleZipWriter, "add_file", add_file)
    with pytest.raises(OSError, match="No space left on device") as caught:
        bx.export(office)
    assert caught.value.errno == 28 and threads == ["bundle-photos"] * 2
    assert nothing_left(office)


def test_an_error_in_the_worker_stops_the_workbook_early(office, bx, monkeypatch):
    """The calling thread does not finish a long workbook for a bundle that already failed."""
    texts = []
    failed = threading.Event()

    def add_file(self, name, source, **kwargs):
        failed.set()
        raise RuntimeError("disk gone")

    def progress(done, total, text):
        texts.append(text)
        if text.startswith("Writing the workbook"):
            failed.wait(5)  # the worker fails while the workbook is being written

    finished = []
    real_build = export_module.build_workbook

    def build_workbook(*args, **kwargs):
        written = real_build(*args, **kwargs)
        finished.append(written)
        return written

    monkeypatch.setattr(zipwriter.BundleZipWriter, "add_file", add_file)
    monkeypatch.setattr(export_module, "build_workbook", build_workbook)
    with pytest.raises(RuntimeError, match="disk gone"):
        bx.export(office, progress=progress)
    assert failed.is_set() and finished == [] and "Writing the bundle" not in texts
    assert nothing_left(office)
