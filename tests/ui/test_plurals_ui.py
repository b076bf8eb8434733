"""Counts in the GUI: Qt's numerus forms in Hindi, the English rule in English — on the
upload panel's report line and the Export page, through the one helper ``plural()``."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop_app.domain.i18n import plural
from desktop_app.ui import i18n
from desktop_app.upload.hq_time import clock_note
from desktop_app.upload.send_report import SendReport

QUEUED = ("{n} bundle still queued", "{n} bundles still queued")


def test_one_and_many_in_both_languages(qapp):
    assert i18n.message_text(plural(*QUEUED, 1)) == "1 bundle still queued"
    assert i18n.message_text(plural(*QUEUED, 3)) == "3 bundles still queued"
    i18n.set_language(qapp, "hi")
    try:
        assert i18n.message_text(plural(*QUEUED, 1)) == "1 बंडल अभी कतार में है"
        assert i18n.message_text(plural(*QUEUED, 3)) == "3 बंडल अभी कतार में हैं"
        assert i18n.message_text(plural("{n} daily entry", "{n} daily entries", 1)) == "1 दैनिक प्रविष्टि"
        assert i18n.message_text(plural("{n} daily entry", "{n} daily entries", 12)) == "12 दैनिक प्रविष्टियाँ"
    finally:
        i18n.set_language(qapp, "en")


def test_the_upload_panel_says_the_report_and_the_clock_in_hindi(qtbot, window):
    from desktop_app.ui.pages.export import ExportPage

    panel = window.show_page(ExportPage).upload_panel
    report = SendReport(left=1, offline=True, clock=clock_note(3 * 3600))
    report.parts = [plural("headquarters cannot be reached now (no network?): {n} bundle stays "
                           "queued and goes next time",
                           "headquarters cannot be reached now (no network?): {n} bundles stay "
                           "queued and go next time", 1)]
    panel._sent(report)
    assert panel.message_label.text() == (
        "headquarters cannot be reached now (no network?): 1 bundle stays queued and goes next "
        "time\nThis PC's clock is 3 hours behind headquarters' time; uploads still work. Set the "
        "PC's date and time when you can.")
    i18n.set_language(QApplication.instance(), "hi")
    try:
        qtbot.waitUntil(lambda: panel.title() == "मुख्यालय को अपलोड")  # it follows the language too
        panel._sent(report)
        first, second = panel.message_label.text().split("\n")
        assert first.endswith("1 बंडल कतार में रहता है और अगली बार जाएगा")
        assert second.startswith("इस पीसी की घड़ी मुख्यालय के समय से 3 घंटे पीछे है")
    finally:
        i18n.set_language(QApplication.instance(), "en")


def test_the_export_page_counts_each_kind_of_record(qtbot, window, monkeypatch):
    from types import SimpleNamespace

    from desktop_app.ui.pages import export
    from desktop_app.ui.pages.export import ExportPage

    def counted(n):
        kinds = ("target", "progress_entry", "scrap_disposal", "cleanliness_site", "event")
        return lambda *a, **k: SimpleNamespace(counts=dict.fromkeys(kinds, n), next_seq=2,
                                               new_photos=n, sent_photos=0, estimated_bytes=0)

    page = window.show_page(ExportPage)
    monkeypatch.setattr(export, "preview_export", counted(1))
    page.refresh()
    assert page.carry_label.text().startswith(
        "Bundle no. 2: 1 target, 1 daily entry, 1 scrap disposal, 1 site, 1 event; "
        "1 new photo (0 sent earlier).")
    monkeypatch.setattr(export, "preview_export", counted(2))
    page.refresh()
    assert "2 daily entries, 2 scrap disposals, 2 sites, 2 events; 2 new photos" in page.carry_label.text()
    i18n.set_language(QApplication.instance(), "hi")
    try:
        page.refresh()
        assert "2 दैनिक प्रविष्टियाँ" in page.carry_label.text()
        monkeypatch.setattr(export, "preview_export", counted(1))
        page.refresh()
        assert page.carry_label.text().startswith("बंडल सं. 2: 1 लक्ष्य, 1 दैनिक प्रविष्टि,")
    finally:
        i18n.set_language(QApplication.instance(), "en")
