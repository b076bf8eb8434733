"""Bundles whose signed ``created_at`` cannot be true (wrong clocks included).

An office PC with a dead CMOS battery dates its bundles years ahead or years back. Such a
bundle is accepted (its rows are what the clerk typed) and flagged in plain words; it is
counted as made when headquarters received it, so a date years ahead never keeps a
silent office looking up to date. The flag shows in the receipt, the consolidated
workbook and the status page's data.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import openpyxl

from desktop_app.hq.consolidate import consolidate
from desktop_app.hq.importer import ACCEPTED, import_bundle
from desktop_app.hq.registry import list_offices
from desktop_app.hq.report import write_report
from desktop_app.hq.validate import implausible_date

RECEIVED = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)  # headquarters' clock in these tests
STAMP = "%Y-%m-%dT%H:%M:%SZ"


def redated(hqkit, world, tmp_path, created_at: str):
    return hqkit.rebuild(world.dl.bundles[1], tmp_path / f"DL-001-{created_at[:4]}.zip",
                         private_key=world.dl.private_key, created_at=created_at)


def offices_flags(path) -> dict[str, str]:
    ws = openpyxl.load_workbook(path)["Offices"]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[4]
    return {row[0]: dict(zip(header, row))["Flags"] or "" for row in rows[5:]
            if row[0] and row[0] != "Total"}


def test_a_bundle_dated_three_years_ahead_is_accepted_flagged_and_can_go_stale(
        hq, hqkit, world, tmp_path):
    bundle = redated(hqkit, world, tmp_path, "2029-11-20T10:30:00Z")
    outcome = import_bundle(hq, bundle, now=RECEIVED.strftime(STAMP))
    assert outcome.status == ACCEPTED, outcome.reason
    (flag,) = outcome.flags
    assert flag == ("clock: dated 20.11.2029 10:30 UTC, 3.0 years ahead of headquarters' clock; "
                    "the office PC's date is wrong, counted as made when headquarters received "
                    "it (21.11.2026 09:00 UTC)")
    assert flag in outcome.to_json()["flags"]  # the receipt tells the office
    # the signed date is kept with the bundle; the office's state uses headquarters' time
    [(signed,)] = hqkit.rows(hq, "SELECT created_at FROM bundle")
    [(made, flags)] = hqkit.rows(hq, "SELECT bundle_created_at, flags FROM office_campaign "
                                     "WHERE office_code = 'DL-001'")
    assert signed == "2029-11-20T10:30:00Z" and made == "2026-11-21T09:00:00Z"
    assert flags == flag
    (dl,) = [o for o in hqkit.read(hq, list_offices) if o.code == "DL-001"]
    assert dl.last.flags == flag  # what the status page shows next to the office

    # Ten days later with nothing new, DL-001 is stale: the 2029 date did not hide it.
    later = RECEIVED + timedelta(days=10)
    office = next(o for o in hqkit.read(hq, consolidate, stale_days=7, now=later)
                  .sections[0].offices if o.office_code == "DL-001")
    assert office.stale_days == 10
    report = write_report(hq, tmp_path / "report.xlsx", stale_days=7, now=later).path
    shown = offices_flags(report)["DL-001"]
    assert "stale: last bundle 10 days old" in shown
    assert "3.0 years ahead of headquarters' clock" in shown


def test_a_bundle_dated_before_the_campaign_began_is_accepted_and_flagged(
        hq, hqkit, world, tmp_path):
    bundle = redated(hqkit, world, tmp_path, "2023-01-01T00:05:00Z")
    outcome = import_bundle(hq, bundle, now=RECEIVED.strftime(STAMP))
    assert outcome.status == ACCEPTED, outcome.reason
    assert outcome.flags == ("clock: dated 01.01.2023 00:05 UTC, before the campaign began on "
                             "15.09.2026; the office PC's date is probably wrong, counted as made "
                             "when headquarters received it (21.11.2026 09:00 UTC)",)
    # counted as received, so not "stale for four years" the day it arrives
    office = next(o for o in hqkit.read(hq, consolidate, stale_days=7, now=RECEIVED)
                  .sections[0].offices if o.office_code == "DL-001")
    assert office.stale_days is None
    report = write_report(hq, tmp_path / "report.xlsx", stale_days=7, now=RECEIVED).path
    assert "before the campaign began on 15.09.2026" in offices_flags(report)["DL-001"]


def test_a_clock_a_few_hours_off_is_not_flagged(hq, hqkit, world):
    # the fixture's bundles were made 20.11.2026 10:30 UTC
    early = (datetime(2026, 11, 20, 10, 30, tzinfo=UTC) - timedelta(hours=20)).strftime(STAMP)
    outcome = import_bundle(hq, world.dl.bundles[1], now=early)
    assert outcome.status == ACCEPTED and outcome.flags == ()
    [(made,)] = hqkit.rows(hq, "SELECT bundle_created_at FROM office_campaign")
    assert made == "2026-11-20T10:30:00Z"


def test_the_rule_itself():
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    start = datetime(2026, 9, 15).date()
    assert implausible_date("2026-12-02T11:59:00Z", now, start) is None  # within a day
    assert "26 hours ahead" in implausible_date("2026-12-02T14:00:00Z", now, start)
    assert "9 days ahead" in implausible_date("2026-12-10T12:00:00Z", now, start)
    assert implausible_date("2026-09-14T03:00:00Z", now, start) is None  # the eve, in India
    assert "before the campaign" in implausible_date("2026-09-13T00:00:00Z", now, start)
    assert implausible_date("2001-01-01T00:00:00Z", now, None) is None  # start unknown
