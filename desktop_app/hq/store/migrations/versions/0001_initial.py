"""The first headquarters schema: the key registry, bundles, the import log, each office's
latest state and the photo index.

Frozen: the same tables the sqlite-utils migration ``m001_hq_initial_schema`` made, so an
``hq.db`` made before Alembic is stamped at this revision (``store.schema``) and upgraded
from here like any other.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SERIAL = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def text(name, *args, nullable=False, default=None, **kw):
    server_default = sa.text(f"'{default}'") if default is not None else None
    return sa.Column(name, sa.Text, *args, nullable=nullable, server_default=server_default, **kw)


def integer(name, *args, nullable=False, **kw):
    return sa.Column(name, sa.Integer, *args, nullable=nullable, **kw)


def big(name, *args, nullable=False, **kw):
    return sa.Column(name, sa.BigInteger, *args, nullable=nullable, **kw)


def double(name, nullable=True):
    return sa.Column(name, sa.Double, nullable=nullable)


def state_table(name, *columns):
    op.create_table(f"st_{name}", text("office_code"), text("campaign_id"), text("id"), *columns,
                    sa.PrimaryKeyConstraint("office_code", "campaign_id", "id"),
                    sqlite_with_rowid=False)


def upgrade() -> None:
    op.create_table("office", text("code", primary_key=True), text("name", default=""),
                    text("registered_at"), text("updated_at"))
    op.create_table(
        "office_key", text("fingerprint", primary_key=True),
        text("office_code", sa.ForeignKey("office.code")), text("public_pem"), text("status"),
        text("registered_at"), text("reason", default=""), text("replaced_at", nullable=True),
        text("revoked_at", nullable=True), text("retired_reason", default=""),
        sa.CheckConstraint("status IN ('active', 'replaced', 'revoked')",
                           name="office_key_status"))
    op.create_index("office_key_one_active", "office_key", ["office_code"], unique=True,
                    sqlite_where=sa.text("status = 'active'"),
                    postgresql_where=sa.text("status = 'active'"))
    op.create_table(
        "key_event", sa.Column("id", SERIAL, primary_key=True, autoincrement=True), text("at"),
        text("office_code", sa.ForeignKey("office.code")), text("action"), text("fingerprint"),
        text("reason", default=""),
        sa.CheckConstraint("action IN ('register', 'replace', 'revoke')", name="key_event_action"),
        sqlite_autoincrement=True)
    op.create_table(
        "campaign", text("campaign_id"), text("template_sha256"), text("title_en"),
        text("title_hi", default=""), text("indicators_json"), text("source"),
        text("first_seen_at"), sa.PrimaryKeyConstraint("campaign_id", "template_sha256"))
    op.create_table(
        "bundle", text("manifest_sha256", primary_key=True), text("bundle_sha256"),
        text("bundle_id"), text("office_code", sa.ForeignKey("office.code")),
        text("campaign_id"), text("template_sha256"), integer("seq"), integer("part"),
        integer("parts"), text("created_at"), text("previous_manifest_sha256", nullable=True),
        text("key_fingerprint"), text("file_name"), big("bytes"), text("imported_at"),
        text("counts_json"), text("flags", default=""),
        sa.UniqueConstraint("office_code", "campaign_id", "seq"))
    op.create_index("bundle_by_file_hash", "bundle", ["bundle_sha256"])
    op.create_table(
        "import_log", sa.Column("id", SERIAL, primary_key=True, autoincrement=True), text("at"),
        text("file_name"), text("bundle_sha256", nullable=True), big("bytes", nullable=True),
        text("office_code", nullable=True), text("campaign_id", nullable=True),
        integer("seq", nullable=True), text("manifest_sha256", nullable=True), text("result"),
        text("reason", default=""), text("flags", default=""), text("source", default=""),
        sa.CheckConstraint("result IN ('accepted', 'unchanged', 'rejected')",
                           name="import_log_result"),
        sqlite_autoincrement=True)
    op.create_index("import_log_by_bundle", "import_log", ["bundle_sha256"])
    op.create_table(
        "office_campaign", text("office_code", sa.ForeignKey("office.code")),
        text("campaign_id"), text("template_sha256"), text("office_name"), integer("seq"),
        integer("part"), integer("parts"),
        text("manifest_sha256", sa.ForeignKey("bundle.manifest_sha256")),
        text("bundle_created_at"), text("imported_at"), text("flags", default=""),
        sa.PrimaryKeyConstraint("office_code", "campaign_id"))
    state_table("targets", text("indicator_code"), big("value"), text("reason"))
    state_table("progress", text("indicator_code"), text("entry_date"), big("value"),
                text("remark"), text("entered_by"))
    state_table("scrap", text("disposal_date"), text("item"), text("category"),
                double("quantity", nullable=False), text("quantity_unit"), text("mode"),
                text("buyer"), text("receipt_no"), big("revenue_paise"),
                big("space_freed_sqft"), text("remarks"))
    state_table("sites", text("name"), text("location"), double("latitude"),
                double("longitude"), text("status"), text("target_date", nullable=True),
                text("completed_date", nullable=True), text("remarks"))
    state_table("events", text("event_date"), text("event_type"), text("title"), text("venue"),
                big("participants"), text("description"))
    state_table("photos", text("sha256"), text("target_kind"), text("target_id"), text("role"),
                text("caption"), text("taken_at", nullable=True), double("latitude"),
                double("longitude"), integer("width"), integer("height"), big("bytes"))
    op.create_table("photo", text("sha256", primary_key=True), big("bytes"),
                    text("received_at"), text("office_code"), text("manifest_sha256"))
    op.create_table("referenced_photo", text("office_code"), text("campaign_id"),
                    text("sha256"),
                    sa.PrimaryKeyConstraint("office_code", "campaign_id", "sha256"),
                    sqlite_with_rowid=False)


def downgrade() -> None:
    raise NotImplementedError("headquarters' schema only moves forward: restore a backup")
