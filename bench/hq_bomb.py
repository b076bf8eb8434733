"""Hostile workbooks at headquarters: time and peak memory of importing each (docs/decisions/0015).

    .venv/bin/python bench/hq_bomb.py [--bomb-mb 400] [--rows N]

One demo office exports a real signed bundle; its report.xlsx is then rewritten and the
manifest signed again with the office's own key (a stolen key, or an office signing
what it likes), and each bundle is imported by ``import_bundle`` in a fresh process
on its own copy of a headquarters folder where the office is registered:

* ``normal``      the bundle as exported (about 300 rows);
* ``bomb``        the progress sheet holds a remark of ``--bomb-mb`` MB of one letter
                  (under 1 MB deflated), its size declared honestly;
* ``bomb-lying``  the same, the part declaring its original small size;
* ``far-cell``    one cell at XFD1048576 (1 KB of XML: python-calamine allocates the
                  sheet as a dense grid of 17 billion cells);
* ``largest``     the scrap sheet (12 columns) repeated to ``--rows`` valid rows
                  (default: as many as the limits let through), signed counts to match:
                  the most a bundle within the limits can make an import hold.

Each line: verdict, seconds of ``import_bundle``, peak resident memory of the process
(VmHWM: ru_maxrss would count the parent it was forked from), the reason. Goal (issue
16): a refusal in under a second, every import under 100 MB.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_MB, GOAL_SECONDS = 100, 1.0
PARTS = {"progress": "xl/worksheets/sheet3.xml", "scrap": "xl/worksheets/sheet4.xml",
         "sites": "xl/worksheets/sheet5.xml", "events": "xl/worksheets/sheet6.xml"}

_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[3])
from desktop_app.hq import import_bundle, open_hq
hq = open_hq(sys.argv[1])
start = time.perf_counter()
try:
    outcome = import_bundle(hq, sys.argv[2])
    verdict, reason = outcome.status, outcome.reason
except Exception as exc:
    verdict, reason = "error", f"{type(exc).__name__}: {exc}"
seconds = time.perf_counter() - start
hq.close()
with open("/proc/self/status") as fh:
    peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
print(json.dumps({"verdict": verdict, "reason": reason, "seconds": seconds,
                  "peak_mb": peak / 1024}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-mb", type=int, default=400)
    parser.add_argument("--rows", type=int, default=None,
                        help="rows of each repeated sheet in the 'largest' case")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="fielddesk-hq-bomb-") as tmp:
        work = Path(tmp)
        office = make_office(work)
        hq_folder = make_hq(work, office)
        bundle = next((office / "exports").glob("*.zip"))
        cases = build_cases(work, office, bundle, args.bomb_mb, args.rows)
        print(f"{'case':12} {'verdict':9} {'seconds':>8} {'peak MB':>8}  reason")
        worst_mb, worst_refusal = 0.0, 0.0
        for name, path, note in cases:
            folder = work / f"hq-{name}"
            shutil.copytree(hq_folder, folder)
            result = import_in_child(folder, path)
            worst_mb = max(worst_mb, result["peak_mb"])
            if result["verdict"] == "rejected":
                worst_refusal = max(worst_refusal, result["seconds"])
            print(f"{name:12} {result['verdict']:9} {result['seconds']:8.2f} "
                  f"{result['peak_mb']:8.0f}  {_short(result['reason'])}")
            if note:
                print(f"{'':12} {note}")
        print(package_check_cost(bundle))
        met = worst_mb < GOAL_MB and worst_refusal < GOAL_SECONDS
        print(f"peak memory {worst_mb:.0f} MB (goal < {GOAL_MB}), slowest refusal "
              f"{worst_refusal:.2f} s (goal < {GOAL_SECONDS:g}): {'MET' if met else 'NOT MET'}")
    return 0


def package_check_cost(bundle: Path) -> str:
    """What the package check (sizes, DTD, formulas, every cell reference) costs on the
    normal bundle's workbook, against reading its typed sheets: CPU time (which other
    work on a shared machine does not stretch), medians of 30."""
    import statistics
    import time

    from desktop_app.hq.workbook import read_sheets
    try:
        from desktop_app.hq.workbook_package import check_package
    except ImportError:  # before the workbook limits (decision 0015)
        from desktop_app.hq.workbook import check_package

    members = _members(bundle)
    report, counts = members["report.xlsx"], json.loads(members["manifest.json"])["counts"]

    def check() -> None:
        try:
            check_package(report, counts)
        except TypeError:  # before the workbook limits: no counts
            check_package(report)

    def median_ms(fn) -> float:
        times = []
        for _ in range(30):
            start = time.process_time()
            fn()
            times.append(time.process_time() - start)
        return statistics.median(times) * 1000

    return (f"normal workbook ({len(report) / 1e3:.0f} KB): package check "
            f"{median_ms(check):.1f} ms, reading the typed sheets "
            f"{median_ms(lambda: read_sheets(report)):.1f} ms (CPU, medians of 30)")


def import_in_child(folder: Path, bundle: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(folder), str(bundle), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        tail = (done.stderr.strip().splitlines() or ["(nothing on stderr)"])[0]
        return {"verdict": f"died({done.returncode})", "reason": tail, "seconds": 0.0,
                "peak_mb": 0.0}
    return json.loads(lines[-1])


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


# --- the office, headquarters and the hostile bundles -----------------------------------------


def make_office(work: Path) -> Path:
    from desktop_app.bundle.export import export_bundle
    from desktop_app.demo import populate
    from desktop_app.keys.office_key import create_office_key
    from desktop_app.storage.store import open_folder

    folder = work / "office"
    with open_folder(folder) as opened:
        populate(opened)
        create_office_key(opened, reason="benchmark")
        export_bundle(opened)
    return folder


def make_hq(work: Path, office: Path) -> Path:
    from desktop_app.hq import open_hq
    from desktop_app.hq.registry import register_key
    from desktop_app.storage.store import open_folder

    with open_folder(office) as opened:
        code = opened.store.office.get().code
    hq = open_hq(work / "hq")
    register_key(hq, (office / "keys" / "office.pub.pem").read_bytes(), code)
    hq.close()
    return work / "hq"


def build_cases(work: Path, office: Path, bundle: Path, bomb_mb: int,
                rows: int | None) -> list[tuple[str, Path, str]]:
    members = _members(bundle)
    report = members["report.xlsx"]
    with zipfile.ZipFile(io.BytesIO(report)) as zf:
        progress = zf.read(PARTS["progress"])
        declared = zf.getinfo(PARTS["progress"]).file_size
    bomb = with_part(report, PARTS["progress"], _bomb_chunks(progress, bomb_mb))
    lying = declare_size(bomb, PARTS["progress"], declared)
    far = with_part(report, PARTS["progress"], [progress.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')])
    signed = json.loads(members["manifest.json"])["counts"]
    largest, counts, note = largest_report(report, signed, rows)
    sign = _Signer(office, members)
    return [
        ("normal", bundle, ""),
        ("bomb", sign(work / "bomb.zip", bomb),
         f"report.xlsx {len(bomb) / 1e6:.2f} MB, the progress sheet {bomb_mb} MB inflated"),
        ("bomb-lying", sign(work / "bomb-lying.zip", lying), ""),
        ("far-cell", sign(work / "far.zip", far), ""),
        ("largest", sign(work / "largest.zip", largest, counts), note),
    ]


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def with_part(report: bytes, part: str, chunks) -> bytes:
    """report.xlsx with *part* replaced by what *chunks* yields, deflated as it streams."""
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


def _bomb_chunks(sheet: bytes, megabytes: int):
    head, tail = sheet.split(b'<c r="F2"', 1)
    yield head + b'<c r="E2" t="inlineStr"><is><t>'
    block = b"A" * 1_000_000
    for _ in range(megabytes):
        yield block
    yield b'</t></is></c><c r="F2"' + tail


def declare_size(report: bytes, part: str, size: int) -> bytes:
    """*part*'s uncompressed size set to *size* in its local header and central entry."""
    data = bytearray(report)
    with zipfile.ZipFile(io.BytesIO(report)) as zf:
        at = zf.getinfo(part).header_offset
    data[at + 22:at + 26] = size.to_bytes(4, "little")
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        n = int.from_bytes(data[pos + 28:pos + 30], "little")
        if data[pos + 46:pos + 46 + n] == part.encode():
            data[pos + 24:pos + 28] = size.to_bytes(4, "little")
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


def largest_report(report: bytes, signed: dict[str, int],
                   rows: int | None) -> tuple[bytes, dict[str, int], str]:
    """The scrap sheet repeated to *rows* rows, with fresh ids."""
    try:
        from desktop_app.hq.workbook_package import MAX_ROWS, MAX_TOTAL_BYTES
    except ImportError:  # the code before the workbook limits had none
        MAX_ROWS, MAX_TOTAL_BYTES = 30_000, 16 << 20
    with zipfile.ZipFile(io.BytesIO(report)) as zf:
        sheet = zf.read(PARTS["scrap"])
        others = sum(i.file_size for i in zf.infolist() if i.filename != PARTS["scrap"])
    row_bytes = len(sheet) / sheet.count(b"<row ")
    if rows is None:  # as many as the limits let through (bytes with 5% to spare)
        typed = ("targets", "progress", "sites", "events", "photos")
        rows = min(MAX_ROWS - sum(signed.get(name, 0) for name in typed),
                   int((MAX_TOTAL_BYTES * 0.95 - others) / row_bytes))
    head, body = sheet.split(b"</row>", 1)
    data, tail = body.split(b"</sheetData>", 1)
    templates = re.findall(rb"<row .*?</row>", data)
    chunks = [head + b"</row>", *(_renumbered(templates[i % len(templates)], i + 2)
                                  for i in range(rows)), b"</sheetData>" + tail]
    out = with_part(report, PARTS["scrap"], chunks)
    inflated = sum(map(len, chunks)) + others
    note = (f"{rows:,} scrap rows; workbook {inflated / 2**20:.1f} MiB inflated, "
            f"{len(out) / 2**20:.1f} MiB as sent")
    return out, {"scrap": rows}, note


def _renumbered(row: bytes, number: int) -> bytes:
    row = re.sub(rb'r="([A-Z]*)\d+"', lambda m: b'r="' + m[1] + str(number).encode() + b'"', row)
    return re.sub(rb"(<c r=\"A\d+\"[^>]*><is><t>)[^<]*", lambda m: m[1] + str(uuid.uuid4())
                  .encode(), row, count=1)


class _Signer:
    """The bundle again with a new report.xlsx, its manifest re-listed and signed again with
    the office's own key."""

    def __init__(self, office: Path, members: dict[str, bytes]):
        from desktop_app.keys import signing

        self.key = signing.load_private_key(office / "keys")
        self.members = members

    def __call__(self, dst: Path, report: bytes, counts: dict[str, int] | None = None) -> Path:
        from desktop_app.bundle import manifest as mf
        from desktop_app.bundle.zipwriter import BundleZipWriter
        from desktop_app.keys import signing

        members = dict(self.members, **{"report.xlsx": report})
        m = mf.loads_strict(members.pop("manifest.json"))
        members.pop("manifest.sig")
        files = [mf.FileEntry(n, len(d), mf.sha256_hex(d)) for n, d in members.items()]
        m = dataclasses.replace(m, files=files, counts=dict(m.counts, **(counts or {})))
        data = mf.dumps(m)
        with BundleZipWriter(dst) as writer:
            for name, member in [("manifest.json", data), ("manifest.sig", signing.sign(self.key, data)),
                                 *members.items()]:
                writer.add_bytes(name, member)
            writer.finish()
        return dst


if __name__ == "__main__":
    raise SystemExit(main())
