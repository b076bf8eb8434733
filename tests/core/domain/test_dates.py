"""Typed dates (issue 20): every way a clerk types a day, and what is refused, never moved."""

from datetime import date

import pytest

from desktop_app.domain.dates import DateParseError, format_date, looks_like_date, parse_date


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
