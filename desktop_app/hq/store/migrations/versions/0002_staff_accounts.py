"""Headquarters staff who may sign in to the status page and the consolidated workbook.

Frozen: the same tables as the sqlite-utils migration ``m002_staff_accounts``, so an
``hq.db`` that has it is stamped at this revision (``store.schema``).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SERIAL = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def text(name, *args, nullable=False, default=None, **kw):
    server_default = sa.text(f"'{default}'") if default is not None else None
    return sa.Column(name, sa.Text, *args, nullable=nullable, server_default=server_default, **kw)


def upgrade() -> None:
    op.create_table(
        "staff_user", text("name", primary_key=True), text("role"), text("password_hash"),
        sa.Column("disabled", sa.Integer, nullable=False, server_default=sa.text("0")),
        text("created_at"), text("updated_at"),
        sa.CheckConstraint("role IN ('viewer', 'admin')", name="staff_user_role"))
    op.create_table(
        "staff_event", sa.Column("id", SERIAL, primary_key=True, autoincrement=True), text("at"),
        text("name"), text("action"), text("detail", default=""), sqlite_autoincrement=True)


def downgrade() -> None:
    raise NotImplementedError("headquarters' schema only moves forward: restore a backup")
