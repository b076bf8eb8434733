"""Print preview and Save as PDF for the local summary (the Dashboard's two buttons).

Both render the same document as ``fielddesk summary --pdf`` (``reports.render``), in the
app's language. Saving runs on a worker thread with its own database connection, so a
summary with a hundred photo pairs never freezes the window. The preview opens fitted to
the width of the window; Ctrl++ / Ctrl+- zoom, Ctrl+0 fits the width again, Esc closes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QStandardPaths, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.errors import FieldDeskError
from desktop_app.reports.document import collect_document
from desktop_app.reports.render import PdfResult, SummaryLayout, register_font, write_summary_pdf
from desktop_app.ui import file_dialogs
from desktop_app.ui.workers import run_task


def _language(ctx) -> str:
    return ctx.settings.language if ctx.settings.language in ("en", "hi") else "en"


def summary_printer() -> QPrinter:
    """A4 portrait, full page: the document draws its own margins, header and footer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)
    return printer


def preview_dialog(parent: QWidget | None, ctx) -> QPrintPreviewDialog:
    """The print preview of the summary (photos included); printing from it prints the same."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        doc = collect_document(ctx.store, lang=_language(ctx), photos_dir=ctx.folder.photos)
        layout = SummaryLayout(doc)
    finally:
        QGuiApplication.restoreOverrideCursor()
    printer = summary_printer()
    printer.setDocName(f"{doc.summary.office.code} {doc.t('title')}")
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PrintSummary", "Print preview: campaign summary"))
    dialog.paintRequested.connect(layout.paint)
    add_zoom_keys(dialog)
    dialog.summary_layout = layout  # keeps the layout (and its photos) alive with the dialog
    dialog.summary_printer = printer
    return dialog


ZOOM_STEP = 1.25


def add_zoom_keys(dialog: QPrintPreviewDialog) -> QPrintPreviewWidget:
    """Fit to width at once, and the zoom keys every viewer has: Ctrl++ (also Ctrl+=), Ctrl+-,
    Ctrl+0 (fit the width again). Qt's preview opens at "fit page" (38% on a laptop screen)
    and has no zoom keys of its own."""
    preview = dialog.findChild(QPrintPreviewWidget)
    preview.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)
    keys = ((QKeySequence.StandardKey.ZoomIn, lambda: preview.zoomIn(ZOOM_STEP)),
            ("Ctrl+=", lambda: preview.zoomIn(ZOOM_STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: preview.zoomOut(ZOOM_STEP)),
            ("Ctrl+0", preview.fitToWidth))
    for key, slot in keys:
        action = QAction(dialog)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        dialog.addAction(action)
    screen = dialog.screen().availableGeometry() if dialog.screen() else None
    if screen is not None:
        dialog.resize(min(1100, screen.width() - 40), screen.height() - 60)
    return preview


def print_preview(parent: QWidget | None, ctx) -> None:
    try:
        dialog = preview_dialog(parent, ctx)
    except FieldDeskError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("PrintSummary", "Print preview"), str(exc))
        return
    dialog.exec()
    dialog.deleteLater()


def default_pdf_path(ctx) -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    office = ctx.store.office.get().code
    return Path(folder) / f"{office}-summary-{ctx.store.today():%Y%m%d}.pdf"


def save_pdf(parent: QWidget | None, ctx):
    """Ask for a file name, then write the summary PDF in the background; returns the task or None."""
    translate = QCoreApplication.translate
    name = file_dialogs.save_file(parent, translate("PrintSummary", "Save summary as PDF"),
                                  str(default_pdf_path(ctx)), translate("PrintSummary", "PDF files (*.pdf)"))
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    lang, photos_dir = _language(ctx), ctx.folder.photos
    register_font()  # on the UI thread, before the worker lays out text

    def work(progress, cancelled) -> PdfResult:
        with ctx.opened.for_worker_thread() as opened:  # the UI thread's connection stays there
            return write_summary_pdf(opened.store, path, photos_dir=photos_dir, lang=lang)

    def saved(result: PdfResult) -> None:
        text = translate("PrintSummary", "The summary (%1 pages) is saved in\n%2", None, result.pages)
        QMessageBox.information(parent, translate("PrintSummary", "Summary saved"),
                                text.replace("%1", str(result.pages)).replace("%2", str(result.path)))

    def failed(message: str, is_bug: bool) -> None:
        if not message:
            return
        if is_bug:
            message = translate("PrintSummary", "Sorry, the summary could not be written.") + "\n\n" + \
                message.strip().splitlines()[-1]
        QMessageBox.warning(parent, translate("PrintSummary", "Summary not saved"), message)

    return run_task(parent, translate("PrintSummary", "Writing the summary…"), work, on_success=saved,
                    on_error=failed)
