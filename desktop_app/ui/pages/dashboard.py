"""Dashboard: targets vs achievement with % and bars, scrap, sites, events, and a chart.

The numbers come from ``reports.summary.build_summary`` — the same as the workbook's
Summary sheet and the printed summary.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.choices import SiteStatus, label
from desktop_app.domain.dates import format_date
from desktop_app.domain.numbers import format_count, format_lakh_crore, format_rupees
from desktop_app.reports.summary import Summary, build_summary
from desktop_app.ui.i18n import label_text, language
from desktop_app.ui.models.summary_model import (
    COL_BAR,
    COL_CATEGORY,
    PercentRole,
    SummaryTableModel,
)
from desktop_app.ui.pages.base import Page, heading
from desktop_app.ui.widgets.bar_chart import PercentBarChart
from desktop_app.ui.widgets.progress_delegate import PercentBarDelegate


def _card(title: QLabel, value: QLabel, detail: QLabel) -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(10, 6, 10, 6)
    font = value.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    value.setFont(font)
    detail.setWordWrap(True)
    for w in (title, value, detail):
        layout.addWidget(w)
    return frame


class DashboardPage(Page):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.summary: Summary | None = None
        self._build()
        self._connect()
        self.retranslate()


    def _build(self) -> None:
        self.heading = heading()
        self.subheading = QLabel()
        self.subheading.setWordWrap(True)
        self.print_button = QPushButton()
        self.pdf_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.pdf_button)

        self.model = SummaryTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COL_BAR, PercentBarDelegate(PercentRole, self.table))
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_CATEGORY, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_BAR, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_BAR, 140)

        self.revenue_title, self.revenue_value, self.revenue_detail = QLabel(), QLabel(), QLabel()
        self.space_title, self.space_value, self.space_detail = QLabel(), QLabel(), QLabel()
        self.sites_title, self.sites_value, self.sites_detail = QLabel(), QLabel(), QLabel()
        self.events_title, self.events_value, self.events_detail = QLabel(), QLabel(), QLabel()
        cards = QGridLayout()
        cards.addWidget(_card(self.revenue_title, self.revenue_value, self.revenue_detail), 0, 0)
        cards.addWidget(_card(self.space_title, self.space_value, self.space_detail), 0, 1)
        cards.addWidget(_card(self.sites_title, self.sites_value, self.sites_detail), 1, 0)
        cards.addWidget(_card(self.events_title, self.events_value, self.events_detail), 1, 1)

        self.chart_title = QLabel()
        self.chart = PercentBarChart()
        side = QVBoxLayout()
        side.addLayout(cards)
        side.addWidget(self.chart_title)
        side.addWidget(self.chart)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        scroll = QScrollArea()
        scroll.setWidget(side_widget)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addWidget(scroll, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.subheading)
        layout.addLayout(body, 1)

    def _connect(self) -> None:
        self.print_button.clicked.connect(self._print_preview)
        self.pdf_button.clicked.connect(self._save_pdf)

    def retranslate(self) -> None:
        self.print_button.setText(self.tr("&Print preview…"))
        self.pdf_button.setText(self.tr("Save as P&DF…"))
        self.revenue_title.setText(self.tr("Scrap disposal revenue"))
        self.space_title.setText(self.tr("Space freed"))
        self.sites_title.setText(self.tr("Cleanliness sites"))
        self.events_title.setText(self.tr("Events"))
        self.chart_title.setText(self.tr("Achievement as % of target"))

    def refresh(self) -> None:
        self.summary = s = build_summary(self.ctx.store)
        self.model.set_summary(s)
        self.heading.setText(label_text(s.campaign.title))
        if s.phase is not None:
            phase = self.tr("%1, %2 days left", None, s.days_left).replace("%1", label_text(s.phase.title)).replace(
                "%2", format_count(s.days_left))
        elif s.as_on < s.campaign.start:
            phase = self.tr("Campaign not started")
        else:
            phase = self.tr("Campaign ended")
        self.subheading.setText(self.tr("%1 — %2 · as on %3").replace("%1", s.office.name).replace(
            "%2", phase).replace("%3", format_date(s.as_on)))
        self.revenue_value.setText(format_rupees(s.scrap_revenue_paise, lang=language()))
        self.revenue_detail.setText(self.tr("%1 · %2 disposals", None, s.scrap_entries).replace(
            "%1", format_lakh_crore(s.scrap_revenue_paise, language())).replace("%2", format_count(s.scrap_entries)))
        self.space_value.setText(self.tr("%1 sq ft").replace("%1", format_count(s.space_freed_sqft)))
        self.space_detail.setText("")
        self.sites_value.setText(self.tr("%1 of %2 completed").replace(
            "%1", format_count(s.sites[SiteStatus.COMPLETED])).replace("%2", format_count(s.sites_total)))
        self.sites_detail.setText(" · ".join(
            f"{label(status, language())}: {format_count(n)}" for status, n in s.sites.items()))
        self.events_value.setText(format_count(s.events))
        self.events_detail.setText(self.tr("%1 participants", None, s.participants)
                                   .replace("%1", format_count(s.participants)))
        self.chart.set_rows([(label_text(r.indicator.title), r.percent) for r in s.rows if r.percent is not None])

    def _print_preview(self) -> None:
        from desktop_app.ui.print_summary import print_preview

        print_preview(self, self.ctx)

    def _save_pdf(self) -> None:
        from desktop_app.ui.print_summary import save_pdf

        save_pdf(self, self.ctx)
