"""Refresh assets/translations/fielddesk_hi.ts from the sources (keeps existing Hindi).

    .venv/bin/python scripts/update_translations.py

Reads ``tr()`` in the Qt shell and the report renderer, ``N_()`` messages in the core
(as QT_TR_NOOP) and ``plural(one, other, n)`` counts (as ``tr(source, comment, n)``: a
numerus message with Qt's Hindi forms; see ``desktop_app/domain/i18n.py``). Run it after changing user-facing text, then translate what is new;
``tests/core/test_translations.py`` fails while any string is missing its Hindi.
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TS = ROOT / "assets" / "translations" / "fielddesk_hi.ts"


def sources() -> list[str]:
    pkg = ROOT / "desktop_app"
    files = sorted(pkg.glob("ui/**/*.py")) + sorted(pkg.glob("reports/render*.py")) + sorted(pkg.glob("domain/*.py")) + sorted(pkg.glob("upload/*.py")) + [pkg / "office_setup.py", pkg / "photos" / "quality.py"]
    return [str(f.relative_to(ROOT)) for f in files]


def lupdate(ts: pathlib.Path, *extra: str) -> subprocess.CompletedProcess:
    exe = shutil.which("pyside6-lupdate", path=str(pathlib.Path(sys.executable).parent))
    if exe is None:
        raise SystemExit("pyside6-lupdate not found in the virtual environment")
    return subprocess.run([exe, "-tr-function-alias", "QT_TR_NOOP+=N_,tr+=plural", "-target-language", "hi_IN", *extra, *sources(), "-ts", str(ts)],
                          cwd=ROOT, check=True, capture_output=True, text=True)


if __name__ == "__main__":
    result = lupdate(TS, "-no-obsolete", "-locations", "none")
    print(result.stdout.strip() or result.stderr.strip())
