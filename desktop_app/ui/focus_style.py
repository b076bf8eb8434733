"""A focus frame a clerk can see: a 2-pixel blue frame around whatever has the keyboard focus.

Qt's styles mark focus faintly (Fusion a thin tint, Windows a dotted line one pixel wide):
on an old office monitor the focused cell of a grid or a button is practically invisible,
and a keyer who cannot see the cursor presses keys into the wrong field. ``FocusFrameStyle``
is a ``QProxyStyle`` over the platform's own style: it draws everything the same, then a
solid frame over the focused line edit, combo box, spin box, button, check box, text box
and item-view cell (``PE_FrameFocusRect``, which delegates draw for the current cell).
Lengths are logical pixels, so the frame scales with the screen (125% included).

``mark_current_row`` keeps a list's selected row as visible when the list does not have
the focus (Qt greys it out), so the form beside a register still shows which record it is.

The style is installed right after the first paint (``MainWindow._after_first_paint``):
re-polishing then costs nothing the clerk waits for, and the first paint keeps its budget.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QProxyStyle,
    QStyle,
    QWidget,
)

from desktop_app.ui.first_paint import fill_rect

FOCUS_RGB = 0x0D47A1  # dark blue, with a white line inside it: visible on white, grey and
FOCUS_WIDTH = 2       # on the blue of a selected row alike
INNER_RGB = 0xFFFFFF

_PE = QStyle.PrimitiveElement
_CE = QStyle.ControlElement
_CC = QStyle.ComplexControl
_FRAMED_PRIMITIVES = (_PE.PE_FrameFocusRect, _PE.PE_PanelLineEdit)
_FRAMED_CONTROLS = (_CE.CE_PushButton, _CE.CE_CheckBox, _CE.CE_RadioButton, _CE.CE_ShapedFrame)
_FRAMED_COMPLEX = (_CC.CC_ComboBox, _CC.CC_SpinBox)


def draw_focus_frame(painter, rect: QRect, width: int = FOCUS_WIDTH) -> None:
    """A solid frame just inside ``rect`` and a white line inside that (filled bands: no pen
    or colour objects, which would build Qt's enums)."""
    r = QRect(rect)
    if r.width() <= 2 * width + 4 or r.height() <= 2 * width + 4:
        return
    _band(painter, r, width, FOCUS_RGB)
    _band(painter, r.adjusted(width, width, -width, -width), 1, INNER_RGB)


def _band(painter, r: QRect, width: int, rgb: int) -> None:
    fill_rect(painter, QRect(r.left(), r.top(), r.width(), width), rgb)
    fill_rect(painter, QRect(r.left(), r.bottom() - width + 1, r.width(), width), rgb)
    fill_rect(painter, QRect(r.left(), r.top(), width, r.height()), rgb)
    fill_rect(painter, QRect(r.right() - width + 1, r.top(), width, r.height()), rgb)


def _focused(option, widget: QWidget | None) -> bool:
    if widget is not None and widget.hasFocus():
        return True
    return bool(option.state & QStyle.StateFlag.State_HasFocus)


def _inner_editor(widget: QWidget | None) -> bool:
    """The line edit inside a spin box or an editable combo box: its parent shows the frame."""
    parent = widget.parentWidget() if widget is not None else None
    return isinstance(parent, (QAbstractSpinBox, QComboBox))


class FocusFrameStyle(QProxyStyle):
    """The platform style, plus a frame on what has the focus."""

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802
        super().drawPrimitive(element, option, painter, widget)
        if element not in _FRAMED_PRIMITIVES:
            return
        if element == _PE.PE_FrameFocusRect:
            if isinstance(widget, QAbstractItemView) and not widget.hasFocus():
                return
            draw_focus_frame(painter, option.rect)
        elif _focused(option, widget) and not _inner_editor(widget):
            draw_focus_frame(painter, option.rect)

    def drawControl(self, element, option, painter, widget=None) -> None:  # noqa: N802
        super().drawControl(element, option, painter, widget)
        if element not in _FRAMED_CONTROLS or widget is None or not widget.hasFocus():
            return
        if element == _CE.CE_ShapedFrame and isinstance(widget, QAbstractItemView):
            return  # a list or grid shows its focused cell instead
        draw_focus_frame(painter, option.rect)

    def drawComplexControl(self, control, option, painter, widget=None) -> None:  # noqa: N802
        super().drawComplexControl(control, option, painter, widget)
        if control in _FRAMED_COMPLEX and _focused(option, widget):
            draw_focus_frame(painter, option.rect)


def install(app: QApplication) -> FocusFrameStyle:
    """Put the focus frame over the application's current style (once)."""
    current = app.style()
    if isinstance(current, FocusFrameStyle):
        return current
    style = FocusFrameStyle(current.name())
    app.setStyle(style)
    return style


def mark_current_row(view: QAbstractItemView) -> None:
    """The selected row keeps its colour when the view loses the focus."""
    palette = view.palette()
    for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
        palette.setColor(QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role))
    view.setPalette(palette)
