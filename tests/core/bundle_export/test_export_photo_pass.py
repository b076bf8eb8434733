"""The photos are read once: zipped by the photo pass, in a process of its own, and hashed
in the same read, while the workbook is written. A photo whose bytes no longer match its
name is still left out, a Cancel kills the pass and leaves nothing, the pass's errors reach
the caller, and a pass whose process cannot run is replaced by the same work in the
export's own process (and logged)."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import zipfile

import pytest

from desktop_app.bundle import export as export_module
from desktop_app.bundle import photo_pass
from desktop_app.bundle.verify import verify_bundle
from desktop_app.domain.choices import PhotoRole
from desktop_app.errors import BundleError, Cancelled
from desktop_app.storage.photos import PhotoRecord


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


def pass_processes() -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.name == "fielddesk-photo-pass"]


def wait_until(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.fixture
def passes(monkeypatch):
    """Every photo pass the export starts (still started for real)."""
    started = []
    real_init = photo_pass.PhotoPass.__init__

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        started.append(self)

    monkeypatch.setattr(photo_pass.PhotoPass, "__init__", init)
    return started


def test_each_photo_is_read_once_by_the_pass_in_its_own_process(office, bx, monkeypatch,
                                                                passes):
    photos_dir = office.folder.photos
    hashed, opened = [], []
    real_hash, real_open = export_module.hash_file, open

    def counting_hash(path):
        hashed.append(path)
        return real_hash(path)

    def counting_open(path, *args, **kwargs):
        opened.append(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(export_module, "hash_file", counting_hash)
    monkeypatch.setattr(photo_pass, "open", counting_open, raising=False)
    [result] = bx.export(office)
    verify_bundle(result.path, bx.public_key(office))
    assert photo_members(result.path) == set(shas(office))
    assert not [p for p in hashed if p.parent == photos_dir]  # no separate hashing pass
    assert not [p for p in opened if p.parent == photos_dir]  # this process read none
    assert len(passes) == 1 and pass_processes() == []  # one pass, and it is gone
    assert sorted(p.name for p in office.folder.exports.iterdir()) == [result.path.name]
    assert not (office.folder.logs / "errors.log").exists()  # it did not fall back


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


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe (POSIX)")
def test_cancel_while_the_pass_is_stuck_kills_it_and_leaves_nothing(office, bx, passes):
    """A photo that never finishes reading (a hung network drive, say): the pass waits on
    it; a Cancel still ends the export at once, the pass's process with it."""
    stuck = office.folder.photos / f"{shas(office)[2]}.jpg"
    stuck.unlink()
    os.mkfifo(stuck)  # opening it for reading waits for a writer that never comes
    texts = []

    def cancelled() -> bool:
        return bool(texts) and texts[-1] == "Writing the photos"

    with pytest.raises(Cancelled, match="no bundle was written"):
        bx.export(office, cancelled=cancelled, progress=lambda d, t, text: texts.append(text))
    assert len(passes) == 1 and pass_processes() == []  # killed, not left running
    assert nothing_left(office)
    stuck.unlink()
    stuck.write_bytes(b"")  # a file again (now damaged): the next export starts clean
    [result] = bx.export(office)
    assert result.seq == 1 and len(result.photos_included) == 3


def add_misnamed_photo(office) -> str:
    """A photo row whose name is not a lower-case SHA-256: the pass refuses to zip it (an
    error in the pass's process that is not a bad photo)."""
    store = office.store
    cid = store.campaigns.current().id
    name = "AB" * 32
    (office.folder.photos / f"{name}.jpg").write_bytes(bx_jpeg())
    store.photos.add(PhotoRecord(sha256=name, width=96, height=72, bytes=len(bx_jpeg()),
                                 original_name="x.jpg", original_bytes=1, dhash="0" * 16,
                                 taken_at=None, latitude=None, longitude=None, caption=""))
    store.photos.link(name, "site", store.sites.list(cid)[0].id, PhotoRole.BEFORE)
    return name


def bx_jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0" + b"x" * 500 + b"\xff\xd9"


def test_an_error_in_the_pass_reaches_the_caller(office, bx):
    name = add_misnamed_photo(office)
    with pytest.raises(BundleError, match=f"member 'photos/{name}.jpg' is not allowed"):
        bx.export(office)
    assert nothing_left(office) and pass_processes() == []


def test_an_error_in_the_pass_stops_the_workbook_early(office, bx, monkeypatch, passes):
    """The calling thread does not finish a long workbook for a bundle that already failed."""
    add_misnamed_photo(office)
    texts = []

    def progress(done, total, text):
        texts.append(text)
        if text.startswith("Writing the workbook"):  # the pass fails meanwhile
            wait_until(lambda: pass_processes() == [])

    finished = []
    real_build = export_module.build_workbook

    def build_workbook(*args, **kwargs):
        written = real_build(*args, **kwargs)
        finished.append(written)
        return written

    monkeypatch.setattr(export_module, "build_workbook", build_workbook)
    with pytest.raises(BundleError, match="is not allowed"):
        bx.export(office, progress=progress)
    assert len(passes) == 1 and finished == [] and "Writing the bundle" not in texts
    assert nothing_left(office)


def test_a_pass_whose_process_dies_is_replaced_and_logged(office, bx):
    def progress(done, total, text):
        if text == "Writing the workbook":
            for process in pass_processes():
                process.kill()  # as an antivirus or the out-of-memory killer might

    [result] = bx.export(office, progress=progress)
    verify_bundle(result.path, bx.public_key(office))
    assert photo_members(result.path) == set(shas(office))
    log = (office.folder.logs / "errors.log").read_text(encoding="utf-8")
    assert "photo pass failed (its process stopped with exit code" in log
    assert "zipped in the export's own process instead" in log
    assert sorted(p.name for p in office.folder.exports.iterdir()) == [result.path.name]


def test_a_pass_that_cannot_start_is_replaced_and_logged(office, bx, monkeypatch):
    def start(self):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", start)
    [result] = bx.export(office)
    verify_bundle(result.path, bx.public_key(office))
    assert photo_members(result.path) == set(shas(office))
    log = (office.folder.logs / "errors.log").read_text(encoding="utf-8")
    assert "its process could not start: [Errno 11] Resource temporarily unavailable" in log


def test_cancel_while_photos_are_zipped_here_leaves_nothing(office, bx, monkeypatch):
    """The fallback keeps the Cancel: it is checked between chunks."""
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start",
                        lambda self: (_ for _ in ()).throw(OSError(11, "no processes")))
    texts = []

    def cancelled() -> bool:
        return threading.current_thread() is threading.main_thread() and bool(texts) \
            and texts[-1] == "Writing the photos"

    with pytest.raises(Cancelled):
        bx.export(office, cancelled=cancelled, progress=lambda d, t, text: texts.append(text))
    assert nothing_left(office)


def test_no_pass_is_started_when_no_photo_is_left_to_carry(office, bx, passes):
    for sha in shas(office):
        (office.folder.photos / f"{sha}.jpg").unlink()
    [result] = bx.export(office)
    assert passes == []
    assert photo_members(result.path) == set() and len(result.warnings) == len(shas(office))
    verify_bundle(result.path, bx.public_key(office))
    assert sorted(p.name for p in office.folder.exports.iterdir()) == [result.path.name]
