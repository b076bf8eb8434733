"""Starting the desktop app: Qt application, fonts, language, data folder, first-run wizard,
main window. ``create_app(..., exec_=False)`` returns the window without entering the event
loop, so tests and ``--smoke-test`` drive exactly the code a clerk runs.

This module is on the path to the first paint: what only a first run, an error or the time
after the first paint needs is imported where it is used (docs/decisions/0004).
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app import STARTED_AT as _T0  # noqa: E402
from desktop_app.errorlog import log_error
from desktop_app.errors import FieldDeskError
from desktop_app.paths import DataFolder, resolve_home
from desktop_app.resources import asset_path
from desktop_app.settings import Settings
from desktop_app.storage.store import OpenFolder, open_folder
from desktop_app.ui import i18n
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.single_instance import Listener, hand_over

# If the window never paints (started minimised), the lock is taken this long after showing.
LOCK_FALLBACK_MS = 500


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


def qt_app(argv: list[str] | None = None, *, icon: bool = True) -> QApplication:
    """The QApplication with FieldDesk's name and fonts; ``icon=False`` leaves the window
    icon for ``set_app_icon`` after the first paint (decoding it is ~4 ms of start-up)."""
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("FieldDesk")
    app.setOrganizationName("FieldDesk")
    i18n.apply_font(app)
    if icon:
        set_app_icon(app)
    return app


def set_app_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon  # importing it builds its enums: not before the first paint

    app.setWindowIcon(QIcon(str(asset_path("icons", "fielddesk.png"))))


def install_excepthook(folder: DataFolder) -> None:
    """Unexpected errors: logged to the data folder, a short apology, never a silent crash."""

    def hook(exc_type, exc, tb):
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log_error(folder.logs, text)
        sys.__stderr__.write(text)
        from PySide6.QtWidgets import QMessageBox

        if isinstance(exc, FieldDeskError):
            QMessageBox.warning(None, "FieldDesk", str(exc))
        elif QApplication.instance() is not None:
            QMessageBox.critical(
                None, QApplication.translate("App", "FieldDesk"),
                QApplication.translate("App", "Sorry, something went wrong. Your saved work is safe.\n"
                                              "The details are in %1.").replace("%1", str(folder.logs / "errors.log")))

    sys.excepthook = hook


def create_app(home: Path, *, exec_: bool = False, today=None, defer_lock: bool = False):
    """Build the app on ``home``; returns (app, window or wizard, opened folder or None).

    ``defer_lock``: the main window is built on a read-only connection and the caller takes
    the folder's lock once the first page has painted (``finish_start_after_paint``).
    """
    folder = DataFolder(home)
    settings = Settings.load(folder.settings)
    app = qt_app(icon=not defer_lock)
    i18n.set_language(app, settings.language)
    kwargs = {"today": today} if today else {}
    opened = open_folder(home, defer_lock=defer_lock, **kwargs)
    install_excepthook(opened.folder)
    if not opened.store.office.exists():
        from desktop_app.ui.wizard import FirstRunWizard

        finish_start(app, opened)  # the wizard writes at once
        wizard = FirstRunWizard(opened)
        return app, wizard, opened
    return app, main_window(opened), opened


def finish_start(app: QApplication, opened: OpenFolder) -> None:
    """What ``create_app(defer_lock=True)`` left for after the first paint: the window icon
    and the folder's lock (DataFolderLockedError when another FieldDesk holds it)."""
    if app.windowIcon().isNull():
        set_app_icon(app)
    opened.take_lock()


def finish_start_after_paint(window, opened: OpenFolder, on_refused, on_locked=None) -> None:
    """``finish_start`` once the window's first paint is on screen (or half a second after
    showing, if it never paints, e.g. minimised); ``on_refused(message)`` when another
    FieldDesk has the folder, ``on_locked()`` once it is this one's. Until then the window
    can only read."""
    state = {"done": False}

    def finish() -> None:
        if state["done"]:
            return
        state["done"] = True
        try:
            finish_start(QApplication.instance(), opened)
        except FieldDeskError as exc:
            on_refused(str(exc))
            return
        if on_locked is not None:
            on_locked()

    window.first_page_painted.connect(finish)
    QTimer.singleShot(LOCK_FALLBACK_MS, finish)


def refuse_second_copy(window, message: str) -> None:
    """Another program holds this data folder and did not answer the hand-over (a command
    running, an older FieldDesk): say so, without a window behind that looks usable."""
    from PySide6.QtWidgets import QMessageBox

    window.hide()
    QMessageBox.critical(None, "FieldDesk", message)
    QApplication.instance().exit(1)


def show_windows(app: QApplication, home: Path, opened: OpenFolder, first) -> dict:
    """Show what a clerk's start shows: the first-run wizard until the office exists, then the
    main window; and listen for a second launch on the same folder, which brings the window
    that is showing to the front (``single_instance``). Returns ``{"window": ..., "listener": ...}``,
    updated when the wizard gives way to the main window. Tests drive this same path."""
    shown: dict = {"window": first, "listener": None}

    def listen() -> None:
        shown["listener"] = Listener(home, lambda: QApplication.activeModalWidget() or shown["window"], app)

    if first.__class__.__name__ == "FirstRunWizard":
        app.setQuitOnLastWindowClosed(False)  # the wizard closes before the window opens

        def office_created() -> None:
            window = main_window(opened)
            shown["window"] = window
            window.show()
            app.setQuitOnLastWindowClosed(True)

        first.accepted.connect(office_created)
        first.rejected.connect(app.quit)
        listen()  # the wizard took the folder's lock already
    else:
        finish_start_after_paint(first, opened, lambda message: refuse_second_copy(first, message),
                                 on_locked=listen)
    first.show()
    return shown


def main_window(opened: OpenFolder) -> MainWindow:
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
    qt_app(icon=False)
    if hand_over(home):  # a FieldDesk is open on this folder: it comes to the front instead
        if args.smoke_test:
            print("handed over to the FieldDesk already open on this folder", flush=True)
        return 0
    try:
        app, window, opened = create_app(home, defer_lock=True)
    except FieldDeskError as exc:
        if args.smoke_test:
            raise
        from PySide6.QtWidgets import QMessageBox

        app = qt_app()
        QMessageBox.critical(None, "FieldDesk", str(exc))
        return 1
    try:
        if args.smoke_test:
            return _smoke(app, window, opened)
        shown = show_windows(app, home, opened, window)
        code = app.exec()
        if shown["listener"] is not None:
            shown["listener"].close()
        return code
    finally:
        opened.close()


def _smoke(app: QApplication, window, opened: OpenFolder) -> int:
    """Show the window, wait for the first page to paint, print the start-up ms, quit."""
    if window.__class__.__name__ == "FirstRunWizard":
        raise FieldDeskError("--smoke-test needs a data folder with an office (try `fielddesk demo --no-open`)")

    origin = _startup_origin()

    def painted() -> None:
        print(f"start-up: {(time.perf_counter() - origin) * 1000:.0f} ms", flush=True)
        try:
            finish_start(app, opened)  # as a clerk's start does right after the first paint
        except FieldDeskError as exc:
            print(f"error: {exc}", file=sys.stderr)
            app.exit(1)
            return
        app.quit()
    _FirstPaint(window.stack.currentWidget(), painted)
    QTimer.singleShot(30_000, lambda: (print("smoke test: the first page never painted", file=sys.stderr),
                                       app.exit(1)))
    window.show()
    return app.exec()


def _startup_origin() -> float:
    """Where ``--smoke-test``'s figure starts: the package's first import or, when the
    launching program put its ``time.perf_counter()`` of the moment it started FieldDesk in
    ``FIELDDESK_LAUNCH_CLOCK`` (a system-wide monotonic clock on Linux and Windows), the
    launch itself, so that the interpreter's own start counts as it does for bare Qt."""
    try:
        return float(os.environ["FIELDDESK_LAUNCH_CLOCK"])
    except (KeyError, ValueError):
        return _T0
