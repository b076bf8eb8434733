"""Grab screenshots of every page of the main window (for the README and for looking).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot.py --home DIR --out DIR [--lang hi]
        [--size 1366x768]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--size", default="1366x768")
    args = ap.parse_args()
    from PySide6.QtWidgets import QApplication

    from desktop_app.settings import Settings
    from desktop_app.ui.app import create_app

    settings_path = Path(args.home) / "settings.json"
    settings = Settings.load(settings_path)
    settings.language = args.lang
    settings.save(settings_path)
    app, window, opened = create_app(Path(args.home))
    w, h = (int(x) for x in args.size.split("x"))
    window.resize(w, h - 40)
    window.show()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(window.nav.count()):
        window.nav.setCurrentRow(i)
        for _ in range(5):
            QApplication.processEvents()
        name = type(window.stack.currentWidget()).__name__.replace("Page", "").lower()
        window.grab().save(str(out / f"{i + 1:02d}-{name}-{args.lang}.png"))
    opened.close()


if __name__ == "__main__":
    main()
