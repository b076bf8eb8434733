"""The photos page's indexes: its first page walks the sites (or events) newest first and
stops after one page, and asks each whether it has photos.

* ``st_sites_by_date`` and ``st_events_by_date`` also hold the page's tie-breakers
  (office, id): on the date alone, every site of the same day had to be read and sorted
  before the first row (PostgreSQL sorted 90,000 sites on disk for 12).
* ``st_photos_by_target``: a site's or an event's photos, looked up directly (before, the
  primary key found the office's photos and each was checked).

Revision ID: 0007_photo_page_indexes
Revises: 0006_session_flash
"""

from alembic import op

revision = "0007_photo_page_indexes"
down_revision = "0006_session_flash"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("st_sites_by_date", "st_sites")
    op.create_index("st_sites_by_date", "st_sites", ["completed_date", "office_code", "id"])
    op.drop_index("st_events_by_date", "st_events")
    op.create_index("st_events_by_date", "st_events", ["event_date", "office_code", "id"])
    op.create_index("st_photos_by_target", "st_photos",
                    ["office_code", "campaign_id", "target_kind", "target_id"])


def downgrade() -> None:
    raise NotImplementedError("headquarters' schema only moves forward: restore a backup")
