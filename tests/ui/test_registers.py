"""The register pages (scrap, sites, events) driven like a clerk drives them: keyboard, Enter,
Esc, the table, the filters, photos; each write checked in the database and its audit trail."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from desktop_app.domain.choices import PhotoRole, ScrapCategory, SiteStatus
from desktop_app.domain.models import ScrapDisposal
from desktop_app.domain.numbers import format_rupees
from desktop_app.errors import NotFoundError
from tests.conftest import TODAY

CLERK = "Ravi Patil"  # the demo office's clerk


@pytest.fixture(autouse=True)
def register_pages_only(monkeypatch):
    """A window with the dashboard and the three registers only: these tests do not depend on
    the other pages (written in parallel) and build the window faster."""
    import desktop_app.ui.pages as pages
    from desktop_app.ui.pages.dashboard import DashboardPage
    from desktop_app.ui.pages.registers import EventsPage, ScrapPage, SitesPage

    monkeypatch.setattr(pages, "all_pages", lambda: [DashboardPage, ScrapPage, SitesPage, EventsPage])


@pytest.fixture
def clean_close(window):
    """A failed test may leave a form half-typed: discard it, or closing the window would wait
    on the "Discard changes?" question."""
    yield window
    for page in window.pages:
        if hasattr(page, "discard_changes"):
            page.discard_changes()


def show(window, qtbot, page_class):
    page = window.show_page(page_class)
    qtbot.waitUntil(lambda: page.isVisible() and page.model.rowCount() > 0)
    return page


@pytest.fixture
def scrap_page(clean_close, qtbot):
    from desktop_app.ui.pages.registers import ScrapPage

    return show(clean_close, qtbot, ScrapPage)


@pytest.fixture
def sites_page(clean_close, qtbot):
    from desktop_app.ui.pages.registers import SitesPage

    return show(clean_close, qtbot, SitesPage)


@pytest.fixture
def events_page(clean_close, qtbot):
    from desktop_app.ui.pages.registers import EventsPage

    return show(clean_close, qtbot, EventsPage)


def actions(store, table, row_id):
    return [(a.action, a.clerk) for a in store.audit.for_row(table, row_id)]


def type_text(qtbot, widget, text):
    """Type like a keyboard does; Devanagari goes through as text (QTest only maps ASCII to keys)."""
    from PySide6.QtTest import QTest

    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def press_ctrl(window, qtbot, key):
    window.activateWindow()
    qtbot.keyClick(window.focusWidget() or window, key, Qt.KeyboardModifier.ControlModifier)


# -- adding, validating, editing, deleting ------------------------------------------------------
def test_add_scrap_with_the_keyboard_saves_row_and_audit(window, qtbot, scrap_page):
    store = window.ctx.store
    before = store.scrap.count(window.ctx.campaign.id)
    press_ctrl(window, qtbot, Qt.Key.Key_N)
    form = scrap_page.form
    assert form.is_new
    assert form.date_edit.hasFocus()
    qtbot.keyClicks(form.item_edit, "Old wooden benches")
    form.category_combo.set_value(ScrapCategory.FURNITURE)
    type_text(qtbot, form.quantity_edit, "१२")  # Devanagari digits
    qtbot.keyClicks(form.buyer_edit, "M/s Shree Recyclers")
    qtbot.keyClicks(form.receipt_edit, "RO-PUN/SCR/2026/041")
    qtbot.keyClicks(form.revenue_edit, "6,91,389.50")
    qtbot.keyClicks(form.space_edit, "1,200")
    assert scrap_page.has_unsaved_changes()
    qtbot.keyClick(form.space_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # saves from any field

    assert store.scrap.count(window.ctx.campaign.id) == before + 1
    saved = next(r for r in store.scrap.list(window.ctx.campaign.id) if r.item == "Old wooden benches")
    assert saved.revenue_paise == 69_138_950
    assert saved.quantity == 12.0 and saved.quantity_unit == "nos"
    assert saved.space_freed_sqft == 1200
    assert saved.category is ScrapCategory.FURNITURE
    assert saved.disposal_date == TODAY
    assert ("insert", CLERK) in actions(store, "scrap_disposal", saved.id)
    # The table shows it, selected; the form is blank for the next record, the cursor in its
    # first field, and says what was saved and how to attach its photos.
    assert scrap_page.selected_id() == saved.id
    assert form.is_new and form.last_saved_id == saved.id
    assert form.date_edit.hasFocus()
    assert "Saved: Old wooden benches" in form.status_label.text()
    assert "Ctrl+Shift+P" in form.status_label.text()
    assert not scrap_page.has_unsaved_changes()


def test_validation_errors_show_next_to_their_fields_and_nothing_is_saved(window, qtbot, scrap_page):
    store = window.ctx.store
    before = store.scrap.count(window.ctx.campaign.id)
    scrap_page.new_record()
    form = scrap_page.form
    qtbot.keyClicks(form.space_edit, "12,34,5")
    form.revenue_edit.setFocus()
    qtbot.keyClicks(form.revenue_edit, "-5000")
    form.date_edit.set_value(TODAY + timedelta(days=5))  # in the campaign, but in the future
    qtbot.keyClick(form.revenue_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert store.scrap.count(window.ctx.campaign.id) == before
    shown = form.errors_shown()
    assert set(shown) == {"disposal_date", "item", "revenue_paise", "space_freed_sqft"}
    for name in shown:
        error = form.field(name).error
        assert error.isVisible() and error.text()
    assert shown["item"] == "This field is required."
    assert shown["revenue_paise"] == "Cannot be negative."
    assert "commas" in shown["space_freed_sqft"]
    assert "future" in shown["disposal_date"]
    # The error label sits right under its own editor.
    revenue = form.field("revenue_paise")
    assert revenue.error.parent() is revenue.editor.parent()
    assert form.general_error.isVisible()
    assert form.date_edit.hasFocus()  # the first field in error (date comes first)
    # Leaving the revenue field regrouped it, and its message stays.
    assert form.revenue_edit.text() == "-5,000"
    assert form.field("revenue_paise").error.isVisible()

    # Correcting a field clears its message; a valid form then saves.
    qtbot.keyClicks(form.item_edit, "Old coolers")
    assert not form.field("item").error.isVisible()
    form.date_edit.set_value(TODAY)
    form.revenue_edit.setText("500")
    form.space_edit.setText("12")
    qtbot.keyClick(form.item_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.scrap.count(window.ctx.campaign.id) == before + 1
    assert form.errors_shown() == {}


def test_edit_a_row_with_enter_and_save_audits_an_update(window, qtbot, scrap_page):
    store = window.ctx.store
    scrap_page.table.setFocus()
    scrap_page.table.selectRow(3)
    record_id = scrap_page.selected_id()
    qtbot.keyClick(scrap_page.table, Qt.Key.Key_Return)
    form = scrap_page.form
    assert form.record.id == record_id
    assert form.fields[0].focus_widgets[0].hasFocus()
    form.buyer_edit.clear()
    qtbot.keyClicks(form.buyer_edit, "M/s Sai Metal Works (revised)")
    form.revenue_edit.selectAll()
    qtbot.keyClicks(form.revenue_edit, "18.65 lakh")
    press_ctrl(window, qtbot, Qt.Key.Key_S)

    record = store.scrap.get(record_id)
    assert record.buyer == "M/s Sai Metal Works (revised)"
    assert record.revenue_paise == 186_500_000
    update = [a for a in store.audit.for_row("scrap_disposal", record_id) if a.action == "update"]
    assert update and update[-1].clerk == CLERK
    assert set(update[-1].changed_fields()) >= {"buyer", "revenue_paise"}
    assert scrap_page.selected_id() == record_id


def test_delete_asks_then_soft_deletes(window, qtbot, scrap_page, monkeypatch):
    store = window.ctx.store
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    scrap_page.table.selectRow(0)
    record_id = scrap_page.selected_id()
    rows = scrap_page.model.rowCount()
    qtbot.mouseClick(scrap_page.delete_button, Qt.MouseButton.LeftButton)

    assert asked == ["Delete this record? It stays in the audit trail."]
    assert scrap_page.model.rowCount() == rows - 1
    assert scrap_page.model.row_of(record_id) == -1
    with pytest.raises(NotFoundError):
        store.scrap.get(record_id)
    assert store.scrap.get(record_id, include_deleted=True).item  # still in the database
    assert ("delete", CLERK) in actions(store, "scrap_disposal", record_id)


def test_delete_refused_keeps_the_row(window, qtbot, scrap_page, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    scrap_page.table.selectRow(0)
    record_id = scrap_page.selected_id()
    qtbot.keyClick(scrap_page.table, Qt.Key.Key_Delete)
    assert window.ctx.store.scrap.get(record_id)


def test_escape_cancels_and_unsaved_changes_are_known(window, qtbot, scrap_page, monkeypatch):
    scrap_page.table.selectRow(1)
    scrap_page.edit_selected()
    form = scrap_page.form
    original = form.record
    assert not scrap_page.has_unsaved_changes()
    qtbot.keyClicks(form.remarks_edit, "Weighed at the gate")
    assert scrap_page.has_unsaved_changes()
    # Esc asks first; "Cancel" keeps the edit.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(form.remarks_edit, Qt.Key.Key_Escape)
    assert scrap_page.has_unsaved_changes()
    # Closing the window asks too, and Cancel keeps it open.
    assert not window.close()
    scrap_page.discard_changes()
    assert not scrap_page.has_unsaved_changes()
    assert form.remarks_edit.text() == original.remarks
    qtbot.keyClicks(form.item_edit, "x")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    qtbot.keyClick(form.item_edit, Qt.Key.Key_Escape)
    assert form.is_new and not scrap_page.has_unsaved_changes()
    assert window.ctx.store.scrap.get(original.id).item == original.item


def test_shift_enter_is_a_new_line_in_remarks(window, qtbot, scrap_page):
    scrap_page.table.selectRow(0)
    scrap_page.edit_selected()
    form = scrap_page.form
    form.remarks_edit.setFocus()
    qtbot.keyClicks(form.remarks_edit, "line one")
    qtbot.keyClick(form.remarks_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(form.remarks_edit, "line two")
    qtbot.keyClick(form.remarks_edit, Qt.Key.Key_Return)
    assert window.ctx.store.scrap.get(form.record.id).remarks.endswith("line one\nline two")


# -- finding rows ----------------------------------------------------------------------------
def test_ctrl_f_focuses_search_and_search_narrows_the_table(window, qtbot, scrap_page):
    store, cid = window.ctx.store, window.ctx.campaign.id
    press_ctrl(window, qtbot, Qt.Key.Key_F)
    assert scrap_page.search_edit.hasFocus()
    qtbot.keyClicks(scrap_page.search_edit, "almirah")
    expected = store.scrap.count(cid, search="almirah")
    assert 0 < expected < store.scrap.count(cid)
    qtbot.waitUntil(lambda: scrap_page.model.rowCount() == expected)
    assert all("almirah" in scrap_page.model.index(r, 1).data().lower() for r in range(expected))
    assert scrap_page.count_label.text().startswith(str(expected))
    scrap_page.clear_filters()
    assert scrap_page.model.rowCount() == store.scrap.count(cid)


def test_filter_sites_by_status(window, qtbot, sites_page):
    from desktop_app.ui.models.register_model import COL_SITE_STATUS

    combo = sites_page.filter_combo
    assert combo.itemText(0) == "All statuses"
    combo.setCurrentIndex(combo.findData(SiteStatus.COMPLETED.value))
    completed = window.ctx.store.sites.count(window.ctx.campaign.id, filters={"status": SiteStatus.COMPLETED})
    assert sites_page.model.rowCount() == completed == 14
    assert {sites_page.model.index(r, COL_SITE_STATUS).data() for r in range(completed)} == {"Completed"}
    combo.setCurrentIndex(combo.findData(SiteStatus.IDENTIFIED.value))
    assert sites_page.model.rowCount() == 2


def test_date_range_filter(window, qtbot, events_page):
    impl_start = date(2026, 10, 2)
    store, cid = window.ctx.store, window.ctx.campaign.id
    expected = store.events.count(cid, date_from=impl_start + timedelta(days=10),
                                  date_to=impl_start + timedelta(days=20))
    qtbot.keyClicks(events_page.from_edit, "1210202")  # not a date yet: no filter
    assert events_page.model.rowCount() == store.events.count(cid)
    qtbot.keyClicks(events_page.from_edit, "6")  # 12102026: from 12.10.2026
    qtbot.keyClicks(events_page.to_edit, "22.10.2026")
    qtbot.waitUntil(lambda: events_page.model.rowCount() == expected)
    assert 0 < expected < store.events.count(cid)
    events_page.to_edit.editingFinished.emit()
    assert events_page.to_edit.text() == "22.10.2026" and events_page.from_edit.text() == "12102026"


def test_clicking_the_revenue_header_sorts_by_revenue(window, qtbot, scrap_page):
    from desktop_app.ui.models.register_model import COL_REVENUE, RowIdRole

    header = scrap_page.table.horizontalHeader()
    store = window.ctx.store

    def revenues():
        model = scrap_page.model
        return [store.scrap.get(model.index(r, 0).data(RowIdRole)).revenue_paise
                for r in range(model.rowCount())]

    pos = QPoint(header.sectionViewportPosition(COL_REVENUE) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert scrap_page.model.sort_column == COL_REVENUE
    first = revenues()
    assert first == sorted(first, reverse=scrap_page.model.descending)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    second = revenues()
    assert second == sorted(second, reverse=scrap_page.model.descending)
    assert second != first
    assert scrap_page.model.index(0, COL_REVENUE).data().startswith("Rs. ")


# -- the item model ------------------------------------------------------------------------------
def test_register_models_pass_the_model_tester(window, qtbot, qtmodeltester):
    from desktop_app.ui.models.register_model import RegisterTableModel

    store, cid = window.ctx.store, window.ctx.campaign.id
    for repo in (store.scrap, store.sites, store.events):
        model = RegisterTableModel(repo, cid)
        model.reload()
        qtmodeltester.check(model, force_py=True)
        model.set_query(search="zzz-nothing")
        qtmodeltester.check(model, force_py=True)


def _bulk_scrap(campaign_id: str, n: int):
    start = date(2026, 10, 2)
    categories = list(ScrapCategory)
    for i in range(n):
        yield ScrapDisposal(campaign_id, start + timedelta(days=i % 45), f"Bulk item {i:06d}",
                            categories[i % len(categories)], float(i % 50 + 1), "kg",
                            revenue_paise=(i * 7919) % 5_000_000, space_freed_sqft=i % 300)


def test_a_register_of_100k_rows_opens_with_one_page(campaign, opened, qtbot, qtmodeltester):
    from desktop_app.ui.models.register_model import COL_REVENUE, PAGE_SIZE, RegisterTableModel

    store = opened.store
    assert store.scrap.add_many(_bulk_scrap(campaign.id, 100_000), validate=False) == 100_000
    model = RegisterTableModel(store.scrap, campaign.id, descending=True)
    model.reload()  # its time is measured by bench/startup.py; here: one page, not 100,000 rows
    assert model.rowCount() == PAGE_SIZE == 200
    assert model.total() == 100_000
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400
    model.sort(COL_REVENUE, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 200
    top = max((i * 7919) % 5_000_000 for i in range(100_000))
    assert model.index(0, COL_REVENUE).data() == format_rupees(top)
    model.set_query(filters={"category": ScrapCategory.PAPER.value})
    assert model.total() == store.scrap.count(campaign.id, filters={"category": "paper"})
    qtmodeltester.check(model, force_py=True)


# -- sites and events specifics --------------------------------------------------------------
def test_site_completed_date_only_with_completed_status(window, qtbot, sites_page):
    store = window.ctx.store
    sites_page.new_record()
    form = sites_page.form
    assert not form.completed_date_edit.isEnabled()
    qtbot.keyClicks(form.name_edit, "Old canteen store")
    qtbot.keyClicks(form.latitude_edit, "18.5308, 73.8475")  # pasted from a map
    form.latitude_edit.editingFinished.emit()
    assert form.longitude_edit.text() == "73.8475"
    form.status_combo.set_value(SiteStatus.COMPLETED)
    assert form.completed_date_edit.isEnabled()
    assert form.completed_date_edit.value() == TODAY  # a default shown when Completed is chosen
    form.completed_date_edit.set_value(TODAY - timedelta(days=2))
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    site = next(s for s in store.sites.list(window.ctx.campaign.id) if s.name == "Old canteen store")
    assert site.status is SiteStatus.COMPLETED and site.completed_date == TODAY - timedelta(days=2)
    assert (site.latitude, site.longitude) == (18.5308, 73.8475)
    sites_page.table.setFocus()
    sites_page.select_id(site.id)
    sites_page.edit_selected()
    form.status_combo.set_value(SiteStatus.IN_PROGRESS)
    assert not form.completed_date_edit.isEnabled()
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.sites.get(site.id).completed_date is None


def test_bad_latitude_shows_under_gps(window, qtbot, sites_page):
    sites_page.new_record()
    form = sites_page.form
    qtbot.keyClicks(form.name_edit, "Terrace store")
    qtbot.keyClicks(form.latitude_edit, "95")
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert form.errors_shown() == {"latitude": "Latitude must be between -90 and 90."}


def test_add_event_with_devanagari_participants(window, qtbot, events_page):
    store = window.ctx.store
    events_page.new_record()
    form = events_page.form
    type_text(qtbot, form.title_edit, "स्वच्छता शपथ")
    qtbot.keyClicks(form.venue_edit, "Main hall")
    type_text(qtbot, form.participants_edit, "३,६००")
    qtbot.keyClick(form.participants_edit, Qt.Key.Key_Return)  # to the description, the last field
    assert form.description_edit.hasFocus()
    qtbot.keyClick(form.description_edit, Qt.Key.Key_Return)  # Enter on the last field saves
    event = next(e for e in store.events.list(window.ctx.campaign.id) if e.title == "स्वच्छता शपथ")
    assert event.participants == 3600
    assert ("insert", CLERK) in actions(store, "event", event.id)


# -- photos ------------------------------------------------------------------------------------------
def _jpeg(path, colour):
    from PIL import Image

    Image.new("RGB", (64, 48), colour).save(path, "JPEG")
    return path


@pytest.fixture
def fake_attach(monkeypatch, tmp_path):
    """Stands in for desktop_app.photos.attach.attach_files: stores the file as-is and links it."""
    from desktop_app.storage.photos import PhotoRecord
    from desktop_app.ui.widgets import photo_strip

    calls = []

    def attach_files(store, folder, paths, kind, target_id, role, *, max_edge, progress, cancelled):
        calls.append((list(paths), kind, target_id, role, max_edge))
        attached, refused = [], []
        for i, path in enumerate(paths):
            progress(i, len(paths), str(path))
            data = Path(path).read_bytes()
            if not data.startswith(b"\xff\xd8"):
                refused.append((Path(path).name, "not a photo"))
                continue
            sha = hashlib.sha256(data).hexdigest()
            (folder.photos / "thumbs").mkdir(parents=True, exist_ok=True)
            (folder.photos / f"{sha}.jpg").write_bytes(data)
            (folder.photos / "thumbs" / f"{sha}.jpg").write_bytes(data)
            store.photos.add(PhotoRecord(sha, 64, 48, len(data), Path(path).name, len(data), "0" * 16))
            store.photos.link(sha, kind, target_id, role)
            attached.append(sha)
        return SimpleNamespace(attached=attached, refused=refused)

    monkeypatch.setattr(photo_strip, "attach_files", attach_files)
    return calls


def test_attaching_a_photo_shows_its_thumbnail(window, qtbot, scrap_page, fake_attach, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.informativeText()))
    scrap_page.table.selectRow(0)
    scrap_page.edit_selected()
    strip = scrap_page.form.photo_strip
    assert strip.count() == 0
    good = str(_jpeg(tmp_path / "almirah.jpg", "red"))
    bad = tmp_path / "notes.txt"
    bad.write_text("not a photo")
    strip.attach_paths([good, str(bad)])
    qtbot.waitUntil(lambda: strip.count() == 1 and strip.thumbnails_loaded(), timeout=5000)
    assert fake_attach[0][1:4] == ("scrap", scrap_page.form.record.id, PhotoRole.SCRAP)
    assert fake_attach[0][4] == window.ctx.settings.photo_max_edge
    icon = strip.list.item(0).icon()
    assert not icon.isNull() and not icon.pixmap(32, 32).isNull()
    assert "almirah.jpg" in strip.list.item(0).toolTip()
    assert shown and "notes.txt: not a photo" in shown[0]
    links = window.ctx.store.photos.links_for("scrap", scrap_page.form.record.id)
    assert [link.photo_sha256 for link in links] == strip.shas()

    # Detach (asks, soft): the strip empties, the link is gone, the photo file stays.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    strip.list.setCurrentRow(0)
    qtbot.keyClick(strip.list, Qt.Key.Key_Delete)
    assert strip.count() == 0
    assert window.ctx.store.photos.links_for("scrap", scrap_page.form.record.id) == []
    assert (window.ctx.folder.photos / f"{links[0].photo_sha256}.jpg").exists()


def test_attaching_through_the_real_core(window, qtbot, events_page, tmp_path, monkeypatch):
    from desktop_app.photos import attach
    from desktop_app.photos.synthetic import make_camera_jpeg
    from desktop_app.ui.widgets import photo_strip

    monkeypatch.setattr(photo_strip, "attach_files", attach.attach_files)
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.informativeText()))
    events_page.table.selectRow(0)
    events_page.edit_selected()
    strip = events_page.form.photo_strip
    photo = make_camera_jpeg(tmp_path / "IMG_0001.jpg", width=800, height=600, seed=7,
                             taken_at=datetime(2026, 10, 5, 11, 30))
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    strip.attach_paths([str(photo), str(empty)])
    qtbot.waitUntil(lambda: strip.count() == 1 and strip.thumbnails_loaded(), timeout=10_000)
    sha = strip.shas()[0]
    assert (window.ctx.folder.photos / "thumbs" / f"{sha}.jpg").exists()
    assert not strip.list.item(0).icon().isNull()
    assert "IMG_0001.jpg" in strip.list.item(0).toolTip()
    assert shown and "empty.jpg" in shown[0]
    # Open: the full photo in a dialog, scaled to fit.
    from desktop_app.ui.widgets.photo_strip import PhotoViewer

    strip.open_item(strip.list.item(0))
    viewer = strip.findChild(PhotoViewer)
    qtbot.waitUntil(viewer.isVisible)
    assert not viewer.image_label.pixmap().isNull()
    assert viewer.image_label.pixmap().width() <= viewer.image_label.width()
    viewer.close()


def test_sites_have_before_and_after_strips(window, qtbot, sites_page, fake_attach, tmp_path):
    sites_page.table.selectRow(0)
    sites_page.edit_selected()
    form = sites_page.form
    assert form.before_strip.role is PhotoRole.BEFORE and form.after_strip.role is PhotoRole.AFTER
    assert form.before_strip.geometry().top() == form.after_strip.geometry().top()  # side by side
    form.after_strip.attach_paths([str(_jpeg(tmp_path / "after.jpg", "green"))])
    qtbot.waitUntil(lambda: form.after_strip.count() == 1, timeout=5000)
    assert form.before_strip.count() == 0


def test_new_record_cannot_take_photos_until_saved(window, qtbot, events_page):
    events_page.new_record()
    strip = events_page.form.photo_strip
    assert not strip.attach_button.isEnabled()
    assert strip.hint_label.text() == "Ctrl+Shift+P saves the record and attaches photos to it."


# -- keyboard hygiene --------------------------------------------------------------------------------
@pytest.mark.parametrize("page_name", ["ScrapPage", "SitesPage", "EventsPage"])
def test_mnemonics_are_unique_on_each_page(window, qtbot, page_name):
    import desktop_app.ui.pages.registers as registers

    page = window.show_page(getattr(registers, page_name))
    texts = [w.text() for w in page.findChildren(QLabel) + page.findChildren(QPushButton) if "&" in w.text()]
    keys = [t[t.index("&") + 1].lower() for t in texts]
    menu_keys = {"f", "e", "g", "h"}  # File, Edit, Go, Help
    assert len(keys) == len(set(keys)), texts
    assert not set(keys) & menu_keys, texts
    for form_field in page.form.fields:
        assert "&" in form_field.label.text() and form_field.label.buddy() is form_field.editor


def test_tab_goes_through_the_form_in_order(window, qtbot, scrap_page):
    form = scrap_page.form
    scrap_page.new_record()
    order = [form.date_edit, form.item_edit, form.category_combo, form.quantity_edit, form.unit_combo,
             form.mode_combo, form.buyer_edit, form.receipt_edit, form.revenue_edit, form.space_edit,
             form.remarks_edit, form.save_button, form.cancel_button]

    def focused():
        widget = QApplication.focusWidget()
        return next((w for w in order if w is widget or w.isAncestorOf(widget)), widget)

    assert focused() is form.date_edit
    for following in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert focused() is following
    # And from the filters, Tab reaches the table.
    scrap_page.focus_search()
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is scrap_page.table


def test_enter_goes_field_by_field_and_saves_on_the_last(window, qtbot, scrap_page, monkeypatch):
    """Heads-down entry: Enter moves to the next field, the last one saves; Ctrl+Enter saves anywhere."""
    form = scrap_page.form
    scrap_page.new_record()
    calls = []
    monkeypatch.setattr(form, "save", lambda **_k: calls.append(QApplication.focusWidget()) or True)
    order = [form.date_edit, form.item_edit, form.category_combo, form.quantity_edit, form.unit_combo,
             form.mode_combo, form.buyer_edit, form.receipt_edit, form.revenue_edit, form.space_edit,
             form.remarks_edit]
    assert form.date_edit.hasFocus()
    for following in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        assert following.hasFocus() or following.isAncestorOf(QApplication.focusWidget())
    assert calls == []
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # on the last field: save
    assert calls == [form.remarks_edit]
    for editor in order:
        editor.setFocus()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(calls) == 1 + len(order)
    # A focused button is pressed by Enter instead (Cancel must not save).
    form.cancel_button.setFocus()
    qtbot.keyClick(form.cancel_button, Qt.Key.Key_Return)
    assert len(calls) == 1 + len(order)


def test_dropping_image_files_on_a_strip_attaches_them(window, qtbot, events_page, fake_attach, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    events_page.table.selectRow(0)
    events_page.edit_selected()
    strip = events_page.form.photo_strip
    photo = _jpeg(tmp_path / "pledge.jpg", "blue")
    text = tmp_path / "minutes.txt"
    text.write_text("minutes")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo)), QUrl.fromLocalFile(str(text))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    strip.list.dragEnterEvent(enter)
    assert enter.isAccepted()
    strip.list.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                    Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: strip.count() == 1, timeout=5000)
    assert fake_attach[0][0] == [str(photo)]  # only the image file is sent
    only_text = QMimeData()
    only_text.setUrls([QUrl.fromLocalFile(str(text))])
    refused = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, only_text, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    strip.list.dragEnterEvent(refused)
    assert not refused.isAccepted()
