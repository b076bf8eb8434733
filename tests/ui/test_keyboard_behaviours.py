"""Keyboard-first entry, one behaviour per test, driven from the keyboard on the real window.

Where a key opens a modal box (a question, the file dialog), the keys are sent by the
keyboard driver (tests/ui/keyboard.py), which keeps going inside the box's event loop.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.ui import file_dialogs
from tests.conftest import TODAY
from tests.ui.keyboard import ctrl, key, run, type_, until

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def focus(qtbot, widget) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def press(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), k, modifier)


def type_keys(qtbot, text: str) -> None:
    for ch in text:
        qtbot.keyClick(QApplication.focusWidget(), ch)


def on(widget) -> bool:
    focused = QApplication.focusWidget()
    return focused is widget or (focused is not None and widget.isAncestorOf(focused))


@pytest.fixture
def no_real_boxes(monkeypatch):
    """These tests answer message boxes with keys: undo conftest's automatic answers."""
    monkeypatch.undo()


# -- visible focus ------------------------------------------------------------------------------
FRAME_PROBE = textwrap.dedent("""
    import sys
    from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton, QWidget, QVBoxLayout
    from desktop_app.ui import focus_style
    from desktop_app.ui.forms.date_edit import DateEdit

    app = QApplication(sys.argv)
    focus_style.install(app)
    window = QWidget()
    layout = QVBoxLayout(window)
    widgets = [QLineEdit("text"), QComboBox(), QPushButton("Save"), DateEdit()]
    widgets[1].addItems(["one", "two"])
    for w in widgets:
        layout.addWidget(w)
    window.show()
    window.activateWindow()
    for _ in range(20):
        app.processEvents()

    def edge(w):
        image = w.grab().toImage()
        row = [image.pixel(x, 1) & 0xFFFFFF for x in range(image.width())]
        column = [image.pixel(1, y) & 0xFFFFFF for y in range(image.height())]
        return (row.count(focus_style.FOCUS_RGB) / len(row) + column.count(focus_style.FOCUS_RGB) / len(column)) / 2

    out = []
    for w in widgets:
        w.setFocus()
        for _ in range(5):
            app.processEvents()
        framed = edge(w)
        widgets[(widgets.index(w) + 1) % len(widgets)].setFocus()
        for _ in range(5):
            app.processEvents()
        out.append(f"{type(w).__name__}:{framed:.2f}:{edge(w):.2f}")
    print(app.devicePixelRatio(), " ".join(out))
""")


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_a_clear_frame_marks_the_focused_widget_at_100_and_125_percent(scale):
    out = subprocess.run([sys.executable, "-c", FRAME_PROBE], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale})
    assert out.returncode == 0, out.stderr[-2000:]
    ratio, *widgets = out.stdout.split()
    assert float(ratio) == float(scale)
    for item in widgets:
        name, focused, unfocused = item.split(":")
        assert float(focused) > 0.8, item  # the frame runs along the top and left edges
        assert float(unfocused) == 0.0, item  # and goes with the focus


def test_the_focused_grid_cell_and_the_current_register_row_are_marked(qtbot, window):
    from PySide6.QtGui import QPalette

    from desktop_app.ui import focus_style
    from desktop_app.ui.pages.progress import ProgressPage
    from desktop_app.ui.pages.registers import ScrapPage

    page = window.show_page(ProgressPage)
    focus(qtbot, page.table)
    index = page.table.currentIndex()
    rect = page.table.visualRect(index)
    image = page.table.viewport().grab(rect).toImage()
    top = [image.pixel(x, 0) & 0xFFFFFF for x in range(image.width())]
    assert top.count(focus_style.FOCUS_RGB) >= 0.9 * len(top)
    scrap = window.show_page(ScrapPage)
    palette = scrap.table.palette()
    for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
        assert palette.color(QPalette.ColorGroup.Inactive, role) == palette.color(QPalette.ColorGroup.Active, role)


# -- the grid ----------------------------------------------------------------------------------------
def test_tab_skips_read_only_cells_and_leaves_the_grid_after_the_last(qtbot, window):
    from desktop_app.ui.models.progress_model import ProgressModel
    from desktop_app.ui.pages.progress import ProgressPage

    page = window.show_page(ProgressPage)
    table = page.table
    focus(qtbot, table)
    assert (table.currentIndex().column(), table.currentIndex().data(Qt.ItemDataRole.UserRole + 1)) == (
        ProgressModel.COL_DAY, "mp_references")
    press(qtbot, K.Key_Tab)
    assert table.currentIndex().column() == ProgressModel.COL_REMARK
    press(qtbot, K.Key_Tab)  # past Total, %, Check and the next row's read-only columns
    assert table.currentIndex().column() == ProgressModel.COL_DAY
    assert table.currentIndex().row() == page.model.row_of("parliamentary_assurances")
    last = table.editable_cells()[-1]
    table.focus_cell(last.row(), last.column())
    type_keys(qtbot, "7")  # editing the last cell: Tab still leaves
    press(qtbot, K.Key_Tab)
    assert page.save_button.hasFocus()
    focus(qtbot, table)
    press(qtbot, K.Key_Backtab)  # Shift+Tab from the grid's last editable cell goes back one cell
    assert table.hasFocus()
    first = table.editable_cells()[0]
    table.focus_cell(first.row(), first.column())
    press(qtbot, K.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert page.date_edit.hasFocus()  # before the first cell: out, to the date
    focus(qtbot, table)
    press(qtbot, K.Key_Tab, CTRL)  # Ctrl+Tab leaves from anywhere (Qt's convention)
    assert page.save_button.hasFocus()


def test_enter_goes_down_the_figures_and_saves_after_the_last(qtbot, window):
    from desktop_app.ui.pages.targets import TargetsPage

    page = window.show_page(TargetsPage)
    table = page.table
    focus(qtbot, table)
    column = table.editable_cells()  # the Target column, group rows left out
    for cell in column[1:]:
        press(qtbot, K.Key_Return)
        assert table.currentIndex() == cell
    assert window.ctx.store.targets.for_campaign(window.ctx.campaign.id)["mp_references"] == 34
    type_keys(qtbot, "999")
    page.reason_edit.setText("revised")
    press(qtbot, K.Key_Return)  # on the last target: saves
    last_code = column[-1].data(Qt.ItemDataRole.UserRole + 1)
    assert window.ctx.store.targets.for_campaign(window.ctx.campaign.id)[last_code] == 999


# -- registers ---------------------------------------------------------------------------------------
def test_alt_n_puts_the_cursor_in_a_blank_form_at_once(qtbot, window):
    from desktop_app.ui.pages.registers import ScrapPage

    page = window.show_page(ScrapPage)
    page.focus_first()
    focus(qtbot, page.table)
    press(qtbot, K.Key_N, Qt.KeyboardModifier.AltModifier)
    assert page.form.is_new and page.form.date_edit.hasFocus()  # no wait: typing can follow at once
    assert page.form.date_edit.value() == TODAY
    press(qtbot, K.Key_Return)
    type_keys(qtbot, "Old coolers")
    assert page.form.item_edit.text() == "Old coolers"


@pytest.mark.parametrize("typed, why", [("06.12.2027", "after the campaign ends (31.12.2026)"),
                                         ("10092026", "before the campaign starts (15.09.2026)"),
                                         ("31.09.2026", "not a day of the calendar")])
def test_a_date_the_form_cannot_take_is_kept_and_explained(qtbot, window, typed, why):
    from desktop_app.ui.pages.registers import EventsPage

    page = window.show_page(EventsPage)
    store, cid = window.ctx.store, window.ctx.campaign.id
    before = store.events.count(cid)
    page.new_record()
    form = page.form
    form.date_edit.selectAll()
    type_keys(qtbot, typed)
    press(qtbot, K.Key_Return)
    type_keys(qtbot, "x")
    press(qtbot, K.Key_Down)
    press(qtbot, K.Key_Return)
    type_keys(qtbot, "Cleanliness pledge")
    press(qtbot, K.Key_Return, CTRL)
    assert store.events.count(cid) == before  # not saved with another day
    assert why in form.errors_shown()["event_date"]
    assert form.date_edit.hasFocus()
    assert form.date_edit.text() in (typed, "10.09.2026")  # the day typed, never moved
    form.discard()


def test_a_day_outside_the_campaign_is_kept_and_explained_on_daily_progress(qtbot, window):
    from desktop_app.ui.pages.progress import ProgressPage

    page = window.show_page(ProgressPage)
    focus(qtbot, page.table)
    press(qtbot, K.Key_D, Qt.KeyboardModifier.AltModifier)  # &Date:
    assert page.date_edit.hasFocus()
    page.date_edit.selectAll()
    type_keys(qtbot, "06122027")
    press(qtbot, K.Key_Return)
    assert page.day == TODAY  # the figures shown are still today's
    assert page.date_edit.value() == date(2027, 12, 6)
    assert page.date_error.isVisible() and "06.12.2027" in page.date_error.text()
    assert "Still showing 20.11.2026" in page.date_error.text()
    page.date_edit.selectAll()
    type_keys(qtbot, "05102026")
    press(qtbot, K.Key_Return)  # a campaign day: shown, and the cursor goes to its figures
    assert page.day == date(2026, 10, 5) and page.table.hasFocus() and not page.date_error.isVisible()
    press(qtbot, K.Key_D, Qt.KeyboardModifier.AltModifier)
    press(qtbot, K.Key_Up)  # Up and Down step a day
    assert page.day == date(2026, 10, 6)


def test_a_date_typed_into_a_count_is_caught_and_nothing_saved(qtbot, window):
    from desktop_app.ui.models.progress_model import ProgressModel
    from desktop_app.ui.pages.progress import ProgressPage

    page = window.show_page(ProgressPage)
    model, table = page.model, page.table
    focus(qtbot, table)
    table.focus_cell(model.row_of("files_reviewed"), ProgressModel.COL_DAY)
    type_keys(qtbot, "10.12.2027")
    check = model.index(model.row_of("files_reviewed"), ProgressModel.COL_CHECK).data()
    assert check == "'10.12.2027' looks like a date, not a figure."
    press(qtbot, K.Key_Escape)
    table.focus_cell(model.row_of("files_reviewed"), ProgressModel.COL_DAY)
    type_keys(qtbot, "06122026")  # digits only: far above the campaign's daily maximum
    check = model.index(model.row_of("files_reviewed"), ProgressModel.COL_CHECK).data()
    assert check == "'06122026' looks like a date, not a figure."
    press(qtbot, K.Key_Return, CTRL)
    assert "files_reviewed" not in window.ctx.store.progress.for_day(window.ctx.campaign.id, TODAY)
    assert "nothing was saved" in page.status_label.text()


def test_an_unusually_large_figure_is_saved_only_when_confirmed(qtbot, window, no_real_boxes):
    from desktop_app.ui.models.progress_model import ProgressModel
    from desktop_app.ui.pages.progress import ProgressPage

    page = window.show_page(ProgressPage)
    store, cid = window.ctx.store, window.ctx.campaign.id

    def modal() -> bool:
        return isinstance(QApplication.activeModalWidget(), QMessageBox)

    def scenario():
        yield ctrl(K.Key_3)
        yield until(lambda: page.table.hasFocus(), "the first figure")
        yield type_("300")  # mp_references: usual at most 50, never more than 500
        yield until(lambda: "Unusually large" in page.model.index(
            page.model.row_of("mp_references"), ProgressModel.COL_CHECK).data(), "the warning on the row")
        yield key(K.Key_Return, CTRL)
        yield until(modal, "the question")
        yield key(K.Key_Return)  # the default is No
        yield until(lambda: not modal(), "the question answered")
        yield key(K.Key_Return, CTRL)
        yield until(modal, "the question again")
        yield type_("y")  # हाँ / &Yes: the key of the button
        yield until(lambda: "mp_references" in store.progress.for_day(cid, TODAY), "saved")

    window.go_to(0)
    run(qtbot, scenario())
    assert store.progress.for_day(cid, TODAY)["mp_references"].value == 300


# -- photos -----------------------------------------------------------------------------------------
def _jpeg(path, colour):
    from PIL import Image

    Image.new("RGB", (320, 240), colour).save(path, "JPEG")
    return path


def test_photos_are_reached_opened_and_detached_from_the_keyboard(qtbot, window, tmp_path, no_real_boxes):
    from desktop_app.ui.pages.registers import EventsPage
    from desktop_app.ui.widgets.photo_list import PhotoViewer

    page = window.show_page(EventsPage)
    for n, colour in enumerate(("red", "green")):
        _jpeg(tmp_path / f"photo-{n}.jpg", colour)
    strip = page.form.photo_strip

    def viewer():
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, PhotoViewer) and w.isVisible()), None)

    def scenario():
        yield ctrl(K.Key_6)
        yield until(lambda: page.table.hasFocus(), "the events list")
        yield key(K.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)  # from the list: the selected event
        yield until(lambda: type(QApplication.activeModalWidget()).__name__ == "QFileDialog", "the file dialog")
        yield type_(str(tmp_path))
        yield key(K.Key_Return)
        yield type_('"photo-0.jpg" "photo-1.jpg"')
        yield key(K.Key_Return)
        yield until(lambda: strip.count() == 2, "the photos attached", 30)
        yield until(lambda: strip.window().focusWidget() is strip.list, "the cursor on the photos")
        yield key(K.Key_Left)  # arrows move from photo to photo
        yield until(lambda: strip.list.currentRow() == 0, "the first photo")
        yield key(K.Key_Return)  # Enter opens it
        yield until(lambda: viewer() is not None, "the photo open")
        yield key(K.Key_Return)  # its default button, Close
        yield until(lambda: viewer() is None, "the viewer closed")
        yield key(K.Key_Delete)  # Delete asks first
        yield until(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), "the question")
        yield key(K.Key_Return)  # the default: No, keep it
        yield until(lambda: QApplication.activeModalWidget() is None, "answered")
        yield key(K.Key_Delete)
        yield until(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), "the question again")
        yield type_("y")
        yield until(lambda: strip.count() == 1, "one photo detached")

    window.go_to(0)
    run(qtbot, scenario(), timeout_ms=60_000)
    assert "Delete detaches it" in strip.hint_label.text() and "Ctrl+Shift+P" in strip.hint_label.text()
    assert "click" not in strip.hint_label.text().lower()


def test_an_after_photo_answered_no_leaves_the_site_as_it_was(qtbot, window, tmp_path, no_real_boxes):
    from desktop_app.domain.choices import SiteStatus
    from desktop_app.ui.pages.registers import SitesPage

    page = window.show_page(SitesPage)
    store = window.ctx.store
    identified = next(s for s in store.sites.list(window.ctx.campaign.id) if s.status is SiteStatus.IDENTIFIED)
    _jpeg(tmp_path / "after.jpg", "blue")

    def scenario():
        yield ctrl(K.Key_5)
        yield until(lambda: page.table.hasFocus(), "the sites list")
        page.select_id(identified.id)
        yield key(K.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
        yield until(lambda: type(QApplication.activeModalWidget()).__name__ == "QFileDialog", "the file dialog")
        yield type_(str(tmp_path / "after.jpg"))
        yield key(K.Key_Return)
        yield until(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), "the offer", 30)
        yield type_("n")
        yield until(lambda: QApplication.activeModalWidget() is None and page.form.after_strip.count() == 1,
                    "answered")

    window.go_to(0)
    run(qtbot, scenario(), timeout_ms=60_000)
    assert store.sites.get(identified.id).status is SiteStatus.IDENTIFIED


# -- Enter where a clerk expects it ------------------------------------------------------------------
def test_enter_on_the_wizards_last_page_is_finish(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QWizard

    from desktop_app.storage.store import open_folder
    from desktop_app.ui.wizard import FirstRunWizard

    opened = open_folder(tmp_path / "new", today=lambda: TODAY)
    wizard = FirstRunWizard(opened)
    qtbot.addWidget(wizard)
    wizard.show()
    asked = []
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: asked.append(a) or "")
    wizard.office_page.edits["code"].setText("DL-042")
    wizard.office_page.edits["name"].setText("Regional Office")
    for _page in ("office", "campaign", "clerk"):
        wizard.next()
    wizard.clerk_page.name_edit.setText("Ravi Patil")
    wizard.next()  # Create office
    assert wizard.currentPage() is wizard.key_page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, K.Key_S, Qt.KeyboardModifier.AltModifier)  # saving the key is Alt+S
    qtbot.waitUntil(lambda: len(asked) == 1)  # (Qt clicks a button 100 ms after its key)
    press(qtbot, K.Key_Return)
    assert asked == asked[:1] and wizard.result() == QWizard.DialogCode.Accepted
    opened.close()


def test_save_as_pdf_is_pressed_with_enter_and_the_export_page_exports_with_its_first_enter(
        qtbot, window, tmp_path, monkeypatch):
    from desktop_app.ui.pages.dashboard import DashboardPage
    from desktop_app.ui.pages.export import ExportPage

    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: str(target))
    dashboard = window.show_page(DashboardPage)
    focus(qtbot, dashboard.pdf_button)
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(target.exists, timeout=30_000)

    from desktop_app.keys.office_key import create_office_key

    create_office_key(window.ctx.opened)  # the demo office has none; the wizard makes one
    store, cid = window.ctx.store, window.ctx.campaign.id
    assert store.exports.last(cid) is None
    press(qtbot, K.Key_8, CTRL)  # Export: the cursor on "Export bundle"
    page = window.stack.currentWidget()
    assert isinstance(page, ExportPage) and page.export_button.hasFocus()
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: store.exports.last(cid) is not None and page.export_button.isEnabled(), timeout=60_000)


def test_counts_take_their_plural_form_in_both_languages(qtbot, qapp, window):
    from desktop_app.ui.i18n import set_language
    from desktop_app.ui.pages.export import ExportPage
    from desktop_app.ui.pages.registers import ScrapPage

    store, cid = window.ctx.store, window.ctx.campaign.id
    scrap = window.show_page(ScrapPage)
    for record in store.scrap.list(cid)[1:]:
        store.scrap.delete(record.id)
    window.ctx.changed("scrap_disposal")
    scrap.refresh()
    assert scrap.count_label.text() == "1 record"
    export = window.show_page(ExportPage)
    assert "1 scrap disposal," in export.carry_label.text() and "10 events" in export.carry_label.text()
    set_language(qapp, "hi")
    try:
        qtbot.waitUntil(lambda: "स्क्रैप निपटान" in export.carry_label.text())
        assert scrap.count_label.text() == "1 प्रविष्टि"
    finally:
        set_language(qapp, "en")


def test_a_progress_dialog_is_cancelled_by_esc_and_not_by_enter(qtbot, window):
    """A keyer who presses Enter while an export runs must not stop it; Esc stops it."""
    import threading

    from PySide6.QtWidgets import QProgressDialog

    from desktop_app.ui.workers import run_task

    release, outcomes = threading.Event(), []

    def work(progress, cancelled):
        progress(0, 10, "")
        while not release.wait(0.02):
            if cancelled():
                from desktop_app.errors import Cancelled

                raise Cancelled("stopped")
        return "done"

    for keys, expected in (([K.Key_Return], "done"), ([K.Key_Escape], "")):
        release.clear()
        before = len(outcomes)
        run_task(window, "Working", work, on_success=outcomes.append, on_error=lambda m, _bug: outcomes.append(m))
        qtbot.waitUntil(lambda: any(isinstance(w, QProgressDialog) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()), timeout=5000)
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible())
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: bool(QApplication.focusWidget() is not None and d.isActiveWindow()))
        for k in keys:
            press(qtbot, k)
        qtbot.wait(100)
        release.set()
        qtbot.waitUntil(lambda n=before: len(outcomes) > n)
        assert outcomes[-1] == expected
