"""Validation with messages a clerk understands: each returns ``{field: Message}``.

An empty dict means the record may be saved. The form shows each message next to its
field; the CLI prints them; repositories refuse to store a record that fails.
"""

from __future__ import annotations

import re
from datetime import date

from desktop_app.domain.choices import SiteStatus, Unit
from desktop_app.domain.dates import format_date
from desktop_app.domain.formatting import format_value
from desktop_app.domain.i18n import N_, Message
from desktop_app.domain.models import (
    Campaign,
    CleanlinessSite,
    Event,
    Indicator,
    Office,
    ProgressEntry,
    ScrapDisposal,
    Target,
)

SHORT_TEXT = 200
LONG_TEXT = 4000
MAX_COUNT = 10**12
MAX_PAISE = 10**15  # Rs. 10 lakh crore: far above any office's scrap revenue

REQUIRED = N_("This field is required.")
TOO_LONG = N_("Too long: at most {limit} characters.")
CONTROL_CHAR = N_("Contains a control character that cannot be saved.")
NEGATIVE = N_("Cannot be negative.")
TOO_LARGE = N_("Too large.")
BEFORE_CAMPAIGN = N_("Date {day} is before the campaign starts ({start}).")
AFTER_CAMPAIGN = N_("Date {day} is after the campaign ends ({end}).")
IN_FUTURE = N_("Date {day} is in the future.")
BAD_LATITUDE = N_("Latitude must be between -90 and 90.")
BAD_LONGITUDE = N_("Longitude must be between -180 and 180.")
COMPLETED_NEEDS_DATE = N_("A completed site needs its completion date.")
DATE_WITHOUT_COMPLETION = N_("Only a completed site has a completion date.")
BAD_OFFICE_CODE = N_("Use 2 to 20 capital letters, digits or hyphens, e.g. DL-042.")
UNKNOWN_INDICATOR = N_("Unknown indicator '{code}'.")
NO_TARGET = N_("This indicator takes no target.")
NOT_ENTERED = N_("This indicator is counted from its register, not typed.")
REASON_NEEDED = N_("Give a reason: targets are fixed once the implementation phase starts.")
OVER_DAILY_MAX = N_("More than {limit} in one day is not possible for this indicator: check the figure.")
UNUSUALLY_LARGE = N_("Unusually large for one day (usually at most {limit}).")
LOOKS_LIKE_DATE = N_("'{text}' looks like a date, not a figure.")
OUTSIDE_PHASE = N_("This indicator takes figures only in the {phase} ({start} to {end}).")
CAMPAIGN_CLOSED = N_("{campaign} is an earlier campaign: its records can be viewed, exported and "
                     "printed, not changed.")
RETIRED_INDICATOR = N_("This indicator was removed from the campaign: its entries are kept, "
                       "new ones cannot be added.")

# XML 1.0 cannot hold these; a workbook with one of them is a broken file.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_OFFICE_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,19}$")


def check_text(value: str, *, required: bool = False, limit: int = SHORT_TEXT,
               multiline: bool = False) -> Message | None:
    """One text field: required, length, and no characters XML (and Excel) cannot hold."""
    if required and not value.strip():
        return Message(REQUIRED)
    if len(value) > limit:
        return Message(TOO_LONG, limit=limit)
    bad = _CONTROL.search(value) or (not multiline and re.search("[\r\n\t]", value))
    if bad:
        return Message(CONTROL_CHAR)
    return None


def check_amount(value: int, *, limit: int = MAX_COUNT) -> Message | None:
    if value < 0:
        return Message(NEGATIVE)
    if value > limit:
        return Message(TOO_LARGE)
    return None


def check_date(day: date, campaign: Campaign, today: date | None) -> Message | None:
    """A date must fall within the campaign and not lie in the future."""
    if day < campaign.start:
        return Message(BEFORE_CAMPAIGN, day=format_date(day), start=format_date(campaign.start))
    if day > campaign.end:
        return Message(AFTER_CAMPAIGN, day=format_date(day), end=format_date(campaign.end))
    if today is not None and day > today:
        return Message(IN_FUTURE, day=format_date(day))
    return None


def _in_unit(value: int, unit: Unit) -> str:
    return format_value(value, unit)


def check_daily_figure(value: int, indicator: Indicator) -> Message | None:
    """One day's figure: not negative, within the template's ``daily_max``."""
    if msg := check_amount(value, limit=MAX_PAISE):
        return msg
    if indicator.daily_max is not None and value > indicator.daily_max:
        return Message(OVER_DAILY_MAX, limit=_in_unit(indicator.daily_max, indicator.unit))
    return None


def unusual_figure(value: int | None, indicator: Indicator) -> Message | None:
    """A plausible but unusually large day's figure: saved only once the clerk confirms it."""
    if value is None or indicator.unusual_above is None or value <= indicator.unusual_above:
        return None
    return Message(UNUSUALLY_LARGE, limit=_in_unit(indicator.unusual_above, indicator.unit))


def _collect(**checks: Message | None) -> dict[str, Message]:
    return {name: msg for name, msg in checks.items() if msg is not None}


def validate_office(office: Office) -> dict[str, Message]:
    errors = _collect(
        name=check_text(office.name, required=True),
        organisation=check_text(office.organisation),
        parent_office=check_text(office.parent_office),
        state=check_text(office.state),
        district=check_text(office.district),
        address=check_text(office.address, limit=1000, multiline=True),
        head_of_office=check_text(office.head_of_office),
        nodal_officer=check_text(office.nodal_officer),
        contact=check_text(office.contact),
    )
    if not _OFFICE_CODE.match(office.code):
        errors["code"] = Message(BAD_OFFICE_CODE)
    return errors


def validate_scrap(rec: ScrapDisposal, campaign: Campaign, today: date | None) -> dict[str, Message]:
    return _collect(
        disposal_date=check_date(rec.disposal_date, campaign, today),
        item=check_text(rec.item, required=True),
        quantity=Message(NEGATIVE) if rec.quantity < 0 else (
            Message(TOO_LARGE) if rec.quantity > MAX_COUNT else None),
        quantity_unit=check_text(rec.quantity_unit, required=True, limit=20),
        buyer=check_text(rec.buyer),
        receipt_no=check_text(rec.receipt_no, limit=100),
        revenue_paise=check_amount(rec.revenue_paise, limit=MAX_PAISE),
        space_freed_sqft=check_amount(rec.space_freed_sqft),
        remarks=check_text(rec.remarks, limit=LONG_TEXT, multiline=True),
    )


def validate_site(rec: CleanlinessSite, campaign: Campaign, today: date | None) -> dict[str, Message]:
    errors = _collect(
        name=check_text(rec.name, required=True),
        location=check_text(rec.location, limit=500),
        remarks=check_text(rec.remarks, limit=LONG_TEXT, multiline=True),
        latitude=Message(BAD_LATITUDE) if rec.latitude is not None and not -90 <= rec.latitude <= 90 else None,
        longitude=Message(BAD_LONGITUDE) if rec.longitude is not None and not -180 <= rec.longitude <= 180 else None,
        target_date=check_date(rec.target_date, campaign, None) if rec.target_date else None,
    )
    if rec.status is SiteStatus.COMPLETED and rec.completed_date is None:
        errors["completed_date"] = Message(COMPLETED_NEEDS_DATE)
    elif rec.status is not SiteStatus.COMPLETED and rec.completed_date is not None:
        errors["completed_date"] = Message(DATE_WITHOUT_COMPLETION)
    elif rec.completed_date is not None and (msg := check_date(rec.completed_date, campaign, today)):
        errors["completed_date"] = msg
    return errors


def validate_event(rec: Event, campaign: Campaign, today: date | None) -> dict[str, Message]:
    return _collect(
        event_date=check_date(rec.event_date, campaign, today),
        title=check_text(rec.title, required=True),
        venue=check_text(rec.venue),
        participants=check_amount(rec.participants, limit=10**9),
        description=check_text(rec.description, limit=LONG_TEXT, multiline=True),
    )


def validate_progress(rec: ProgressEntry, campaign: Campaign, today: date | None) -> dict[str, Message]:
    try:
        indicator = campaign.indicator(rec.indicator_code)
    except KeyError:
        if any(i.code == rec.indicator_code for i in campaign.retired):
            return {"indicator_code": Message(RETIRED_INDICATOR)}
        return {"indicator_code": Message(UNKNOWN_INDICATOR, code=rec.indicator_code)}
    return _collect(
        indicator_code=None if indicator.entered else Message(NOT_ENTERED),
        entry_date=check_date(rec.entry_date, campaign, today) or check_phase(rec.entry_date, indicator, campaign),
        value=check_daily_figure(rec.value, indicator),
        remark=check_text(rec.remark, limit=1000, multiline=True),
    )


def check_phase(day: date, indicator: Indicator, campaign: Campaign) -> Message | None:
    """An indicator bound to one phase takes figures only on that phase's days."""
    phase = campaign.phase_named(indicator.phase) if indicator.phase else None
    if phase is None or phase.start <= day <= phase.end:
        return None
    return Message(OUTSIDE_PHASE, phase=phase.title.en, start=format_date(phase.start),
                   end=format_date(phase.end))


def validate_target(rec: Target, campaign: Campaign, today: date | None,
                    *, changing: bool) -> dict[str, Message]:
    """Targets are set in the preparatory phase; a later change must carry a reason."""
    try:
        indicator = campaign.indicator(rec.indicator_code)
    except KeyError:
        if any(i.code == rec.indicator_code for i in campaign.retired):
            return {"indicator_code": Message(RETIRED_INDICATOR)}
        return {"indicator_code": Message(UNKNOWN_INDICATOR, code=rec.indicator_code)}
    errors = _collect(
        indicator_code=None if indicator.has_target else Message(NO_TARGET),
        value=check_amount(rec.value, limit=MAX_PAISE),
        reason=check_text(rec.reason, limit=1000, multiline=True),
    )
    implementation = next((p for p in campaign.phases if p.code == "implementation"), None)
    late = implementation is not None and today is not None and today >= implementation.start
    if changing and late and not rec.reason.strip() and "reason" not in errors:
        errors["reason"] = Message(REASON_NEEDED)
    return errors
