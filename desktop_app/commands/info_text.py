"""The lines ``fielddesk info`` prints: folder, database, counts, campaign and phase, exports."""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app import clock
from desktop_app.domain.counts import record_count
from desktop_app.domain.dates import format_date, format_timestamp
from desktop_app.domain.i18n import plural
from desktop_app.domain.numbers import format_size
from desktop_app.storage import totals
from desktop_app.storage.clock_facts import clock_warning
from desktop_app.storage.store import OpenFolder
from desktop_app.upload.status import upload_info_lines


def clock_line(store, campaign) -> str:
    """The PC's clock, and the one-line warning when it contradicts the office's records."""

    warning = clock_warning(store, campaign)
    if warning is not None:
        return f"clock:       WARNING: {warning}"
    return f"clock:       {format_timestamp(clock.local_now())}, consistent with the office's records"


def info_lines(opened: OpenFolder) -> Iterator[str]:
    store, folder = opened.store, opened.folder
    office = store.office.get()
    campaign = store.campaigns.current()
    today = store.today()
    db_bytes = sum(p.stat().st_size for p in folder.root.glob("fielddesk.db*") if p.is_file())
    yield f"data folder: {folder.root}"
    yield f"database:    {folder.database.name}, {format_size(db_bytes)}"
    yield f"office:      {office.code} — {office.name}"
    yield f"campaign:    {campaign.title.en} ({campaign.id})"
    phase = campaign.phase_on(today)
    if phase:
        left = (phase.end - today).days
        yield (f"phase:       {phase.title.en}, {format_date(phase.start)}–{format_date(phase.end)}, "
               f"{plural('{n} day left', '{n} days left', left)}")
    elif today < campaign.start:
        yield f"phase:       not started (starts {format_date(campaign.start)})"
    else:
        yield f"phase:       campaign ended on {format_date(campaign.end)}"
    counts = totals.record_counts(store.db, campaign.id)
    yield "records:     " + ", ".join(str(record_count(kind, n)) for kind, n in counts.items())
    yield f"audit trail: {plural('{n} entry', '{n} entries', store.audit.count())}"
    yield clock_line(store, campaign)
    history = store.exports.history(campaign.id)
    if not history:
        yield "exports:     none yet"
    for exp in history:
        yield (f"export:      seq {exp.seq} ({exp.part}/{exp.parts}) {exp.created_at} {exp.file_name} "
               f"{format_size(exp.bytes)} manifest {exp.manifest_sha256[:16]}…")

    yield from upload_info_lines(opened)
