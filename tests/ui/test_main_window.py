"""The main window: pages are built the first time they are shown; shortcuts switch pages."""

from PySide6.QtCore import Qt


def test_pages_build_lazily_and_ctrl_digit_switches_page(qtbot, window):
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    assert len(window.pages) == 1  # only the dashboard so far
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.nav.currentRow() == 3
    assert len(window.pages) == 2 and window.stack.currentWidget() is window.pages[-1]
