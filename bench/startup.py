"""Start-up benchmark: FieldDesk's first painted page vs a bare Qt window, and big registers.

    .venv/bin/python bench/startup.py [--runs 7]

1. A data folder with the demo office plus ~10,000 register records. Alternating runs,
   medians: ``fielddesk --smoke-test`` against a bare QApplication + QMainWindow +
   QTableView, each timed from the moment this script launches the process to the first
   paint of its page (both print it, from the launch clock passed in
   ``FIELDDESK_LAUNCH_CLOCK``). Whole-process times (start-up plus shutting down) are
   printed beside them for information.
2. A data folder with 100,000 rows in each register: time to open each register page
   (build, first page of rows fetched, painted), in-process.
Offscreen platform; the machine is shared, so quote medians and the ratio.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from PySide6.QtGui import QStandardItemModel
app = QApplication(sys.argv)
w = QMainWindow(); view = QTableView(); model = QStandardItemModel(20, 5); view.setModel(model)
w.setCentralWidget(view)
def painted():
    print(f"start-up: {(time.perf_counter() - float(os.environ['FIELDDESK_LAUNCH_CLOCK'])) * 1000:.0f} ms", flush=True)
    app.quit()
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
            self.seen = True
            QTimer.singleShot(0, painted)
        return False
f = F(); view.viewport().installEventFilter(f)
w.show(); app.exec()
"""


def fill(home: Path, per_register: int, *, demo: bool) -> None:
    import random

    from desktop_app.demo import populate
    from desktop_app.domain.choices import EventType, ScrapCategory, SiteStatus
    from desktop_app.domain.models import CleanlinessSite, Event, ScrapDisposal
    from desktop_app.storage.store import open_folder

    rng = random.Random(1)
    with open_folder(home, today=lambda: date(2026, 11, 20)) as opened:
        populate(opened)
        store = opened.store
        cid = store.campaigns.current().id
        start = date(2026, 10, 2)
        store.scrap.add_many((ScrapDisposal(cid, start + timedelta(days=i % 50), f"Item {i}", rng.choice(list(ScrapCategory)),
                                            float(i % 90), "kg", revenue_paise=rng.randint(1, 9000) * 100,
                                            space_freed_sqft=i % 30) for i in range(per_register)), validate=False)
        store.sites.add_many((CleanlinessSite(cid, f"Site {i}", "Block A", status=SiteStatus.IDENTIFIED,
                                              target_date=start + timedelta(days=i % 80)) for i in range(per_register)),
                             validate=False)
        store.events.add_many((Event(cid, start + timedelta(days=i % 50), EventType.PLEDGE, f"Event {i}", "Hall",
                                     participants=i % 300) for i in range(per_register)), validate=False)


def first_paint(cmd: list[str]) -> tuple[float, float]:
    """(launch to first paint, whole process) in seconds for one run of ``cmd``."""
    t0 = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True,
                         env=os.environ | {"QT_QPA_PLATFORM": "offscreen", "FIELDDESK_LAUNCH_CLOCK": repr(t0)})
    whole = time.perf_counter() - t0
    found = re.search(r"^start-up: (\d+) ms", out.stdout, re.MULTILINE)
    if found is None:
        raise SystemExit(f"{cmd[0]} printed no start-up figure: {out.stdout!r} {out.stderr[-500:]!r}")
    return int(found.group(1)) / 1000, whole


def register_open_times(home: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.app import create_app
    from desktop_app.ui.pages.registers import EventsPage, ScrapPage, SitesPage

    app, window, opened = create_app(home, today=lambda: date(2026, 11, 20))
    window.resize(1366, 728)
    window.show()
    app.processEvents()
    out = {}
    for cls in (ScrapPage, SitesPage, EventsPage):
        page = window.page(cls)
        page._stale = True
        t0 = time.perf_counter()
        window.show_page(cls)
        page.repaint()
        app.processEvents()
        out[cls.__name__] = (time.perf_counter() - t0, page.model.rowCount(), page.model.canFetchMore(page.model.index(-1, -1)))
    opened.close()
    QApplication.processEvents()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    # A clerk's machine has bytecode for FieldDesk after the first start (or from the frozen
    # build); this environment may forbid writing it (PYTHONDONTWRITEBYTECODE), so compile it
    # once, as an installation would, before timing anything.
    import compileall

    compileall.compile_dir(str(ROOT / "desktop_app"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "office"
        fill(home, 3400, demo=True)
        py = sys.executable
        ours_cmd = [py, "-m", "desktop_app", "--home", str(home), "--smoke-test"]
        bare_cmd = [py, "-c", BARE]
        first_paint(ours_cmd), first_paint(bare_cmd)  # warm-up
        ours, bare = [], []
        for _ in range(args.runs):
            ours.append(first_paint(ours_cmd))
            bare.append(first_paint(bare_cmd))
        print("records in the folder:        ~10,000 (3 registers x 3,400 + the demo)")
        for title, i in (("launch to first paint", 0), ("whole process, with exit", 1)):
            o, b = [r[i] for r in ours], [r[i] for r in bare]
            ratios = [x / y for x, y in zip(o, b)]
            goal = " (goal <= 1.5x)" if i == 0 else " (for information)"
            print(f"{title}, median of {args.runs}:")
            print(f"  bare Qt window:     {statistics.median(b) * 1000:4.0f} ms")
            print(f"  FieldDesk:          {statistics.median(o) * 1000:4.0f} ms")
            print(f"  ratio:              {statistics.median(ratios):.2f}x median, "
                  f"{min(ratios):.2f}-{max(ratios):.2f}{goal}")
        big = Path(tmp) / "big"
        fill(big, 100_000, demo=True)
        for name, (seconds, rows, more) in register_open_times(big).items():
            print(f"open {name:<10} 100,000 rows: {seconds * 1000:.0f} ms "
                  f"({rows} rows fetched, more on scroll: {more}) (goal <= 300 ms)")


if __name__ == "__main__":
    main()
