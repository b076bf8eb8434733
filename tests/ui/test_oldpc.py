"""Old office PCs in the window: a wrong clock shows a banner at start and is asked about
before an export; a full disk ends the export's and the backup's progress with one line."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app import clock, diskspace
from desktop_app.domain.i18n import plural
from desktop_app.domain.models import ScrapDisposal
from desktop_app.ui import file_dialogs

REAL_QUESTION = QMessageBox.question  # before tests/ui/conftest.py answers every box itself
T0 = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # when the demo office saved its work


def local(moment: datetime, fmt: str = "%d.%m.%Y %H:%M") -> str:
    return moment.astimezone().strftime(fmt)


@pytest.fixture(scope="module")
def saved_office(tmp_path_factory):
    """The demo office with its key and small photos, saved at T0 by the app's clock."""
    from desktop_app.demo import add_demo_photos, populate
    from desktop_app.keys.office_key import create_office_key
    from desktop_app.storage.store import open_folder

    home = tmp_path_factory.mktemp("office") / "demo"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "now", lambda: T0)
        with open_folder(home) as opened:
            populate(opened)
            create_office_key(opened)
            add_demo_photos(opened, size=(320, 240))
    return home


@pytest.fixture
def start(qtbot, saved_office, tmp_path, pc_clock):
    """``start(at)``: the app started on a copy of the office with the PC's clock at *at*."""
    opened_folders = []

    def run(at: datetime, language: str = "en"):
        from desktop_app.settings import Settings
        from desktop_app.ui.app import create_app

        home = tmp_path / f"office-{len(opened_folders)}"
        shutil.copytree(saved_office, home, ignore=shutil.ignore_patterns(".fielddesk.lock"))
        settings = Settings.load(home / "settings.json")
        settings.language = language
        settings.save(home / "settings.json")
        pc_clock.at = at
        _app, win, opened = create_app(home)
        opened_folders.append((win, opened))
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        qtbot.waitUntil(lambda: win.shortcuts_ready)  # the clock is checked right after the first paint
        return win
    yield run
    from desktop_app.ui import i18n
    from desktop_app.ui.app import qt_app

    for win, opened in opened_folders:
        win.close()
        opened.close()
    i18n.set_language(qt_app(), "en")


def rows(win) -> list:
    conn = win.ctx.store.conn
    return [conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in ("progress_entry", "scrap_disposal", "event", "cleanliness_site", "target", "photo_link")]


# --- a wrong clock ------------------------------------------------------------------------------


def test_a_plausible_clock_shows_no_banner(start):
    win = start(T0 + timedelta(days=1))
    assert win.ctx.clock_warning is None and not win.clock_banner.isVisible()


def test_a_clock_three_hours_behind_shows_the_banner_at_start_and_changes_nothing(start, saved_office):
    win = start(T0 - timedelta(hours=3))
    assert win.clock_banner.isVisible()
    assert win.clock_banner.text() == (
        f"The PC's clock says {local(T0 - timedelta(hours=3))}, but this office saved an entry on "
        f"{local(T0)}: check the date and time before entering today's work.")
    assert win.clock_banner.geometry().top() < win.stack.geometry().top()  # above the page
    assert win.clock_banner.height() < 80  # a line (two at most), not a dialog
    from desktop_app.storage.database import connect_raw

    original = connect_raw(saved_office / "fielddesk.db")
    try:
        expected = [original.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
                    for t in ("progress_entry", "scrap_disposal", "event", "cleanliness_site", "target",
                              "photo_link")]
    finally:
        original.close()
    assert rows(win) == expected  # warned, no date changed


def test_a_clock_years_behind_shows_the_banner_in_hindi(start):
    win = start(T0 - timedelta(days=3 * 365), language="hi")
    text = win.clock_banner.text()
    assert win.clock_banner.isVisible() and "कंप्यूटर की घड़ी" in text
    assert local(T0 - timedelta(days=3 * 365), "%d.%m.%Y") in text and local(T0, "%d.%m.%Y") in text


def test_the_export_page_checks_the_clock_again_when_shown(start, pc_clock):
    """A clerk who sets the clock right (or whose clock jumps back) while the app is open."""
    from desktop_app.ui.pages.export import ExportPage

    win = start(T0 - timedelta(hours=5))
    assert win.clock_banner.isVisible()
    pc_clock.at = T0 + timedelta(minutes=10)  # put right
    win.show_page(ExportPage)
    assert not win.clock_banner.isVisible()


def test_last_weeks_work_entered_today_shows_no_banner(start, pc_clock):
    win = start(T0 + timedelta(hours=1))
    cid = win.ctx.campaign.id
    win.ctx.store.scrap.add(ScrapDisposal(cid, date(2026, 11, 13), "Old almirah"))  # a week ago
    win.ctx.changed("scrap_disposal")
    pc_clock.at = T0 + timedelta(hours=1, minutes=2)
    win.ctx.check_clock()
    assert not win.clock_banner.isVisible()


def test_before_an_export_the_page_warns_and_asks_and_no_stops_it(start, qtbot, monkeypatch):
    from desktop_app.ui.pages.export import ExportPage

    win = start(T0 - timedelta(days=3 * 365))
    page = win.show_page(ExportPage)
    assert win.clock_banner.isVisible() and win.clock_banner.text().startswith(
        f"The PC's clock says {local(T0 - timedelta(days=3 * 365), '%d.%m.%Y')}, but this office saved")
    asked = []

    def no(_parent, _title, text, buttons, default):
        asked.append((text, default))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", no)
    qtbot.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # File > Export bundle
    assert asked and asked[0][0].startswith(win.clock_banner.text())
    assert "The bundle will be dated by this clock. Export anyway?" in asked[0][0]
    assert asked[0][1] == QMessageBox.StandardButton.No  # Enter does not export
    assert page.result_label.text() == "Not exported: set the PC's date and time first."
    assert page.task is None and win.ctx.store.exports.history() == []


def test_yes_exports_dated_by_the_clock_as_it_is(start, qtbot, ui_dialogs):
    from desktop_app.ui.pages.export import ExportPage

    win = start(T0 - timedelta(hours=3))
    page = win.show_page(ExportPage)
    page.start_export()  # the ui_dialogs fixture answers Yes
    assert any(kind == "question" and "Export anyway?" in text for kind, text in ui_dialogs)
    qtbot.waitUntil(lambda: bool(page.last_results), timeout=60_000)
    with zipfile.ZipFile(page.last_results[0].path) as zf:
        assert json.loads(zf.read("manifest.json"))["created_at"] == clock.iso(T0 - timedelta(hours=3))


def test_a_right_clock_exports_without_asking(start, qtbot, ui_dialogs):
    from desktop_app.ui.pages.export import ExportPage

    win = start(T0 + timedelta(days=1))
    page = win.show_page(ExportPage)
    assert not win.clock_banner.isVisible()
    page.start_export()
    qtbot.waitUntil(lambda: bool(page.last_results), timeout=60_000)
    assert not [kind for kind, _text in ui_dialogs if kind == "question"]


def test_a_wrong_clock_is_read_and_answered_from_the_keyboard_in_hindi(start, qtbot, monkeypatch):
    """Keys only, in Hindi: the question before Export (Enter keeps the safe No, Y exports), then
    Upload now by its Latin access key, whose report says how far off the clock is."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.pages.export import ExportPage
    from desktop_app.upload import runner
    from desktop_app.upload.hq_time import clock_note
    from desktop_app.upload.send_report import SendReport
    from tests.ui.keyboard import alt, ctrl, key, run, until
    from tests.ui.widget_texts import mnemonic

    def sent(*_a, **_k):
        report = SendReport(left=1, offline=True, clock=clock_note(3 * 3600))
        report.parts = [plural("{n} bundle still queued", "{n} bundles still queued", 1)]
        return report

    monkeypatch.setattr(QMessageBox, "question", REAL_QUESTION)
    monkeypatch.setattr(runner, "send_outbox", sent)  # the panel imports it in its worker
    win = start(T0 - timedelta(days=3 * 365), language="hi")
    win.ctx.settings.remote_url = "https://hq.example.gov.in/files/"
    asked: list[tuple[str, list[str]]] = []

    def question() -> bool:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and not asked:
            asked.append((box.text(), [b.text() for b in box.buttons()]))
        return isinstance(box, QMessageBox)

    def scenario():
        yield ctrl(Qt.Key.Key_8)  # Export, the cursor on its button
        yield until(lambda: isinstance(win.stack.currentWidget(), ExportPage), "the Export page")
        page = win.stack.currentWidget()
        yield key(Qt.Key.Key_Return)  # Export
        yield until(question, "the question about the clock")
        yield key(Qt.Key.Key_Return)  # the default: No
        yield until(lambda: not question() and "निर्यात नहीं हुआ" in page.result_label.text(), "not exported")
        yield ctrl(Qt.Key.Key_E)
        yield until(question, "the question again")
        yield alt(Qt.Key.Key_Y)  # हाँ (&Y)
        yield until(lambda: bool(page.last_results), "the export", 60)
        yield alt(Qt.Key.Key_U)  # अभी अपलोड करें (&U)
        yield until(lambda: "घड़ी" in page.upload_panel.message_label.text(), "the upload's report")

    run(qtbot, scenario())
    text, buttons = asked[0]
    assert text.startswith(win.clock_banner.text()) and "फिर भी निर्यात करें?" in text
    assert sorted(mnemonic(b) for b in buttons) == ["N", "Y"] and all("(&" in b for b in buttons)  # हाँ (&Y)
    assert len(win.ctx.store.exports.history()) == 1
    first, second = win.stack.currentWidget().upload_panel.message_label.text().split("\n")
    assert first == "1 बंडल अभी कतार में है"
    assert second.startswith("इस पीसी की घड़ी मुख्यालय के समय से 3 घंटे पीछे है")


# --- a full disk --------------------------------------------------------------------------------


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_export_with_no_room_ends_with_one_line_not_a_bug_report(start, qtbot, ui_dialogs, monkeypatch):
    from desktop_app.ui.pages.export import ExportPage

    win = start(T0 + timedelta(days=1))
    page = win.show_page(ExportPage)
    monkeypatch.setattr(diskspace, "free_bytes", lambda folder: 200_000)
    page.start_export()
    qtbot.waitUntil(lambda: page.export_button.isEnabled() and "disk" in page.result_label.text(),
                    timeout=60_000)
    text = page.result_label.text()
    assert text.startswith("The disk is full: the export needs ") and "but only 200.0 KB is free." in text
    assert ("warning", f"Export: {text}") in ui_dialogs and "Sorry" not in text
    assert leftovers(win.ctx.folder.exports) == [] and not (win.ctx.folder.logs / "errors.log").exists()


def test_export_meeting_a_full_disk_leaves_nothing_and_the_next_one_works(start, qtbot, ui_dialogs,
                                                                         full_disk):
    from desktop_app.ui.pages.export import ExportPage

    win = start(T0 + timedelta(days=1), language="hi")
    page = win.show_page(ExportPage)
    disk = full_disk(win.ctx.folder.exports, capacity=100_000)
    page.start_export()
    qtbot.waitUntil(lambda: page.export_button.isEnabled() and "डिस्क" in page.result_label.text(),
                    timeout=60_000)
    assert disk.refused >= 1
    assert page.result_label.text().startswith("डिस्क भरी हुई है या खराब हो रही है: कुछ भी सहेजा नहीं गया।")
    assert leftovers(win.ctx.folder.exports) == [] and win.ctx.store.exports.history() == []
    disk.capacity = 10**12  # space freed
    page.start_export()
    qtbot.waitUntil(lambda: bool(page.last_results), timeout=60_000)
    assert [r.seq for r in page.last_results] == [1]


def test_backup_on_a_full_disk_says_so_in_one_line(start, qtbot, tmp_path, monkeypatch, full_disk):
    from desktop_app.ui.pages.settings import SettingsPage

    win = start(T0 + timedelta(days=1))
    page = win.show_page(SettingsPage)
    out = tmp_path / "pen-drive" / "office-backup.zip"
    out.parent.mkdir()
    monkeypatch.setattr(file_dialogs, "save_file", lambda *_a, **_k: str(out))
    real_probe = diskspace.free_bytes
    monkeypatch.setattr(diskspace, "free_bytes", lambda folder: 1_000_000)
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.backup_button.isEnabled() and "disk" in page.backup_status.text(),
                    timeout=20_000)
    assert page.backup_status.text().startswith("The disk is full: the backup needs ")
    assert "but only 1.0 MB is free." in page.backup_status.text()
    monkeypatch.setattr(diskspace, "free_bytes", real_probe)
    disk = full_disk(out.parent, capacity=50_000)  # room by the probe, none in fact
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.backup_button.isEnabled() and "failing" in page.backup_status.text(),
                    timeout=20_000)
    assert disk.refused >= 1 and leftovers(out.parent) == []
    assert page.backup_status.text().startswith("The disk is full or failing: nothing was saved.")
