"""Headquarters' time for the office's signatures, so a wrong PC clock never stops an upload.

Every signed request carries a time that headquarters checks against its own clock (10
minutes either way): that, with the nonces and offsets, is what makes a captured request
useless later. Signing with the PC's clock made an office whose clock is off by hours
unable to send anything until someone with rights fixed it. So the office signs
headquarters' time instead: the run's first request asks for it (``OPTIONS`` with a fresh
nonce), headquarters answers with its time signed by its key over that nonce, and the
office signs that time plus the monotonic seconds elapsed since. The PC clock is read
only to tell the clerk how far off it is, and — against a receiver that sends no signed
time (older than this one) — to sign as before.

``office_now`` is where the upload reads the PC clock: ``desktop_app.clock``, which tests shift.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app import clock
from desktop_app.domain.i18n import Plural, plural
from desktop_app.upload_protocol import (
    HQ_TIME_HEADER,
    HQ_TIME_SIGNATURE_HEADER,
    MAX_CLOCK_SKEW_SECONDS,
    check_b64_signature,
    hq_time_message,
)

WARN_SECONDS = MAX_CLOCK_SKEW_SECONDS  # what used to stop every upload


def office_now() -> float:
    """The PC clock (``desktop_app.clock``, the core's one reading of it), as Unix seconds."""
    return clock.now().timestamp()


@dataclass(frozen=True)
class HQClock:
    """Headquarters' time as it signed it, and when (monotonic) the office read it."""

    hq_time: int
    read_at: float
    pc_offset: float  # headquarters' time minus the PC's: > 0 when the PC clock is behind

    def now(self) -> int:
        return int(self.hq_time + (time.monotonic() - self.read_at))


def read_hq_time(headers: Mapping[str, str], nonce: str,
                 hq_key: Ed25519PublicKey) -> HQClock | None:
    """The time in headquarters' answer to our *nonce*, if its key signed it; else None."""
    text, signature = headers.get(HQ_TIME_HEADER), headers.get(HQ_TIME_SIGNATURE_HEADER)
    if not text or not signature or not text.isdigit():
        return None
    hq_time = int(text)
    if not check_b64_signature(hq_key, hq_time_message(hq_time, nonce), signature):
        return None
    return HQClock(hq_time, time.monotonic(), hq_time - office_now())


def signing_time(clock: HQClock | None) -> int:
    """The time to sign: headquarters', or the PC's when headquarters gave none."""
    return clock.now() if clock is not None else int(office_now())


HOUR, DAY, YEAR = 3600, 86400, 365.25 * 86400

# (below this many seconds off, in this unit, the line): the unit that reads naturally.
# Each line is written out whole, for the translators.
_BEHIND = (
    (2 * HOUR, 60, lambda n: plural(
        "This PC's clock is {n} minute behind headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.",
        "This PC's clock is {n} minutes behind headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.", n)),
    (2 * DAY, HOUR, lambda n: plural(
        "This PC's clock is {n} hour behind headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.",
        "This PC's clock is {n} hours behind headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.", n)),
    (2 * YEAR, DAY, lambda n: plural(
        "This PC's clock is {n} day behind headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.",
        "This PC's clock is {n} days behind headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.", n)),
    (float("inf"), YEAR, lambda n: plural(
        "This PC's clock is {n} year behind headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.",
        "This PC's clock is {n} years behind headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.", n)),
)
_AHEAD = (
    (2 * HOUR, 60, lambda n: plural(
        "This PC's clock is {n} minute ahead of headquarters' time; uploads still work. Set "
        "the PC's date and time when you can.",
        "This PC's clock is {n} minutes ahead of headquarters' time; uploads still work. Set "
        "the PC's date and time when you can.", n)),
    (2 * DAY, HOUR, lambda n: plural(
        "This PC's clock is {n} hour ahead of headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.",
        "This PC's clock is {n} hours ahead of headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.", n)),
    (2 * YEAR, DAY, lambda n: plural(
        "This PC's clock is {n} day ahead of headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.",
        "This PC's clock is {n} days ahead of headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.", n)),
    (float("inf"), YEAR, lambda n: plural(
        "This PC's clock is {n} year ahead of headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.",
        "This PC's clock is {n} years ahead of headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.", n)),
)


def clock_note(pc_offset: float) -> Plural | None:
    """One line for the clerk when the PC clock is clearly off (*pc_offset*: headquarters'
    time minus the PC's), else None."""
    seconds = abs(pc_offset)
    if seconds < WARN_SECONDS:
        return None
    for below, unit, line in _BEHIND if pc_offset > 0 else _AHEAD:
        if seconds < below:
            return line(round(seconds / unit))
    raise AssertionError("unreachable: the last unit has no limit")
