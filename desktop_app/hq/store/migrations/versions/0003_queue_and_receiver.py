"""The import queue and the upload receiver's state, now in headquarters' database.

``import_job``: every bundle handed to headquarters (a completed upload, a file given to
``hq import`` on PostgreSQL), taken by import workers with ``FOR UPDATE SKIP LOCKED``.
``upload``, ``upload_nonce``, ``receipt``, ``upload_event``, ``refusal`` (requests refused
before an office was verified, counted per hour), ``staff_session`` and
``signin_failure``: what ``hq serve`` kept in its own ``uploads/receiver.db`` until now;
with PostgreSQL every receiver shares them. An SQLite folder's ``receiver.db`` is copied
in (uploads still arriving, receipts, nonces, the logs, sessions) and left where it was,
unused.

Revision ID: 0003
Revises: 0002
"""

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
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


def upgrade() -> None:
    op.create_table(
        "import_job", sa.Column("id", SERIAL, primary_key=True, autoincrement=True),
        text("bundle_sha256"), text("path"), text("file_name"), text("source"),
        text("office_code", default=""), text("upload_id", nullable=True),
        text("state", default="queued"), integer("attempts", server_default=sa.text("0")),
        big("not_before", server_default=sa.text("0")), text("enqueued_at"),
        text("finished_at", nullable=True), text("result", nullable=True),
        text("outcome_json", nullable=True), text("error", default=""),
        sa.CheckConstraint("state IN ('queued', 'done', 'failed')", name="import_job_state"),
        sqlite_autoincrement=True)
    op.create_index("import_job_queued", "import_job", ["office_code", "id"],
                    sqlite_where=sa.text("state = 'queued'"),
                    postgresql_where=sa.text("state = 'queued'"))
    upload = op.create_table(
        "upload", text("id", primary_key=True), text("office_code"), text("key_fingerprint"),
        text("bundle_sha256"), big("length"), big("offset"), text("file_name"),
        text("campaign_id"), text("status"), text("created_at"), text("updated_at"),
        big("expires_at"), text("holder", default=""),
        big("held_until", server_default=sa.text("0")),
        integer("takeover", server_default=sa.text("0")))
    op.create_index("upload_by_office", "upload", ["office_code", "status"])
    op.create_index("upload_by_bundle", "upload", ["bundle_sha256"])
    nonce = op.create_table("upload_nonce", text("office_code"), text("nonce"), big("seen_at"),
                            sa.PrimaryKeyConstraint("office_code", "nonce"))
    receipt = op.create_table(
        "receipt", text("bundle_sha256", primary_key=True), text("office_code"),
        integer("accepted"), text("reason"), text("document"), text("issued_at"))
    event = op.create_table(
        "upload_event", sa.Column("id", SERIAL, primary_key=True, autoincrement=True),
        text("at"), text("office_code"), text("upload_id"), text("bundle_sha256"), text("kind"),
        text("detail"), sqlite_autoincrement=True)
    refusal = op.create_table(
        "refusal", text("hour"), text("claimed_office"), text("what"), integer("status"),
        text("kind"), text("example"), big("count"), text("first_at"), text("last_at"),
        sa.PrimaryKeyConstraint("hour", "claimed_office", "what", "status", "kind"))
    session = op.create_table(
        "staff_session", text("token_sha256", primary_key=True), text("name"), text("tag"),
        text("csrf"), big("created_at"), big("expires_at"))
    failure = op.create_table(
        "signin_failure", text("name", primary_key=True), integer("failures"), big("last_at"),
        big("locked_until"))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.engine.url.database:
        old = Path(bind.engine.url.database).parent / "uploads" / "receiver.db"
        if old.is_file():
            copy_receiver_db(old, {"upload": upload, "nonce": nonce, "receipt": receipt,
                                   "event": event, "refusal": refusal,
                                   "staff_session": session, "signin_failure": failure})


def copy_receiver_db(path: Path, tables: dict) -> None:
    """Every row of the receiver's own SQLite file, into the new tables of the same shape."""
    source = sqlite3.connect(str(path), timeout=30)
    try:
        present = {r[0] for r in source.execute("SELECT name FROM sqlite_master "
                                                "WHERE type = 'table'")}
        for name, table in tables.items():
            if name not in present:
                continue
            have = {r[1] for r in source.execute(f"PRAGMA table_info({name})")}
            columns = [c.name for c in table.columns if c.name in have]
            cursor = source.execute(f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM {name}")
            while rows := cursor.fetchmany(5000):
                op.bulk_insert(table, [dict(zip(columns, row)) for row in rows])
    finally:
        source.close()


def downgrade() -> None:
    raise NotImplementedError("headquarters' schema only moves forward: restore a backup")
