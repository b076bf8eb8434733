"""The export reads through the raw connection: sqlite-utils (~50 ms of imports in a fresh
process) is loaded only for the record at the end, while the photo pass finishes."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from pathlib import Path
from desktop_app.bundle.workbook import BundleIdentity, build_workbook
from desktop_app.storage.store import open_folder

with open_folder(Path(sys.argv[1]), lock=False) as opened:
    store = opened.store
    campaign = store.campaigns.current()
    identity = BundleIdentity("X", "Office", campaign.id, "0" * 64, 1, 1, 1, "2026-11-20T10:30:00Z",
                              "b", "0.1", "f")
    rows = build_workbook(Path(sys.argv[2]), store, campaign, identity)
    print(sum(rows.values()), "sqlite_utils" in sys.modules)
"""


def test_the_workbook_is_built_without_sqlite_utils(office, tmp_path):
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(office.folder.root),
                           str(tmp_path / "report.xlsx")], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    rows, loaded = proc.stdout.split()
    assert int(rows) > 100 and loaded == "False"
