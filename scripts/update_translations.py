"""Refresh assets/translations/fielddesk_hi.ts (and fielddesk_en.ts) from the sources.

    .venv/bin/python scripts/update_translations.py

Reads ``tr()`` in the Qt shell and the report renderer, ``N_()`` messages in the core
(as QT_TR_NOOP) and the core's ``plural(one, other, n)`` counts (as ``tr(source, comment,
n)``: a numerus message with Qt's Hindi forms; see ``desktop_app/domain/i18n.py``). Run it
after changing user-facing text, then translate what is new; ``tests/core/test_translations.py``
fails while any string is missing its Hindi.

Counts come in two kinds, one file each for English: the core's ``plural()`` carries both
English forms in the call, so it needs no English file; the Qt shell's own counts,
``self.tr("%1 photos", None, n)``, take their English forms from ``fielddesk_en.ts``, which
holds only those (``lupdate -pluralonly``, without the ``plural`` alias). Existing
translations are kept in both files.
"""

from __future__ import annotations

import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
TS = ROOT / "assets" / "translations" / "fielddesk_hi.ts"
TS_EN = ROOT / "assets" / "translations" / "fielddesk_en.ts"


def sources() -> list[str]:
    pkg = ROOT / "desktop_app"
    files = sorted(pkg.glob("ui/**/*.py")) + sorted(pkg.glob("reports/render*.py")) + sorted(pkg.glob("domain/*.py")) + sorted(pkg.glob("upload/*.py")) + sorted(pkg.glob("campaigns/*.py")) + [pkg / "office_setup.py", pkg / "photos" / "quality.py"]
    files.append(pkg / "diskspace.py")  # the one-line message of a full disk
    # the headquarters dashboard's Python messages (its templates: template_messages())
    files += [pkg / "hq" / "receiver" / f"{name}.py"
              for name in ("web", "dashboard_pages", "dashboard_admin", "signin", "status_page")]
    return [str(f.relative_to(ROOT)) for f in files]


TEMPLATES = ROOT / "desktop_app" / "hq" / "receiver" / "templates"
_TEMPLATE_CALL = re.compile(r'\b(_|plural)\(("(?:[^"\\]|\\.)*")(?:\s*,\s*("(?:[^"\\]|\\.)*"))?')


def template_messages() -> str:
    """The dashboard templates' ``_("…")`` and ``plural("one", "other", n)`` as Python that
    lupdate reads (it reads no HTML): one ``N_()`` or ``plural()`` line per message."""
    lines = ["from desktop_app.domain.i18n import N_, plural", ""]
    for template in sorted(TEMPLATES.glob("*.html")):
        for call, first, second in _TEMPLATE_CALL.findall(template.read_text(encoding="utf-8")):
            lines.append(f"N_({first})" if call == "_" else f"plural({first}, {second}, 2)")
    return "\n".join(lines) + "\n"


# The core's ``plural()`` is read only for Hindi: its English forms are in the call itself.
HINDI_ALIASES = "QT_TR_NOOP+=N_,tr+=plural"
ENGLISH_ALIASES = "QT_TR_NOOP+=N_"


def lupdate(ts: pathlib.Path, *extra: str, language: str = "hi_IN",
            aliases: str = HINDI_ALIASES) -> subprocess.CompletedProcess:
    exe = shutil.which("pyside6-lupdate", path=str(pathlib.Path(sys.executable).parent))
    if exe is None:
        raise SystemExit("pyside6-lupdate not found in the virtual environment")
    with tempfile.TemporaryDirectory(prefix="fielddesk-lupdate-") as folder:
        templates = pathlib.Path(folder) / "dashboard_templates.py"
        templates.write_text(template_messages(), encoding="utf-8")
        return subprocess.run([exe, "-tr-function-alias", aliases, "-target-language", language, *extra, *sources(), str(templates), "-ts", str(ts)],
                              cwd=ROOT, check=True, capture_output=True, text=True)


if __name__ == "__main__":
    result = lupdate(TS, "-no-obsolete", "-locations", "none")
    print(result.stdout.strip() or result.stderr.strip())
    result = lupdate(TS_EN, "-no-obsolete", "-locations", "none", "-pluralonly", language="en_IN",
                     aliases=ENGLISH_ALIASES)
    print(result.stdout.strip() or result.stderr.strip())
