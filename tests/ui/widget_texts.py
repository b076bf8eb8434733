"""What a clerk reads and the keys a clerk presses, collected from live widgets for the tests.

``access_keys(root)``: every access key (the letter after ``&``) a widget under ``root``
offers, with its widget; ``visible_texts(root)``: the texts shown (labels, buttons, group
titles, combo items, table headers, placeholders, tooltips) for the "no English left in
the Hindi UI" checks; ``english_words``: the Latin words in a text that are not names,
keys, units or data.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")

# Latin words allowed in the Hindi UI: names of things, keys on the keyboard, units and formats
# a Hindi office writes in Latin letters too.
ALLOWED = {
    "fielddesk", "pdf", "gps", "sha", "qr", "hq", "pub", "pem", "zip", "xlsx", "jpeg", "png", "heic",
    "ctrl", "shift", "alt", "enter", "esc", "tab", "delete", "up", "down", "left", "right", "home",
    "end", "space", "backspace", "pgup", "pgdown", "f4", "kb", "mb", "px", "rs", "dd", "mm", "yyyy",
    "a-z", "dl", "mh", "pune", "https", "http", "www", "gov", "in", "example", "language", "english",
}


def mnemonic(text: str) -> str | None:
    match = _MNEMONIC.search(text)
    return match.group(1) if match else None


def access_keys(root: QWidget) -> list[tuple[QWidget, str]]:
    """(widget, text) for every widget under ``root`` whose text gives an access key."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            text = widget.text()
        elif isinstance(widget, QAbstractButton | QGroupBox):
            text = widget.text() if isinstance(widget, QAbstractButton) else widget.title()
        else:
            continue
        if mnemonic(text):
            found.append((widget, text))
    return found


def menu_texts(bar: QMenuBar) -> list[tuple[str, str]]:
    """(where, text) of every menu title and menu item: a title's key opens it with Alt."""
    texts = []
    for action in bar.actions():
        texts.append(("menu bar", action.text()))
        menu: QMenu | None = action.menu()
        if menu is not None:
            texts += [(action.text(), item.text()) for item in menu.actions() if not item.isSeparator()]
    return texts


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for everything ``root`` shows in words, visible or a tab away."""
    texts: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        name = type(widget).__name__
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append((name, widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append((name, widget.title()))
        elif isinstance(widget, QComboBox):
            texts += [(name, widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            texts += [(name, widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append((name + " placeholder", widget.placeholderText()))
        header = (widget.horizontalHeader() if isinstance(widget, QTableView)
                  else widget.header() if isinstance(widget, QTreeView) else None)
        if header is not None and widget.model() is not None:
            texts += [(name + " header", str(widget.model().headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in range(header.count())]
        texts.append((name + " tooltip", widget.toolTip()))
    return [(where, text) for where, text in texts if text]


def english_words(text: str) -> list[str]:
    """Latin words in ``text`` that a Hindi screen should not show: paths, addresses, file
    names, codes in capitals and the ALLOWED words are not counted."""
    words = []
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))  # rich text: the words, not the tags
    text = re.sub(r"(https?://\S+|\S*[/\\]\S+)", " ", text)  # addresses and paths are data
    for token in re.split(r"[\s,;:()\[\]\"'«»“”‘’/\\|·•–—…!?<>=+]+", text.replace("&", "")):
        if not token or "." in token.strip(".") or "@" in token or "_" in token:
            continue  # file names, addresses, numbers with decimals
        word = token.strip(".-%*").lower()
        if not re.search(r"[a-z]{2,}", word) or word in ALLOWED:
            continue
        if token.strip(".-%*").isupper() or re.fullmatch(r"[a-z]{1,3}-?\d+", word):
            continue  # codes and abbreviations: DL-042, IMC, PMO
        words.append(token)
    return words
