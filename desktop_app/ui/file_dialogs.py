"""Choosing files and folders: one kind of dialog everywhere, in the clerk's language.

The platform's own dialog follows the language of the operating system, so a Hindi
FieldDesk on an English Windows showed "File name" and "Files of type" (and Qt's dialog,
used where the desktop has none, showed Qt's English). FieldDesk therefore always uses
Qt's dialog, whose texts ``assets/translations/qtbase_hi.ts`` translates; sizes and dates
are written the way the rest of the app writes them (``LocalColumns``), and the dialog
opens large enough at 1366x768 (125% included) that names and types are not cut.
Keyboard: the cursor starts in the file name, a typed path or name and Enter open it,
Esc cancels.
"""

from __future__ import annotations

from PySide6.QtCore import QIdentityProxyModel, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

from desktop_app.domain.numbers import format_size

COL_SIZE, COL_DATE = 1, 3


class LocalColumns(QIdentityProxyModel):
    """The dialog's file list with sizes in KB/MB and dates as dd.mm.yyyy hh:mm (not the
    system locale's "2.93 KiB", "3 bytes" or "6 12 2026")."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (COL_SIZE, COL_DATE):
            source = self.sourceModel()
            if isinstance(source, QFileSystemModel):
                src = self.mapToSource(index)
                if index.column() == COL_SIZE:
                    return "" if source.isDir(src) else format_size(source.size(src), whole_kb=True)
                return source.lastModified(src).toString("dd.MM.yyyy hh:mm")
        return super().data(index, role)


def _dialog(parent: QWidget | None, caption: str, directory: str, filters: str,
            mode: QFileDialog.FileMode, accept: QFileDialog.AcceptMode) -> QFileDialog:
    dialog = QFileDialog(parent, caption, directory, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    dialog.setProxyModel(LocalColumns(dialog))
    screen = dialog.screen().availableGeometry() if dialog.screen() else None
    if screen is not None:
        dialog.resize(min(960, screen.width() - 60), min(620, screen.height() - 80))
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []


def open_file(parent: QWidget | None, caption: str, directory: str = "", filters: str = "") -> str:
    files = _run(_dialog(parent, caption, directory, filters, QFileDialog.FileMode.ExistingFile,
                         QFileDialog.AcceptMode.AcceptOpen))
    return files[0] if files else ""


def open_files(parent: QWidget | None, caption: str, directory: str = "", filters: str = "") -> list[str]:
    return _run(_dialog(parent, caption, directory, filters, QFileDialog.FileMode.ExistingFiles,
                        QFileDialog.AcceptMode.AcceptOpen))


def save_file(parent: QWidget | None, caption: str, suggested: str = "", filters: str = "") -> str:
    files = _run(_dialog(parent, caption, suggested, filters, QFileDialog.FileMode.AnyFile,
                         QFileDialog.AcceptMode.AcceptSave))
    return files[0] if files else ""


def existing_folder(parent: QWidget | None, caption: str, directory: str = "") -> str:
    dialog = _dialog(parent, caption, directory, "", QFileDialog.FileMode.Directory,
                     QFileDialog.AcceptMode.AcceptOpen)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    files = _run(dialog)
    return files[0] if files else ""
