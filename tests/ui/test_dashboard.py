"""The dashboard's table, bars and chart show exactly the summary the workbook and PDF use."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QImage

from desktop_app.reports.summary import build_summary


def _dashboard(window):
    from desktop_app.ui.pages.dashboard import DashboardPage

    return window.page(DashboardPage)


def test_table_rows_are_the_summary_rows_with_groups_in_bold(window):
    from desktop_app.ui.models.summary_model import (
        COL_ACHIEVED,
        COL_BAR,
        COL_CATEGORY,
        COL_TARGET,
        PercentRole,
    )

    page = _dashboard(window)
    model = page.model
    summary = build_summary(window.ctx.store)
    indicator_rows = [r for g in summary.groups for r in g.rows]
    assert model.rowCount() == len(summary.groups) + len(indicator_rows)
    seen = []
    for row in range(model.rowCount()):
        ind = model.indicator_row(row)
        first = model.index(row, COL_CATEGORY)
        if ind is None:  # a group header: bold, no numbers
            assert first.data(Qt.ItemDataRole.FontRole).bold()
            assert model.index(row, COL_TARGET).data() in (None, "")
            continue
        seen.append(ind)
        assert first.data() == ind.indicator.title.en
        assert model.index(row, COL_BAR).data(PercentRole) == ind.percent
        alignment = model.index(row, COL_ACHIEVED).data(Qt.ItemDataRole.TextAlignmentRole)
        assert alignment == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert seen == indicator_rows
    assert model.headerData(COL_TARGET, Qt.Orientation.Horizontal) == "Target"


def test_bars_are_painted_in_the_colour_of_their_percentage(qtbot, window):
    from desktop_app.ui.models.summary_model import COL_BAR, PercentRole
    from desktop_app.ui.widgets.progress_delegate import BEHIND, DONE, NEAR, TRACK

    page = _dashboard(window)
    table = page.table
    table.resize(900, 700)
    image = QImage(table.viewport().size(), QImage.Format.Format_RGB32)
    table.viewport().render(image)
    checked = 0
    for row in range(page.model.rowCount()):
        pct = page.model.index(row, COL_BAR).data(PercentRole)
        rect = table.visualRect(page.model.index(row, COL_BAR))
        if pct is None or not rect.isValid() or rect.bottom() >= image.height():
            continue
        expected = DONE if pct >= 100 else NEAR if pct >= 60 else BEHIND
        inside = rect.adjusted(6, 7, -6, -7)
        start = image.pixel(inside.left() + 1, inside.center().y()) & 0xFFFFFF
        end = image.pixel(inside.right() - 1, inside.center().y()) & 0xFFFFFF
        assert start == (expected if pct > 2 else start)
        assert end == (expected if pct >= 99.5 else TRACK)
        checked += 1
    assert checked >= 3


def test_chart_lists_every_indicator_with_a_target_and_elides_long_names(qtbot, window):
    from desktop_app.ui.widgets.bar_chart import _elide_right

    page = _dashboard(window)
    summary = build_summary(window.ctx.store)
    assert page.chart.rows() == [(r.indicator.title.en, r.percent) for r in summary.rows if r.percent is not None]
    metrics = QFontMetrics(page.chart.font())
    long = "Pending public grievances and appeals disposed of within the campaign"
    cut = _elide_right(metrics, long, 120)
    assert cut.endswith("…") and metrics.horizontalAdvance(cut) <= 120 and long.startswith(cut[:-1])
    assert _elide_right(metrics, "Files", 120) == "Files"
    from desktop_app.ui.widgets.progress_delegate import bar_colour

    page.chart.resize(420, page.chart.sizeHint().height())
    image = QImage(page.chart.size(), QImage.Format.Format_RGB32)
    page.chart.render(image)
    for i, (_label, pct) in enumerate(page.chart.rows()[:4]):
        y = 4 + i * page.chart.ROW + 4 + (page.chart.ROW - 12) // 2
        colours = {image.pixel(x, y) & 0xFFFFFF for x in range(image.width())}
        assert bar_colour(pct) in colours or pct < 1


def test_hindi_shows_hindi_categories_and_grouping(qtbot, window):
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui import i18n
    from desktop_app.ui.models.summary_model import COL_CATEGORY

    page = _dashboard(window)
    i18n.set_language(QApplication.instance(), "hi")
    try:
        qtbot.waitUntil(lambda: page.model.headerData(1, Qt.Orientation.Horizontal) != "Target")
        row = next(r for r in range(page.model.rowCount()) if page.model.indicator_row(r) is not None)
        ind = page.model.indicator_row(row)
        assert page.model.index(row, COL_CATEGORY).data() == ind.indicator.title.hi
    finally:
        i18n.set_language(QApplication.instance(), "en")
