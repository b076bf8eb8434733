"""Hostile workbooks inside bundles a registered office really signed.

Each report.xlsx here is built by hand, put back into DL-001's bundle and the manifest
signed again with DL-001's own key: only headquarters' content checks stand between it
and the parser. The 400 MB bomb is imported in a child process so that its peak memory
(``ru_maxrss``) is that one import's, with nothing of this test run mixed in.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop_app.bundle.manifest import loads_strict
from desktop_app.hq import workbook_package as wp
from desktop_app.hq.importer import ACCEPTED

PROGRESS = "xl/worksheets/sheet3.xml"  # Summary, targets, progress, …: checked below
BOMB_BYTES = 400 << 20


def _report(world) -> bytes:
    return dict(_members(world.dl.bundles[1]))["report.xlsx"]


def _members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


def with_part(report: bytes, part: str, chunks) -> bytes:
    """report.xlsx with *part* replaced by the bytes *chunks* yields, deflated as it streams."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(report)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == part:
                with dst.open(part, "w") as sink:
                    for chunk in chunks:
                        sink.write(chunk)
            else:
                dst.writestr(info.filename, src.read(info))
    return out.getvalue()


def edited(report: bytes, part: str, change) -> bytes:
    with zipfile.ZipFile(io.BytesIO(report)) as zf:
        xml = zf.read(part)
    new = change(xml)
    assert new != xml
    return with_part(report, part, [new])


def resigned(hqkit, world, tmp_path, name: str, report: bytes, **manifest_changes) -> Path:
    return hqkit.rebuild(world.dl.bundles[1], tmp_path / name, private_key=world.dl.private_key,
                         replace={"report.xlsx": report}, **manifest_changes)


def _bomb_chunks(sheet: bytes):
    """The progress sheet with a 400 MB remark in its first data row."""
    head, tail = sheet.split(b'<c r="F2"', 1)
    yield head + b'<c r="E2" t="inlineStr"><is><t>'
    block = b"A" * (1 << 20)
    for _ in range(BOMB_BYTES // len(block)):
        yield block
    yield b'</t></is></c><c r="F2"' + tail


@pytest.fixture(scope="module")
def bomb_report(world) -> bytes:
    report = _report(world)
    with zipfile.ZipFile(io.BytesIO(report)) as zf:
        sheet = zf.read(PROGRESS)
    data = with_part(report, PROGRESS, _bomb_chunks(sheet))
    assert len(data) < 1 << 20  # 400 MB inflated, under 1 MB as it travels
    return data


def _declare(report: bytes, part: str, size: int, tmp_path: Path, hqkit) -> bytes:
    path = tmp_path / "declared.xlsx"
    path.write_bytes(report)
    hqkit.patch_declared_size(path, part, size)
    return path.read_bytes()


# Peak memory from /proc/self/status VmHWM: ru_maxrss would count the pytest worker this
# child was forked from (Linux keeps the pre-exec peak in it). Time as the CPU seconds the
# import used, which other work on a shared machine does not stretch (bench/hq_bomb.py
# gives the wall-clock figure).
_CHILD = """
import json, sys, time
from desktop_app.hq import import_bundle, open_hq
hq = open_hq(sys.argv[1])
start = time.process_time()
outcome = import_bundle(hq, sys.argv[2])
seconds = time.process_time() - start
hq.close()
with open("/proc/self/status") as fh:
    peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
print(json.dumps({"status": outcome.status, "reason": outcome.reason, "seconds": seconds,
                  "peak_mb": peak / 1024}))
"""


def import_in_child(hq, bundle: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(hq.folder.root), str(bundle)],
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_progress_part_is_the_progress_sheet(world):
    with zipfile.ZipFile(io.BytesIO(_report(world))) as zf:
        assert b'<t>indicator_code</t>' in zf.read(PROGRESS)
        assert b'name="progress" sheetId="3"' in zf.read("xl/workbook.xml")


@pytest.mark.parametrize("declared", ["honest", "lying"])
def test_workbook_bomb_in_a_resigned_bundle_is_refused_fast_in_flat_memory(
        hq, hqkit, world, tmp_path, bomb_report, declared):
    report = bomb_report
    if declared == "lying":  # claims the original size: only reading past it shows the bomb
        with zipfile.ZipFile(io.BytesIO(_report(world))) as zf:
            size = zf.getinfo(PROGRESS).file_size
        report = _declare(report, PROGRESS, size, tmp_path, hqkit)
    bundle = resigned(hqkit, world, tmp_path, f"bomb-{declared}.zip", report)
    result = import_in_child(hq, bundle)
    assert result["status"] == "rejected", result
    expected = ("sheet progress inflates to 400.1 MiB, more than its 227 signed rows can take"
                if declared == "honest" else
                "part 'xl/worksheets/sheet3.xml' is damaged or longer than declared")
    assert expected in result["reason"], result
    assert result["peak_mb"] < 100, result
    assert result["seconds"] < 1.0, result
    # the same bundle, in this process: nothing written but the log row
    hqkit.assert_rejected(hq, bundle, expected)


def test_a_bundle_within_its_limits_imports_in_the_child_too(hq, world):
    result = import_in_child(hq, world.dl.bundles[1])
    assert result["status"] == ACCEPTED, result
    assert result["peak_mb"] < 100, result


def test_a_cell_far_outside_the_sheet_is_refused_before_any_parser(hq, hqkit, world, tmp_path):
    """calamine allocates the sheet as a dense grid: one cell at XFD1048576 is 550 GB and an
    abort of the whole receiver. Refused from the cell references alone."""
    report = edited(_report(world), PROGRESS, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))
    bad = resigned(hqkit, world, tmp_path, "far.zip", report)
    hqkit.assert_rejected(hq, bad, "report.xlsx: sheet progress: a cell in column XFD, the "
                                   "sheet has 6 columns")
    low = edited(_report(world), PROGRESS, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="9000"><c r="A9000"><v>1</v></c></row></sheetData>'))
    bad = resigned(hqkit, world, tmp_path, "low.zip", low)
    hqkit.assert_rejected(hq, bad, "sheet progress: a cell in row 9,000, the office signed ")


def test_cells_the_scan_cannot_place_are_refused(hq, hqkit, world, tmp_path):
    # Without r, calamine puts each cell one column further: 40 of them make 40 columns.
    wide = edited(_report(world), PROGRESS, lambda xml: xml.replace(
        b'<row r="2">', b'<row r="2">' + b"<c><v>1</v></c>" * 40, 1))
    bad = resigned(hqkit, world, tmp_path, "wide.zip", wide)
    hqkit.assert_rejected(hq, bad, "sheet progress: a cell without its reference")
    # calamine ignores namespace prefixes: <x:c> is a cell to it.
    prefixed = edited(_report(world), PROGRESS, lambda xml: xml.replace(
        b'<row r="2">', b'<row r="2"><x:c xmlns:x="urn:x" r="Z9000"><x:v>1</x:v></x:c>', 1))
    bad = resigned(hqkit, world, tmp_path, "prefixed.zip", prefixed)
    hqkit.assert_rejected(hq, bad, "sheet progress: element <x:c")


def test_a_formula_in_a_typed_sheet_is_refused_with_its_cell(hq, hqkit, world, tmp_path):
    def formula(xml: bytes) -> bytes:
        return re.sub(rb'<c r="D3"><v>(\d+)</v></c>', rb'<c r="D3"><f>SUM(1,1)</f><v>\1</v></c>',
                      xml, count=1)

    bad = resigned(hqkit, world, tmp_path, "formula.zip", edited(_report(world), PROGRESS,
                                                                  formula))
    outcome = hqkit.assert_rejected(hq, bad, "report.xlsx: sheet progress, row 3, column D "
                                             "(value): a formula")
    assert "never writes formulas" in outcome.reason
    # on its own (shared formulas are <f t="shared" …/>), and in another sheet
    shared = edited(_report(world), PROGRESS, lambda xml: xml.replace(
        b'<c r="D4"><v>', b'<c r="D4"><f t="shared" ref="D4:D9" si="0"/><v>', 1))
    bad = resigned(hqkit, world, tmp_path, "shared.zip", shared)
    hqkit.assert_rejected(hq, bad, "sheet progress, row 4, column D (value): a formula")


def test_a_formula_anywhere_in_the_workbook_is_refused(world):
    report = _report(world)
    counts = loads_strict(dict(_members(world.dl.bundles[1]))["manifest.json"]).counts
    wp.check_package(report, counts)  # the workbook as the office wrote it passes
    about = edited(report, "xl/worksheets/sheet8.xml", lambda xml: xml.replace(
        b'<c r="B5"', b'<c r="B5"><f>1+1</f></c><c r="Z5"', 1))
    with pytest.raises(Exception, match="sheet About, row 5, column B: a formula"):
        wp.check_package(about, counts)


def test_counts_no_headquarters_would_hold_are_refused(hq, hqkit, world, tmp_path):
    counts = dict(loads_strict(dict(_members(world.dl.bundles[1]))["manifest.json"]).counts)
    counts["progress"] = wp.MAX_ROWS
    bad = hqkit.rebuild(world.dl.bundles[1], tmp_path / "counts.zip",
                        private_key=world.dl.private_key, counts=counts)
    hqkit.assert_rejected(hq, bad, "report.xlsx: the manifest signs 30,0")
    assert "rows; headquarters takes at most 30,000 rows in a bundle" in hqkit.log_rows(hq)[-1][
        "reason"]
    del counts["sites"]
    bad = hqkit.rebuild(world.dl.bundles[1], tmp_path / "uncounted.zip",
                        private_key=world.dl.private_key, counts=counts)
    hqkit.assert_rejected(hq, bad, "the manifest does not sign how many rows sheet sites has")


def test_a_report_too_big_to_hold_is_refused_before_it_is_read(hq, hqkit, world, tmp_path):
    import os

    report = _report(world)
    out = io.BytesIO(report)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as zf:
        zf.writestr("docProps/thumbnail.jpeg", os.urandom(wp.MAX_REPORT_BYTES))
    bad = resigned(hqkit, world, tmp_path, "big.zip", out.getvalue())
    hqkit.assert_rejected(hq, bad, "report.xlsx: 8.0 MiB, more than the 8.0 MiB")


def test_parts_that_lie_about_their_size_are_refused(world, tmp_path, hqkit):
    report = _report(world)
    counts = loads_strict(dict(_members(world.dl.bundles[1]))["manifest.json"]).counts
    with zipfile.ZipFile(io.BytesIO(report)) as zf:
        size = zf.getinfo("xl/styles.xml").file_size
    shorter = _declare(report, "xl/styles.xml", size - 100, tmp_path, hqkit)
    with pytest.raises(Exception, match="'xl/styles.xml' is damaged or longer than declared"):
        wp.check_package(shorter, counts)
    longer = _declare(report, "xl/styles.xml", size + 100, tmp_path, hqkit)
    with pytest.raises(Exception, match="'xl/styles.xml' inflates to .* bytes, declared"):
        wp.check_package(longer, counts)


def test_the_largest_rows_the_office_can_write_fit_their_allowance(hqkit, tmp_path):
    """The derived limits never refuse what FieldDesk writes: scrap rows with every text at
    the office's own limits, in Hindi, with characters XML must escape, exported for real."""
    from datetime import date

    from desktop_app.domain.choices import DisposalMode, ScrapCategory
    from desktop_app.domain.models import ScrapDisposal
    from desktop_app.domain.validation import LONG_TEXT

    office = hqkit.new_office(tmp_path, "XL-009", "Largest rows")
    try:
        cid = office.campaign.id
        hindi = ("स्वच्छता & <अभियान> \"" * 400)
        for n in range(30):
            office.store.scrap.add(ScrapDisposal(
                cid, date(2026, 10, 3), hindi[:200], ScrapCategory.PAPER, 1.0, "kg"[:20],
                DisposalMode.RECYCLER, hindi[:200], hindi[:100], 10_00 * n, n,
                hindi[:LONG_TEXT]))
        bundle = office.export()
        members = dict(_members(bundle))
        counts = loads_strict(members["manifest.json"]).counts
        report = members["report.xlsx"]
        with zipfile.ZipFile(io.BytesIO(report)) as zf:
            rows = zf.read("xl/worksheets/sheet4.xml").split(b"<row ")[2:]
        largest = max(map(len, rows))
        assert largest > 3 * LONG_TEXT  # the Hindi remark is in it, 3 bytes a letter
        spec = next(s for s in wp.sh.SHEETS if s.name == "scrap")
        assert largest < wp.row_allowance(spec)
        wp.check_package(report, counts)
    finally:
        office.close()
