"""The bundle workbook's typed sheets: what a cell read back may hold."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.bundle import sheets as sh


def test_column_read_back_conversions():
    spec = sh.SITES
    row = spec.read_row(["id-1", "Record room", None, 18.5, None, "completed",
                         datetime(2026, 10, 22), None])
    assert row["location"] == "" and row["longitude"] is None and row["remarks"] == ""
    assert row["target_date"] == date(2026, 10, 22) and row["completed_date"] is None
    with pytest.raises(ValueError, match="expected a date"):
        spec.read_row(["id-1", "x", "", 1.0, 1.0, "identified", "tomorrow"])
    with pytest.raises(ValueError, match="whole number"):
        sh.SCRAP.columns[9].read(12.5)
    with pytest.raises(ValueError, match="expected text"):
        sh.SCRAP.columns[2].read(12)
    assert sh.SCRAP.columns[9].read(1250.0) == 1250
    assert sh.SCRAP.values({c.code: None for c in sh.SCRAP.columns}) == [None] * 12
    codes = [c.code for s in sh.SHEETS for c in s.columns]
    assert all(code.isidentifier() and code == code.lower() for code in codes)
