"""The Dashboard's Save as PDF and Print preview, on the demo office (offscreen)."""

from __future__ import annotations

import subprocess

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QMessageBox

from desktop_app.ui import file_dialogs
from tests.conftest import TODAY


@pytest.fixture
def ctx(qtbot, demo_home):
    from desktop_app.storage.store import open_folder
    from desktop_app.ui.context import AppContext

    opened = open_folder(demo_home, today=lambda: TODAY)
    yield AppContext(opened)
    opened.close()


@pytest.fixture
def dashboard(qtbot, ctx):
    from desktop_app.ui.pages.dashboard import DashboardPage

    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def test_save_as_pdf_button_writes_the_summary_in_the_background(qtbot, dashboard, tmp_path, monkeypatch):
    import hashlib

    from desktop_app.storage.exports import ExportRecord

    store = dashboard.ctx.store
    sha = hashlib.sha256(b"manifest").hexdigest()
    store.exports.record(ExportRecord(store.campaigns.current().id, 1, 1, 1, "b", "2026-11-19T10:00:00",
                                      "x.zip", sha, 10, {}), [])
    target = tmp_path / "office-summary"  # no suffix: .pdf is added
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: str(target))
    told = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text: told.append(text)))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: told.append("!" + text)))
    qtbot.mouseClick(dashboard.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    pdf = target.with_name("office-summary.pdf")
    assert told[0].endswith(str(pdf)), told
    pages = len(PdfReader(pdf).pages)
    assert f"({pages} pages)" in told[0]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Regional Office, Pune" in text and "Targets vs achievement" in text
    assert sha in text  # the bundle block (and its QR code) drawn on the worker thread


def test_save_pdf_cancelled_writes_nothing(qtbot, dashboard, tmp_path, monkeypatch):
    from desktop_app.ui.print_summary import save_pdf

    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: "")
    assert save_pdf(dashboard, dashboard.ctx) is None
    assert not list(tmp_path.glob("*.pdf"))


def test_print_preview_renders_the_same_pages(qtbot, dashboard):
    from desktop_app.ui.print_summary import preview_dialog

    dialog = preview_dialog(dashboard, dashboard.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() > 0, timeout=10_000)
    assert preview.pageCount() == dialog.summary_layout.page_count >= 2
    dialog.close()


def test_print_preview_opens_fitted_to_width_and_zooms_with_the_keys(qtbot, dashboard):
    from desktop_app.ui.print_summary import preview_dialog

    dialog = preview_dialog(dashboard, dashboard.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() > 0 and dialog.isActiveWindow(), timeout=10_000)
    assert preview.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
    fitted = preview.zoomFactor()
    assert fitted > 0.6  # not Qt's "fit page" (38% at 1366x768)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(preview, Qt.Key.Key_Plus, ctrl)
    assert preview.zoomFactor() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(preview, Qt.Key.Key_Minus, ctrl)
    qtbot.keyClick(preview, Qt.Key.Key_Minus, ctrl)
    assert preview.zoomFactor() == pytest.approx(fitted / 1.25)
    qtbot.keyClick(preview, Qt.Key.Key_0, ctrl)
    assert preview.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
