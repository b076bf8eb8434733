"""The consolidated workbook's Summary sheet: what a ministry prints, one page per campaign.

The ministries' table for all offices together (``reports.indicator_table``, the very table
of the office's own report.xlsx), then the offices and the registers. Beside it, the title
block every per-campaign sheet of the workbook starts with.
"""

from __future__ import annotations

from desktop_app import workbook_writer as xl
from desktop_app.domain.i18n import plural
from desktop_app.hq.consolidate import CampaignSection, Consolidation
from desktop_app.reports.indicator_table import grouped, write_indicator_table

HEADER_ROW = 5  # after the title, the Hindi title, the as-on line and a blank row


def summary_sheet(sheet: xl.Sheet, section: CampaignSection, data: Consolidation) -> None:
    """What a ministry prints: every indicator's target, achievement and % summed over the
    offices (the office's own Summary sheet's table), then the offices and the registers."""
    campaign, totals = section.campaign, section.totals
    as_on = data.as_on.astimezone()
    sheet.set_column_widths([
        xl.text_width([i.title.en for i in campaign.indicators] + ["Scrap disposal entries"],
                      minimum=30, maximum=55),
        xl.text_width([i.title.hi for i in campaign.indicators], minimum=24, maximum=50),
        16, 20, 13])
    sheet.page_setup(title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"A{HEADER_ROW + 1}",
                     header_left=f"{campaign.title.en} — summary",
                     header_right=f"As on {as_on:%d.%m.%Y %H:%M}",
                     footer_left="FieldDesk headquarters: consolidated from signed office bundles")
    title_block(sheet, section, data, "summary of all offices")
    write_indicator_table(sheet, grouped(totals.figures),
                          f"Achievement (as on {as_on:%d.%m.%Y})")
    sheet.append([])
    _count_block(sheet, ("Offices", "कार्यालय"), [
        ("Offices reporting", "रिपोर्ट करने वाले कार्यालय", totals.offices),
        (f"Stale: no bundle for {data.stale_days} days",
         f"पुराने: {data.stale_days} दिन से कोई बंडल नहीं", totals.stale_offices),
        ("Offices with photos missing", "कार्यालय जिनकी फ़ोटो नहीं मिलीं",
         totals.offices_missing_photos),
        ("On an older campaign version", "अभियान के पुराने संस्करण पर",
         totals.older_version_offices)])
    sheet.append([])
    _count_block(sheet, ("Registers", "रजिस्टर"), [
        ("Scrap disposal entries", "स्क्रैप निपटान प्रविष्टियाँ", totals.scrap_entries),
        ("Scrap revenue", "स्क्रैप राजस्व", xl.rupees_cell(totals.scrap_revenue_paise)),
        ("Space freed (sq ft)", "खाली हुई जगह (वर्ग फुट)", totals.space_freed_sqft),
        ("Cleanliness sites", "स्वच्छता स्थल", totals.sites_total),
        ("Sites completed", "पूर्ण स्थल", totals.sites_completed),
        ("Events held", "आयोजित कार्यक्रम", totals.events),
        ("Participants", "प्रतिभागी", totals.participants),
        ("Photos missing", "फ़ोटो नहीं मिलीं", totals.photos_missing)])


def _count_block(sheet: xl.Sheet, heading: tuple[str, str],
                 rows: list[tuple[str, str, int | xl.Cell]]) -> None:
    sheet.append([xl.text_cell(heading[0], xl.HEADER), xl.text_cell(heading[1], xl.HEADER),
                  xl.text_cell("Number\nसंख्या", xl.HEADER)])
    for en, hi, value in rows:
        sheet.append([xl.text_cell(en), xl.text_cell(hi),
                      value if isinstance(value, xl.Cell) else xl.number_cell(value)])


def title_block(sheet: xl.Sheet, section: CampaignSection, data: Consolidation,
                 what: str) -> None:
    """Title, Hindi title, the as-on line and a blank row: the header row is HEADER_ROW."""
    campaign = section.campaign
    as_on = data.as_on.astimezone()
    offices = plural("{n} office", "{n} offices", len(section.offices))
    sheet.append([xl.text_cell(f"{campaign.title.en} — {what}", xl.TITLE)])
    sheet.append([xl.text_cell(campaign.title.hi, xl.TITLE.but(size=12))])
    sheet.append([xl.text_cell(f"As on {as_on:%d.%m.%Y %H:%M} · {offices} · campaign "
                               f"{campaign.campaign_id}, template "
                               f"{campaign.template_sha256[:12]}…", xl.NOTE)])
    sheet.append([])
