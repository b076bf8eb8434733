"""Compile assets/translations/*.ts to .qm with pyside6-lrelease, only when a source is newer."""

import pathlib
import shutil
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
tr_dir = root / "assets" / "translations"
lrelease = shutil.which("pyside6-lrelease", path=str(pathlib.Path(sys.executable).parent))
for ts in sorted(tr_dir.glob("*.ts")):
    qm = ts.with_suffix(".qm")
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        continue
    if lrelease is None:
        sys.exit("setup: pyside6-lrelease not found in the virtual environment")
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
