"""The one place FieldDesk reads the PC's clock: ``now``, ``utcnow`` and ``today``.

Office PCs have wrong clocks (a dead CMOS battery sends them back years; others drift by
hours), so the time the app writes into records and bundles must come from one place
that the clock check (``storage.clock_facts``) compares with what the office already
knows, and that tests can shift: patch ``desktop_app.clock.now`` and every timestamp,
every default date and the bundle's ``created_at`` follow. ``utcnow`` and ``today``
read ``now`` at call time, so patching ``now`` alone is enough.

Pure: no Qt, no database. SQLite's own ``'now'`` in the audit triggers still reads the
operating system's clock, which is the same clock outside tests.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def now() -> datetime:
    """The PC's clock as an aware UTC datetime."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """The timestamp format of every created_at/updated_at: UTC, ISO 8601, seconds."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utcnow() -> str:
    """``now()`` in the ISO text form that created_at, updated_at and manifests use."""
    return iso(now())


def parse_iso(text: str) -> datetime:
    """An ISO timestamp written by ``iso`` (or SQLite's strftime with fractions) → aware UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_now() -> datetime:
    """``now()`` in the PC's time zone (aware): what a clerk reads on the wall clock."""
    return now().astimezone()


def today() -> date:
    """The PC's date in its own time zone: the default date of a new entry."""
    return local_now().date()
