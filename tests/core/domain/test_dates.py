"""Typed dates: every way a clerk types a day, and what is refused, never moved."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from desktop_app.domain.dates import (
    DateParseError,
    format_date,
    format_timestamp,
    looks_like_date,
    parse_date,
)


@pytest.mark.parametrize("typed", ["06.12.2026", "06122026", "6.12.2026", "6.12.26", "061226",
                                   "06/12/2026", "06-12-2026", " 06.12.2026 ", "०६.१२.२०२६"])
def test_a_whole_date_typed_in_one_go(typed):
    assert parse_date(typed) == date(2026, 12, 6)


@pytest.mark.parametrize("typed", ["", "12.2026", "6122026", "06.12", "tomorrow", "06..12.2026", "0612202"])
def test_what_is_not_a_date_is_refused_with_the_text_in_the_message(typed):
    with pytest.raises(DateParseError) as caught:
        parse_date(typed)
    assert "is not a date" in str(caught.value) and f"'{typed.strip()}'" in str(caught.value)


def test_a_day_that_does_not_exist_is_refused_not_moved():
    with pytest.raises(DateParseError, match="'31.09.2026' is not a day of the calendar"):
        parse_date("31.09.2026")
    with pytest.raises(DateParseError):
        parse_date("29022027")


def test_a_date_outside_any_range_is_still_the_date_typed():
    # The parser knows no campaign: 06.12.2027 stays 2027 (the form then explains it).
    assert parse_date("06.12.2027") == date(2027, 12, 6)
    assert parse_date("10.09.2026") == date(2026, 9, 10)


def test_format_and_looks_like_date():
    assert format_date(date(2026, 12, 6)) == "06.12.2026" and format_date(None) == ""
    assert looks_like_date("06.12.2026") and looks_like_date("6/12/26")
    assert not looks_like_date("1,234") and not looks_like_date("06122026")
    assert looks_like_date("06122026", digits_too=True) and not looks_like_date("99999999", digits_too=True)


def test_dates_read_dd_mm_yyyy_from_a_date_or_its_stored_text():
    assert format_date("2026-10-02") == format_date(date(2026, 10, 2)) == "02.10.2026"
    assert format_date("2026-10-02T10:30:00Z") == "02.10.2026"
    assert format_date(None, blank="–") == "–"


def test_a_moment_is_shown_on_its_own_clock():
    ist = timezone(timedelta(hours=5, minutes=30))
    assert format_timestamp(datetime(2026, 10, 5, 10, 15, tzinfo=ist)) == "05.10.2026 10:15"
    assert format_timestamp("2026-10-05T10:15:00") == "05.10.2026 10:15"  # a camera's time
    assert format_timestamp(None) == "" and format_timestamp("", blank="–") == "–"
    assert format_timestamp("yesterday") == "yesterday"


def test_a_recorded_instant_is_shown_on_the_pcs_clock(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    import time

    time.tzset()
    try:
        moment = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)
        assert format_timestamp("2026-11-20T10:30:00Z", on_pc_clock=True) == "20.11.2026 16:00"
        assert format_timestamp("2026-11-20T10:30:00", on_pc_clock=True) == "20.11.2026 16:00"
        assert format_timestamp(moment, on_pc_clock=True) == "20.11.2026 16:00"
        assert format_timestamp(moment) == "20.11.2026 10:30"
    finally:
        monkeypatch.undo()
        time.tzset()
