"""Targets and Daily progress, driven with the keyboard on the real main window."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import TODAY

PREPARATORY_DAY = date(2026, 9, 20)


@pytest.fixture(autouse=True)
def four_pages(monkeypatch):
    """Only the pages under test (and the dashboard), whatever the others are doing."""
    import desktop_app.ui.pages as pages

    def only_ours() -> list[type]:
        from desktop_app.ui.pages.dashboard import DashboardPage
        from desktop_app.ui.pages.progress import ProgressPage
        from desktop_app.ui.pages.settings import SettingsPage
        from desktop_app.ui.pages.targets import TargetsPage

        return [DashboardPage, TargetsPage, ProgressPage, SettingsPage]

    monkeypatch.setattr(pages, "all_pages", only_ours)


@pytest.fixture
def prep_window(qtbot, demo_home):
    """The main window on a day in the preparatory phase."""
    from desktop_app.ui.app import create_app

    _app, win, opened = create_app(demo_home, today=lambda: PREPARATORY_DAY)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    opened.close()


def focus(qtbot, widget) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def type_keys(qtbot, text: str) -> None:
    """Type like a clerk: each key goes to whatever has the focus now."""
    for ch in text:
        qtbot.keyClick(QApplication.focusWidget(), ch)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def cell(page, code: str, column: int) -> str:
    model = page.model
    return model.index(model.row_of(code), column).data()


def audit_rows(store, table: str) -> list:
    return [a for a in store.audit.recent(1000) if a.table_name == table]


# -- Targets ---------------------------------------------------------------------------------
def test_targets_in_preparatory_phase_save_without_reason(qtbot, prep_window):
    from desktop_app.ui.models.indicator_models import CodeRole, TargetsModel
    from desktop_app.ui.pages.targets import TargetsPage

    win = prep_window
    page = win.show_page(TargetsPage)
    store, cid = win.ctx.store, win.ctx.campaign.id
    assert not page.reason_box.isVisible()
    assert cell(page, "public_grievances", TargetsModel.COL_TARGET) == "54"
    before = len(audit_rows(store, "target"))

    focus(qtbot, page.table)  # the first target cell: References from MPs
    assert page.table.currentIndex().data(CodeRole) == "mp_references"
    type_keys(qtbot, "1,25,000")
    press(qtbot, Qt.Key.Key_Tab)  # to Parliamentary Assurances (group rows are skipped)
    type_keys(qtbot, "2")
    assert page.has_unsaved_changes()
    assert cell(page, "mp_references", TargetsModel.COL_TARGET) == "1,25,000"
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter saves from any cell

    assert store.targets.for_campaign(cid)["mp_references"] == 125_000
    assert store.targets.for_campaign(cid)["parliamentary_assurances"] == 2
    assert not page.has_unsaved_changes()
    trail = audit_rows(store, "target")[: len(audit_rows(store, "target")) - before]
    assert {(a.action, a.new["indicator_code"], a.new["value"]) for a in trail} == {
        ("update", "mp_references", 125_000), ("update", "parliamentary_assurances", 2)}
    assert all(a.clerk == "Ravi Patil" for a in trail)


def test_target_change_in_implementation_phase_needs_a_reason(qtbot, window):
    from desktop_app.domain.validation import REASON_NEEDED
    from desktop_app.ui.models.indicator_models import TargetsModel
    from desktop_app.ui.pages.targets import TargetsPage

    page = window.show_page(TargetsPage)
    store, cid = window.ctx.store, window.ctx.campaign.id
    assert page.reason_box.isVisible()
    assert "implementation phase started on 02.10.2026" in page.phase_note.text()
    before = len(audit_rows(store, "target"))

    focus(qtbot, page.table)
    type_keys(qtbot, "40")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # saves... but there is no reason
    assert page.reason_error.isVisible()
    assert page.reason_error.text() == REASON_NEEDED
    assert store.targets.for_campaign(cid)["mp_references"] == 34
    assert len(audit_rows(store, "target")) == before
    assert page.has_unsaved_changes()
    assert page.reason_edit.hasFocus()  # the clerk is taken to the field that is missing

    type_keys(qtbot, "Revised after the review meeting")
    assert not page.reason_error.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    assert store.targets.for_campaign(cid)["mp_references"] == 40
    (entry,) = audit_rows(store, "target")[: len(audit_rows(store, "target")) - before]
    assert entry.action == "update"
    assert entry.new["value"] == 40 and entry.old["value"] == 34
    assert entry.new["reason"] == "Revised after the review meeting"
    assert page.reason_edit.text() == ""
    assert cell(page, "mp_references", TargetsModel.COL_PERCENT) == "85%"


def test_bad_target_is_shown_on_its_row_and_nothing_is_saved(qtbot, window):
    from desktop_app.ui.models.indicator_models import ErrorRole, TargetsModel
    from desktop_app.ui.pages.targets import TargetsPage

    page = window.show_page(TargetsPage)
    store, cid = window.ctx.store, window.ctx.campaign.id
    saved = store.targets.for_campaign(cid)
    focus(qtbot, page.table)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "abc")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "-3")
    page.reason_edit.setText("typo")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert cell(page, "parliamentary_assurances", TargetsModel.COL_CHECK) == "'abc' is not a number"
    assert cell(page, "imc_references", TargetsModel.COL_CHECK) == "Cannot be negative."
    row = page.model.row_of("imc_references")
    assert page.model.index(row, 0).data(ErrorRole) == "Cannot be negative."
    assert "nothing was saved" in page.status_label.text()
    assert store.targets.for_campaign(cid) == saved

    press(qtbot, Qt.Key.Key_Escape)  # Esc outside an editor undoes everything
    assert not page.has_unsaved_changes()
    assert cell(page, "imc_references", TargetsModel.COL_CHECK) == ""


def test_targets_model_passes_the_model_tester(qtmodeltester, window):
    from desktop_app.ui.pages.targets import TargetsPage

    page = window.show_page(TargetsPage)
    page.model.setData(page.model.index(1, 1), "12")
    qtmodeltester.check(page.model)


# -- Daily progress ---------------------------------------------------------------------------
def test_daily_progress_typed_with_keyboard_updates_totals_and_saves_on_enter(qtbot, window):
    from desktop_app.ui.models.progress_model import ProgressModel
    from desktop_app.ui.pages.progress import ProgressPage

    page = window.show_page(ProgressPage)
    store, cid = window.ctx.store, window.ctx.campaign.id
    assert page.date_edit.value() == date(2026, 11, 20)
    assert cell(page, "mp_references", ProgressModel.COL_BEFORE) == "34"
    assert cell(page, "files_reviewed", ProgressModel.COL_TOTAL) == "7,385"
    rows_before = store.conn.execute("SELECT count(*) FROM progress_entry").fetchone()[0]

    focus(qtbot, page.table)
    assert page.table.currentIndex().column() == ProgressModel.COL_DAY
    type_keys(qtbot, "3")
    # As you type, before anything is saved: cumulative and %.
    assert cell(page, "mp_references", ProgressModel.COL_TOTAL) == "37"
    assert cell(page, "mp_references", ProgressModel.COL_PERCENT) == "109%"
    press(qtbot, Qt.Key.Key_Tab)  # to the remark
    type_keys(qtbot, "dak of 19th")
    press(qtbot, Qt.Key.Key_Tab)  # to the next indicator's figure
    type_keys(qtbot, "1")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "1")
    press(qtbot, Qt.Key.Key_Backspace)
    type_keys(qtbot, "12")
    assert cell(page, "imc_references", ProgressModel.COL_TOTAL) == "15"
    assert store.conn.execute("SELECT count(*) FROM progress_entry").fetchone()[0] == rows_before
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter saves the whole day

    saved = store.progress.for_day(cid, TODAY)
    assert {code: (e.value, e.remark) for code, e in saved.items()} == {
        "mp_references": (3, "dak of 19th"), "parliamentary_assurances": (1, ""), "imc_references": (12, "")}
    trail = [a for a in audit_rows(store, "progress_entry") if a.new and a.new["entry_date"] == "2026-11-20"]
    assert len(trail) == 3 and {a.action for a in trail} == {"insert"}
    assert all(a.clerk == "Ravi Patil" and a.new["entered_by"] == "Ravi Patil" for a in trail)
    assert not page.has_unsaved_changes()
    assert "Saved 3" in page.status_label.text()
    assert cell(page, "mp_references", ProgressModel.COL_DAY) == "3"


def test_negative_figure_shows_its_message_and_saves_nothing(qtbot, window):
    from desktop_app.ui.models.progress_model import ProgressModel
    from desktop_app.ui.pages.progress import ProgressPage

    page = window.show_page(ProgressPage)
    store = window.ctx.store
    audit_before = store.audit.count()
    focus(qtbot, page.table)
    type_keys(qtbot, "5")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "-2")
    assert cell(page, "parliamentary_assurances", ProgressModel.COL_CHECK) == "Cannot be negative."
    assert cell(page, "parliamentary_assurances", ProgressModel.COL_TOTAL) == "–"
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert store.progress.for_day(window.ctx.campaign.id, TODAY) == {}
    assert store.audit.count() == audit_before
    assert "nothing was saved" in page.status_label.text()
    assert page.has_unsaved_changes()
    # The clerk corrects it and saves.
    focus(qtbot, page.table)
    assert page.table.currentIndex().row() == page.model.row_of("parliamentary_assurances")
    type_keys(qtbot, "2")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert {c: e.value for c, e in store.progress.for_day(window.ctx.campaign.id, TODAY).items()} == {
        "mp_references": 5, "parliamentary_assurances": 2}


def test_derived_indicators_are_read_only_and_greyed(window):
    from desktop_app.ui.models.progress_model import ProgressModel
    from desktop_app.ui.pages.progress import ProgressPage

    page = window.show_page(ProgressPage)
    model = page.model
    row = model.row_of("scrap_revenue")
    assert not model.flags(model.index(row, ProgressModel.COL_DAY)) & Qt.ItemFlag.ItemIsEditable
    assert model.index(row, ProgressModel.COL_REMARK).data() == "From the scrap register"
    assert model.index(row, ProgressModel.COL_TOTAL).data().startswith("Rs. ")
    assert model.setData(model.index(row, ProgressModel.COL_DAY), "5") is False
    assert page.derived_note.isVisible()


def test_unsaved_figures_then_switching_page_asks(qtbot, window, monkeypatch):
    from desktop_app.ui.pages.progress import ProgressPage
    from desktop_app.ui.pages.targets import TargetsPage

    page = window.show_page(ProgressPage)
    focus(qtbot, page.table)
    type_keys(qtbot, "7")
    asked: list[str] = []

    def answer_with(button):
        def question(_parent, title, _text, *_a, **_k):
            asked.append(title)
            return button
        return question

    monkeypatch.setattr(QMessageBox, "question", answer_with(QMessageBox.StandardButton.Cancel))
    window.show_page(TargetsPage)
    assert asked == ["Unsaved changes"]
    assert window.stack.currentWidget() is page and page.has_unsaved_changes()

    monkeypatch.setattr(QMessageBox, "question", answer_with(QMessageBox.StandardButton.Discard))
    window.show_page(TargetsPage)
    assert window.stack.currentWidget() is window.page(TargetsPage)
    assert not page.has_unsaved_changes()
    assert window.ctx.store.progress.for_day(window.ctx.campaign.id, TODAY) == {}


def test_changing_the_date_with_unsaved_figures_asks(qtbot, window, monkeypatch):
    from desktop_app.ui.models.progress_model import ProgressModel
    from desktop_app.ui.pages.progress import ProgressPage

    page = window.show_page(ProgressPage)
    assert page.show_day(date(2026, 10, 5))  # a day of the demo's entries
    assert page.day == date(2026, 10, 5)
    saved_on_5th = cell(page, "files_reviewed", ProgressModel.COL_DAY)
    assert saved_on_5th not in ("", "–")
    focus(qtbot, page.table)
    type_keys(qtbot, "9")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: answers.pop(0))

    focus(qtbot, page.date_edit)
    press(qtbot, Qt.Key.Key_Up)  # Cancel: stay on the 5th with the figure typed
    assert page.day == date(2026, 10, 5) and page.date_edit.value() == date(2026, 10, 5)
    assert page.has_unsaved_changes()
    press(qtbot, Qt.Key.Key_Up)  # Save: saved, then the next day is shown
    assert page.day != date(2026, 10, 5)
    entries = window.ctx.store.progress.for_day(window.ctx.campaign.id, date(2026, 10, 5))
    assert entries["mp_references"].value == 9
    assert not page.has_unsaved_changes()


def test_escape_undoes_and_previous_day_button(qtbot, window):
    from desktop_app.ui.models.progress_model import ProgressModel
    from desktop_app.ui.pages.progress import ProgressPage

    page = window.show_page(ProgressPage)
    focus(qtbot, page.table)
    type_keys(qtbot, "4")
    press(qtbot, Qt.Key.Key_Escape)  # inside the editor: the cell goes back
    assert not page.has_unsaved_changes()
    type_keys(qtbot, "4")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Escape)  # leaves the remark editor
    press(qtbot, Qt.Key.Key_Escape)  # outside any editor: the whole day goes back
    assert not page.has_unsaved_changes()
    assert cell(page, "mp_references", ProgressModel.COL_DAY) == ""
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    assert page.day == date(2026, 11, 19)
    assert page.next_button.isEnabled()


def test_progress_model_passes_the_model_tester(qtmodeltester, window):
    from desktop_app.ui.pages.progress import ProgressPage

    page = window.show_page(ProgressPage)
    page.model.setData(page.model.index(1, 3), "12")
    qtmodeltester.check(page.model)
