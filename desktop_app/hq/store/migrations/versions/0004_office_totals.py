"""Each office's totals, kept by the import: the consolidated report reads one row per office
and indicator instead of summing every daily entry of every office.

``office_campaign`` gains the registers' totals (scrap disposals, revenue, space freed,
sites, sites completed, events, participants) and ``office_indicator`` holds the sum of
the daily entries per indicator. Both are written in the transaction that replaces the
office's state (``store.totals.refresh``), and filled here from the state already held.

Revision ID: 0004_office_totals
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_office_totals"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = ("scrap_entries", "scrap_revenue_paise", "space_freed_sqft", "sites_total",
           "sites_completed", "events", "participants")

_SAME = "s.office_code = office_campaign.office_code AND s.campaign_id = office_campaign.campaign_id"
FILL = f"""
UPDATE office_campaign SET
  scrap_entries = (SELECT count(*) FROM st_scrap s WHERE {_SAME}),
  scrap_revenue_paise = (SELECT coalesce(sum(s.revenue_paise), 0) FROM st_scrap s WHERE {_SAME}),
  space_freed_sqft = (SELECT coalesce(sum(s.space_freed_sqft), 0) FROM st_scrap s WHERE {_SAME}),
  sites_total = (SELECT count(*) FROM st_sites s WHERE {_SAME}),
  sites_completed = (SELECT count(*) FROM st_sites s WHERE {_SAME}
                     AND s.status = 'completed' AND s.completed_date IS NOT NULL),
  events = (SELECT count(*) FROM st_events s WHERE {_SAME}),
  participants = (SELECT coalesce(sum(s.participants), 0) FROM st_events s WHERE {_SAME})
"""


def upgrade() -> None:
    with op.batch_alter_table("office_campaign") as batch:
        for name in COLUMNS:
            batch.add_column(sa.Column(name, sa.BigInteger, nullable=False,
                                       server_default=sa.text("0")))
    op.create_table(
        "office_indicator",
        sa.Column("office_code", sa.Text, nullable=False),
        sa.Column("campaign_id", sa.Text, nullable=False),
        sa.Column("indicator_code", sa.Text, nullable=False),
        sa.Column("entered", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("office_code", "campaign_id", "indicator_code"),
        sqlite_with_rowid=False)
    op.execute(FILL)
    op.execute("INSERT INTO office_indicator (office_code, campaign_id, indicator_code, entered) "
               "SELECT office_code, campaign_id, indicator_code, sum(value) FROM st_progress "
               "GROUP BY office_code, campaign_id, indicator_code")
