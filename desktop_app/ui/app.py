"""Starting the desktop app: Qt application, fonts, language, data folder, first-run wizard,
main window. ``create_app(..., exec_=False)`` returns the window without entering the event
loop, so tests and ``--smoke-test`` drive exactly the code a clerk runs.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import STARTED_AT as _T0  # noqa: E402
from desktop_app.errorlog import log_error
from desktop_app.errors import FieldDeskError
from desktop_app.paths import DataFolder, resolve_home
from desktop_app.resources import asset_path
from desktop_app.settings import Settings
from desktop_app.ui import i18n


class _FirstPaint(QObject):
    """Calls back once, the first time the watched widget paints."""

    def __init__(self, widget, callback):
        super().__init__(widget)
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.callback is not None:
            callback, self.callback = self.callback, None
            QTimer.singleShot(0, callback)
        return False


def qt_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("FieldDesk")
    app.setOrganizationName("FieldDesk")
    app.setWindowIcon(QIcon(str(asset_path("icons", "fielddesk.png"))))
    i18n.apply_font(app)
    return app


def install_excepthook(folder: DataFolder) -> None:
    """Unexpected errors: logged to the data folder, a short apology, never a silent crash."""

    def hook(exc_type, exc, tb):
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log_error(folder.logs, text)
        sys.__stderr__.write(text)
        if isinstance(exc, FieldDeskError):
            QMessageBox.warning(None, "FieldDesk", str(exc))
        elif QApplication.instance() is not None:
            QMessageBox.critical(
                None, QApplication.translate("App", "FieldDesk"),
                QApplication.translate("App", "Sorry, something went wrong. Your saved work is safe.\n"
                                              "The details are in %1.").replace("%1", str(folder.logs / "errors.log")))

    sys.excepthook = hook


def create_app(home: Path, *, exec_: bool = False, today=None):
    """Build the app on ``home``; returns (app, window or wizard, opened folder or None)."""
    from desktop_app.storage.store import open_folder

    folder = DataFolder(home)
    settings = Settings.load(folder.settings)
    app = qt_app()
    i18n.set_language(app, settings.language)
    kwargs = {"today": today} if today else {}
    opened = open_folder(home, **kwargs)
    install_excepthook(opened.folder)
    if not opened.store.office.exists():
        from desktop_app.ui.wizard import FirstRunWizard

        wizard = FirstRunWizard(opened)
        return app, wizard, opened
    return app, main_window(opened), opened


def main_window(opened):
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow

    ctx = AppContext(opened)
    window = MainWindow(ctx)
    return window


def check_display() -> None:
    """On Linux with no display Qt aborts the process with a misleading plugin message;
    say what is wrong in one line instead."""
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        raise FieldDeskError("no display to open the window on: run FieldDesk in a desktop session "
                             "(or set QT_QPA_PLATFORM=offscreen for --smoke-test)")


def run(args) -> int:
    check_display()
    home = resolve_home(args.home)
    try:
        app, window, opened = create_app(home)
    except FieldDeskError as exc:
        if args.smoke_test:
            raise
        app = qt_app()
        QMessageBox.critical(None, "FieldDesk", str(exc))
        return 1
    try:
        if args.smoke_test:
            return _smoke(app, window)
        if window.__class__.__name__ == "FirstRunWizard":
            if not window.exec():
                return 0
            window = main_window(opened)
        window.show()
        return app.exec()
    finally:
        opened.close()


def _smoke(app: QApplication, window) -> int:
    """Show the window, wait for the first page to paint, print the start-up ms, quit."""
    if window.__class__.__name__ == "FirstRunWizard":
        raise FieldDeskError("--smoke-test needs a data folder with an office (try `fielddesk demo --no-open`)")

    def painted() -> None:
        print(f"start-up: {(time.perf_counter() - _T0) * 1000:.0f} ms", flush=True)
        app.quit()
    _FirstPaint(window.stack.currentWidget(), painted)
    QTimer.singleShot(30_000, lambda: (print("smoke test: the first page never painted", file=sys.stderr),
                                       app.exit(1)))
    window.show()
    return app.exec()
