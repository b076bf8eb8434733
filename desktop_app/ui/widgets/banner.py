"""A one-line warning strip a clerk cannot miss (a wrong clock), hidden while all is well."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

WARNING_STYLE = ("background: #fff4ce; color: #4d3800; border: 1px solid #d9a400; "
                 "border-radius: 3px; padding: 4px 8px;")


def warning_banner() -> QLabel:
    """The strip, hidden until ``show_warning`` gives it something to say."""
    banner = QLabel()
    banner.setWordWrap(True)  # one line at 1366 pixels wide; two rather than cut at 1093
    banner.setStyleSheet(WARNING_STYLE)
    banner.hide()
    return banner


def show_warning(banner: QLabel, text: str | None) -> None:
    """Show *text* in *banner*, or hide it when there is nothing to say."""
    banner.setText(text or "")
    banner.setVisible(bool(text))
