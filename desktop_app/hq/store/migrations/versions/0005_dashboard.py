"""The dashboard (issue 22): where an office is (state, district), to filter the offices by.

Bundles do not carry the office's place, so headquarters keeps it on its ``office`` row
(an admin sets it on the office's page, or ``hq office place``); empty until then.

Revision ID: 0005_dashboard
Revises: 0004_photo_reuse
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_dashboard"
down_revision = "0004_photo_reuse"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default: both back-ends do it in place.
    op.add_column("office", sa.Column("state", sa.Text, nullable=False,
                                      server_default=sa.text("''")))
    op.add_column("office", sa.Column("district", sa.Text, nullable=False,
                                      server_default=sa.text("''")))
    op.create_index("office_by_place", "office", ["state", "district"])


def downgrade() -> None:
    raise NotImplementedError("headquarters' schema only moves forward: restore a backup")
