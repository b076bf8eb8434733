"""The upload panel for the Export page: Upload button, each bundle's state, progress + Cancel.

``send_outbox`` runs on a worker thread with its own database connection (``run_task``,
no modal dialog: the clerk keeps entering data while it sends). Every few minutes, when
the oldest waiting bundle's next attempt is due and headquarters is set up, the panel
tries again by itself, quietly. Offline is not an error: the calm line from the core is
shown, translated, with a second line when the PC clock is off. Each bundle's state is
named in the clerk's language (the core's detailed line, with the last error, is its
tooltip). Headquarters' address is set in Settings; the panel offers to go there rather
than showing a command line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errorlog import log_error
from desktop_app.storage.outbox import ACCEPTED, REJECTED, SENT, UPLOADING
from desktop_app.ui.i18n import message_text
from desktop_app.ui.workers import run_task
from desktop_app.upload.status import due_for_retry, outbox_states

AUTO_RETRY_MS = 5 * 60 * 1000
COL_FILE, COL_STATE = 0, 1


class UploadStateModel(QAbstractTableModel):
    """Rows: ``upload.status.BundleUploadState`` (file name, state text)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.states: list[Any] = []

    def set_states(self, states: list[Any]) -> None:
        self.beginResetModel()
        self.states = list(states)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.states)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        state = self.states[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return state.problem or state.text
        return state.file_name if index.column() == COL_FILE else self.state_text(state)

    def state_text(self, state: Any) -> str:
        """The bundle's state in the clerk's language."""
        if state.status == ACCEPTED:
            return self.tr("accepted by headquarters")
        if state.status == REJECTED:
            return self.tr("rejected by headquarters (the reason is in the tooltip)")
        if state.status == SENT:
            return self.tr("sent, waiting for headquarters' receipt")
        text = (self.tr("sending: %1% done").replace("%1", str(state.percent)) if state.status == UPLOADING
                else self.tr("waiting to be sent"))
        if state.problem:
            text += " — " + self.tr("the last try failed (details in the tooltip)")
        return text

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)
        if self.states:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.states) - 1, 1))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Bundle"), self.tr("Upload to headquarters"))[section]


class UploadPanel(QGroupBox):
    settings_requested = Signal()  # "Set up in Settings…": the window shows the Settings page

    def __init__(self, ctx: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.task = None
        self._build()
        self._connect()
        self.retranslate()
        self.refresh()

    def _build(self) -> None:
        self.remote_label = QLabel()
        self.remote_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.model = UploadStateModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_STATE, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.progress_bar = QProgressBar()
        self.progress_bar.hide()
        self.upload_button = QPushButton()
        self.settings_button = QPushButton()
        self.cancel_button = QPushButton()
        self.cancel_button.hide()
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(AUTO_RETRY_MS)
        buttons = QHBoxLayout()
        buttons.addWidget(self.upload_button)
        buttons.addWidget(self.settings_button)
        buttons.addWidget(self.progress_bar, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(0)  # the buttons keep their size while the progress bar is hidden
        layout = QVBoxLayout(self)
        layout.addWidget(self.remote_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.upload_button.clicked.connect(lambda: self.start_upload())
        self.settings_button.clicked.connect(self.settings_requested)
        self.cancel_button.clicked.connect(self.cancel_upload)
        self.retry_timer.timeout.connect(self.try_again_quietly)
        self.ctx.settings_changed.connect(self._show_remote)
        self.retry_timer.start()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Upload to headquarters"))
        self.upload_button.setText(self.tr("&Upload now"))
        self.settings_button.setText(self.tr("Set &up in Settings…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.model.retranslate()
        self._show_remote()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:  # its title, buttons and states stayed English
            self.retranslate()
        super().changeEvent(event)

    def _show_remote(self) -> None:
        url = self.ctx.settings.remote_url
        self.remote_label.setText(self.tr("Sending to %1").replace("%1", url) if url else
                                  self.tr("Headquarters' address and key are not set yet: ask headquarters "
                                          "for them and enter them in Settings."))
        self.upload_button.setEnabled(bool(url) and self.task is None)
        self.upload_button.setVisible(bool(url))
        self.settings_button.setVisible(not url)

    def refresh(self) -> None:
        self.model.set_states(outbox_states(self.ctx.opened))
        self._show_remote()

    # -- sending ---------------------------------------------------------------------------------

    def start_upload(self, *, quiet: bool = False) -> None:
        if self.task is not None or not self.ctx.settings.remote_url:
            return
        ctx = self.ctx

        def work(progress, cancelled):
            # httpx (~0.5 s): on the worker
            from desktop_app.upload.runner import send_outbox

            with ctx.opened.for_worker_thread() as opened:
                return send_outbox(opened, progress=progress, cancelled=cancelled)

        self.upload_button.setEnabled(False)
        self.cancel_button.setVisible(True)
        self.progress_bar.setVisible(True)
        self.progress_bar.setRange(0, 0)
        if not quiet:
            self.message_label.setText(self.tr("Sending…"))
        self.task = run_task(self, self.tr("Uploading"), work, on_success=self._sent,
                             on_error=self._failed, show_dialog=False)
        self.task.signals.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)

    def _progress(self, done: int, total: int, text: str) -> None:
        # QProgressBar holds an int: show per mille of the bytes.
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(int(1000 * done / total) if total else 0)
        if text:
            self.progress_bar.setFormat(f"{text} — %p%")
        self.refresh_states_only()

    def refresh_states_only(self) -> None:
        self.model.set_states(outbox_states(self.ctx.opened))

    def cancel_upload(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)

    def try_again_quietly(self) -> None:
        if self.task is None and self.ctx.settings.remote_url and due_for_retry(self.ctx.opened):
            self.start_upload(quiet=True)

    def _finished(self) -> None:
        self.task = None
        self.cancel_button.hide()
        self.cancel_button.setEnabled(True)
        self.progress_bar.hide()
        self.refresh()

    def _sent(self, report: Any) -> None:
        self._finished()
        lines = ["; ".join(message_text(part) for part in report.parts)]
        if report.clock is not None:  # the PC clock is off: uploads work, the clerk should know
            lines.append(message_text(report.clock))
        self.message_label.setText("\n".join(lines))

    def _failed(self, message: str, is_bug: bool) -> None:
        self._finished()
        if not message:
            self.message_label.setText(self.tr("Upload paused; it continues where it stopped "
                                               "next time."))
        elif is_bug:
            self.message_label.setText(self.tr("Upload stopped by an unexpected error (details "
                                               "in the log folder)."))
            log_error(self.ctx.folder.logs, message, title="upload")
        else:
            self.message_label.setText(message)
