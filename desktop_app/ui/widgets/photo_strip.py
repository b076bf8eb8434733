"""A row of photo thumbnails for one record (a scrap entry, an event, a site's before/after).

Thumbnails come from ``photos/thumbs/<sha256>.jpg`` (the full photo, decoded at a
reduced size, when the thumbnail is missing) and are loaded a few at a time after the
strip is shown, so opening a record never waits for the disk. Photos are attached with
"Attach photos…" (the form gives it a shortcut, Ctrl+Shift+P) or by dropping image files
on the strip: the core's ``attach_files`` runs on a worker thread behind a progress dialog
with Cancel, and files it refuses are listed with their reasons. In the thumbnails arrows
move, Enter opens a photo and Delete detaches it after asking (a soft, audited delete of
the link; the photo file stays); a right-click offers the same.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.choices import PhotoRole, label
from desktop_app.domain.dates import format_timestamp
from desktop_app.ui import file_dialogs
from desktop_app.ui.i18n import language
from desktop_app.ui.widgets.photo_list import (
    IMAGE_SUFFIXES,
    THUMB_SIZE,
    PhotoList,
    PhotoViewer,
    load_scaled,
    photo_file,
    thumb_file,
)
from desktop_app.ui.workers import run_task

LinkIdRole = Qt.ItemDataRole.UserRole + 1
ShaRole = Qt.ItemDataRole.UserRole + 2
_LOADS_PER_TICK = 4


def attach_files(*args: Any, **kwargs: Any) -> Any:
    """The core's ``photos.attach.attach_files``, imported in the worker that runs it: the
    photo pipeline (Pillow, pillow-heif: ~170 ms) would otherwise load on the UI thread the
    first time any page with a register is shown (docs/decisions/0004). Tests replace it."""
    from desktop_app.photos.attach import attach_files as core_attach_files

    return core_attach_files(*args, **kwargs)


class PhotoStrip(QFrame):
    """The photos of one record in one role; ``set_target(id)`` shows them."""

    changed = Signal()  # photos were attached or detached
    attached = Signal(int)  # how many photos an attach added

    def __init__(self, ctx, kind: str, role: PhotoRole, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.role = role
        self.target_id: str | None = None
        self._pending: list[QListWidgetItem] = []
        self._task = None
        self._last_folder = ""
        self._shortcut = QKeySequence()
        self._build()
        self._connect()
        self.retranslate()
        self.set_target(None)

    def _build(self) -> None:
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.count_label = QLabel()
        self.attach_button = QPushButton()
        self.attach_button.setAutoDefault(True)
        self.list = PhotoList()
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #555555;")
        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addWidget(self.count_label, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.attach_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.list)
        layout.addLayout(bottom)
        layout.addWidget(self.hint_label)
        self.list.setMinimumWidth(THUMB_SIZE.width() + 12)
        self._placeholder = self._solid_icon(QColor("#d9d9d9"))
        self._load_timer = QTimer(self)
        self._load_timer.setInterval(0)

    def _connect(self) -> None:
        self.attach_button.clicked.connect(self.choose_files)
        self.list.files_dropped.connect(self.attach_paths)
        self.list.open_requested.connect(self.open_item)
        self.list.detach_requested.connect(self.detach_item)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self._load_timer.timeout.connect(self._load_some)

    def retranslate(self) -> None:
        if self.role in (PhotoRole.BEFORE, PhotoRole.AFTER):
            self.title_label.setText(self.tr("%1 photos").replace("%1", label(self.role, language())))
        else:
            self.title_label.setText(self.tr("Photos"))
        self.attach_button.setText(self.tr("Attach photos…"))
        self.attach_button.setToolTip(self.tr("Choose photo files (%1), or drop them on the strip")
                                      .replace("%1", self.shortcut_text()))
        self._update_hint()

    def set_shortcut(self, sequence: QKeySequence) -> None:
        """The form's shortcut for this strip's "Attach photos…", named in its hints."""
        self._shortcut = QKeySequence(sequence)
        self.retranslate()

    def shortcut(self) -> QKeySequence:
        return QKeySequence(self._shortcut)

    def shortcut_text(self) -> str:
        return self._shortcut.toString(QKeySequence.SequenceFormat.NativeText)

    def _update_hint(self) -> None:
        keys = self.shortcut_text()
        if self.target_id is None:
            self.hint_label.setText(self.tr("%1 saves the record and attaches photos to it.").replace("%1", keys)
                                    if keys else self.tr("Save the record first, then attach photos."))
        elif self.list.count() == 0:
            self.hint_label.setText(self.tr("No photos yet: %1 attaches them, or drop image files here.")
                                    .replace("%1", keys))
        else:
            self.hint_label.setText(self.tr("Arrows choose a photo, Enter opens it, Delete detaches it; "
                                            "%1 attaches more.").replace("%1", keys))
        self.count_label.setText(f"({self.list.count()})" if self.target_id else "")

    # -- showing ---------------------------------------------------------------------------------
    def set_target(self, target_id: str | None) -> None:
        """Show the photos of this record (None: a record not saved yet)."""
        self.target_id = target_id
        self.attach_button.setEnabled(target_id is not None)
        self.list.setEnabled(target_id is not None)
        self.reload()

    def reload(self) -> None:
        self._load_timer.stop()
        self._pending = []
        self.list.clear()
        if self.target_id is not None:
            photos = self.ctx.store.photos
            for link in photos.links_for(self.kind, self.target_id):
                if link.role != self.role:
                    continue
                item = QListWidgetItem(self._placeholder, "")
                item.setData(LinkIdRole, link.id)
                item.setData(ShaRole, link.photo_sha256)
                item.setSizeHint(self.list.gridSize())
                try:
                    record = photos.get(link.photo_sha256)
                    tip = record.original_name
                    if record.taken_at:
                        tip += "\n" + self.tr("Taken %1").replace("%1", format_timestamp(record.taken_at))
                    if record.caption:
                        tip += "\n" + record.caption
                    item.setToolTip(tip)
                except Exception:  # metadata missing: still show the link
                    item.setToolTip(link.photo_sha256[:12])
                self.list.addItem(item)
                self._pending.append(item)
            if self._pending:
                self._load_timer.start()
        self._update_hint()

    def count(self) -> int:
        return self.list.count()

    def shas(self) -> list[str]:
        return [self.list.item(i).data(ShaRole) for i in range(self.list.count())]

    def thumbnails_loaded(self) -> bool:
        return not self._pending

    def _load_some(self) -> None:
        root = Path(self.ctx.folder.photos)
        for _ in range(_LOADS_PER_TICK):
            if not self._pending:
                self._load_timer.stop()
                return
            item = self._pending.pop(0)
            sha = item.data(ShaRole)
            thumb = thumb_file(root, sha)
            source = thumb if thumb.is_file() else photo_file(root, sha)
            pixmap = load_scaled(source, THUMB_SIZE) if source.is_file() else QPixmap()
            if pixmap.isNull():
                item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
                item.setToolTip(item.toolTip() + "\n" + self.tr("The photo file is missing from the photo folder."))
            else:
                item.setIcon(QIcon(pixmap))
        if not self._pending:
            self._load_timer.stop()

    @staticmethod
    def _solid_icon(color: QColor) -> QIcon:
        pixmap = QPixmap(THUMB_SIZE)
        pixmap.fill(color)
        return QIcon(pixmap)

    # -- actions ----------------------------------------------------------------------------------
    def _context_menu(self, pos) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self)
        open_action = menu.addAction(self.tr("&Open"))
        detach_action = menu.addAction(self.tr("&Detach photo"))
        chosen = menu.exec(self.list.viewport().mapToGlobal(pos))
        if chosen is open_action:
            self.open_item(item)
        elif chosen is detach_action:
            self.detach_item(item)

    def open_item(self, item: QListWidgetItem) -> None:
        sha = item.data(ShaRole)
        title, caption = item.toolTip().split("\n")[0], ""
        try:
            record = self.ctx.store.photos.get(sha)
            title, caption = record.original_name or title, record.caption
        except Exception:
            pass
        viewer = PhotoViewer(photo_file(Path(self.ctx.folder.photos), sha), title, caption, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()

    def detach_item(self, item: QListWidgetItem) -> None:
        answer = QMessageBox.question(
            self, self.tr("Detach photo"),
            self.tr("Detach this photo from the record? The photo file is kept and the change is audited."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.store.photos.detach(item.data(LinkIdRole))
        self.reload()
        self.changed.emit()

    def choose_files(self) -> None:
        if self.target_id is None:
            return
        patterns = " ".join(f"*{s}" for s in IMAGE_SUFFIXES)
        paths = file_dialogs.open_files(
            self, self.tr("Attach photos"), self._last_folder,
            self.tr("Images (%1)").replace("%1", patterns) + ";;" + self.tr("All files (*)"))
        if paths:
            self._last_folder = str(Path(paths[0]).parent)
            self.attach_paths(paths)

    def attach_paths(self, paths: list[str]) -> None:
        """Attach these files to the record on a worker thread (progress dialog, Cancel)."""
        if self.target_id is None or not paths or self._task is not None:
            return
        store, folder, settings = self.ctx.store, self.ctx.folder, self.ctx.settings
        kind, target_id, role = self.kind, self.target_id, self.role

        # The attach writes to the database on the worker thread: the UI does not write
        # while the modal progress dialog is up, so one writer at a time still holds.
        def work(progress, cancelled):
            return attach_files(store, folder, list(paths), kind, target_id, role,
                                max_edge=settings.photo_max_edge, progress=progress, cancelled=cancelled)

        self._task = run_task(self, self.tr("Attaching photos"), work,
                              on_success=self._attached, on_error=self._attach_failed)

    def _attached(self, result: Any) -> None:
        self._task = None
        self.reload()
        self.changed.emit()
        added = len(getattr(result, "attached", []) or [])
        if self.list.count():  # the cursor goes to the photos: arrows, Enter, Delete work at once
            self.list.setCurrentRow(self.list.count() - 1)
            # Once the progress dialog has closed (it gives the focus back as it goes).
            QTimer.singleShot(0, lambda: self.list.setFocus(Qt.FocusReason.OtherFocusReason))
        if added:
            self.attached.emit(added)
        refused = list(getattr(result, "refused", []) or [])
        if refused:
            lines = "\n".join(f"• {reason}" if Path(name).name in reason else f"• {Path(name).name}: {reason}"
                              for name, reason in refused)
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Some photos were not attached"),
                              self.tr("%1 file(s) were not attached:", None, len(refused))
                              .replace("%1", str(len(refused))),
                              QMessageBox.StandardButton.Ok, self)
            box.setInformativeText(lines)
            box.open()

    def _attach_failed(self, message: str, is_bug: bool) -> None:
        self._task = None
        self.reload()  # a Cancel keeps the photos attached before it
        self.changed.emit()
        if not message:
            return
        if is_bug:
            sys.excepthook(RuntimeError, RuntimeError(message), None)
            return
        QMessageBox.warning(self, self.tr("Photos not attached"), message)
