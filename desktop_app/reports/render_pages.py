"""Page breaks Qt does not make by itself: a heading never ends a page, small tables stay whole.

QTextDocument paginates tables row by row (repeating their header rows) but has no
"keep with next" and no "page-break-inside: avoid". After layout, this walks the top-level
tables: a heading (the paragraph right before a table) left at the foot of a page, or a
small table (a section of a few rows, the signature block) cut in two, gets a page break
before its heading, and the document is laid out again.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextDocument, QTextFormat, QTextTable

SMALL_TABLE = 0.45  # of a page's text height: tables up to this stay on one page
MIN_LINES_AFTER_HEADING = 110.0  # CSS px: header row and two rows under a heading


def _page(y: float, page_height: float) -> int:
    return int(y // page_height)


def _next_break(document: QTextDocument, page_height: float, top_margin: float, bottom_margin: float):
    """The first heading block that should start a new page, or None.

    A page's text ends ``bottom_margin`` above its edge (the footer is drawn there): a
    heading whose first rows would not fit above that line moves to the next page."""
    text_height = page_height - top_margin - bottom_margin
    layout = document.documentLayout()
    previous = None
    it = document.rootFrame().begin()
    while not it.atEnd():
        frame = it.currentFrame()
        if frame is None:
            previous = it.currentBlock()
        elif isinstance(frame, QTextTable) and previous is not None and previous.text().strip():
            head = layout.blockBoundingRect(previous)
            table = layout.frameBoundingRect(frame)
            page = _page(head.top(), page_height)
            at_page_top = head.top() - page * page_height <= top_margin + 24  # heading's own top margin
            cut = _page(table.bottom() - 1, page_height) != page
            small = table.height() + head.height() <= SMALL_TABLE * text_height
            orphan = head.bottom() + MIN_LINES_AFTER_HEADING > (page + 1) * page_height - bottom_margin
            if not at_page_top and cut and (small or orphan):
                return previous
        it += 1
    return None


def keep_with_tables(document: QTextDocument, page_height: float, top_margin: float,
                     bottom_margin: float, *, limit: int = 200) -> int:
    """Add the page breaks described above; returns how many were added."""
    added = 0
    while added < limit:
        block = _next_break(document, page_height, top_margin, bottom_margin)
        if block is None:
            break
        fmt = QTextBlockFormat(block.blockFormat())
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(block).setBlockFormat(fmt)
        added += 1
    return added
