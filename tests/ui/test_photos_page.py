"""The Photos page: gallery, filter, caption editing (audited), data-quality warnings."""

import pytest

from desktop_app.domain.choices import PhotoRole


@pytest.fixture
def photos_window(qtbot, tmp_path, monkeypatch):
    import desktop_app.ui.pages as pages
    from desktop_app.demo import add_demo_photos, populate
    from desktop_app.storage.store import open_folder
    from desktop_app.ui.app import create_app
    from desktop_app.ui.pages.dashboard import DashboardPage
    from desktop_app.ui.pages.photos import PhotosPage
    from tests.conftest import TODAY

    monkeypatch.setattr(pages, "all_pages", lambda: [DashboardPage, PhotosPage])
    home = tmp_path / "demo"
    with open_folder(home, today=lambda: TODAY) as opened:
        populate(opened)
        add_demo_photos(opened, size=(320, 240))
    _app, win, opened = create_app(home, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    yield win
    opened.close()


def test_gallery_lists_every_linked_photo_and_filters(photos_window, qtbot):
    from desktop_app.ui.pages.photos import PhotosPage

    page = photos_window.show_page(PhotosPage)
    store = photos_window.ctx.store
    links = store.photos.links_of_campaign(photos_window.ctx.campaign.id)
    assert page.model.rowCount() == len(links) == 48
    assert not page.model.data(page.model.index(0), 1).isNull()  # DecorationRole: a thumbnail
    page.kind_combo.setCurrentIndex(2)  # events
    assert page.model.rowCount() == 10
    assert all(page.model.item(r).link.role is PhotoRole.EVENT for r in range(10))


def test_caption_is_saved_with_keyboard_and_audited(photos_window, qtbot):
    from PySide6.QtCore import Qt

    from desktop_app.ui.pages.photos import PhotosPage

    page = photos_window.show_page(PhotosPage)
    page.gallery.setCurrentIndex(page.model.index(0))
    sha = page.model.item(0).photo.sha256
    page.caption_edit.clear()
    # QTest can only type ASCII keys; Hindi arrives through the input method, i.e. as inserted text
    page.caption_edit.insert("रिकॉर्ड रूम — ")
    qtbot.keyClicks(page.caption_edit, "before cleaning")
    assert page.has_unsaved_changes()
    qtbot.keyClick(page.caption_edit, Qt.Key.Key_Return)
    store = photos_window.ctx.store
    assert store.photos.get(sha).caption == "रिकॉर्ड रूम — before cleaning"
    assert store.audit.for_row("photo", sha)[-1].new["caption"] == "रिकॉर्ड रूम — before cleaning"
    assert not page.has_unsaved_changes()


def test_too_long_caption_shows_message_and_saves_nothing(photos_window, qtbot):
    from desktop_app.ui.pages.photos import PhotosPage

    page = photos_window.show_page(PhotosPage)
    page.gallery.setCurrentIndex(page.model.index(1))
    sha = page.model.item(1).photo.sha256
    page.caption_edit.setText("x" * 600)
    page.save()
    assert page.caption_error.isVisibleTo(page) and "Too long" in page.caption_error.text()
    assert photos_window.ctx.store.photos.get(sha).caption == ""


def test_warning_for_a_photo_reused_at_two_sites(photos_window, qtbot):
    from desktop_app.ui.pages.photos import PhotosPage

    store = photos_window.ctx.store
    campaign = photos_window.ctx.campaign
    sites = store.sites.list(campaign.id)
    used = store.photos.links_for("site", sites[0].id)[0].photo_sha256
    store.photos.link(used, "site", sites[-1].id, PhotoRole.BEFORE)
    page = photos_window.show_page(PhotosPage)
    page.refresh()
    texts = [page.warnings.item(i).text() for i in range(page.warnings.count())]
    assert any("two sites" in t for t in texts)
