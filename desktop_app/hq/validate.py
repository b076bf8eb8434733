"""The rules a bundle's rows must keep before they replace an office's state at headquarters.

The types were checked as the cells were read (``bundle.sheets``); here come the rules the
totals depend on: codes from the vocabularies and the campaign's indicators, unique ids,
no negative amounts, one target per indicator and one progress entry per indicator and
day, progress only for indicators that are typed (not counted from a register), a
completed site with its completion date, photos attached to rows that exist and listed
in the manifest, and each sheet's row count equal to the one the office signed. The first
broken rule is the bundle's one-line rejection reason, naming sheet, row and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from desktop_app.bundle import sheets as sh
from desktop_app.bundle.manifest import Manifest
from desktop_app.domain.choices import (
    DisposalMode,
    EventType,
    IndicatorSource,
    PhotoRole,
    ScrapCategory,
    SiteStatus,
)
from desktop_app.domain.validation import LONG_TEXT, MAX_COUNT, MAX_PAISE
from desktop_app.errors import BundleError
from desktop_app.hq.campaigns import CampaignInfo
from desktop_app.hq.workbook import SheetRows

MAX_TEXT = LONG_TEXT
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_PHOTO_KINDS = {"site": "sites", "event": "events", "scrap": "scrap"}

Rows = dict[str, list[tuple[Any, ...]]]  # sheet name -> row tuples in SheetSpec column order


@cache
def _codes(vocabulary: Any) -> frozenset[str]:
    return frozenset(v.value for v in vocabulary)


class _Sheet:
    """Checks the rows of one sheet, naming sheet, row and column in its messages."""

    def __init__(self, sheet: SheetRows):
        self.spec = sheet.spec
        self.rows = sheet.rows
        columns = self.spec.columns
        self._texts = [c.code for c in columns if c.kind == sh.TEXT]
        self._amounts = [c.code for c in columns if c.kind in (sh.INT, sh.FLOAT)
                         and c.code not in ("latitude", "longitude")]

    def fail(self, index: int, code: str, problem: str) -> BundleError:
        return BundleError(f"report.xlsx: sheet {self.spec.name}, row {index + 2}, "
                           f"{code}: {problem}")

    def check(self, rule: Callable[[int, dict[str, Any]], None]) -> None:
        ids: set[str] = set()
        for i, row in enumerate(self.rows):
            rid = row["id"]
            if not _ID.fullmatch(rid):
                raise self.fail(i, "id", f"{rid!r} is not a record id")
            if rid in ids:
                raise self.fail(i, "id", f"{rid} appears twice")
            ids.add(rid)
            for code in self._texts:
                value = row[code]
                if value is not None and len(value) > MAX_TEXT:
                    raise self.fail(i, code, f"longer than {MAX_TEXT:,} characters")
            for code in self._amounts:
                value = row[code]
                if value is not None and value < 0:
                    raise self.fail(i, code, f"{value} is negative")
            rule(i, row)

    def choice(self, i: int, row: dict[str, Any], code: str, vocabulary: Any) -> None:
        if row[code] not in _codes(vocabulary):
            allowed = ", ".join(v.value for v in vocabulary)
            raise self.fail(i, code, f"{row[code]!r} is not one of {allowed}")

    def at_most(self, i: int, row: dict[str, Any], code: str, limit: int) -> None:
        if row[code] > limit:
            raise self.fail(i, code, f"{row[code]:,} is implausibly large")

    def position(self, i: int, row: dict[str, Any]) -> None:
        lat, lon = row.get("latitude"), row.get("longitude")
        if lat is not None and not -90 <= lat <= 90:
            raise self.fail(i, "latitude", f"{lat} is not between -90 and 90")
        if lon is not None and not -180 <= lon <= 180:
            raise self.fail(i, "longitude", f"{lon} is not between -180 and 180")


def validate(sheets: dict[str, SheetRows], campaign: CampaignInfo, manifest: Manifest) -> Rows:
    """Check every rule; return the rows ready to store (dates as ISO text)."""
    for spec in sh.SHEETS:
        signed = manifest.counts.get(spec.name)
        found = len(sheets[spec.name].rows)
        if signed is not None and signed != found:
            raise BundleError(f"report.xlsx: sheet {spec.name} has {found:,} rows, the manifest "
                              f"says {signed:,}")
    indicators = {i.code: i for i in campaign.indicators}

    targets = _Sheet(sheets["targets"])
    with_target: set[str] = set()

    def target_rule(i: int, row: dict[str, Any]) -> None:
        ind = indicators.get(row["indicator_code"])
        if ind is None:
            raise targets.fail(i, "indicator_code", f"{row['indicator_code']!r} is not an "
                               f"indicator of campaign {campaign.campaign_id}")
        if not ind.has_target:
            raise targets.fail(i, "indicator_code", f"{ind.code} takes no target")
        if ind.code in with_target:
            raise targets.fail(i, "indicator_code", f"a second target for {ind.code}")
        with_target.add(ind.code)
        targets.at_most(i, row, "value", MAX_PAISE)

    targets.check(target_rule)

    progress = _Sheet(sheets["progress"])
    days: set[tuple[str, date]] = set()

    def progress_rule(i: int, row: dict[str, Any]) -> None:
        ind = indicators.get(row["indicator_code"])
        if ind is None:
            raise progress.fail(i, "indicator_code", f"{row['indicator_code']!r} is not an "
                                f"indicator of campaign {campaign.campaign_id}")
        if ind.source is not IndicatorSource.ENTERED:
            raise progress.fail(i, "indicator_code", f"{ind.code} is counted from its register, "
                                "not typed")
        key = (ind.code, row["entry_date"])
        if key in days:
            raise progress.fail(i, "entry_date", f"a second entry for {ind.code} on "
                                f"{row['entry_date']:%d.%m.%Y}")
        days.add(key)
        progress.at_most(i, row, "value", MAX_PAISE)

    progress.check(progress_rule)

    scrap = _Sheet(sheets["scrap"])

    def scrap_rule(i: int, row: dict[str, Any]) -> None:
        scrap.choice(i, row, "category", ScrapCategory)
        scrap.choice(i, row, "mode", DisposalMode)
        scrap.at_most(i, row, "revenue_paise", MAX_PAISE)
        scrap.at_most(i, row, "space_freed_sqft", MAX_COUNT)

    scrap.check(scrap_rule)

    sites = _Sheet(sheets["sites"])

    def site_rule(i: int, row: dict[str, Any]) -> None:
        sites.choice(i, row, "status", SiteStatus)
        sites.position(i, row)
        if row["status"] == SiteStatus.COMPLETED.value and row["completed_date"] is None:
            raise sites.fail(i, "completed_date", "a completed site needs its completion date")

    sites.check(site_rule)

    events = _Sheet(sheets["events"])

    def event_rule(i: int, row: dict[str, Any]) -> None:
        events.choice(i, row, "event_type", EventType)
        events.at_most(i, row, "participants", MAX_COUNT)

    events.check(event_rule)

    photos = _Sheet(sheets["photos"])
    ids = {name: {r["id"] for r in sheets[name].rows} for name in _PHOTO_KINDS.values()}
    referenced = set(manifest.referenced_photos)

    def photo_rule(i: int, row: dict[str, Any]) -> None:
        if not _SHA256.fullmatch(row["sha256"]):
            raise photos.fail(i, "sha256", f"{row['sha256']!r} is not a SHA-256")
        if row["sha256"] not in referenced:
            raise photos.fail(i, "sha256", f"photo {row['sha256'][:12]}… is not listed in the "
                              "manifest")
        kind = row["target_kind"]
        if kind not in _PHOTO_KINDS:
            raise photos.fail(i, "target_kind", f"{kind!r} is not one of site, event, scrap")
        if row["target_id"] not in ids[_PHOTO_KINDS[kind]]:
            raise photos.fail(i, "target_id", f"no {kind} with id {row['target_id']} in this "
                              "bundle")
        photos.choice(i, row, "role", PhotoRole)
        photos.position(i, row)

    photos.check(photo_rule)

    return {name: _stored_rows(sheet) for name, sheet in sheets.items()}


def _stored_rows(sheet: SheetRows) -> list[tuple[Any, ...]]:
    """Row tuples in column order, dates as ISO text (what the st_* tables hold)."""
    codes = sheet.spec.codes
    dates = [i for i, c in enumerate(sheet.spec.columns) if c.kind == sh.DATE]
    out = []
    for row in sheet.rows:
        values = [row[c] for c in codes]
        for i in dates:
            if values[i] is not None:
                values[i] = values[i].isoformat()
        out.append(tuple(values))
    return out


# --- the bundle's own date ------------------------------------------------------------------

AHEAD_ALLOWED = timedelta(days=1)


def implausible_date(created_at: str, now: datetime, campaign_start: date | None) -> str | None:
    """A flag when the signed ``created_at`` cannot be true, else None.

    More than a day ahead of headquarters' clock, or more than a day before the campaign
    began (when headquarters knows its template): an office PC whose clock is wrong — a
    dead CMOS battery puts it years off — made the bundle. Accepted and flagged rather than
    refused (decision 0013): its rows are what the clerk typed,
    and refusing would stop an office whose clerk cannot change the clock. The importer
    counts such a bundle as made when headquarters received it, so a date years ahead can
    never keep a silent office from showing as stale.
    """
    made = datetime.strptime(created_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    said = f"dated {made:%d.%m.%Y %H:%M} UTC"
    received = f"counted as made when headquarters received it ({now:%d.%m.%Y %H:%M} UTC)"
    if made > now + AHEAD_ALLOWED:
        return (f"clock: {said}, {_span(made - now)} ahead of headquarters' clock; the office "
                f"PC's date is wrong, {received}")
    began = datetime.combine(campaign_start, datetime.min.time(), UTC) if campaign_start else None
    if began is not None and made < began - AHEAD_ALLOWED:
        return (f"clock: {said}, before the campaign began on {campaign_start:%d.%m.%Y}; the "
                f"office PC's date is probably wrong, {received}")
    return None


def _span(delta: timedelta) -> str:
    days = delta.days
    if days >= 730:
        return f"{days / 365.25:.1f} years"
    if days >= 2:
        return f"{days:,} days"
    return f"{delta.total_seconds() / 3600:.0f} hours"
