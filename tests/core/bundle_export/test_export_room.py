"""The room an export needs, counted before it writes: high, but not wild."""

from __future__ import annotations

import zipfile
from dataclasses import replace

import pytest

from desktop_app import diskspace
from desktop_app.bundle.preview import preview_export
from desktop_app.bundle.room import WORKBOOK_BYTES_PER_ROW, export_space_needed, export_with_room
from desktop_app.diskspace import DiskFullError
from desktop_app.domain.choices import PhotoRole


def test_the_need_counts_the_photos_and_the_workbook_twice(office):
    preview = preview_export(office.store, office.folder)
    rows = sum(v for k, v in preview.counts.items() if k != "photo")
    assert preview.new_photos == 4
    assert export_space_needed(preview) >= preview.new_photo_bytes + 2 * rows * WORKBOOK_BYTES_PER_ROW


def test_a_series_needs_a_workbook_more_for_every_part(office):
    preview = replace(preview_export(office.store, office.folder), new_photos=300, new_photo_bytes=60_000_000)
    single, series = export_space_needed(preview), export_space_needed(preview, max_size=20_000_000)
    rows = sum(v for k, v in preview.counts.items() if k != "photo")
    assert series >= single + 3 * rows * WORKBOOK_BYTES_PER_ROW  # 4 parts or more


def test_the_need_is_above_the_real_peak_and_close_to_it(office, bx, tmp_path):
    site = office.store.sites.list(office.store.campaigns.current().id)[1]
    for seed in range(10, 40):
        bx.add_photo(office, seed, "site", site.id, PhotoRole.BEFORE, size=(640, 480))
    needed = export_space_needed(preview_export(office.store, office.folder))
    result = bx.export(office, out_dir=tmp_path / "out")[0]
    with zipfile.ZipFile(result.path) as zf:
        workbook = zf.getinfo("report.xlsx").file_size
    peak = result.bytes + workbook  # the bundle, and the workbook's temporary file beside it
    assert peak <= needed <= peak + (2 << 20)


def test_no_room_is_refused_before_a_byte_is_written(office, tmp_path, monkeypatch):
    monkeypatch.setattr(diskspace, "free_bytes", lambda folder: 10_000)
    out = tmp_path / "pen-drive"
    with pytest.raises(DiskFullError, match="the export needs"):
        export_with_room(office, out_dir=out)
    assert not out.exists() and office.store.exports.history() == []
