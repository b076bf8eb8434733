"""A row of photo thumbnails for one record (a scrap entry, an event, a site's before/after).

Thumbnails come from ``photos/thumbs/<sha256>.jpg`` (the full photo, decoded at a
reduced size, when the thumbnail is missing) and are loaded a few at a time after the
strip is shown, so opening a record never waits for the disk. Photos are attached with
"Attach photos…" or by dropping image files on the strip: the core's ``attach_files``
runs on a worker thread behind a progress dialog with Cancel, and files it refuses are
listed with their reasons. Right-click (or Enter / Delete) a thumbnail to open it or to
detach it (a soft, audited delete of the link; the photo file stays).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.choices import PhotoRole
from desktop_app.ui.workers import run_task

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".avif", ".tif", ".tiff",
                  ".gif", ".bmp")
THUMB_SIZE = QSize(96, 72)
LinkIdRole = Qt.ItemDataRole.UserRole + 1
ShaRole = Qt.ItemDataRole.UserRole + 2
_LOADS_PER_TICK = 4


def attach_files(*args: Any, **kwargs: Any) -> Any:
    """The core's ``desktop_app.photos.attach.attach_files``, imported on first use.

    Late-bound so that opening the window never pays for Pillow; tests replace this name.
    """
    from desktop_app.photos.attach import attach_files as core_attach_files

    return core_attach_files(*args, **kwargs)


def photo_file(photos_root: Path, sha256: str) -> Path:
    return photos_root / f"{sha256}.jpg"


def thumb_file(photos_root: Path, sha256: str) -> Path:
    return photos_root / "thumbs" / f"{sha256}.jpg"


def image_paths(paths: Sequence[str]) -> list[str]:
    """The local files among ``paths`` that look like images (the core checks the content)."""
    return [p for p in paths if p and Path(p).suffix.lower() in IMAGE_SUFFIXES and Path(p).is_file()]


def load_scaled(path: Path, box: QSize) -> QPixmap:
    """Decode ``path`` no larger than ``box`` (JPEGs are decoded at reduced size)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > box.width() or size.height() > box.height()):
        reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return QPixmap()
    pixmap = QPixmap.fromImage(image)
    if pixmap.width() > box.width() or pixmap.height() > box.height():
        pixmap = pixmap.scaled(box, Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.SmoothTransformation)
    return pixmap


class PhotoViewer(QDialog):
    """One photo, full size scaled to fit the dialog, with its name and caption."""

    def __init__(self, path: Path, title: str, caption: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._pixmap = QPixmap(str(path))
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setMinimumSize(200, 150)
        self.image_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        if self._pixmap.isNull():
            self.image_label.setText(self.tr("The photo file is missing or cannot be read."))
        self.caption_label = QLabel(caption)
        self.caption_label.setWordWrap(True)
        self.caption_label.setVisible(bool(caption))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image_label, 1)
        layout.addWidget(self.caption_label)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(int(screen.width() * 0.8), int(screen.height() * 0.85))
        else:
            self.resize(1000, 650)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self._pixmap.isNull():
            self.image_label.setPixmap(self._pixmap.scaled(
                self.image_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))


class PhotoList(QListWidget):
    """The thumbnails themselves: accepts dropped image files, Enter opens, Delete detaches."""

    files_dropped = Signal(list)
    open_requested = Signal(QListWidgetItem)
    detach_requested = Signal(QListWidgetItem)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListWidget.Movement.Static)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setIconSize(THUMB_SIZE)
        self.setGridSize(QSize(THUMB_SIZE.width() + 8, THUMB_SIZE.height() + 8))
        self.setSpacing(2)
        self.setUniformItemSizes(True)
        self.setDragEnabled(False)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(THUMB_SIZE.height() + 8 + self.horizontalScrollBar().sizeHint().height() + 6)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.itemDoubleClicked.connect(self.open_requested)

    # Drops of image files from the file manager.
    def _dropped_paths(self, event) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return image_paths([url.toLocalFile() for url in mime.urls() if url.isLocalFile()])

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self.isEnabled() and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self.isEnabled() and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = self._dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            event.ignore()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        item = self.currentItem()
        if item is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(item)
            event.accept()
            return
        if item is not None and event.key() == Qt.Key.Key_Delete:
            self.detach_requested.emit(item)
            event.accept()
            return
        super().keyPressEvent(event)


class PhotoStrip(QFrame):
    """The photos of one record in one role; ``set_target(id)`` shows them."""

    changed = Signal()  # photos were attached or detached

    def __init__(self, ctx, kind: str, role: PhotoRole, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.role = role
        self.target_id: str | None = None
        self._pending: list[QListWidgetItem] = []
        self._task = None
        self._last_folder = ""
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
        from desktop_app.domain.choices import label
        from desktop_app.ui.i18n import language

        if self.role in (PhotoRole.BEFORE, PhotoRole.AFTER):
            self.title_label.setText(self.tr("%1 photos").replace("%1", label(self.role, language())))
        else:
            self.title_label.setText(self.tr("Photos"))
        self.attach_button.setText(self.tr("Attach photos…"))
        self.attach_button.setToolTip(self.tr("Choose photo files, or drop them on the strip"))
        self._update_hint()

    def _update_hint(self) -> None:
        if self.target_id is None:
            self.hint_label.setText(self.tr("Save the record first, then attach photos."))
        elif self.list.count() == 0:
            self.hint_label.setText(self.tr("No photos yet: attach them or drop image files here."))
        else:
            self.hint_label.setText(self.tr("Right-click a photo to open or detach it."))
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
                        tip += "\n" + self.tr("Taken %1").replace("%1", record.taken_at[:16].replace("T", " "))
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
        paths, _filter = QFileDialog.getOpenFileNames(
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
        refused = list(getattr(result, "refused", []) or [])
        if refused:
            lines = "\n".join(f"• {reason}" if Path(name).name in reason else f"• {Path(name).name}: {reason}"
                              for name, reason in refused)
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Some photos were not attached"),
                              self.tr("%1 file(s) were not attached:").replace("%1", str(len(refused))),
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
