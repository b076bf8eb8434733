"""The printed summary as Qt rich-text HTML: tables, headings, photo pairs, signature blocks.

Pure text (no Qt import), so it can be read and tested on its own; ``render.py`` lays it
out on A4 pages. Lengths are CSS pixels at 96 per inch: the renderer lays the document
out in those units and scales to the printer. Every user-typed string is escaped.
"""

from __future__ import annotations

from html import escape

from desktop_app.domain.choices import IndicatorGroup, PhotoRole, SiteStatus, label
from desktop_app.domain.dates import format_date, format_timestamp
from desktop_app.domain.formatting import format_value
from desktop_app.domain.numbers import format_count, format_percent, format_rupees
from desktop_app.reports.document import (
    PhotoPair,
    PhotoSide,
    SummaryDocument,
)

PX_PER_MM = 96 / 25.4
PAGE_MARGIN_MM = (15.0, 15.0, 15.0, 20.0)  # left, top, right, bottom (room for the footer)
PHOTO_BOX_MM = (62.0, 46.5)  # before/after pictures fit in this box, aspect kept
PAIRS_PER_PAGE = 4
QR_SIZE_MM = 32.0
QR_MARKER = "[[qr-code]]"  # replaced by the vector QR object after the HTML is parsed
PHOTO_URL = "photo:{sha}"

STYLE = """
p { margin-top: 0px; margin-bottom: 0px; }
.office { font-size: 21px; font-weight: bold; }
.org { font-size: 14px; }
.small { font-size: 11px; color: #333333; }
.title { font-size: 17px; font-weight: bold; }
.heading { font-size: 15px; font-weight: bold; margin-top: 16px; margin-bottom: 5px; }
.note { font-size: 12px; color: #333333; margin-top: 3px; }
.mono { font-family: monospace; font-size: 11px; }
table.grid { font-size: 12px; }
td { background-color: #ffffff; }
th { background-color: #e3e3e3; font-weight: bold; }
tr.group td { background-color: #f1f1f1; font-weight: bold; }
tr.total td { font-weight: bold; background-color: #f7f7f7; }
td.num, th.num { text-align: right; }
th.txt { text-align: left; }
td.photo { text-align: center; }
.caption { font-size: 11px; }
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _grid(width: str = "100%", *, page_break: bool = False) -> str:
    style = ' style="page-break-before: always"' if page_break else ""
    # Grid lines are the table's background showing through 1 px cell spacing: Qt's CSS
    # border-collapse looks the same but makes layout 3x and drawing 8x slower on long tables.
    return f'<table class="grid" width="{width}" border="0" cellspacing="1" cellpadding="4" bgcolor="#8c8c8c"{style}>'


def _head(*cells: tuple[str, str, str]) -> str:
    """A header row (repeated on every page the table runs onto): (text, css class, width)."""
    out = "".join(f'<th class="{cls or "txt"}" width="{width}" valign="bottom">{_e(text)}</th>'
                  for text, cls, width in cells)
    return f"<thead><tr>{out}</tr></thead>"


def _clip(text: str, limit: int = 90) -> str:
    """Long captions and names are cut so a photo row always fits its quarter page."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _heading(text: str, *, page_break: bool = False) -> str:
    style = ' style="page-break-before: always"' if page_break else ""
    return f'<p class="heading"{style}>{_e(text)}</p>'


def header_html(doc: SummaryDocument) -> str:
    s, o = doc.summary, doc.summary.office
    lines = [f'<p class="office">{_e(o.name)}</p>']
    if o.organisation:
        lines.append(f'<p class="org">{_e(o.organisation)}</p>')
    place = ", ".join(x for x in (o.address or o.district, o.state) if x)
    detail = f"{doc.t('office_code')}: {o.code}" + (f" · {place}" if place else "")
    lines.append(f'<p class="small">{_e(detail)}</p>')
    lines.append('<hr/>')
    lines.append(f'<p class="title">{_e(s.campaign.title.text(doc.lang))}</p>')
    lines.append(f'<p class="org"><b>{_e(doc.t("title"))}</b> — {_e(doc.t("as_on", date=format_date(s.as_on)))}</p>')
    lines.append(f'<p class="org">{_e(doc.t("phase"))}: {_e(doc.phase_text)}</p>')
    return "\n".join(lines)


def targets_html(doc: SummaryDocument) -> str:
    s, lang = doc.summary, doc.lang
    rows = [_heading(doc.t("targets")), _grid(), _head(
        (doc.t("category"), "", "46%"), (doc.t("target"), "num", "17%"),
        (doc.t("achievement", date=format_date(s.as_on)), "num", "23%"), (doc.t("percent"), "num", "14%"))]
    for group in s.groups:
        rows.append(f'<tr class="group"><td colspan="4">{_e(label(group.group, lang))}</td></tr>')
        for r in group.rows:
            unit = r.indicator.unit
            target = format_value(r.target, unit, lang) if r.indicator.has_target else "–"
            rows.append(f"<tr><td>{_e(r.indicator.title.text(lang))}</td><td class=\"num\">{_e(target)}</td>"
                        f"<td class=\"num\">{_e(format_value(r.achieved, unit, lang))}</td>"
                        f"<td class=\"num\">{_e(format_percent(r.achieved, r.target) if r.indicator.has_target else '–')}</td></tr>")
    rows.append("</table>")
    return "\n".join(rows)


def scrap_html(doc: SummaryDocument) -> str:
    s, lang = doc.summary, doc.lang
    out = [_heading(label(IndicatorGroup.SCRAP, lang))]
    if not s.scrap:
        return "\n".join([*out, f'<p class="note">{_e(doc.t("no_records"))}</p>'])
    out += [_grid(), _head((doc.t("category"), "", "34%"), (doc.t("disposals"), "num", "16%"),
                           (doc.t("revenue"), "num", "28%"), (doc.t("space_freed"), "num", "22%"))]
    for t in s.scrap:
        out.append(f"<tr><td>{_e(label(t.category, lang))}</td><td class=\"num\">{format_count(t.entries)}</td>"
                   f"<td class=\"num\">{_e(format_rupees(t.revenue_paise, lang=lang))}</td>"
                   f"<td class=\"num\">{format_count(t.space_freed_sqft)}</td></tr>")
    out.append(f"<tr class=\"total\"><td>{_e(doc.t('total'))}</td><td class=\"num\">{format_count(s.scrap_entries)}</td>"
               f"<td class=\"num\">{_e(format_rupees(s.scrap_revenue_paise, lang=lang))}</td>"
               f"<td class=\"num\">{format_count(s.space_freed_sqft)}</td></tr></table>")
    return "\n".join(out)


def sites_html(doc: SummaryDocument) -> str:
    s, lang = doc.summary, doc.lang
    out = [_heading(doc.t("sites"))]
    if not s.sites_total:
        return "\n".join([*out, f'<p class="note">{_e(doc.t("no_records"))}</p>'])
    out += [_grid("50%"), _head((doc.t("status"), "", "65%"), (doc.t("count"), "num", "35%"))]
    for status in SiteStatus:
        out.append(f"<tr><td>{_e(label(status, lang))}</td><td class=\"num\">{format_count(s.sites.get(status, 0))}</td></tr>")
    out.append(f"<tr class=\"total\"><td>{_e(doc.t('total'))}</td><td class=\"num\">{format_count(s.sites_total)}</td></tr></table>")
    return "\n".join(out)


def events_html(doc: SummaryDocument) -> str:
    lang = doc.lang
    out = [_heading(label(IndicatorGroup.EVENTS, lang))]
    if not doc.events:
        return "\n".join([*out, f'<p class="note">{_e(doc.t("no_records"))}</p>'])
    out += [_grid(), _head((doc.t("sno"), "num", "8%"), (doc.t("date"), "", "13%"), (doc.t("type"), "", "20%"),
                           (doc.t("event_title"), "", "45%"), (doc.t("participants"), "num", "14%"))]
    for n, ev in enumerate(doc.events, 1):
        venue = f'<br/><span class="small">{_e(ev.venue)}</span>' if ev.venue else ""
        out.append(f"<tr><td class=\"num\">{n}</td><td>{format_date(ev.event_date)}</td>"
                   f"<td>{_e(label(ev.event_type, lang))}</td><td>{_e(ev.title)}{venue}</td>"
                   f"<td class=\"num\">{format_count(ev.participants)}</td></tr>")
    out.append(f"<tr class=\"total\"><td></td><td colspan=\"3\">{_e(doc.t('total'))}: {format_count(doc.summary.events)}</td>"
               f"<td class=\"num\">{format_count(doc.summary.participants)}</td></tr></table>")
    return "\n".join(out)


def bundle_html(doc: SummaryDocument) -> str:
    export = doc.summary.last_export
    out = [_heading(doc.t("bundle"))]
    if export is None:
        return "\n".join([*out, f'<p class="note">{_e(doc.t("no_bundle"))}</p>'])
    qr_px = QR_SIZE_MM * PX_PER_MM
    facts = (f"<b>{_e(doc.t('bundle_seq'))}:</b> {export.seq}<br/>"
             f"<b>{_e(doc.t('bundle_created'))}:</b> {_e(format_timestamp(export.created_at, on_pc_clock=True))}<br/>"
             f"<b>{_e(doc.t('bundle_file'))}:</b> {_e(export.file_name)}<br/>"
             f"<b>{_e(doc.t('manifest'))}:</b><br/><span class=\"mono\">{_e(export.manifest_sha256)}</span><br/>"
             f"<span class=\"note\">{_e(doc.t('bundle_note'))}</span>")
    out.append(f'<table width="100%" cellspacing="0" cellpadding="2"><tr><td valign="middle">{facts}</td>'
               f'<td width="{qr_px + 8:.0f}" align="right">{QR_MARKER}</td></tr></table>')
    return "\n".join(out)


def signatures_html(doc: SummaryDocument) -> str:
    o = doc.summary.office
    cells = []
    for role, name in (("nodal_officer", o.nodal_officer), ("head_of_office", o.head_of_office)):
        cells.append(f'<td width="50%"><br/><br/><br/>______________________________<br/>'
                     f'{_e(doc.t("signature"))}<br/><b>{_e(doc.t(role))}</b><br/>'
                     f'{_e(doc.t("name"))}: {_e(name) if name else "______________________"}<br/>'
                     f'{_e(doc.t("date"))}: ____________</td>')
    return (f'<p class="note" style="margin-top: 14px">{_e(doc.t("certificate"))}</p>'
            f'<table width="100%" cellspacing="0" cellpadding="4"><tr>{"".join(cells)}</tr></table>')


def photo_size_px(side: PhotoSide) -> tuple[float, float]:
    """The printed size of a photo (CSS px): the photo box, aspect kept."""
    box_w, box_h = (v * PX_PER_MM for v in PHOTO_BOX_MM)
    if side.width <= 0 or side.height <= 0:
        return box_w, box_h
    scale = min(box_w / side.width, box_h / side.height)
    return side.width * scale, side.height * scale


def _photo_cell(doc: SummaryDocument, side: PhotoSide | None, role: str) -> str:
    if side is None or side.image_path is None:
        picture = f'<br/><br/><span class="small">{_e(doc.t("photo_missing"))}</span><br/><br/>'
    else:
        w, h = photo_size_px(side)
        picture = f'<img src="{PHOTO_URL.format(sha=side.sha256)}" width="{w:.1f}" height="{h:.1f}"/>'
    caption = [f"<b>{_e(role)}</b>"]
    if side is not None:
        caption += [_e(x) for x in (_clip(side.caption), side.taken_at) if x]
    return f'<td class="photo">{picture}<br/><span class="caption">{" · ".join(caption)}</span></td>'


def photos_html(doc: SummaryDocument) -> str:
    lang = doc.lang
    out = [_heading(doc.t("photos"), page_break=bool(doc.photo_pairs))]
    if not doc.photo_pairs:
        return "\n".join([*out, f'<p class="note">{_e(doc.t("no_photos"))}</p>'])
    head = _head((doc.t("site"), "", "24%"), (label(PhotoRole.BEFORE, lang), "", "38%"),
                 (label(PhotoRole.AFTER, lang), "", "38%"))
    # Qt splits a table row across pages line by line: a photo row must never be cut, so
    # each page gets its own table of PAIRS_PER_PAGE rows, each row at most a quarter page.
    for first in range(0, len(doc.photo_pairs), PAIRS_PER_PAGE):
        out += [_grid(page_break=first > 0), head]
        for n, pair in enumerate(doc.photo_pairs[first:first + PAIRS_PER_PAGE], first + 1):
            out.append(_pair_row(doc, n, pair))
        out.append("</table>")
    return "\n".join(out)


def _pair_row(doc: SummaryDocument, n: int, pair: PhotoPair) -> str:
    site = pair.site
    where = f'<br/><span class="small">{_e(_clip(site.location))}</span>' if site.location else ""
    if site.status is SiteStatus.COMPLETED:
        state = doc.t("completed_on", date=format_date(site.completed_date, blank="–"))
    else:
        state = doc.t("not_completed", status=label(site.status, doc.lang))
    done = f'<br/><span class="small">{_e(state)}</span>'
    return (f"<tr><td><b>{n}. {_e(_clip(site.name))}</b>{where}{done}</td>"
            f"{_photo_cell(doc, pair.before, label(PhotoRole.BEFORE, doc.lang))}"
            f"{_photo_cell(doc, pair.after, label(PhotoRole.AFTER, doc.lang))}</tr>")


def document_html(doc: SummaryDocument) -> str:
    """The whole summary: header, tables, bundle identity, signatures, then the photo annexure."""
    parts = [header_html(doc), targets_html(doc), scrap_html(doc), sites_html(doc), events_html(doc),
             bundle_html(doc), signatures_html(doc)]
    if doc.with_photos:
        parts.append(photos_html(doc))
    return f"<html><body>{''.join(parts)}</body></html>"
