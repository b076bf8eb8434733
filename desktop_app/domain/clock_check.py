"""Noticing a PC clock that is clearly wrong, from what the office already knows.

Old office PCs lose their CMOS battery (the clock jumps back years) or drift by hours, and
the app files new work under the PC's "today". It never changes a date itself; it warns,
in one line, when the clock contradicts something it knows:

* **Lower bounds on the true time.** The newest saved entry (its created_at), the newest
  exported bundle and headquarters' time on its last signed receipt all happened before
  now. A clock more than ``BEHIND_TOLERANCE`` (1 hour: Windows' time sync corrects drift
  by seconds or minutes) earlier than any of them has been put back. Headquarters' time
  is the one not written by this PC's clock, so it is named first.
* **Headquarters' receipt against the moment it was saved here.** A receipt saved at a
  PC time more than ``BEHIND_TOLERANCE`` before headquarters signed it means the clock
  was behind then (a receipt may be fetched days later, so a PC time after it proves
  nothing). The warning stays until a newer receipt shows the clock right.
* **The campaign's dates.** A clock more than ``CAMPAIGN_MARGIN`` (a year) before the
  campaign's start is not this campaign's time (a dead battery goes back to 2000 or so).
  A saved entry or export more than a year after the campaign's end was itself dated by a
  clock far ahead (a year typed wrong): it is not taken as a bound, or the warning would
  stay for good once the clock is put right.

Entering last week's work is normal: entry dates in the past are never a sign of a wrong
clock. Nor is a clock after the campaign's end: the data may be opened a year later. A
clock that runs ahead by hours or days cannot be told from facts saved by the same clock;
it shows once corrected, or by headquarters' answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop_app.domain.dates import format_date, format_timestamp
from desktop_app.domain.i18n import N_, Message

BEHIND_TOLERANCE = timedelta(hours=1)
CAMPAIGN_MARGIN = timedelta(days=366)
_SHOW_TIME_WITHIN = timedelta(days=2)  # closer than this, the message gives the time of day

BEHIND_HQ = N_("The PC's clock says {now}, but headquarters answered this office on {then}:"
               " check the date and time before entering today's work.")
BEHIND_EXPORT = N_("The PC's clock says {now}, but this office exported a bundle on {then}:"
                   " check the date and time before entering today's work.")
BEHIND_SAVED = N_("The PC's clock says {now}, but this office saved an entry on {then}:"
                   " check the date and time before entering today's work.")
HQ_SKEW = N_("When headquarters last answered, it was {then} there but {pc} on this PC:"
             " check the date and time before entering today's work.")
BEFORE_CAMPAIGN = N_("The PC's clock says {now}, long before this office's campaign ({start} to {end}):"
                     " check the date and time before entering today's work.")


@dataclass(frozen=True)
class ClockFacts:
    """What the office knows about time, each moment aware (None: not known yet)."""

    last_saved_at: datetime | None = None  # newest saved entry, by the PC's clock then
    last_export_at: datetime | None = None  # newest bundle's created_at
    hq_time: datetime | None = None  # headquarters' time on its newest signed receipt
    hq_received_at: datetime | None = None  # the PC's clock when that receipt was saved
    campaign_start: date | None = None
    campaign_end: date | None = None


def check_clock(facts: ClockFacts, now: datetime) -> Message | None:
    """A one-line warning when *now* (aware) is clearly wrong given *facts*; else None."""
    for template, then in ((BEHIND_HQ, facts.hq_time), (BEHIND_EXPORT, _plausible(facts.last_export_at, facts)),
                           (BEHIND_SAVED, _plausible(facts.last_saved_at, facts))):
        if then is not None and now < then - BEHIND_TOLERANCE:
            precise = then - now < _SHOW_TIME_WITHIN
            return Message(template, now=_when(now, precise), then=_when(then, precise))
    if (facts.hq_time is not None and facts.hq_received_at is not None
            and facts.hq_received_at < facts.hq_time - BEHIND_TOLERANCE):
        precise = facts.hq_time - facts.hq_received_at < _SHOW_TIME_WITHIN
        return Message(HQ_SKEW, then=_when(facts.hq_time, precise),
                       pc=_when(facts.hq_received_at, precise))
    start, end = facts.campaign_start, facts.campaign_end
    if start is not None and end is not None and now.astimezone().date() < start - CAMPAIGN_MARGIN:
        return Message(BEFORE_CAMPAIGN, now=_when(now, False), start=format_date(start), end=format_date(end))
    return None


def _plausible(moment: datetime | None, facts: ClockFacts) -> datetime | None:
    """*moment* (written by this PC's clock) unless it is more than a year after the
    campaign's end, which only a clock far ahead writes."""
    if moment is None or facts.campaign_end is None:
        return moment
    return None if moment.astimezone().date() > facts.campaign_end + CAMPAIGN_MARGIN else moment


def _when(moment: datetime, precise: bool) -> str:
    """The PC's local date (and time of day when the gap is only hours), as clerks write it."""
    local = moment.astimezone()
    return format_timestamp(local) if precise else format_date(local.date())
