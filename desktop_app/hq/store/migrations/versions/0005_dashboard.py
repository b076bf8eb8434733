"""The dashboard: where an office is (state, district), to filter the offices by,
and each office's figures kept at import, to page through 10,000 offices in the database.

Bundles do not carry the office's place, so headquarters keeps it on its ``office`` row
(an admin sets it on the office's page); empty until then. ``office_summary`` and
``office_indicator_figures`` (named apart from 0004_office_totals' ``office_indicator``,
the sum of the daily entries) start empty: the dashboard fills in what is missing at its first
request (``hq.office_figures.catch_up``), each import keeps them after that.

Revision ID: 0005_dashboard
Revises: 0004_campaigns
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_dashboard"
down_revision = "0004_campaigns"
branch_labels = None
depends_on = None


def text(name, nullable=False):
    return sa.Column(name, sa.Text, nullable=nullable)


def big(name, nullable=False):
    return sa.Column(name, sa.BigInteger, nullable=nullable)


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default: both back-ends do it in place.
    op.add_column("office", sa.Column("state", sa.Text, nullable=False,
                                      server_default=sa.text("''")))
    op.add_column("office", sa.Column("district", sa.Text, nullable=False,
                                      server_default=sa.text("''")))
    op.create_index("office_by_place", "office", ["state", "district"])
    op.create_index("st_sites_by_date", "st_sites", ["completed_date"])
    op.create_index("st_events_by_date", "st_events", ["event_date"])
    op.create_table(
        "office_summary", text("office_code"), text("campaign_id"), text("template_sha256"),
        text("manifest_sha256"), sa.Column("percent", sa.Double, nullable=True),
        sa.PrimaryKeyConstraint("office_code", "campaign_id"))
    op.create_index("office_summary_by_section", "office_summary",
                    ["campaign_id", "template_sha256"])
    op.create_table(
        "office_indicator_figures", text("office_code"), text("campaign_id"), text("template_sha256"),
        text("indicator_code"), big("target", nullable=True), big("achieved"),
        sa.PrimaryKeyConstraint("office_code", "campaign_id", "indicator_code"),
        sqlite_with_rowid=False)
    op.create_index("office_indicator_figures_by_section", "office_indicator_figures",
                    ["campaign_id", "template_sha256", "indicator_code", "target", "achieved"])


def downgrade() -> None:
    raise NotImplementedError("headquarters' schema only moves forward: restore a backup")
