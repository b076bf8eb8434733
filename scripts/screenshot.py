"""Grab screenshots of every page of the main window (for the README and for looking).

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshot.py --home DIR --out DIR \\
        [--lang hi] [--size 1366x768] [--scale 1.25]

(``QT_QPA_PLATFORM=offscreen`` works too.) Each page is opened as from the keyboard
(Ctrl+1 …), so the cursor sits in its first field and its focus frame shows, as a clerk
sees it. ``--scale 1.25`` is a 125% display (``QT_SCALE_FACTOR``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def settle(app, rounds: int = 10) -> None:
    import time

    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--size", default="1366x768")
    ap.add_argument("--scale", default="1")
    args = ap.parse_args()
    if args.scale != "1":
        os.environ["QT_SCALE_FACTOR"] = args.scale
    from desktop_app.settings import Settings
    from desktop_app.ui.app import create_app

    settings_path = Path(args.home) / "settings.json"
    settings = Settings.load(settings_path)
    settings.language = args.lang
    settings.save(settings_path)
    app, window, opened = create_app(Path(args.home))
    w, h = (int(x) for x in args.size.split("x"))
    scale = float(args.scale)
    window.resize(int(w / scale), int((h - 40) / scale))  # the taskbar takes the rest
    window.show()
    window.activateWindow()
    while not window.shortcuts_ready:  # the focus frame comes with the shortcuts, after the first paint
        settle(app, 1)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    suffix = args.lang + ("" if args.scale == "1" else f"-{round(scale * 100)}")
    for i in range(window.nav.count()):
        window.go_to(i)
        settle(app)
        name = type(window.stack.currentWidget()).__name__.replace("Page", "").lower()
        window.grab().save(str(out / f"{i + 1:02d}-{name}-{suffix}.png"))
    opened.close()


if __name__ == "__main__":
    main()
