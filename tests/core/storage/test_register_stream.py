"""A register streamed for the bundle's typed sheets: the live rows, in date order, only the
columns asked for (in that order), from one query."""

from __future__ import annotations

from datetime import date

import pytest


def test_stream_gives_the_live_rows_in_date_order_with_the_columns_asked(demo):
    store = demo.store
    cid = store.campaigns.current().id
    scrap = store.scrap.list(cid)
    gone = scrap[0]
    store.scrap.delete(gone.id)
    rows = list(store.scrap.stream(cid, ["revenue_paise", "id", "disposal_date"]))
    live = [s for s in scrap if s.id != gone.id]
    assert len(rows) == len(live) and gone.id not in {r[1] for r in rows}
    assert sorted(rows, key=lambda r: (r[2], r[1])) == rows  # by date, then id
    by_id = {s.id: s for s in live}
    assert all(by_id[i].revenue_paise == paise and by_id[i].disposal_date == date.fromisoformat(d)
               for paise, i, d in rows)
    # the same rows, in the same order, as the register's pages show them
    assert [r[1] for r in rows] == [p["id"] for p in store.scrap.page(cid, limit=10_000)]


def test_stream_refuses_a_column_the_register_does_not_have(demo):
    cid = demo.store.campaigns.current().id
    with pytest.raises(ValueError, match="no column nope"):
        list(demo.store.events.stream(cid, ["id", "nope"]))
