"""The main window: navigation on the left, one page at a time, a status bar that says
where the office stands (office, campaign, phase, days left, last export), and a banner
over it all when the PC's clock is clearly wrong (``domain.clock_check``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.domain.dates import format_timestamp
from desktop_app.domain.numbers import format_count
from desktop_app.ui import pages as page_registry
from desktop_app.ui.context import AppContext
from desktop_app.ui.i18n import label_text, message_text, without_access_key
from desktop_app.ui.pages.base import Page
from desktop_app.ui.widgets.banner import show_warning, warning_banner

# After start-up, the Export page (and its upload panel, which retries the outbox every few
# minutes) is built in the background when headquarters' address is set: the queue is sent
# whenever a link exists, without the clerk opening the page.
BACKGROUND_UPLOAD_DELAY_MS = 5_000


class MainWindow(QMainWindow):
    first_page_painted = Signal()

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.entries: list = []  # PageSpec (built on first show) or a page class (built now)
        self._built: dict[int, Page] = {}
        self._painted = False
        self._shortcuts: list[tuple[QAction, str]] = []  # until _install_shortcuts
        self._closed = False  # after close the store may be gone: no more reads
        self._build()
        self._connect()
        self.retranslate()
        self.nav.setCurrentRow(0)

    # -- construction ------------------------------------------------------------------
    def _build(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget()
        for row, entry in enumerate(page_registry.all_pages()):
            self.entries.append(entry)
            self.stack.addWidget(QWidget())  # a placeholder until the page is first shown
            self.nav.addItem(QListWidgetItem())
            if isinstance(entry, type):
                self._build_page(row)
        central = QWidget()
        self.clock_banner = warning_banner()
        self.clock_banner.setObjectName("clockBanner")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(self.clock_banner)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)
        self.status_office = QLabel()
        self.status_phase = QLabel()
        self.status_export = QLabel()
        for w in (self.status_office, self.status_phase, self.status_export):
            self.statusBar().addPermanentWidget(w)
        self._build_menus()
        self._fit_screen()

    def _fit_screen(self) -> None:
        """1280x720 where there is room; never larger than the screen (1366x768 at 125% leaves ~1093x614)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1280, 720
        if screen is not None:
            width, height = min(width, screen.width() - 20), min(height, screen.height() - 40)
        self.resize(width, height)

    def _action(self, shortcut: str | None = None) -> QAction:
        """A window action; its shortcut ("Ctrl+E") is set by ``_install_shortcuts``.

        The first shortcut makes PySide build every enum of the ``Qt`` namespace (~15 ms),
        so shortcuts are set right after the first paint, before a clerk can press a key.
        """
        action = QAction(self)
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))
        return action

    def _install_shortcuts(self) -> None:
        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(shortcut))
        self._shortcuts.clear()

    @property
    def shortcuts_ready(self) -> bool:
        return not self._shortcuts

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.export_action = self._action("Ctrl+E")
        self.preview_action = self._action("Ctrl+P")
        self.quit_action = self._action("Ctrl+Q")
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.preview_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu("")
        self.new_action = self._action("Ctrl+N")
        self.find_action = self._action("Ctrl+F")
        self.save_action = self._action("Ctrl+S")
        for a in (self.new_action, self.find_action, self.save_action):
            self.edit_menu.addAction(a)
        self.go_menu = self.menuBar().addMenu("")
        self.go_actions = []
        for i in range(len(self.entries)):
            action = self._action(f"Ctrl+{i + 1}" if i < 9 else None)
            action.triggered.connect(lambda _=False, row=i: self.go_to(row))
            self.go_menu.addAction(action)
            self.go_actions.append(action)
        self.help_menu = self.menuBar().addMenu("")
        self.about_action = self._action()
        self.help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        self.nav.currentRowChanged.connect(self._show_page)
        self.ctx.data_changed.connect(self._on_data_changed)
        self.ctx.clock_checked.connect(lambda _warning: self._show_clock_warning())
        self.quit_action.triggered.connect(self.close)
        self.export_action.triggered.connect(self._go_export)
        self.preview_action.triggered.connect(self._print_preview)
        self.new_action.triggered.connect(lambda: self._page_action("new_record"))
        self.find_action.triggered.connect(lambda: self._page_action("focus_search"))
        self.save_action.triggered.connect(lambda: self._page_action("save"))
        self.about_action.triggered.connect(self._about)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("FieldDesk — %1").replace("%1", self.ctx.store.office.get().name))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.export_action.setText(self.tr("&Export bundle…"))
        self.preview_action.setText(self.tr("&Print preview of the summary…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.new_action.setText(self.tr("&New record"))
        self.find_action.setText(self.tr("&Find"))
        self.save_action.setText(self.tr("&Save"))
        self.about_action.setText(self.tr("&About FieldDesk"))
        for i, entry in enumerate(self.entries):
            text = self._built[i].title() if i in self._built else entry.translated_title()
            self.nav.item(i).setText(without_access_key(text))
            self.go_actions[i].setText(text)
        self.refresh_status()
        self._show_clock_warning()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and not self._closed:
            self.retranslate()
        super().changeEvent(event)

    # -- behaviour ------------------------------------------------------------------------
    @property
    def pages(self) -> list[Page]:
        """The pages built so far, in navigation order."""
        return [self._built[i] for i in sorted(self._built)]

    def _row_of(self, cls: type) -> int:
        for row, entry in enumerate(self.entries):
            if entry is cls or getattr(entry, "name", None) == cls.__name__:
                return row
        raise KeyError(cls.__name__)

    def _build_page(self, row: int) -> Page:
        if row not in self._built:
            entry = self.entries[row]
            page_class = entry if isinstance(entry, type) else entry.load()
            page = page_class(self.ctx)
            for button in page.findChildren(QPushButton):
                button.setAutoDefault(True)  # Enter presses the focused button, as Space does
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[row] = page
        return self._built[row]

    def page(self, cls: type) -> Page:
        """The page of that class, built if it was not shown yet."""
        return self._build_page(self._row_of(cls))

    def show_page(self, cls: type) -> Page:
        row = self._row_of(cls)
        self.nav.setCurrentRow(row)
        return self._build_page(row)

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        current = self.stack.currentWidget()
        if isinstance(current, Page) and current is not self._built.get(row) and current.has_unsaved_changes():
            if not self._confirm_discard():
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(self.stack.currentIndex())
                self.nav.blockSignals(False)
                return
            if hasattr(current, "discard_changes"):
                current.discard_changes()
        self._build_page(row)
        self.stack.setCurrentIndex(row)

    def go_to(self, row: int) -> None:
        """Ctrl+1 … Ctrl+9: show the page with the cursor in its first field."""
        self.nav.setCurrentRow(row)
        page = self.stack.currentWidget()
        if isinstance(page, Page) and self.stack.currentIndex() == row:
            page.focus_first()

    def _page_action(self, name: str) -> None:
        handler = getattr(self.stack.currentWidget(), name, None)
        if callable(handler):
            handler()

    def _go_export(self) -> None:
        from desktop_app.ui.pages.export import ExportPage

        self.show_page(ExportPage).start_export()

    def _print_preview(self) -> None:
        from desktop_app.ui.print_summary import print_preview

        print_preview(self, self.ctx)

    def _start_background_upload(self) -> None:
        if self._closed or not self.ctx.settings.remote_url:
            return
        from desktop_app.ui.pages.export import ExportPage

        self.page(ExportPage).upload_panel.try_again_quietly()

    def _on_data_changed(self, table: str) -> None:
        for page in self.pages:
            if page is not self.stack.currentWidget():
                page._stale = True
        self.refresh_status()
        if table in ("export", ""):
            self.ctx.check_clock()  # an export or a restore changes what the office knows

    def _show_clock_warning(self) -> None:
        """The banner says what the last clock check found; a warning never changes a date
        (new entries still default to the PC's today)."""
        warning = self.ctx.clock_warning
        show_warning(self.clock_banner, message_text(warning) if warning is not None else None)

    def refresh_status(self) -> None:
        store, campaign = self.ctx.store, self.ctx.campaign
        office = store.office.get()
        self.status_office.setText(f"{office.code} · {label_text(campaign.title)}")
        today = store.today()
        phase = campaign.phase_on(today)
        if phase:
            days = (phase.end - today).days
            self.status_phase.setText(self.tr("%1 · %2 days left", None, days).replace(
                "%1", label_text(phase.title)).replace("%2", format_count(days)))
        else:
            self.status_phase.setText(self.tr("Outside the campaign dates"))
        last = store.exports.last(campaign.id)
        self.status_export.setText(
            self.tr("Last export: seq %1 on %2").replace("%1", str(last.seq)).replace(
                "%2", format_timestamp(last.created_at, on_pc_clock=True))
            if last else self.tr("Not exported yet"))

    def _confirm_discard(self) -> bool:
        from PySide6.QtWidgets import QMessageBox  # building its enums waits until it is needed

        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("This page has changes that are not saved. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event) -> None:  # noqa: N802
        if any(p.has_unsaved_changes() for p in self.pages) and not self._confirm_discard():
            event.ignore()
            return
        from desktop_app.ui.workers import cancel_all

        cancel_all()  # an export or import in progress stops cleanly; nothing half-written stays
        self._closed = True
        event.accept()

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("About FieldDesk"),
                          self.tr("FieldDesk %1\nData folder: %2").replace("%1", __version__).replace(
                              "%2", str(self.ctx.folder.root)))

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # This paint is flushed to the screen when the whole window has painted; the
            # turn of the event loop after that one finishes the start.
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, self._after_first_paint))

    def _after_first_paint(self) -> None:
        """The window is on screen: what can wait until then (shortcuts, the lock, the
        window icon, the background upload) happens now, before a clerk can press a key."""
        if self._closed:
            return
        from desktop_app.ui import focus_style

        focus_style.install(QApplication.instance())
        self._install_shortcuts()
        self.ctx.check_clock()  # a few one-row reads: after the paint, before the clerk types
        self.first_page_painted.emit()
        QTimer.singleShot(BACKGROUND_UPLOAD_DELAY_MS, self._start_background_upload)
