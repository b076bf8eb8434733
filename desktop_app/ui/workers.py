"""Running core work (export, photo import, backup) off the UI thread, with progress and Cancel.

The core function knows nothing of Qt: it takes ``progress(done, total, text)`` and
``cancelled() -> bool`` callables. ``run_task`` runs it on the global QThreadPool and
reports back through signals, so the window never freezes (Anki's CollectionOp, Vorta's
jobs, TagStudio's generators — one wrapper for all long work).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from desktop_app.errors import Cancelled, FieldDeskError
from desktop_app.ui.i18n import message_text


class TaskSignals(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str, bool)  # message, is_bug
    finished = Signal()


class Task(QRunnable):
    """One piece of core work; ``cancel()`` sets the flag the core polls."""

    def __init__(self, fn: Callable[..., Any]):
        super().__init__()
        self.fn = fn
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(progress=self._progress, cancelled=self._cancel.is_set)
        except Cancelled:
            self.signals.failed.emit("", False)
        except FieldDeskError as exc:  # in the clerk's language when it carries a Message
            self.signals.failed.emit(message_text(getattr(exc, "message", None) or exc), False)
        except Exception:  # a bug: report it, the UI logs it
            self.signals.failed.emit(traceback.format_exc(), True)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()

    def _progress(self, done: int, total: int, text: str = "") -> None:
        self.signals.progress.emit(int(done), int(total), str(text))


# Delivered on the UI thread, whatever thread the core reports from.
_QUEUED = Qt.ConnectionType.QueuedConnection
_running: set[Task] = set()


def run_task(parent: QWidget, title: str, fn: Callable[..., Any], *,
             on_success: Callable[[Any], None], on_error: Callable[[str, bool], None],
             show_dialog: bool = True) -> Task:
    """Start ``fn`` in the background behind a modal progress dialog with Cancel."""
    task = Task(fn)
    _running.add(task)
    dialog: QProgressDialog | None = None
    if show_dialog:
        # Qt's own context: qtbase_hi.ts translates it once for every progress dialog.
        dialog = QProgressDialog(title, QCoreApplication.translate("QProgressDialog", "Cancel"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)
        # Esc cancels; Enter does not: a keyer pressing Enter for the next field while the
        # dialog is up must not stop an export or an attach.
        for button in dialog.findChildren(QPushButton):
            button.setAutoDefault(False)

        def show_progress(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if text:
                dialog.setLabelText(f"{title}\n{text}")
        task.signals.progress.connect(show_progress, _QUEUED)
    task.signals.succeeded.connect(on_success, _QUEUED)
    task.signals.failed.connect(on_error, _QUEUED)

    def done() -> None:
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        _running.discard(task)
    task.signals.finished.connect(done, _QUEUED)
    QThreadPool.globalInstance().start(task)
    return task


def cancel_all(wait_ms: int = 30_000) -> None:
    """Cancel every running task and wait for the threads (the core cleans up on Cancel)."""
    for task in list(_running):
        task.cancel()
    QThreadPool.globalInstance().waitForDone(wait_ms)
