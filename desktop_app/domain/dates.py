"""Dates as clerks type and read them: 06.12.2026, typed as 06122026, 6.12.26 or 06/12/2026.

The one place a date or a moment becomes text for people (``format_date``,
``format_timestamp``: dd.mm.yyyy and dd.mm.yyyy hh:mm, in the forms, the registers, the
summary, the workbook's headings, the clock warnings, the upload's states and ``fielddesk
info``), and the one place a typed date becomes a ``date``: the register forms, the
daily-progress day and the filters all call ``parse_date``, which refuses what is not a date with a message
(it never moves a date to the nearest day it would accept: a figure recorded against a
day the clerk did not type is a wrong record). ``looks_like_date`` lets a count field say
"that is a date" instead of storing 6,12,2026 files.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from desktop_app.domain.i18n import N_, Message

BAD_DATE = N_("'{text}' is not a date: type day, month and year, e.g. 06.12.2026 or 06122026.")
NO_SUCH_DAY = N_("'{text}' is not a day of the calendar.")

_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
_SEPARATED = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
_RUN = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")


class DateParseError(ValueError):
    """Text that is not a date; ``message`` is translatable."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


def format_date(day: date | str | None, *, blank: str = "") -> str:
    """dd.mm.yyyy, the way Indian offices write dates (*day* may be ISO text, as stored);
    *blank* when not set."""
    if not day:
        return blank
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return day.strftime("%d.%m.%Y")


def format_timestamp(moment: datetime | str | None, *, on_pc_clock: bool = False,
                     blank: str = "") -> str:
    """A moment as clerks write it: '05.10.2026 10:15'; *blank* when not set.

    A moment is shown on its own clock: a camera's time as the camera kept it, the summary's
    time of printing as the PC read it. With *on_pc_clock*, an instant the app recorded (an
    aware time, or ISO text like ``2026-11-20T10:30:00Z``; text without a zone is UTC, as the
    app writes it) is shown on the PC's clock instead. Text that is not a time comes back as
    it is.
    """
    if not moment:
        return blank
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment.replace("Z", "+00:00"))
        except ValueError:
            return moment
    if on_pc_clock:
        moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone()
    return moment.strftime("%d.%m.%Y %H:%M")


def _parts(text: str) -> tuple[int, int, int] | None:
    cleaned = text.strip().translate(_DEVANAGARI_DIGITS).replace(" ", "")
    match = _SEPARATED.match(cleaned) or _RUN.match(cleaned)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    if len(match.group(3)) == 2:
        year += 2000
    return day, month, year


def parse_date(text: str) -> date:
    """'06.12.2026', '6.12.26', '06/12/2026', '06122026' or '061226' -> date(2026, 12, 6)."""
    parts = _parts(text)
    if parts is None:
        raise DateParseError(Message(BAD_DATE, text=text.strip()))
    day, month, year = parts
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError(Message(NO_SUCH_DAY, text=text.strip())) from None


def looks_like_date(text: str, *, digits_too: bool = False) -> bool:
    """True for text typed like a date (06.12.2026, 6/12/26): what a clerk typed into a count
    by mistake. Eight plain digits (06122026) are a possible count too, so they count as a
    date only with ``digits_too`` (for a figure already too large to be plausible)."""
    cleaned = text.strip().translate(_DEVANAGARI_DIGITS).replace(",", "") if digits_too \
        else text.strip().translate(_DEVANAGARI_DIGITS)
    if not (_SEPARATED.match(cleaned) or (digits_too and re.fullmatch(r"\d{8}", cleaned))):
        return False
    try:
        parse_date(cleaned)
    except DateParseError:
        return False
    return True
