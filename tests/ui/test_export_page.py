"""The Export page: export off the UI thread (the window keeps running), verify, history."""

import re
import subprocess
import sys

import pytest


@pytest.fixture
def export_window(qtbot, tmp_path):
    from desktop_app.demo import add_demo_photos, populate
    from desktop_app.keys.office_key import create_office_key
    from desktop_app.storage.store import open_folder
    from desktop_app.ui.app import create_app
    from tests.conftest import TODAY

    home = tmp_path / "demo"
    with open_folder(home, today=lambda: TODAY) as opened:
        populate(opened)
        create_office_key(opened)
        add_demo_photos(opened, size=(320, 240))
    _app, win, opened = create_app(home, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    yield win
    opened.close()


def test_export_runs_off_the_ui_thread_and_the_bundle_verifies(export_window, qtbot, tmp_path):
    from PySide6.QtCore import QTimer

    from desktop_app.ui.pages.export import ExportPage

    page = export_window.show_page(ExportPage)
    assert "48 new photos" in page.carry_label.text()
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    page.start_export()
    qtbot.waitUntil(lambda: bool(page.last_results), timeout=60_000)
    timer.stop()
    assert ticks, "the event loop must keep running while the bundle is written"
    bundle = page.last_results[0].path
    assert bundle.is_file() and bundle.parent == export_window.ctx.folder.exports
    assert page.history.rowCount() == 1
    assert "Not exported yet" not in export_window.status_export.text()
    when = r"\d\d\.\d\d\.\d{4} \d\d:\d\d"  # as clerks write it, never ISO text
    assert re.fullmatch(when, page.history.item(0, 2).text())
    assert re.fullmatch(r"Last export: seq 1 on " + when, export_window.status_export.text())
    assert "0 new photos (48 sent earlier)" in page.carry_label.text()
    key = export_window.ctx.folder.keys / "office.pub.pem"
    proc = subprocess.run([sys.executable, "-m", "desktop_app", "verify", str(bundle), "--key", str(key)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    page.verify_bundle(str(bundle))
    qtbot.waitUntil(lambda: page.result_label.text().startswith("Verified"), timeout=30_000)


def test_cancelled_export_leaves_nothing(export_window, qtbot):
    from desktop_app.ui.pages.export import ExportPage

    page = export_window.show_page(ExportPage)
    page.start_export()
    page.task.cancel()
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=60_000)
    if page.last_results:  # the export finished before Cancel was seen: still a complete bundle
        assert all(r.path.is_file() for r in page.last_results)
    else:
        assert "cancelled" in page.result_label.text()
        assert not list(export_window.ctx.folder.exports.glob("*.zip"))
        assert export_window.ctx.store.exports.history() == []
