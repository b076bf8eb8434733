"""Campaigns headquarters publishes (``fielddesk hq campaign publish``): each signed
``<id>-v<version>.fdcampaign`` file, kept whole in the database, so that every receiver
— on any machine sharing a PostgreSQL database — offers and serves the same file.

Revision ID: 0004_campaigns
Revises: 0004_photo_reuse
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_campaigns"
down_revision = "0004_photo_reuse"
branch_labels = None
depends_on = None


def text(name, *args, nullable=False, **kw):
    return sa.Column(name, sa.Text, *args, nullable=nullable, **kw)


def upgrade() -> None:
    op.create_table(
        "published_campaign", text("campaign_id"),
        sa.Column("version", sa.Integer, nullable=False), text("template_sha256"),
        text("file_name"), text("title_en"), text("title_hi"),
        sa.Column("indicators", sa.Integer, nullable=False),
        sa.Column("package", sa.LargeBinary, nullable=False), text("package_sha256"),
        text("published_at"),
        sa.PrimaryKeyConstraint("campaign_id", "version"),
        sa.UniqueConstraint("file_name"))
    op.create_index("published_campaign_by_template", "published_campaign", ["template_sha256"])


def downgrade() -> None:
    raise NotImplementedError("headquarters' schema only moves forward: restore a backup")
