"""ingest_many: one bad file does not stop the rest; progress and Cancel behave."""

from __future__ import annotations

import threading

import pytest

from desktop_app.photos.batch import ingest_many
from desktop_app.photos.store import PhotoStore


@pytest.fixture
def store(tmp_path):
    return PhotoStore(tmp_path / "photos")


@pytest.fixture
def camera_folder(camera_jpeg, tmp_path):
    """Eight camera photos and, third in line, a text file named like a photo."""
    files = [camera_jpeg(f"IMG_{i:04d}.jpg", seed=100 + i, width=640, height=480) for i in range(8)]
    bad = tmp_path / "IMG_BAD.jpg"
    bad.write_text("not a photo")
    files.insert(2, bad)
    return files


def test_one_bad_file_is_reported_and_the_rest_go_on(store, camera_folder):
    calls = []
    result = ingest_many(
        camera_folder, store,
        progress=lambda done, total, name: calls.append((done, total, name, threading.get_ident())),
    )
    good_names = [p.name for p in camera_folder if p.name != "IMG_BAD.jpg"]
    assert [photo.original_name for photo in result.ingested] == good_names  # input order
    assert result.refused == [(camera_folder[2], "IMG_BAD.jpg: not an image (JPEG, PNG, WebP, HEIC or TIFF expected)")]
    assert not result.cancelled and result.not_started == []
    assert all(store.verify(photo.sha256) for photo in result.ingested)
    # progress: once per file, counting up, on the calling thread
    assert [c[0] for c in calls] == list(range(1, 10))
    assert {c[1] for c in calls} == {9}
    assert sorted(c[2] for c in calls) == sorted(p.name for p in camera_folder)
    assert {c[3] for c in calls} == {threading.get_ident()}


def test_cancel_stops_promptly_and_returns_what_finished(store, camera_folder):
    files = camera_folder * 3  # 27 files
    seen = []
    result = ingest_many(
        files, store, progress=lambda done, total, name: seen.append(done),
        cancelled=lambda: len(seen) >= 1,
    )
    assert result.cancelled
    finished = len(result.ingested) + len(result.refused)
    assert 1 <= finished <= 5  # the first, plus at most what was already being decoded
    assert finished + len(result.not_started) == len(files)
    # Work starts in input order, so what finished is a prefix and the rest is returned.
    assert result.not_started == files[finished:]
    assert all(store.verify(photo.sha256) for photo in result.ingested)


def test_cancel_before_start_does_nothing(store, camera_folder):
    result = ingest_many(camera_folder, store, cancelled=lambda: True)
    assert result.cancelled and result.ingested == [] and result.refused == []
    assert result.not_started == camera_folder
    assert not store.root.exists() or not any(store.root.glob("*.jpg"))


def test_the_same_picture_twice_in_a_batch_is_stored_once(store, camera_folder):
    good = camera_folder[0]
    result = ingest_many([good, good, camera_folder[1]], store, workers=2)
    assert len(result.ingested) == 3
    assert result.ingested[0].sha256 == result.ingested[1].sha256
    assert len(list(store.root.glob("*.jpg"))) == 2


def test_single_worker_and_empty_batch(store, camera_folder):
    assert len(ingest_many(camera_folder[:3], store, workers=1).ingested) == 2
    empty = ingest_many([], store)
    assert (empty.ingested, empty.refused, empty.not_started, empty.cancelled) == ([], [], [], False)
