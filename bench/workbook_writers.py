"""The workbook writer, chosen by measurement: the typed sheets of report.xlsx written with
openpyxl's write-only mode and with XlsxWriter's constant_memory mode, both public APIs.

    .venv/bin/python bench/workbook_writers.py [--rows 10000] [--big-rows 100000] [--trials 3]

Builds the offices of ``bench/export.py`` (the same rows and photos), then writes their six
typed sheets (the bulk of the workbook: about 110,000 cells at 10,000 rows) with each
writer, each run in a fresh process: wall and CPU seconds, peak memory (``ru_maxrss``).
"read only" is the rows read from the database and converted, written nowhere: the part
of the time no writer can save. The choice is in docs/decisions/0002-workbook-writer.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 20)


def typed_rows(store, campaign):
    from desktop_app.bundle import sheets as sh
    from desktop_app.bundle.workbook import _cells

    photos = store.photos.referenced(campaign.id)
    for spec in sh.SHEETS:
        yield spec, _cells(store, campaign.id, spec, photos)


def read_only(store, campaign, out: Path) -> None:
    cells = sum(len(values) for _, rows in typed_rows(store, campaign) for values in rows)
    out.write_text(str(cells))


def openpyxl_write_only(store, campaign, out: Path) -> None:
    """Text forced to text where openpyxl would infer a formula or an error; dates formatted."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    for spec, rows in typed_rows(store, campaign):
        ws = book.create_sheet(spec.name)
        ws.append(list(spec.codes))
        for values in rows:
            cells = []
            for value in values:
                if type(value) is str and value[:1] in ("=", "#"):
                    value = WriteOnlyCell(ws, value)
                    value.data_type = "s"
                elif type(value) is date:
                    value = WriteOnlyCell(ws, value)
                    value.number_format = "dd.mm.yyyy"
                cells.append(value)
            ws.append(cells)
    book.save(out)


def xlsxwriter_constant_memory(store, campaign, out: Path) -> None:
    """The way desktop_app.workbook_writer writes them."""
    from desktop_app import workbook_writer as xl

    with xl.Workbook(out) as book:
        for spec, rows in typed_rows(store, campaign):
            sheet = book.add_sheet(spec.name)
            sheet.append([xl.text_cell(code) for code in spec.codes])
            sheet.stream(rows)


WRITERS = {"read only": read_only, "openpyxl write-only": openpyxl_write_only,
           "XlsxWriter constant_memory": xlsxwriter_constant_memory}


def run_one(writer: str, home: Path, out: Path) -> dict:
    from desktop_app.storage.store import open_folder

    with open_folder(home, today=lambda: TODAY, lock=False) as opened:
        campaign = opened.store.campaigns.current()
        start, cpu = time.perf_counter(), time.process_time()
        WRITERS[writer](opened.store, campaign, out)
        return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "bytes": out.stat().st_size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--big-rows", type=int, default=100_000)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--writer", help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.writer:
        print(json.dumps(run_one(args.writer, args.home, args.out)))
        return 0

    sys.path.insert(0, str(ROOT / "bench"))
    import export as export_bench

    photos = export_bench.cached_photos(ROOT / "bench" / "out" / "export-photos", 500)
    with tempfile.TemporaryDirectory(prefix="fielddesk-bench-") as tmp:
        for rows in (args.rows, args.big_rows):
            home = export_bench.make_office(Path(tmp) / f"office-{rows}", rows, photos)
            runs: dict[str, list[dict]] = {w: [] for w in WRITERS}
            for _ in range(args.trials):
                for writer in WRITERS:  # in turn: the machine's drift hits each alike
                    out = Path(tmp) / "typed.xlsx"
                    out.unlink(missing_ok=True)
                    proc = subprocess.run([sys.executable, __file__, "--writer", writer, "--home",
                                           str(home), "--out", str(out)],
                                          capture_output=True, text=True, check=False)
                    if proc.returncode:
                        raise SystemExit(proc.stderr)
                    runs[writer].append(json.loads(proc.stdout.strip().splitlines()[-1]))
            print(f"\n{rows:,} register rows (medians of {args.trials}):")
            for writer, results in runs.items():
                med = {k: statistics.median(r[k] for r in results) for k in ("seconds", "cpu")}
                print(f"  {writer:28} {med['seconds']:6.2f} s wall, {med['cpu']:6.2f} s CPU, "
                      f"peak {max(r['peak_mb'] for r in results):4.0f} MB, "
                      f"{results[0]['bytes'] / 1e6:5.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
