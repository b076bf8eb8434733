"""What every page in the main window has: a title for the navigation and a refresh."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.ui.context import AppContext
from desktop_app.ui.pages import spec_for


class Page(QWidget):
    """A page builds its widgets in ``_build``, wires them in ``_connect``, fills them in ``refresh``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True

    def title(self) -> str:
        """The navigation title, from the page registry in ``pages/__init__.py``."""
        return spec_for(type(self).__name__).translated_title()

    def refresh(self) -> None:
        """Re-read what the page shows from the store."""

    def retranslate(self) -> None:
        """Set every visible text again (called when the language changes)."""

    def has_unsaved_changes(self) -> bool:
        return False

    def focus_first(self) -> None:
        """Where the cursor goes when the clerk opens the page from the keyboard (Ctrl+1 …):
        the page's first field. Pages with a better place (a grid, a button) say so."""
        from PySide6.QtCore import Qt  # not at the top: the first paint must not build Qt's enums

        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if (self.isAncestorOf(widget) and widget.isEnabled() and widget.isVisible()
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            widget = widget.nextInFocusChain()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self._stale = False
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and not getattr(self.window(), "_closed", False):
            # Every page built so far follows at once, shown or not: what ``refresh`` writes
            # (counts, notes, the dashboard's cards) is text in the language too.
            self.retranslate()
            self._stale = False
            self.refresh()
        super().changeEvent(event)


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    return label
