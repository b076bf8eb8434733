"""Start-up of the built program next to start-up from source and a bare Qt window.

    bash scripts/build && .venv/bin/python bench/frozen_startup.py [--frozen dist/fielddesk/fielddesk] [--runs 9]

The same data folder as ``bench/startup.py`` (the demo office plus ~10,000 register
records). Time from launching the process to its first painted page (``--smoke-test``,
timed from the launch clock as in ``bench/startup.py``), offscreen, for three programs
run in rotation so that a busy moment of the shared
machine hits all three alike: a bare QApplication + QMainWindow + QTableView from the
venv's Python, ``python -m desktop_app`` from the source tree, and the frozen program.
Medians and the per-round ratios to bare Qt (goal <= 1.5x for both FieldDesks).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import BARE, ROOT, fill, first_paint  # noqa: E402  (bench/startup.py)


def main() -> None:
    ap = argparse.ArgumentParser()
    default = ROOT / "dist" / "fielddesk" / ("fielddesk-cli.exe" if sys.platform == "win32" else "fielddesk")
    ap.add_argument("--frozen", type=Path, default=default, help=f"the built program (default {default})")
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    if not args.frozen.exists():
        sys.exit(f"{args.frozen}: not built; run scripts/build first")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "office"
        fill(home, 3400, demo=True)
        programs = {
            "bare Qt window (venv Python)": [sys.executable, "-c", BARE],
            "FieldDesk from source": [sys.executable, "-m", "desktop_app", "--home", str(home), "--smoke-test"],
            "FieldDesk frozen": [str(args.frozen.resolve()), "--home", str(home), "--smoke-test"],
        }
        names = list(programs)
        for cmd in programs.values():  # warm the page cache
            first_paint(cmd)
        times: dict[str, list[float]] = {name: [] for name in names}
        for i in range(args.runs):
            order = names[i % 3:] + names[:i % 3]
            for name in order:
                times[name].append(first_paint(programs[name])[0])
        bare = times[names[0]]
        print(f"launch to first painted page, offscreen, median of {args.runs} (rotated order):")
        for name in names:
            median = statistics.median(times[name]) * 1000
            ratios = [t / b for t, b in zip(times[name], bare)]
            note = "" if name == names[0] else (
                f"  {statistics.median(ratios):.2f}x bare Qt ({min(ratios):.2f}-{max(ratios):.2f}; goal <= 1.5x)")
            print(f"  {name:<30} {median:6.0f} ms{note}")
        frozen_vs_source = [f / s for f, s in zip(times[names[2]], times[names[1]])]
        print(f"  frozen / source: {statistics.median(frozen_vs_source):.2f}x")


if __name__ == "__main__":
    main()
