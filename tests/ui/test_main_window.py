"""The main window: pages are built the first time they are shown; shortcuts switch pages."""

from PySide6.QtCore import Qt


def test_pages_build_lazily_and_ctrl_digit_switches_page(qtbot, window):
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    assert len(window.pages) == 1  # only the dashboard so far
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.nav.currentRow() == 3
    assert len(window.pages) == 2 and window.stack.currentWidget() is window.pages[-1]


def test_background_upload_builds_the_export_page_only_when_a_remote_is_set(qtbot, window, monkeypatch):
    from desktop_app.ui.pages.export import ExportPage
    from desktop_app.ui.upload_panel import UploadPanel

    window._start_background_upload()
    assert not any(isinstance(p, ExportPage) for p in window.pages)  # no address: nothing to do
    tries = []
    monkeypatch.setattr(UploadPanel, "try_again_quietly", lambda self: tries.append(self))
    window.ctx.settings.remote_url = "https://hq.example.gov.in"
    window._start_background_upload()
    assert any(isinstance(p, ExportPage) for p in window.pages) and len(tries) == 1
    assert window.stack.currentIndex() == 0  # built in the background, the clerk stays put
