"""The clock check's rules: a clearly wrong clock gives one line, a plausible one nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from desktop_app.domain import clock_check as cc
from desktop_app.domain.clock_check import ClockFacts, check_clock

NOW = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
CAMPAIGN = dict(campaign_start=date(2026, 9, 15), campaign_end=date(2026, 12, 31))


def local(moment: datetime, fmt: str = "%d.%m.%Y %H:%M") -> str:
    return moment.astimezone().strftime(fmt)


def test_a_plausible_clock_gives_no_warning():
    facts = ClockFacts(last_saved_at=NOW - timedelta(minutes=5), last_export_at=NOW - timedelta(days=3),
                       hq_time=NOW - timedelta(days=3), hq_received_at=NOW - timedelta(days=3, seconds=-4),
                       **CAMPAIGN)
    assert check_clock(facts, NOW) is None
    assert check_clock(ClockFacts(), NOW) is None  # a new office knows nothing yet


def test_minutes_of_drift_are_not_an_alarm():
    facts = ClockFacts(last_saved_at=NOW + timedelta(minutes=50), last_export_at=NOW + timedelta(minutes=20),
                       hq_time=NOW + timedelta(minutes=59), **CAMPAIGN)
    assert check_clock(facts, NOW) is None


def test_a_clock_hours_behind_the_last_saved_entry_is_named_with_times():
    then = NOW + timedelta(hours=3)
    message = check_clock(ClockFacts(last_saved_at=then, **CAMPAIGN), NOW)
    assert message is not None and message.template == cc.BEHIND_SAVED
    assert str(message) == (f"The PC's clock says {local(NOW)}, but this office saved an entry on "
                            f"{local(then)}: check the date and time before entering today's work.")


def test_a_clock_years_behind_the_last_export_reads_like_the_issue():
    now = datetime(2023, 12, 6, 9, 0, tzinfo=UTC)
    facts = ClockFacts(last_saved_at=datetime(2026, 12, 5, 8, tzinfo=UTC),
                       last_export_at=datetime(2026, 12, 5, 9, tzinfo=UTC), **CAMPAIGN)
    message = check_clock(facts, now)
    assert message.template == cc.BEHIND_EXPORT
    assert str(message) == ("The PC's clock says 06.12.2023, but this office exported a bundle on 05.12.2026: "
                            "check the date and time before entering today's work.")


def test_headquarters_time_comes_first_it_is_not_this_pcs_clock():
    facts = ClockFacts(last_saved_at=NOW + timedelta(hours=5), last_export_at=NOW + timedelta(hours=4),
                       hq_time=NOW + timedelta(hours=2), hq_received_at=NOW + timedelta(hours=5))
    assert check_clock(facts, NOW).template == cc.BEHIND_HQ


def test_a_receipt_saved_before_headquarters_signed_it_shows_the_clock_was_behind():
    hq = NOW - timedelta(days=1)
    facts = ClockFacts(hq_time=hq, hq_received_at=hq - timedelta(hours=3), **CAMPAIGN)
    message = check_clock(facts, NOW)
    assert message.template == cc.HQ_SKEW
    assert message.params == {"then": local(hq), "pc": local(hq - timedelta(hours=3))}


def test_a_receipt_fetched_days_after_it_was_signed_is_normal():
    hq = NOW - timedelta(days=4)
    assert check_clock(ClockFacts(hq_time=hq, hq_received_at=hq + timedelta(days=2), **CAMPAIGN), NOW) is None


@pytest.mark.parametrize("now, template", [
    (datetime(2001, 1, 1, tzinfo=UTC), cc.BEFORE_CAMPAIGN),  # the CMOS battery died
    (datetime(2026, 6, 1, tzinfo=UTC), None),  # set up months before the campaign
    (datetime(2027, 6, 1, tzinfo=UTC), None),  # corrections months after it
    (datetime(2031, 6, 1, tzinfo=UTC), None),  # the data opened years later
])
def test_the_campaign_dates_bound_the_clock_loosely(now, template):
    message = check_clock(ClockFacts(**CAMPAIGN), now)
    assert (message.template if message else None) == template
    if message:
        assert str(message) == ("The PC's clock says 01.01.2001, long before this office's campaign "
                                "(15.09.2026 to 31.12.2026): check the date and time before entering "
                                "today's work.")


def test_work_saved_by_a_clock_years_ahead_is_no_bound_once_it_is_put_right():
    typo = datetime(2062, 11, 20, 10, tzinfo=UTC)  # a year typed wrong while entering
    facts = ClockFacts(last_saved_at=typo, last_export_at=typo, **CAMPAIGN)
    assert check_clock(facts, NOW) is None
    assert check_clock(ClockFacts(last_saved_at=typo), NOW).template == cc.BEHIND_SAVED  # no campaign known
