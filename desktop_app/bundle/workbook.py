"""report.xlsx: the Summary sheet for people, one typed sheet per table for machines, About.

* **Summary** — office, campaign, phase and "as on" date, then the targets-vs-achievement
  table laid out like the ministries' reports (Category | श्रेणी | Target | Achievement |
  % of target, one block per indicator group), scrap by category with revenue and space
  freed, cleanliness sites by status, events and participants. Every figure comes from
  ``reports.summary.build_summary`` — the same numbers as the dashboard and the printed
  summary. Numbers stay numbers with Indian-grouping formats; money is written in
  rupees (paise / 100) with two decimals shown only when there are paise; percentages
  are fractions shown ``0%``; the date is a real date. A4 portrait, fit to width, the
  table header frozen and repeated on every printed page.
* **targets, progress, scrap, sites, events, photos** — described in ``bundle.sheets``:
  a header row of stable column codes, one row per live record, money in integer paise,
  dates as real dates. Streamed from the repositories row by row into the workbook
  (``workbook_writer``: rows leave memory as they are written), so a 100,000-row register
  costs no more memory than a 100-row one.
* **About** — the bundle's identity (office, campaign, template hash, seq, part, time,
  app version, bundle id, key fingerprint), every typed sheet's column codes with
  meaning and unit, and the campaign's indicators.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app import workbook_writer as xl
from desktop_app.bundle import sheets as sh
from desktop_app.domain.choices import LABELS, SiteStatus
from desktop_app.domain.dates import format_date
from desktop_app.domain.models import Campaign
from desktop_app.reports.indicator_table import write_indicator_table
from desktop_app.reports.summary import Summary, build_summary
from desktop_app.storage.rows import to_row


@dataclass(frozen=True)
class BundleIdentity:
    """What the About sheet, the page headers and the manifest say about one bundle."""

    office_code: str
    office_name: str
    campaign_id: str
    template_sha256: str
    seq: int
    part: int
    parts: int
    created_at: str
    bundle_id: str
    app_version: str
    key_fingerprint: str
    format_version: int = 1


def build_workbook(path: Path, store: Any, campaign: Campaign, identity: BundleIdentity, *,
                   summary: Summary | None = None, photos: list[Any] | None = None,
                   on_rows: Callable[[int], None] | None = None) -> dict[str, int]:
    """Write report.xlsx to *path* (which must not exist); return the rows of each typed sheet.

    *summary* and *photos* (``store.photos.referenced``) may be given when the caller has
    them already. *on_rows(n)* is called as rows are written (progress; raise there to
    stop: no file is left).
    """
    summary = summary or build_summary(store, campaign=campaign)
    if photos is None:
        photos = store.photos.referenced(campaign.id)
    if path.exists():
        raise FileExistsError(f"{path}: already exists")
    typed = {}
    with xl.Workbook(path) as book:
        _write_summary(book.add_sheet("Summary"), summary, identity)
        for spec in sh.SHEETS:
            sheet = book.add_sheet(spec.name)
            _typed_sheet_header(sheet, spec, identity)
            typed[spec.name] = sheet.stream(_cells(store, campaign, spec, photos),
                                            on_rows=on_rows)
        _write_about(book.add_sheet("About"), campaign, identity, summary.as_on)
    return typed


# --- the rows of each typed sheet, as database-shaped mappings ---------------------------------


def _cells(store: Any, campaign: Campaign, spec: sh.SheetSpec,
           photos: list[Any]) -> Iterator[list[Any]]:
    """The cells of a typed sheet's rows. The registers (the big tables) stream exactly the
    sheet's columns from the database; the small tables go through their records. Targets
    and daily figures travel for the indicators of the campaign's version only: those of an
    indicator a newer version retired stay with the office (headquarters no longer asks
    for them, and its checks would refuse them)."""
    campaign_id = campaign.id
    if spec is sh.SCRAP:
        return spec.ordered_cells(store.scrap.stream(campaign_id, spec.codes))
    if spec is sh.SITES:
        return spec.ordered_cells(store.sites.stream(campaign_id, spec.codes))
    if spec is sh.EVENTS:
        return spec.ordered_cells(store.events.stream(campaign_id, spec.codes))
    if spec is sh.TARGETS:
        takes_target = {i.code for i in campaign.indicators if i.has_target}
        return spec.cells(to_row(t) for t in store.targets.rows(campaign.id)
                          if t.indicator_code in takes_target)
    if spec is sh.PROGRESS:
        typed = {i.code for i in campaign.indicators if i.entered}
        return spec.cells(to_row(e) for e in store.progress.list(campaign.id)
                          if e.indicator_code in typed)
    if spec is sh.PHOTOS:
        return spec.cells(_photo_rows(store, campaign_id, photos))
    raise ValueError(f"no rows for sheet {spec.name}")


def _photo_rows(store: Any, campaign_id: str, photos: list[Any]) -> Iterator[Mapping[str, Any]]:
    by_sha = {p.sha256: p for p in photos}
    for link in store.photos.links_of_campaign(campaign_id):
        photo = by_sha.get(link.photo_sha256)
        if photo is None:
            continue
        yield {"id": link.id, "sha256": photo.sha256, "target_kind": link.target_kind,
               "target_id": link.target_id, "role": getattr(link.role, "value", link.role),
               "caption": photo.caption,
               "taken_at": photo.taken_at, "latitude": photo.latitude,
               "longitude": photo.longitude, "width": photo.width, "height": photo.height,
               "bytes": photo.bytes}


def _typed_sheet_header(sheet: xl.Sheet, spec: sh.SheetSpec, identity: BundleIdentity) -> None:
    sheet.set_column_widths([c.width for c in spec.columns])
    sheet.page_setup(landscape=True, title_rows="1:1", freeze="A2",
                     header_left=f"{identity.office_code} — {identity.office_name}",
                     header_right=f"{spec.name} (bundle seq {identity.seq})")
    sheet.append([xl.text_cell(code, xl.HEADER) for code in spec.codes])


# --- Summary ------------------------------------------------------------------------------------


def _write_summary(s: xl.Sheet, summary: Summary, identity: BundleIdentity) -> None:
    office, campaign, as_on = summary.office, summary.campaign, summary.as_on
    labels = [campaign.title.en, campaign.title.hi]
    labels += [r.indicator.title.en for r in summary.rows]
    hindi = [r.indicator.title.hi for r in summary.rows]
    s.set_column_widths([xl.text_width(labels[2:] + ["Scrap disposal by category"],
                                       minimum=30, maximum=55),
                         xl.text_width(hindi + ["श्रेणी"], minimum=24, maximum=50),
                         14, 18, 13])
    identity_rows = _identity_rows(summary, identity)
    header = 3 + len(identity_rows) + 2  # title, Hindi title, blank; identity; blank; header
    part = f", part {identity.part} of {identity.parts}" if identity.parts > 1 else ""
    s.page_setup(title_rows=f"{header}:{header}", freeze=f"A{header + 1}",
                 header_left=f"{office.code} — {office.name}",
                 header_right=f"As on {format_date(as_on)}",
                 footer_left=f"FieldDesk {identity.app_version} · bundle seq {identity.seq}{part}")
    s.append([xl.text_cell(campaign.title.en, xl.TITLE)])
    s.append([xl.text_cell(campaign.title.hi, xl.TITLE.but(size=12))])
    s.append([])
    for en, hi, value in identity_rows:
        s.append([xl.text_cell(en, xl.TOTAL), xl.text_cell(hi, xl.TOTAL), value()])
    s.append([])

    assert s.rows + 1 == header
    write_indicator_table(s, summary.groups, f"Achievement (as on {format_date(as_on)})")
    s.append([])

    s.append([xl.text_cell(t, xl.HEADER) for t in (
        "Scrap disposal by category", "श्रेणी के अनुसार स्क्रैप निपटान", "Entries\nप्रविष्टियाँ",
        "Revenue\nराजस्व", "Space freed (sq ft)\nखाली स्थान")])
    for total in summary.scrap:
        label = LABELS[total.category]
        s.append([xl.text_cell(label.en), xl.text_cell(label.hi), xl.number_cell(total.entries),
                  xl.rupees_cell(total.revenue_paise),
                  xl.number_cell(total.space_freed_sqft)])
    s.append([xl.text_cell("Total", xl.TOTAL), xl.text_cell("कुल", xl.TOTAL),
              xl.number_cell(summary.scrap_entries, style=xl.TOTAL),
              xl.rupees_cell(summary.scrap_revenue_paise, xl.TOTAL),
              xl.number_cell(summary.space_freed_sqft, style=xl.TOTAL)])
    s.append([])

    s.append([xl.text_cell(t, xl.HEADER) for t in ("Cleanliness sites", "स्वच्छता स्थल", "Sites\nस्थल")])
    for status in SiteStatus:
        label = LABELS[status]
        s.append([xl.text_cell(label.en), xl.text_cell(label.hi),
                  xl.number_cell(summary.sites.get(status, 0))])
    s.append([xl.text_cell("Total", xl.TOTAL), xl.text_cell("कुल", xl.TOTAL),
              xl.number_cell(summary.sites_total, style=xl.TOTAL)])
    s.append([])

    s.append([xl.text_cell(t, xl.HEADER) for t in ("Events", "कार्यक्रम", "Number\nसंख्या")])
    s.append([xl.text_cell("Events held"), xl.text_cell("आयोजित कार्यक्रम"), xl.number_cell(summary.events)])
    s.append([xl.text_cell("Participants"), xl.text_cell("प्रतिभागी"), xl.number_cell(summary.participants)])


def _identity_rows(summary: Summary, identity: BundleIdentity):
    office, campaign, phase = summary.office, summary.campaign, summary.phase
    if phase is not None:
        phase_text = (f"{phase.title.en} / {phase.title.hi}, "
                      f"{format_date(phase.start)} – {format_date(phase.end)}")
    elif summary.as_on < campaign.start:
        phase_text = f"Not started (starts {format_date(campaign.start)}) / आरंभ नहीं हुआ"
    else:
        phase_text = f"Ended on {format_date(campaign.end)} / समाप्त"
    rows = [("Office", "कार्यालय", f"{office.code} — {office.name}")]
    if office.organisation:
        rows.append(("Organisation", "संगठन", office.organisation))
    rows += [("Campaign", "अभियान", f"{campaign.title.en} ({campaign.id})"),
             ("Phase", "चरण", phase_text)]
    out = [(en, hi, lambda v=value: xl.text_cell(v)) for en, hi, value in rows]
    out.append(("As on", "दिनांक", lambda: xl.date_cell(summary.as_on, xl.PLAIN.but(align="left"))))
    return out



# --- About --------------------------------------------------------------------------------------


def _write_about(s: xl.Sheet, campaign: Campaign, identity: BundleIdentity, as_on: date) -> None:
    s.set_column_widths([18, 40, 70, 30, 10, 11, 18])
    s.page_setup(landscape=True, header_left=f"{identity.office_code} — {identity.office_name}",
                 header_right=f"bundle seq {identity.seq}")
    s.append([xl.text_cell("About this workbook", xl.TITLE)])
    s.append([xl.text_cell("Made by FieldDesk. The Summary sheet is for people. The sheets "
                     + ", ".join(spec.name for spec in sh.SHEETS)
                     + " are for machines: their first row holds the column codes below, "
                     "one row per record; money in paise, dates as dates.", xl.NOTE)])
    s.append([])
    s.append([xl.text_cell(t, xl.HEADER) for t in ("field", "value", "meaning")])
    for code, value, meaning in (
        ("office_code", identity.office_code, "Office code"),
        ("office_name", identity.office_name, "Office name"),
        ("campaign_id", identity.campaign_id, "Campaign (template) id"),
        ("campaign_title", campaign.title.en, "Campaign title"),
        ("campaign_title_hi", campaign.title.hi, "Campaign title in Hindi"),
        ("template_sha256", identity.template_sha256,
         "SHA-256 of the campaign template the office reported against"),
        ("seq", identity.seq, "Bundle sequence number: headquarters keeps the highest"),
        ("part", identity.part, "Part of a series of bundles (each carries all the data)"),
        ("parts", identity.parts, "Bundles in the series"),
        ("created_at", identity.created_at, "When the bundle was made (UTC)"),
        ("as_on", as_on, "The office's date of the figures"),
        ("app_version", identity.app_version, "FieldDesk version"),
        ("bundle_id", identity.bundle_id, "Unique id of this bundle (also in manifest.json)"),
        ("key_fingerprint", identity.key_fingerprint,
         "Fingerprint of the office key that signed manifest.json"),
        ("format_version", identity.format_version, "Bundle format version"),
    ):
        s.append([xl.text_cell(code), xl.cell(value, xl.PLAIN.but(align="left")),
                  xl.text_cell(meaning)])
    s.append([])
    s.append([xl.text_cell(t, xl.HEADER) for t in ("sheet", "code", "meaning", "unit")])
    for spec in sh.SHEETS:
        for column in spec.columns:
            s.append([xl.text_cell(spec.name), xl.text_cell(column.code), xl.text_cell(column.meaning),
                      xl.text_cell(column.unit)])
    s.append([])
    s.append([xl.text_cell(t, xl.HEADER) for t in ("indicator_code", "title", "title_hi", "group",
                                              "unit", "has_target", "source")])
    for ind in campaign.indicators:
        s.append([xl.text_cell(ind.code), xl.text_cell(ind.title.en), xl.text_cell(ind.title.hi),
                  xl.text_cell(ind.group.value), xl.text_cell(ind.unit.value),
                  xl.text_cell("yes" if ind.has_target else "no"), xl.text_cell(ind.source.value)])

