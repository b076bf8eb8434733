"""Export: what the next bundle will carry, Export and Verify, the export history, Open folder.

Export and verification run on a worker thread (own database connection) behind a
progress dialog with Cancel; the window keeps painting. The bundle is dated by the PC's
clock: the clock is checked again when the page is shown (the window's banner says it
looks wrong) and Export then asks before writing. The room on the disk is checked first;
a full disk ends the dialog with one line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.bundle.preview import preview_export
from desktop_app.domain.counts import record_count
from desktop_app.domain.dates import format_timestamp
from desktop_app.domain.numbers import format_count, format_size
from desktop_app.errorlog import log_error
from desktop_app.ui import file_dialogs
from desktop_app.ui.i18n import message_text
from desktop_app.ui.pages.base import Page, heading
from desktop_app.ui.pages.settings import SettingsPage
from desktop_app.ui.upload_panel import UploadPanel
from desktop_app.ui.workers import run_task

SIZE_LIMITS = (0, 5_000_000, 10_000_000, 20_000_000, 25_000_000)


class ExportPage(Page):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.out_dir: Path = ctx.folder.exports
        self.last_results: list = []
        self.task = None
        self._build()
        self._connect()
        self.retranslate()


    def _build(self) -> None:
        self.heading = heading()
        self.carry_box = QGroupBox()
        self.carry_label = QLabel()
        self.carry_label.setWordWrap(True)
        carry = QVBoxLayout(self.carry_box)
        carry.addWidget(self.carry_label)

        self.options_box = QGroupBox()
        self.all_photos_check = QCheckBox()
        self.size_label = QLabel()
        self.size_combo = QComboBox()
        self.size_label.setBuddy(self.size_combo)
        self.folder_label = QLabel()
        self.folder_value = QLabel()
        self.folder_button = QPushButton()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_value, 1)
        folder_row.addWidget(self.folder_button)
        form = QFormLayout(self.options_box)
        form.addRow(self.all_photos_check)
        form.addRow(self.size_label, self.size_combo)
        form.addRow(self.folder_label, folder_row)

        self.export_button = QPushButton()
        self.export_button.setDefault(True)
        self.verify_button = QPushButton()
        self.open_button = QPushButton()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.export_button, self.verify_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.upload_panel = UploadPanel(self.ctx)
        self.upload_panel.table.setMaximumHeight(150)  # the export history gets the room
        self.history_title = QLabel()
        self.history = QTableWidget(0, 6)
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(self.carry_box, 1)
        top.addWidget(self.options_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.upload_panel)

    def _connect(self) -> None:
        self.export_button.clicked.connect(self.start_export)
        self.verify_button.clicked.connect(self.verify_bundle)
        self.open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.out_dir))))
        self.folder_button.clicked.connect(self._choose_folder)
        self.all_photos_check.toggled.connect(lambda _c: self.refresh())
        self.upload_panel.settings_requested.connect(self._open_settings)

    def focus_first(self) -> None:
        """Opened from the keyboard: Enter exports at once."""
        self.export_button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _open_settings(self) -> None:
        window = self.window()
        if hasattr(window, "show_page"):
            window.show_page(SettingsPage).focus_remote()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Export a signed bundle for headquarters"))
        self.carry_box.setTitle(self.tr("The next bundle will carry"))
        self.options_box.setTitle(self.tr("Options"))
        self.all_photos_check.setText(self.tr("Send &all photos again (not only new ones)"))
        self.size_label.setText(self.tr("La&rgest file:"))
        current = self.size_combo.currentIndex()
        self.size_combo.clear()
        self.size_combo.addItem(self.tr("No limit"))
        for limit in SIZE_LIMITS[1:]:
            self.size_combo.addItem(self.tr("%1 MB (for e-mail)").replace("%1", str(limit // 1_000_000)))
        self.size_combo.setCurrentIndex(max(0, current))
        self.folder_label.setText(self.tr("Save in:"))
        self.folder_button.setText(self.tr("&Change…"))
        self.export_button.setText(self.tr("E&xport bundle"))
        self.verify_button.setText(self.tr("&Verify a bundle…"))
        self.open_button.setText(self.tr("&Open folder"))
        self.history_title.setText(self.tr("Export history"))
        self.history.setHorizontalHeaderLabels([self.tr("Seq"), self.tr("Part"), self.tr("Date"), self.tr("File"),
                                                self.tr("Size"), self.tr("Manifest SHA-256")])

    def refresh(self) -> None:
        self.ctx.check_clock()
        self.folder_value.setText(str(self.out_dir))
        p = preview_export(self.ctx.store, self.ctx.folder, all_photos=self.all_photos_check.isChecked())
        c = p.counts
        records = [message_text(record_count(kind, c[kind])) for kind in
                   ("target", "progress_entry", "scrap_disposal", "cleanliness_site", "event")]
        self.carry_label.setText(
            self.tr("Bundle no. %1: %2; %3 (%4 sent earlier). Estimated size %5.")
            .replace("%1", str(p.next_seq)).replace("%2", ", ".join(records))
            .replace("%3", self.tr("%1 new photos", None, p.new_photos).replace("%1", format_count(p.new_photos)))
            .replace("%4", format_count(p.sent_photos)).replace("%5", format_size(p.estimated_bytes, whole_kb=True)))
        history = self.ctx.store.exports.history(self.ctx.campaign.id)
        self.history.setRowCount(len(history))
        for row, exp in enumerate(history):
            values = [str(exp.seq), f"{exp.part}/{exp.parts}", format_timestamp(exp.created_at, on_pc_clock=True),
                      exp.file_name, format_size(exp.bytes, whole_kb=True), exp.manifest_sha256[:16] + "…"]
            for col, text in enumerate(values):
                self.history.setItem(row, col, QTableWidgetItem(text))

    def _choose_folder(self) -> None:
        chosen = file_dialogs.existing_folder(self, self.tr("Save bundles in"), str(self.out_dir))
        if chosen:
            self.out_dir = Path(chosen)
            self.folder_value.setText(chosen)

    # -- export ------------------------------------------------------------------------
    def _confirm_clock(self, warning) -> bool:
        """Export anyway, dated by this clock? The safe answer (No) is the default."""
        answer = QMessageBox.question(
            self, self.tr("Export"),
            self.tr("%1\n\nThe bundle will be dated by this clock. Export anyway?").replace(
                "%1", message_text(warning)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def start_export(self) -> None:
        warning = self.ctx.check_clock()
        if warning is not None and not self._confirm_clock(warning):
            self.result_label.setText(self.tr("Not exported: set the PC's date and time first."))
            return
        ctx = self.ctx
        all_photos = self.all_photos_check.isChecked()
        max_size = SIZE_LIMITS[max(0, self.size_combo.currentIndex())] or None
        out_dir = self.out_dir

        def work(progress, cancelled):
            # XlsxWriter, cryptography: on the worker
            from desktop_app.bundle.room import export_with_room

            with ctx.opened.for_worker_thread() as opened:
                return export_with_room(opened, out_dir=out_dir, all_photos=all_photos, max_size=max_size,
                                        progress=progress, cancelled=cancelled)

        self.export_button.setEnabled(False)
        self.result_label.setText(self.tr("Exporting…"))
        self.task = run_task(self, self.tr("Exporting the bundle"), work,
                             on_success=self._exported, on_error=self._failed)

    def _exported(self, results) -> None:
        self.export_button.setEnabled(True)
        self.last_results = list(results)
        names = "\n".join(str(r.path) for r in results)
        self.result_label.setText(self.tr("Exported:\n%1").replace("%1", names))
        self.ctx.changed("export")
        self.refresh()
        self.upload_panel.refresh()

    def _failed(self, message: str, is_bug: bool) -> None:
        self.export_button.setEnabled(True)
        if not message:
            self.result_label.setText(self.tr("Export cancelled. Nothing was written."))
            return
        if is_bug:
            self._log_bug(message)
            message = self.tr("Sorry, something went wrong. Your data is safe; the details are in the log.")
        self.result_label.setText(message)
        QMessageBox.warning(self, self.tr("Export"), message)

    def _log_bug(self, text: str) -> None:
        log_error(self.ctx.folder.logs, text, title="export")

    # -- verify ---------------------------------------------------------------------------
    def verify_bundle(self, path: str | None = None, key_path: str | None = None) -> None:
        # cryptography: on the click, not on show
        from desktop_app.keys.signing import public_pem_path

        if path is None:
            path = file_dialogs.open_file(self, self.tr("Verify a bundle"), str(self.out_dir),
                                          self.tr("Bundles (*.zip)"))
            if not path:
                return
        key = key_path or str(public_pem_path(self.ctx.folder.keys))

        def work(progress, cancelled):
            # zipfile, cryptography: on the worker
            from desktop_app.bundle.verify import verify_bundle
            from desktop_app.keys.signing import load_public_key_file

            return verify_bundle(Path(path), load_public_key_file(Path(key)),
                                 progress=lambda done, total: progress(done, total, ""), cancelled=cancelled)

        self.task = run_task(self, self.tr("Verifying the bundle"), work,
                             on_success=self._verified, on_error=self._verify_failed)

    def _verified(self, verified) -> None:
        m = verified.manifest
        self.result_label.setText(
            self.tr("Verified: %1, office %2, bundle no. %3, %4. The signature and every file are intact.")
            .replace("%1", verified.path.name).replace("%2", m.office_code).replace("%3", str(m.seq))
            .replace("%4", self.tr("%1 files", None, len(m.files)).replace("%1", format_count(len(m.files)))))

    def _verify_failed(self, message: str, is_bug: bool) -> None:
        if is_bug:
            self._log_bug(message)
            message = self.tr("Sorry, something went wrong while verifying.")
        self.result_label.setText(self.tr("Verification FAILED: %1").replace("%1", message) if message else "")
