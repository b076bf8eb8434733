"""Settings: language, clerk name, photo size, the data folder, backup and restore, and
headquarters' address and key for uploads (``settings_remote.py``).

The language switches at once (everything visible retranslates, campaign labels too) and
is saved straight away. The clerk name — which the audit trail records with every
change — and the photo size are saved with Save. Backup and restore run on a worker
thread behind a progress dialog; restore swaps the database under the open window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import validation
from desktop_app.errorlog import log_error
from desktop_app.errors import Cancelled
from desktop_app.ui import file_dialogs
from desktop_app.ui.i18n import message_text, set_language
from desktop_app.ui.pages.base import Page, heading
from desktop_app.ui.pages.settings_remote import RemoteBox
from desktop_app.ui.styles import ERROR_STYLE, HELP_STYLE, OK_STYLE
from desktop_app.ui.workers import run_task

# Native names: a clerk who cannot read the current language still finds their own.
LANGUAGE_NAMES = (("en", "English"), ("hi", "हिन्दी"))
PHOTO_EDGE_MIN, PHOTO_EDGE_MAX, PHOTO_EDGE_DEFAULT = 1024, 2048, 1600


def switch_language(lang: str) -> None:
    """Install ``lang`` and make every widget retranslate, even when no .qm file was loaded."""
    set_language(QApplication.instance(), lang)


class SettingsPage(Page):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.last_backup: Path | None = None
        self._loaded = False  # the fields hold the settings only after the first refresh
        self._build()
        self._connect()
        self.retranslate()


    # -- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = heading()

        # You: language, clerk name
        self.you_box = QGroupBox()
        self.language_label = QLabel()
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language_combo")
        for code, name in LANGUAGE_NAMES:
            self.language_combo.addItem(name, code)
        self.language_label.setBuddy(self.language_combo)
        self.clerk_label = QLabel()
        self.clerk_edit = QLineEdit()
        self.clerk_edit.setObjectName("clerk_edit")
        self.clerk_edit.setMaxLength(validation.SHORT_TEXT)
        self.clerk_label.setBuddy(self.clerk_edit)
        self.clerk_error = QLabel()
        self.clerk_error.setStyleSheet(ERROR_STYLE)
        self.clerk_error.hide()
        self.clerk_help = QLabel()
        self.clerk_help.setWordWrap(True)
        self.clerk_help.setStyleSheet(HELP_STYLE)
        clerk_col = QVBoxLayout()
        clerk_col.setSpacing(2)
        clerk_col.addWidget(self.clerk_edit)
        clerk_col.addWidget(self.clerk_error)
        clerk_col.addWidget(self.clerk_help)
        self.clerk_edit.setMaximumWidth(520)
        self.language_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        you = QFormLayout(self.you_box)
        you.addRow(self.language_label, self.language_combo)
        you.addRow(self.clerk_label, clerk_col)

        # Photos
        self.photo_box = QGroupBox()
        self.photo_label = QLabel()
        self.photo_spin = QSpinBox()
        self.photo_spin.setObjectName("photo_spin")
        self.photo_spin.setRange(PHOTO_EDGE_MIN, PHOTO_EDGE_MAX)
        self.photo_spin.setSingleStep(64)
        self.photo_spin.setSuffix(" px")
        self.photo_label.setBuddy(self.photo_spin)
        self.photo_help = QLabel()
        self.photo_help.setWordWrap(True)
        self.photo_help.setStyleSheet(HELP_STYLE)
        photo_col = QVBoxLayout()
        photo_col.setSpacing(2)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo_spin)
        photo_row.addStretch(1)
        photo_col.addLayout(photo_row)
        photo_col.addWidget(self.photo_help)
        photos = QFormLayout(self.photo_box)
        photos.addRow(self.photo_label, photo_col)

        self.save_button = QPushButton()
        self.save_button.setAutoDefault(False)
        self.saved_label = QLabel()
        save_row = QHBoxLayout()
        save_row.addWidget(self.saved_label, 1)
        save_row.addWidget(self.save_button)

        # Data folder, backup and restore
        self.data_box = QGroupBox()
        self.folder_label = QLabel()
        self.folder_edit = QLineEdit()
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setObjectName("folder_edit")
        self.folder_label.setBuddy(self.folder_edit)
        self.open_folder_button = QPushButton()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.open_folder_button)
        self.backup_button = QPushButton()
        self.restore_button = QPushButton()
        for b in (self.open_folder_button, self.backup_button, self.restore_button):
            b.setAutoDefault(False)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_button)
        backup_row.addWidget(self.restore_button)
        backup_row.addStretch(1)
        self.backup_help = QLabel()
        self.backup_help.setWordWrap(True)
        self.backup_help.setStyleSheet(HELP_STYLE)
        self.backup_status = QLabel()
        self.backup_status.setWordWrap(True)
        self.backup_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        data = QFormLayout(self.data_box)
        data.addRow(self.folder_label, folder_row)
        data.addRow(backup_row)
        data.addRow(self.backup_help)
        data.addRow(self.backup_status)

        self.remote_box = RemoteBox(self.ctx)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.heading)
        inner.addWidget(self.you_box)
        inner.addWidget(self.photo_box)
        inner.addLayout(save_row)
        inner.addWidget(self.data_box)
        inner.addWidget(self.remote_box)
        inner.addStretch(1)
        content.setMaximumWidth(900)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        QWidget.setTabOrder(self.language_combo, self.clerk_edit)
        QWidget.setTabOrder(self.clerk_edit, self.photo_spin)
        QWidget.setTabOrder(self.photo_spin, self.save_button)
        QWidget.setTabOrder(self.save_button, self.folder_edit)
        QWidget.setTabOrder(self.folder_edit, self.open_folder_button)
        QWidget.setTabOrder(self.open_folder_button, self.backup_button)
        QWidget.setTabOrder(self.backup_button, self.restore_button)

    def _connect(self) -> None:
        self.language_combo.activated.connect(self._on_language_chosen)
        self.clerk_edit.textEdited.connect(self._on_edited)
        self.clerk_edit.returnPressed.connect(self.save)
        self.photo_spin.valueChanged.connect(self._on_edited)
        self.save_button.clicked.connect(self.save)
        self.open_folder_button.clicked.connect(self.open_data_folder)
        self.backup_button.clicked.connect(self.backup)
        self.restore_button.clicked.connect(self.restore)
        self.remote_box.saved.connect(self.ctx.settings_changed)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Settings"))
        self.you_box.setTitle(self.tr("You"))
        self.language_label.setText(self.tr("&Language / भाषा:"))
        self.clerk_label.setText(self.tr("&Clerk name:"))
        self.clerk_edit.setPlaceholderText(self.tr("Your full name, e.g. Ravi Patil"))
        self.clerk_help.setText(self.tr("Every change you save is recorded in the audit trail under this name."))
        self.photo_box.setTitle(self.tr("Photos"))
        self.photo_label.setText(self.tr("Photo si&ze (long edge):"))
        self.photo_help.setText(self.tr(
            "Photos are reduced to this size when they are added. 1600 px is clear enough for a report "
            "and keeps bundles small for slow connections."))
        self.save_button.setText(self.tr("&Save settings"))
        self.data_box.setTitle(self.tr("Data"))
        self.folder_label.setText(self.tr("&Data folder:"))
        self.open_folder_button.setText(self.tr("&Open folder"))
        self.backup_button.setText(self.tr("Back &up now…"))
        self.restore_button.setText(self.tr("&Restore from a backup…"))
        self.backup_help.setText(self.tr(
            "A backup is one file with the database, the photos and these settings. Keep a copy on a pen "
            "drive. The office's private signing key is never put in a backup."))
        self.remote_box.retranslate()

    def focus_first(self) -> None:
        self.language_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_remote(self) -> None:
        """The Export page's "Set up in Settings…": the cursor in headquarters' address."""
        self.remote_box.url_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.remote_box.refresh()
        settings = self.ctx.settings
        index = self.language_combo.findData(settings.language)
        self.language_combo.setCurrentIndex(max(index, 0))
        if not self.has_unsaved_changes():
            self.clerk_edit.setText(settings.clerk_name)
            self.photo_spin.setValue(settings.photo_max_edge)
            self._loaded = True
        self.folder_edit.setText(str(self.ctx.folder.root))
        self.folder_edit.setCursorPosition(0)

    def has_unsaved_changes(self) -> bool:
        if not self._loaded:
            return False
        settings = self.ctx.settings
        return (self.clerk_edit.text().strip() != settings.clerk_name
                or self.photo_spin.value() != settings.photo_max_edge)

    def discard_changes(self) -> None:
        self.clerk_edit.setText(self.ctx.settings.clerk_name)
        self.photo_spin.setValue(self.ctx.settings.photo_max_edge)
        self.clerk_error.hide()
        self.saved_label.clear()

    def _on_edited(self, *_args) -> None:
        self.saved_label.clear()
        if self.clerk_edit.text().strip():
            self.clerk_error.hide()

    def _on_language_chosen(self, index: int) -> None:
        lang = self.language_combo.itemData(index)
        settings = self.ctx.settings
        if lang == settings.language:
            return
        settings.language = lang
        self.ctx.opened.save_settings()
        switch_language(lang)
        self.ctx.settings_changed.emit()

    def save(self) -> bool:
        """Save the clerk name and photo size. True when saved."""
        name = self.clerk_edit.text().strip()
        if msg := validation.check_text(name, required=True):
            self.clerk_error.setText(message_text(msg))
            self.clerk_error.show()
            self.clerk_edit.setFocus()
            return False
        self.clerk_error.hide()
        settings = self.ctx.settings
        settings.clerk_name = name
        settings.photo_max_edge = self.photo_spin.value()
        self.clerk_edit.setText(name)
        self.ctx.opened.save_settings()  # also names the clerk in the audit trail
        self.ctx.settings_changed.emit()
        self.saved_label.setStyleSheet(OK_STYLE)
        self.saved_label.setText(self.tr("Settings saved."))
        return True

    # -- data folder -----------------------------------------------------------------------
    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.folder.root)))

    def backup(self) -> None:
        # on the click, not on show
        from desktop_app.storage.backup import create_backup, default_backup_name

        folder = self.ctx.folder
        suggested = str(folder.backups / default_backup_name())
        path = file_dialogs.save_file(self, self.tr("Back up to"), suggested, self.tr("FieldDesk backup (*.zip)"))
        if not path:
            return
        out = Path(path)
        if out.suffix.lower() != ".zip":
            out = out.with_name(out.name + ".zip")

        def work(progress, cancelled):
            def step(done: int, total: int) -> None:
                if cancelled():
                    raise Cancelled("backup cancelled")
                progress(done, total)
            return create_backup(folder, out, progress=step)

        self._set_busy(True)
        self._show_backup_status(self.tr("Backing up…"))
        run_task(self, self.tr("Backing up"), work, on_success=self._backup_done,
                 on_error=lambda msg, bug: self._task_failed(self.tr("Backup failed"), msg, bug))

    def _backup_done(self, path: Path) -> None:
        self._set_busy(False)
        self.last_backup = Path(path)
        self._show_backup_status(self.tr("Backup saved: %1").replace("%1", str(path)))

    def restore(self) -> None:
        path = file_dialogs.open_file(self, self.tr("Restore from"), str(self.ctx.folder.backups),
                                      self.tr("FieldDesk backup (*.zip)"))
        if not path or not self.confirm_restore(Path(path)):
            return
        self._restore(Path(path))

    def confirm_restore(self, path: Path) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Replace all data?"))
        box.setText(self.tr("Restoring replaces ALL the data of this office — targets, daily progress, "
                            "registers and photos — with the contents of %1.").replace("%1", path.name))
        box.setInformativeText(self.tr("Anything entered after that backup was made will be gone from the "
                                       "screens. The current data is first kept as a backup in %1.")
                               .replace("%1", str(self.ctx.folder.backups)))
        replace = box.addButton(self.tr("&Replace all data"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is replace

    def _restore(self, path: Path) -> None:
        """Close the database, restore while we hold the folder lock, reopen, refresh everything."""
        from desktop_app.storage.backup import restore_backup

        opened = self.ctx.opened
        folder = self.ctx.folder
        opened.store.close()
        self._set_busy(True)
        self._show_backup_status(self.tr("Restoring…"))

        def work(progress, cancelled):
            return restore_backup(path, folder, force=True)

        def done(safety) -> None:
            self._reopen()
            where = str(safety) if safety else "–"
            self._show_backup_status(self.tr("Restored %1. The data it replaced was kept in %2.")
                                     .replace("%1", path.name).replace("%2", where))
            QMessageBox.information(self, self.tr("Restored"), self.backup_status.text())

        def failed(message: str, bug: bool) -> None:
            self._reopen()  # the old database: restore checks everything before touching it
            self._task_failed(self.tr("Restore failed"), message, bug)

        run_task(self, self.tr("Restoring"), work, on_success=done, on_error=failed)

    def _reopen(self) -> None:
        self.ctx.opened.reopen_after_restore()
        self.ctx.forget_campaign()  # the restored office may follow another campaign
        self._set_busy(False)
        self.discard_changes()
        self.refresh()
        self.ctx.changed("")

    def _task_failed(self, title: str, message: str, bug: bool) -> None:
        self._set_busy(False)
        if not message:
            self._show_backup_status(self.tr("Cancelled."))
            return
        if bug:
            log = log_error(self.ctx.folder.logs, message)
            message = self.tr("Sorry, something went wrong. The details are in %1.").replace("%1", str(log))
        self._show_backup_status(message, error=True)
        QMessageBox.warning(self, title, message)

    def _set_busy(self, busy: bool) -> None:
        for b in (self.backup_button, self.restore_button):
            b.setEnabled(not busy)

    def _show_backup_status(self, text: str, *, error: bool = False) -> None:
        self.backup_status.setStyleSheet(ERROR_STYLE if error else "")
        self.backup_status.setText(text)
