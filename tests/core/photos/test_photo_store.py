"""PhotoStore: content-addressed, deduplicated, and atomic (no partial file, ever)."""

from __future__ import annotations

import hashlib
import os

import pytest

import desktop_app.fileio as fileio_module
from desktop_app.errors import PhotoError
from desktop_app.photos.ingest import ingest_file
from desktop_app.photos.store import PhotoStore


@pytest.fixture
def store(tmp_path):
    return PhotoStore(tmp_path / "photos")


@pytest.fixture
def photo(camera_jpeg):
    return ingest_file(camera_jpeg())


def files_under(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_put_writes_photo_and_thumbnail_named_by_sha(store, photo):
    path = store.put(photo)
    assert path == store.root / f"{photo.sha256}.jpg" == store.path(photo.sha256)
    assert path.read_bytes() == photo.jpeg
    assert store.thumb_path(photo.sha256).read_bytes() == photo.thumbnail
    assert hashlib.sha256(path.read_bytes()).hexdigest() == photo.sha256
    assert store.has(photo.sha256) and store.verify(photo.sha256)
    assert files_under(store.root) == [f"{photo.sha256}.jpg", f"thumbs/{photo.sha256}.jpg"]


def test_same_picture_twice_is_stored_once(store, camera_jpeg, tmp_path):
    first = camera_jpeg("IMG_0001.jpg", seed=7)
    copy = tmp_path / "copy of IMG_0001.jpg"
    copy.write_bytes(first.read_bytes())
    a, b = ingest_file(first), ingest_file(copy)
    assert a.sha256 == b.sha256
    assert store.put(a) == store.put(b)
    before = store.path(a.sha256).stat().st_mtime_ns
    store.put(a)
    assert store.path(a.sha256).stat().st_mtime_ns == before  # not rewritten
    assert len(files_under(store.root)) == 2


def test_a_half_copied_file_under_the_name_is_replaced(store, photo):
    store.put(photo)
    path = store.path(photo.sha256)
    path.write_bytes(photo.jpeg[:1000])
    store.put(photo)
    assert store.verify(photo.sha256)


def test_verify_notices_a_damaged_or_missing_file(store, photo):
    store.put(photo)
    path = store.path(photo.sha256)
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    assert store.has(photo.sha256)
    assert not store.verify(photo.sha256)
    path.unlink()
    assert not store.has(photo.sha256) and not store.verify(photo.sha256)


def test_missing_thumbnail_is_restored_on_the_next_put(store, photo):
    store.put(photo)
    store.thumb_path(photo.sha256).unlink()
    store.put(photo)
    assert store.thumb_path(photo.sha256).read_bytes() == photo.thumbnail


@pytest.mark.parametrize("broken", ["replace", "fsync", "write"])
def test_failure_mid_write_leaves_no_partial_file_and_no_temp_file(
    store, photo, monkeypatch, broken
):
    store.root.mkdir(parents=True)

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if broken == "write":
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data):
                self.handle.write(data[: len(data) // 2])
                fail()

        monkeypatch.setattr(fileio_module.os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(fileio_module.os, broken, fail)

    with pytest.raises(PhotoError, match=r"^IMG_0001\.jpg: could not be saved \(No space left on device\)$"):
        store.put(photo)
    assert not store.path(photo.sha256).exists()
    assert files_under(store.root) == []  # no temp file left behind either

    monkeypatch.undo()
    store.put(photo)  # and the next attempt works
    assert store.verify(photo.sha256)


def test_sha_that_is_not_a_sha_is_refused(store):
    for bad in ("../../etc/passwd", "A" * 64, "a" * 63, ""):
        with pytest.raises(ValueError):
            store.path(bad)


def test_put_refuses_a_photo_whose_sha_does_not_match(store, photo):
    import dataclasses

    with pytest.raises(ValueError):
        store.put(dataclasses.replace(photo, sha256="0" * 64))
    assert not store.root.exists() or files_under(store.root) == []


def test_leftovers_of_a_crash_are_removed(store, photo):
    store.put(photo)
    (store.root / ".incoming-abc.part").write_bytes(b"half")
    (store.thumbs / ".incoming-def.part").write_bytes(b"half")
    assert store.remove_leftovers() == 2
    assert files_under(store.root) == [f"{photo.sha256}.jpg", f"thumbs/{photo.sha256}.jpg"]
