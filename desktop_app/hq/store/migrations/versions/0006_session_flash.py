"""A one-time message in each staff session: what an admin's last form did, shown once by
the next page (``receiver/sessions.py``), instead of in the address where any link could
put misleading words.

Revision ID: 0006_session_flash
Revises: 0005_dashboard
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_session_flash"
down_revision = "0005_dashboard"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default: both back-ends do it in place.
    for name in ("flash", "flash_kind"):
        op.add_column("staff_session", sa.Column(name, sa.Text, nullable=False,
                                                 server_default=sa.text("''")))


def downgrade() -> None:
    raise NotImplementedError("headquarters' schema only moves forward: restore a backup")
