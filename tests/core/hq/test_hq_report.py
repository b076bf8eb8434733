"""Happy paths: offices' bundles imported out of order, then the consolidated workbook read back
and every figure and total checked against the offices' own databases (``build_summary``,
the office's numbers), plus the flags (stale, photos missing, gap) and campaign sections."""

from __future__ import annotations

import random
import zipfile
from datetime import timedelta

import openpyxl
import pytest
import sqlalchemy as sa

from desktop_app import workbook_writer as xl
from desktop_app.bundle import sheets as sh
from desktop_app.bundle.manifest import loads_strict, sha256_hex
from desktop_app.domain.choices import SiteStatus, Unit
from desktop_app.errors import FieldDeskError
from desktop_app.hq.consolidate import consolidate
from desktop_app.hq.importer import ACCEPTED, import_bundle
from desktop_app.hq.registry import register_key
from desktop_app.hq.report import write_report
from desktop_app.hq.staff_actions import set_place
from desktop_app.hq.store import totals
from desktop_app.hq.store.tables import STATE_TABLES
from desktop_app.hq.workbook import read_sheets, read_sheets_openpyxl
from desktop_app.hq.workbook_package import check_package
from desktop_app.reports.summary import build_summary

SPECIAL = ("DL-001", "KA-003", "MH-002")


def all_bundles(world, codes=("DL-001", "MH-002", "KA-003", "SW-005")):
    return [path for code in codes for _seq, path in sorted(world.offices[code].bundles.items())]


def import_all(hq, paths):
    return {path: import_bundle(hq, path) for path in paths}


def state_tables(hq):
    with hq.store.read() as conn:
        return {name: sorted(map(tuple, conn.execute(sa.select(t))))
                for name, t in STATE_TABLES.items()}


def test_out_of_order_imports_end_in_the_same_state(hq, hqkit, world, tmp_path, another_hq_db):
    paths = all_bundles(world)
    shuffled = paths[:]
    random.Random(8).shuffle(shuffled)
    assert shuffled != paths
    outcomes = import_all(hq, shuffled)
    for code, office in world.offices.items():
        if code == "UP-004":
            continue
        latest = max(office.bundles)
        assert outcomes[office.bundles[latest]].status == ACCEPTED
        assert hqkit.rows(hq, "SELECT seq FROM office_campaign WHERE office_code = :code",
                          code=code) == [(latest,)]
    refused = [o for o in outcomes.values() if o.status != ACCEPTED]
    assert refused and all("older than the last accepted" in o.reason for o in refused)

    in_order = hqkit.new_hq(tmp_path / "hq-in-order", another_hq_db())
    for code in ("DL-001", "MH-002", "KA-003", "SW-005"):
        register_key(in_order, world.offices[code].pem, code)
    assert {o.status for o in import_all(in_order, paths).values()} == {ACCEPTED}
    assert state_tables(in_order) == state_tables(hq)
    in_order.close()


def offices_sheet(book, name):
    """{office code: {header: value}} and the totals row of an Offices-like sheet."""
    ws = book[name]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[4]
    body = {}
    totals = None
    for row in rows[5:]:
        record = dict(zip(header, row))
        if row[0] == "Total":
            totals = record
        elif row[0]:
            body[row[0]] = record
    return body, totals, ws


def summary_sheet(book, name):
    """{English label: (Hindi label, then the row's numbers)} of a Summary sheet."""
    rows = list(book[name].iter_rows(values_only=True))
    return {row[0]: row[1:] for row in rows[5:] if row[0]}


def rupees(value):
    return round(value * 100)


def expected_office(office):
    """The office's own figures, from its own database."""
    summary = build_summary(office.store)
    return {
        "figures": {r.indicator.code: (r.target, r.achieved) for r in summary.rows},
        "revenue": summary.scrap_revenue_paise,
        "space": summary.space_freed_sqft,
        "sites": summary.sites[SiteStatus.COMPLETED],
        "events": summary.events,
        "participants": summary.participants,
        "indicators": {r.indicator.code: r.indicator for r in summary.rows},
    }


def test_consolidated_workbook_totals_match_the_offices(hq, world, tmp_path):
    paths = all_bundles(world)
    random.Random(3).shuffle(paths)
    import_all(hq, paths)
    set_place(hq, "admin", "MH-002", "Maharashtra", "Pune")
    out = tmp_path / "consolidated.xlsx"
    result = write_report(hq, out, now=_exported(world) + timedelta(days=1))
    assert result.offices == 4 and result.sections == 2
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["C1 Summary", "C1 Offices"]
    assert "C2 Offices" in book.sheetnames and book.sheetnames[-3:] == ["Photo reuse", "Import log", "About"]

    body, totals, ws = offices_sheet(book, "C1 Offices")
    assert sorted(body) == list(SPECIAL)
    expected = {code: expected_office(world.offices[code]) for code in SPECIAL}
    indicators = expected["DL-001"]["indicators"]
    sums: dict[str, list[int]] = {}
    for code, exp in expected.items():
        row = body[code]
        assert row["Office name"] == world.offices[code].name
        assert (row["State"], row["District"]) == (("Maharashtra", "Pune") if code == "MH-002"
                                                   else (None, None))
        for ind_code, (target, achieved) in exp["figures"].items():
            ind = indicators[ind_code]
            unit = " (Rs.)" if ind.unit is Unit.INR else (" (sq ft)" if ind.unit is Unit.SQFT
                                                          else "")
            got = row[f"{ind.title.en}{unit}\nAchievement"]
            got = rupees(got) if ind.unit is Unit.INR else got
            assert got == achieved, (code, ind_code)
            total = sums.setdefault(ind_code, [0, 0])
            total[1] += achieved
            if ind.has_target:
                assert row[f"{ind.title.en}{unit}\nTarget"] == target
                pct = row[f"{ind.title.en}{unit}\n% of target"]
                if target:
                    assert pct == pytest.approx(achieved / target)
                total[0] += target or 0
        assert rupees(row["Scrap revenue (Rs.)"]) == exp["revenue"]
        assert row["Space freed (sq ft)"] == exp["space"]
        assert row["Sites completed"] == exp["sites"]
        assert row["Events"] == exp["events"]
        assert row["Participants"] == exp["participants"]
        assert row["Seq"] == str(max(world.offices[code].bundles))
        assert row["Last bundle"].date() == _exported(world).astimezone().date()

    # the totals row: the sum of the offices, each computed from its own database
    assert totals["Office name"] == "3 offices"
    for ind_code, (target, achieved) in sums.items():
        ind = indicators[ind_code]
        unit = " (Rs.)" if ind.unit is Unit.INR else (" (sq ft)" if ind.unit is Unit.SQFT else "")
        got = totals[f"{ind.title.en}{unit}\nAchievement"]
        assert (rupees(got) if ind.unit is Unit.INR else got) == achieved
        if ind.has_target:
            assert totals[f"{ind.title.en}{unit}\nTarget"] == target
    for column, key in (("Space freed (sq ft)", "space"), ("Sites completed", "sites"),
                        ("Events", "events"), ("Participants", "participants")):
        assert totals[column] == sum(e[key] for e in expected.values())
    assert rupees(totals["Scrap revenue (Rs.)"]) == sum(e["revenue"] for e in expected.values())

    # the totals row right under the header, frozen with it; formats; print setup
    assert ws.cell(6, 1).value == "Total" and ws.cell(6, 1).font.b
    first_data = 7
    revenue_col = list(body["DL-001"]).index("Scrap revenue (Rs.)") + 1
    first_target = list(body["DL-001"]).index(next(h for h in body["DL-001"] if h and
                                                   h.endswith("\nTarget"))) + 1
    for row in (6, first_data):
        assert ws.cell(row, revenue_col).number_format.startswith("[>=10000000]\"Rs. \"")
        assert ws.cell(row, first_target).number_format == xl.COUNT_FORMAT
    assert ws.cell(first_data, first_target + 2).number_format == xl.PERCENT_FORMAT
    last_bundle_col = list(body["DL-001"]).index("Last bundle") + 1
    assert ws.cell(first_data, last_bundle_col).number_format == xl.DATE_FORMAT
    assert ws.freeze_panes == "C7" and ws.print_title_rows == "$5:$6"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9

    # the Summary sheet: the ministries' table of all offices together, and the registers
    summary = summary_sheet(book, "C1 Summary")
    for ind_code, (target, achieved) in sums.items():
        ind = indicators[ind_code]
        hindi, got_target, got_achieved, pct = summary[ind.title.en]
        assert hindi == ind.title.hi
        got_achieved = rupees(got_achieved) if ind.unit is Unit.INR else got_achieved
        assert got_achieved == achieved, ind_code
        if ind.has_target:
            assert (rupees(got_target) if ind.unit is Unit.INR else got_target) == target
            assert pct == (pytest.approx(achieved / target) if target else "–")
        else:
            assert got_target == "–" and pct == "–"
    assert summary["Pending references"][:2] == ("लंबित संदर्भ", None)  # a group row
    assert summary["Offices reporting"][:2] == ("रिपोर्ट करने वाले कार्यालय", 3)
    assert rupees(summary["Scrap revenue"][1]) == sum(e["revenue"] for e in expected.values())
    for label, key in (("Space freed (sq ft)", "space"), ("Sites completed", "sites"),
                       ("Events held", "events"), ("Participants", "participants")):
        assert summary[label][1] == sum(e[key] for e in expected.values()), label

    # the other campaign: its own indicators, never mixed with the first
    other, other_totals, _ = offices_sheet(book, "C2 Offices")
    assert list(other) == ["SW-005"]
    assert other["SW-005"]["Files reviewed\nAchievement"] == 321
    assert other["SW-005"]["Files reviewed\nTarget"] == 500
    assert other["SW-005"]["Files reviewed\n% of target"] == pytest.approx(321 / 500)
    assert rupees(other["SW-005"]["Scrap disposal revenue (Rs.)\nAchievement"]) == 4321_50
    assert "References from MPs\nTarget" not in other["SW-005"]
    assert other_totals["Office name"] == "1 office"
    assert summary_sheet(book, "C2 Summary")["Offices reporting"][1] == 1

    # the import log: one row per attempt
    log = list(book["Import log"].iter_rows(values_only=True))
    assert len(log) - 1 == len(paths)
    assert {r[1] for r in log[1:]} <= {"accepted", "rejected"}


def _exported(world):
    from datetime import UTC, datetime

    return datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


def test_flags_stale_photos_missing_and_gap(hq, hqkit, world, tmp_path, another_hq_db):
    # DL-001: seq 1 (which carried 2 photos) never arrives; seq 3 arrives first: a gap
    assert import_bundle(hq, world.dl.bundles[3]).status == ACCEPTED
    assert import_bundle(hq, world.mh.bundles[1]).status == ACCEPTED
    now = _exported(world) + timedelta(days=10)
    data = hqkit.read(hq, consolidate, stale_days=7, now=now)
    (section,) = data.sections
    dl = next(o for o in section.offices if o.office_code == "DL-001")
    assert dl.photos_referenced == 3 and dl.photos_missing == 3
    assert dl.stale_days == 10
    assert dl.flags == ("stale: last bundle 10 days old", "photos missing: 3 of 3",
                        "gap: the first bundle received is seq 3 (seq 1 to 2 never arrived)")
    assert {o.office_code for o in data.silent_offices} == {"KA-003", "SW-005"}

    # seq 2 would be older now; a new bundle carrying all photos clears the flag
    photos = {n: d for seq in (1, 2) for n, d in hqkit.read_members(world.dl.bundles[seq])
              if n.startswith("photos/")}
    seq3 = dict(hqkit.read_members(world.dl.bundles[3]))["manifest.json"]
    full = hqkit.rebuild(world.dl.bundles[3], tmp_path / "DL-001-all-photos.zip",
                         private_key=world.dl.private_key, add=photos, seq=4,
                         previous_manifest_sha256=sha256_hex(seq3), photos_not_included=())
    outcome = import_bundle(hq, full)
    assert outcome.status == ACCEPTED and outcome.photos_stored == 3 and outcome.flags == ()
    fresh = hqkit.read(hq, consolidate, stale_days=30, now=now)
    dl = next(o for o in fresh.sections[0].offices if o.office_code == "DL-001")
    assert dl.photos_missing == 0 and dl.stale_days is None and dl.flags == ()

    # and in the workbook
    hq2 = hqkit.new_hq(tmp_path / "hq2", another_hq_db())
    register_key(hq2, world.dl.pem, "DL-001")
    assert import_bundle(hq2, world.dl.bundles[2]).status == ACCEPTED
    out = write_report(hq2, tmp_path / "flags.xlsx", stale_days=7, now=now).path
    body, totals, _ = offices_sheet(openpyxl.load_workbook(out), "Offices")
    assert body["DL-001"]["Photos missing"] == 2
    assert "photos missing: 2 of 3" in body["DL-001"]["Flags"]
    assert "stale: last bundle 10 days old" in body["DL-001"]["Flags"]
    assert totals["Flags"] == "1 stale; 1 missing photos"
    hq2.close()


def test_photos_are_in_the_store_under_their_hash(hq, hqkit, world):
    import hashlib

    outcome = import_bundle(hq, world.dl.bundles[1])
    assert outcome.photos_stored == 2
    stored = [p for p in hq.folder.photos.rglob("*.jpg")]
    assert len(stored) == 2
    for path in stored:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.stem
        assert path.parent.name == path.stem[:2]
    assert hqkit.rows(hq, "SELECT count(*) FROM photo") == [(2,)]


def test_report_text_never_becomes_a_formula(hqkit, world, tmp_path, hq_db):
    office = hqkit.new_office(tmp_path, "FX-009", '=HYPERLINK("http://evil","click")')
    try:
        bundle = office.export()
        hq = hqkit.new_hq(tmp_path / "hq", hq_db)
        register_key(hq, office.pem, "FX-009")
        assert import_bundle(hq, bundle).status == ACCEPTED
        out = write_report(hq, tmp_path / "c.xlsx").path
        hq.close()
    finally:
        office.close()
    ws = openpyxl.load_workbook(out)["Offices"]
    cell = ws.cell(7, 2)
    assert cell.value == '=HYPERLINK("http://evil","click")' and cell.data_type == "s"
    with zipfile.ZipFile(out) as zf:
        assert not any(b"<f>" in zf.read(n) for n in zf.namelist() if n.endswith(".xml"))


def test_empty_headquarters_writes_a_report(hqkit, tmp_path, hq_db):
    hq = hqkit.new_hq(tmp_path / "hq", hq_db)
    result = write_report(hq, tmp_path / "empty.xlsx")
    hq.close()
    assert result.offices == 0
    assert openpyxl.load_workbook(result.path).sheetnames == ["Photo reuse", "Import log", "About"]


def test_a_report_into_a_missing_folder_is_refused_in_one_line(hqkit, tmp_path, hq_db):
    """XlsxWriter wraps the OSError of its last step in an error of its own; the command
    line and the dashboard still get the one line, and nothing is left behind."""
    hq = hqkit.new_hq(tmp_path / "hq", hq_db)
    out = tmp_path / "no such folder" / "consolidated.xlsx"
    with pytest.raises(FieldDeskError) as refused:
        write_report(hq, out)
    hq.close()
    assert str(refused.value) == f"{out}: cannot write the workbook (No such file or directory)"
    assert not out.parent.exists()


# --- the machinery under the report -----------------------------------------------------------


def test_every_typed_sheet_column_has_a_state_column(hq):
    """A new column in bundle.sheets needs a new column in hq.store.tables and a migration
    (test_hq_store checks those two agree): this test says so."""
    with hq.store.read() as conn:
        inspector = sa.inspect(conn)
        for spec in sh.SHEETS:
            columns = {c["name"] for c in inspector.get_columns(f"st_{spec.name}")}
            assert set(spec.codes) | {"office_code", "campaign_id"} == columns, spec.name


def test_calamine_and_openpyxl_read_the_same_rows(hqkit, world):
    members = dict(hqkit.read_members(world.dl.bundles[2]))
    report = members["report.xlsx"]
    check_package(report, loads_strict(members["manifest.json"]).counts)
    fast, _ = read_sheets(report)
    safe = read_sheets_openpyxl(report)
    for name in fast:
        assert fast[name].rows == safe[name].rows, name
    assert len(fast["photos"].rows) == 3


def test_the_totals_the_report_reads_are_kept_by_the_import_and_filled_by_migration_0004(
        hq, world, tmp_path, request):
    """The report reads each office's totals kept beside its state (not the state itself):
    after imports, and after a database of revision 0003 (state, no totals) is upgraded,
    the consolidation is the one summed from the state rows."""
    from alembic import command
    from alembic.config import Config

    from desktop_app.hq.store import open_store, parse_url, sqlite_url
    from desktop_app.hq.store import schema as sc
    from desktop_app.hq.store import tables as t

    import_all(hq, all_bundles(world))
    with hq.store.snapshot() as conn:
        expected = consolidate(conn)
        kept = conn.execute(sa.select(sa.func.count()).select_from(t.office_indicator)).scalar()
        p = t.st_progress.c
        summed = conn.execute(sa.select(sa.func.count()).select_from(
            sa.select(p.office_code, p.campaign_id, p.indicator_code).distinct()
            .subquery())).scalar()
    assert kept == summed > 0
    dl = next(o for s in expected.sections for o in s.offices if o.office_code == "DL-001")
    own = expected_office(world.dl)
    assert {f.indicator.code: (f.target, f.achieved) for f in dl.figures} == own["figures"]
    assert (dl.scrap_revenue_paise, dl.space_freed_sqft, dl.sites_completed, dl.events,
            dl.participants) == (own["revenue"], own["space"], own["sites"], own["events"],
                                 own["participants"])

    # a database at revision 0003 holding the same state, then upgraded
    if hq.store.is_postgresql:
        cluster = request.getfixturevalue("pg_cluster")
        url = parse_url(cluster.create_database("before_0004"))  # empty: no template
        request.addfinalizer(lambda: cluster.drop_database("before_0004"))
    else:
        url = sqlite_url(tmp_path / "old.db")
    engine = sa.create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(sc.MIGRATIONS))
    with engine.begin() as old:
        config.attributes["connection"] = old
        command.upgrade(config, "0003")
        with hq.store.read() as conn:
            for table in (t.office, t.campaign, t.bundle, t.office_campaign, t.photo,
                          t.referenced_photo, t.office_key,
                          *STATE_TABLES.values()):
                names = [c["name"] for c in sa.inspect(old).get_columns(table.name)]
                rows = [dict(r._mapping) for r in conn.execute(
                    sa.select(*(table.c[n] for n in names)))]
                if rows:
                    old.execute(sa.table(table.name, *map(sa.column, names)).insert(), rows)
    engine.dispose()
    upgraded = open_store(url, upgrade=True)
    try:
        assert upgraded.schema_state().revision == sc.HEAD
        with upgraded.snapshot() as conn:
            assert consolidate(conn, now=expected.as_on) == expected
    finally:
        upgraded.close()


def test_import_log_sheet_stops_at_its_limit_and_says_how_many_it_left_out(hq, world, tmp_path,
                                                                           monkeypatch):
    """A sheet ends at 1,048,576 rows; past the limit the newest attempts are written and a
    last row counts the rest (the whole log: ``hq log``)."""
    import desktop_app.hq.report as report

    import_all(hq, all_bundles(world))
    with hq.store.read() as conn:
        attempts = totals.log_count(conn)
    assert attempts >= 4
    monkeypatch.setattr(report, "LOG_ROWS_MAX", 2)
    result = write_report(hq, tmp_path / "c.xlsx")
    rows = list(openpyxl.load_workbook(result.path)["Import log"].iter_rows(values_only=True))
    assert result.log_rows == 2 and len(rows) == 1 + 2 + 1
    assert rows[-1][0] == (f"… and {attempts - 2} older attempts: `fielddesk hq log` lists "
                           "every one")
    monkeypatch.setattr(report, "LOG_ROWS_MAX", attempts)
    rows = list(openpyxl.load_workbook(write_report(hq, tmp_path / "d.xlsx").path)[
        "Import log"].iter_rows(values_only=True))
    assert len(rows) == 1 + attempts and not isinstance(rows[-1][0], str)  # a time, no note
