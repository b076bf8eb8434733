"""Photo reuse: each accepted photo's perceptual hash, and the pairs that are one picture.

``photo_hash``: one row per photo headquarters holds, written pending by the import and
hashed after its commit (every photo already in ``photo`` is made pending here, so the
next import or idle worker hashes it); ``photo_match``: two files found to be the same
picture; and an index on ``st_photos.sha256`` to find a photo's uses.

Revision ID: 0004_photo_reuse
Revises: 0004_office_totals
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_photo_reuse"
down_revision = "0004_office_totals"
branch_labels = None
depends_on = None


def text(name, *args, nullable=False, default=None, **kw):
    server_default = sa.text(f"'{default}'") if default is not None else None
    return sa.Column(name, sa.Text, *args, nullable=nullable, server_default=server_default, **kw)


def upgrade() -> None:
    op.create_table(
        "photo_hash", text("sha256", primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=True, unique=True),
        sa.Column("phash_key", sa.BigInteger, nullable=True),
        text("phash_full", nullable=True), text("hashed_at", nullable=True),
        text("error", default=""))
    op.create_index("photo_hash_pending", "photo_hash", ["sha256"],
                    sqlite_where=sa.text("hashed_at IS NULL"),
                    postgresql_where=sa.text("hashed_at IS NULL"))
    op.create_table(
        "photo_match", text("sha256_a"), text("sha256_b"),
        sa.Column("key_distance", sa.Integer, nullable=False),
        sa.Column("full_distance", sa.Integer, nullable=False), text("found_at"),
        sa.PrimaryKeyConstraint("sha256_a", "sha256_b"))
    op.create_index("photo_match_by_b", "photo_match", ["sha256_b"])
    op.create_index("st_photos_by_sha256", "st_photos", ["sha256"])
    op.execute("INSERT INTO photo_hash (sha256) SELECT sha256 FROM photo")


def downgrade() -> None:
    raise NotImplementedError("headquarters' schema only moves forward: restore a backup")
