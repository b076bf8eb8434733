"""The printed summary read back from the PDF: text (pdftotext), fonts (pdffonts), pages and images (pypdf)."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader  # noqa: E402

from desktop_app.domain.choices import EventType, PhotoRole, SiteStatus  # noqa: E402
from desktop_app.domain.models import Event  # noqa: E402
from desktop_app.domain.numbers import format_count, format_rupees  # noqa: E402
from desktop_app.reports.document import TEXT, collect_document, text  # noqa: E402
from desktop_app.reports.render_html import document_html  # noqa: E402
from desktop_app.reports.summary import build_summary  # noqa: E402
from desktop_app.storage.exports import ExportRecord  # noqa: E402
from desktop_app.storage.photos import PhotoRecord  # noqa: E402


@pytest.fixture(autouse=True)
def qt_app(qapp):
    """pytest-qt's QApplication: a bare QGuiApplication here would break the widget tests after us."""
    return qapp


def write(opened, tmp_path: Path, name: str = "summary.pdf", **kwargs):
    from desktop_app.reports.render import write_summary_pdf

    return write_summary_pdf(opened.store, tmp_path / name, photos_dir=opened.folder.photos, **kwargs)


def pdftotext(path: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with form feeds), spaces collapsed."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"[ \t]+", " ", page) for page in out.split("\f")[:-1]]


def pdffonts(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def jpeg(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for i in range(0, width, 97):
        draw.rectangle([i, height // 4, i + 40, height // 2], fill=(255 - colour[0], 90, i % 256))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def add_photo_pairs(opened, *, size=(1600, 1200), thumbs: bool = False, limit: int | None = None) -> list[str]:
    """Before/after JPEGs for the completed sites, stored and linked as the photo pipeline would."""
    store, photos = opened.store, opened.folder.photos
    campaign = store.campaigns.current()
    captions = []
    sites = [s for s in store.sites.list(campaign.id) if s.status is SiteStatus.COMPLETED][:limit]
    for i, site in enumerate(sites):
        for role, colour in ((PhotoRole.BEFORE, (150, 120, 90)), (PhotoRole.AFTER, (200, 220, 235))):
            data = jpeg(*size, (colour[0], colour[1], (colour[2] + 7 * i) % 256))
            sha = hashlib.sha256(data).hexdigest()
            (photos / f"{sha}.jpg").write_bytes(data)
            if thumbs:
                (photos / "thumbs").mkdir(exist_ok=True)
                (photos / "thumbs" / f"{sha}.jpg").write_bytes(jpeg(256, 192, colour))
            caption = f"Cap{i}{role.value}"
            captions.append(caption)
            store.photos.add(PhotoRecord(sha256=sha, width=size[0], height=size[1], bytes=len(data),
                                         original_name=f"IMG_{i}.jpg", original_bytes=len(data), dhash="0" * 16,
                                         taken_at=f"2026-10-{5 + i:02d}T10:15:00", caption=caption))
            store.photos.link(sha, "site", site.id, role)
    return captions


def record_export(opened, seq: int = 3) -> ExportRecord:
    campaign = opened.store.campaigns.current()
    export = ExportRecord(campaign.id, seq, 1, 1, "bundle-id", "2026-11-19T17:45:00",
                          f"X-{campaign.id}-{seq}.zip", hashlib.sha256(b"manifest").hexdigest(), 1234, {})
    opened.store.exports.record(export, [])
    return export


def test_english_summary_has_the_office_every_indicator_and_the_totals(demo, tmp_path):
    result = write(demo, tmp_path, lang="en")
    pages = pdftotext(result.path)
    body = "".join(pages)
    s = build_summary(demo.store)
    assert result.pages == len(PdfReader(result.path).pages) == len(pages) >= 2
    assert s.office.name in body and s.office.organisation in body
    assert s.campaign.title.en in body and "As on 20.11.2026" in body
    for row in s.rows:
        assert row.indicator.title.en in body, row.indicator.code
    assert format_rupees(s.scrap_revenue_paise) in body  # e.g. Rs. 15,32,823
    assert re.search(r"Scrap disposal revenue – " + re.escape(format_rupees(s.scrap_revenue_paise)), body)
    assert f"{format_count(s.space_freed_sqft)} sq ft" in body
    assert "State Government References 111 110 99%" in body  # right columns, whole %
    assert f"Total 40 {format_rupees(s.scrap_revenue_paise)} {format_count(s.space_freed_sqft)}" in body
    assert f"Total: {s.events} {format_count(s.participants)}" in body
    assert s.office.nodal_officer in body and s.office.head_of_office in body
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page
        assert "Generated by FieldDesk on" in page
    assert "No bundle has been exported yet." in body
    # small tables are never cut in two, and a heading never ends a page
    assert any(all(x in p for x in ("Cleanliness sites", "Identified", "In progress", "Completed 14",
                                    "Total 20")) for p in pages)
    assert any("Events" in p and "Swachhata pledge by all staff" in p for p in pages)


def test_hindi_summary_embeds_the_bundled_devanagari_font(demo, tmp_path):
    result = write(demo, tmp_path, lang="hi")
    assert "NotoSansDevanagari" in pdffonts(result.path)
    body = "".join(pdftotext(result.path))
    # pdftotext garbles conjuncts and some vowel signs; these simple words survive it.
    for word in ("कुल", "नाम", "धातु", "वाहन", "चरण"):
        assert word in body, word
    assert demo.store.office.get().name in body
    # Hindi writes रु. (pdftotext garbles the matra); the Indian-grouped figure must be there
    revenue = format_rupees(build_summary(demo.store).scrap_revenue_paise, lang="hi")
    assert revenue.startswith("रु. ") and revenue.removeprefix("रु. ") in body
    assert "Generated by" not in body and "को तैयार" in body  # the footer, in Hindi


def test_a_long_register_runs_over_pages_and_repeats_its_header(campaign, opened, tmp_path):
    day = date(2026, 10, 2)
    opened.store.events.add_many([
        Event(campaign.id, day + timedelta(days=i % 45), EventType.PLEDGE, f"Pledge number {i:03d}",
              "Main hall", 10 + i) for i in range(300)])
    result = write(opened, tmp_path, with_photos=False)
    pages = pdftotext(result.path)
    section = [p for p in pages if re.search(r"Pledge number \d{3}", p)]
    assert len(section) >= 5
    for page in section:
        assert "S. No. Date Type Title and venue Participants" in page
    body = "".join(pages)
    assert all(f"Pledge number {i:03d}" in body for i in range(300))
    assert f"Total: 300 {format_count(sum(10 + i for i in range(300)))}" in body


def test_an_office_with_no_data_prints_a_sensible_summary(campaign, opened, tmp_path):
    result = write(opened, tmp_path, lang="en")
    body = "".join(pdftotext(result.path))
    assert result.pages >= 1
    assert "Regional Office, Delhi" in body
    assert body.count("No records yet.") == 3  # scrap, sites, events
    assert "No bundle has been exported yet." in body
    assert "No before/after photographs attached to completed sites yet." in body
    hindi = write(opened, tmp_path, "hi.pdf", lang="hi")
    assert hindi.pages >= 1


def test_the_last_bundle_is_printed_as_text_and_qr_code(demo, tmp_path):
    export = record_export(demo)
    doc = collect_document(demo.store, lang="en")
    assert doc.qr_payload.endswith(f"seq=3;manifest-sha256={export.manifest_sha256}")
    result = write(demo, tmp_path)
    body = "".join(pdftotext(result.path))
    assert export.manifest_sha256 in body
    assert "Bundle no.: 3" in body and export.file_name in body
    assert "[[qr-code]]" not in body  # the marker became the vector QR code
    assert f"Bundle 3 · {export.manifest_sha256[:12]}" in body  # in every footer


def test_qr_code_holds_the_payload():
    from desktop_app.reports.render_qr import QUIET_ZONE, qr_modules

    modules = qr_modules("FIELDDESK-BUNDLE;seq=3;manifest-sha256=" + "ab" * 32)
    assert len(modules) == len(modules[0]) >= 21 + 2 * QUIET_ZONE
    assert not any(modules[0]) and modules[QUIET_ZONE][QUIET_ZONE]  # quiet zone, then a finder corner


def test_photo_pages_show_pairs_downscaled_and_no_photos_leaves_them_out(demo, tmp_path):
    captions = add_photo_pairs(demo, size=(1600, 1200))
    with_photos = write(demo, tmp_path, "with.pdf")
    without = write(demo, tmp_path, "without.pdf", with_photos=False)
    text_with = "".join(pdftotext(with_photos.path))
    text_without = "".join(pdftotext(without.path))
    assert with_photos.pages >= without.pages + 3  # 14 pairs, 4 to a page
    assert all(c in text_with for c in captions)
    assert not any(c in text_without for c in captions)
    assert "Before" in text_with and "Completed on" in text_with and "Annexure" not in text_without
    images = [img for page in PdfReader(with_photos.path).pages for img in page.images]
    assert len(images) == len(captions)
    # 62 mm at 150 dpi is 366 px: a 1600 px photo is never embedded whole.
    assert all(img.image.width <= 370 and img.image.height <= 370 for img in images)
    assert with_photos.bytes < 3_000_000


def test_thumbnails_are_used_when_present(demo, tmp_path):
    add_photo_pairs(demo, size=(1600, 1200), thumbs=True, limit=2)
    result = write(demo, tmp_path)
    images = [img for page in PdfReader(result.path).pages for img in page.images]
    assert len(images) == 4 and all(img.image.width == 256 for img in images)


def test_user_text_is_escaped_not_interpreted(campaign, opened, tmp_path):
    opened.store.events.add(Event(campaign.id, date(2026, 10, 5), EventType.OTHER, "<b>Tea & snacks</b>",
                                  "Hall <2>", 5))
    html = document_html(collect_document(opened.store))
    assert "&lt;b&gt;Tea &amp; snacks&lt;/b&gt;" in html
    body = "".join(pdftotext(write(opened, tmp_path).path))
    assert "<b>Tea & snacks</b>" in body and "Hall <2>" in body


def test_every_fixed_string_is_in_both_languages_with_the_same_placeholders():
    for key, label in TEXT.items():
        assert label.en.strip() and label.hi.strip(), key
        assert sorted(re.findall(r"{\w+}", label.en)) == sorted(re.findall(r"{\w+}", label.hi)), key
        assert not re.search("[\u0900-\u097f]", label.en), key
    assert text("page_of", "en", page=2, pages=5) == "Page 2 of 5"


def test_an_unwritable_path_is_a_one_line_error(demo, tmp_path):
    from desktop_app.errors import FieldDeskError
    from desktop_app.reports.render import write_summary_pdf

    with pytest.raises(FieldDeskError, match="no such folder"):
        write_summary_pdf(demo.store, tmp_path / "missing" / "x.pdf")
    with pytest.raises(FieldDeskError, match="is a folder"):
        write_summary_pdf(demo.store, tmp_path)
    assert not list(tmp_path.glob(".*.part"))


def test_the_qr_code_is_drawn_module_for_module():
    """Paint the QR object on an image and read every module back at its centre."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from desktop_app.reports.render_qr import QrTextObject, qr_modules

    modules = qr_modules("FIELDDESK-BUNDLE;office=DL-042;seq=7;manifest-sha256=" + "0f" * 32)
    n, cell = len(modules), 6
    image = QImage(n * cell, n * cell, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    QrTextObject(modules, n * cell).drawObject(painter, QRectF(0, 0, n * cell, n * cell), None, 0, None)
    painter.end()
    read = [[image.pixelColor(x * cell + cell // 2, y * cell + cell // 2).lightness() < 128 for x in range(n)]
            for y in range(n)]
    assert read == modules


def test_rendering_does_not_use_up_references_to_none(campaign, opened, tmp_path):
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None per void call and a long
    render aborted the interpreter; the pinned PySide6 must not (see pyproject.toml)."""
    opened.store.events.add_many([Event(campaign.id, date(2026, 10, 2), EventType.PLEDGE, f"Pledge {i}", "Hall", 1)
                                  for i in range(300)])
    before = sys.getrefcount(None)
    write(opened, tmp_path, with_photos=False)
    assert sys.getrefcount(None) >= before - 50



def test_a_heading_never_ends_a_page_without_its_first_rows():
    """Found in use: "Events" sat alone at the foot of page 1. Filler pushes a heading to every
    height near the foot of the page's text (the footer's margin below it): once the page
    breaks are placed, each time the heading and its table's first row share a page."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextDocument

    from desktop_app.reports.render import document_font
    from desktop_app.reports.render_html import PAGE_MARGIN_MM, PX_PER_MM, STYLE
    from desktop_app.reports.render_pages import keep_with_tables

    page_height, top, bottom = 1123.0, PAGE_MARGIN_MM[1] * PX_PER_MM, PAGE_MARGIN_MM[3] * PX_PER_MM
    rows = "".join(f"<tr><td>{i}</td><td>Pledge {i}</td></tr>" for i in range(60))
    pages_of_heading = set()
    for filler in range(40, 70):
        document = QTextDocument()
        document.setDefaultFont(document_font())
        document.setDefaultStyleSheet(STYLE)
        document.setDocumentMargin(0)
        document.setHtml("".join(f"<p>line {i}</p>" for i in range(filler))
                         + '<p class="heading">Events</p><table class="grid" width="100%">'
                         + f"<thead><tr><th>S. No.</th><th>Title</th></tr></thead>{rows}</table>")
        frame = document.rootFrame().frameFormat()
        frame.setTopMargin(top)
        frame.setBottomMargin(bottom)
        document.rootFrame().setFrameFormat(frame)
        document.setPageSize(QSizeF(794, page_height))
        keep_with_tables(document, page_height, top, bottom)
        layout = document.documentLayout()
        heading = document.findBlockByNumber(filler)
        assert heading.text() == "Events"
        table = document.rootFrame().childFrames()[0]
        first_row = table.cellAt(1, 0).firstCursorPosition().block()  # under the header row
        head_page = int(layout.blockBoundingRect(heading).top() // page_height)
        row_bottom = layout.blockBoundingRect(first_row).bottom()
        assert int(row_bottom // page_height) == head_page, filler
        assert row_bottom <= (head_page + 1) * page_height - bottom, filler  # above the footer
        pages_of_heading.add(head_page)
    assert pages_of_heading == {0, 1}  # some fillers put it on page 1, others pushed it to page 2


def test_an_after_photo_of_a_site_not_completed_is_printed_as_such(campaign, opened, tmp_path):
    """Found in use: an after photo attached to a site still "Identified" appeared nowhere."""
    from desktop_app.domain.models import CleanlinessSite

    store = opened.store
    site = store.sites.add(CleanlinessSite(campaign.id, "Record room store", status=SiteStatus.IDENTIFIED))
    data = jpeg(800, 600, (40, 160, 90))
    sha = hashlib.sha256(data).hexdigest()
    (opened.folder.photos / f"{sha}.jpg").write_bytes(data)
    store.photos.add(PhotoRecord(sha256=sha, width=800, height=600, bytes=len(data), original_name="after.jpg",
                                 original_bytes=len(data), dhash="0" * 16, caption="Cleared shelves"))
    store.photos.link(sha, "site", site.id, PhotoRole.AFTER)
    doc = collect_document(store, lang="en", photos_dir=opened.folder.photos)
    assert [p.site.id for p in doc.photo_pairs] == [site.id]
    body = "".join(pdftotext(write(opened, tmp_path).path))
    assert "Record room store" in body and "Cleared shelves" in body
    assert "Identified: not yet marked completed" in " ".join(body.split())  # the cell wraps
    images = [img for page in PdfReader(tmp_path / "summary.pdf").pages for img in page.images]
    assert len(images) == 1
