"""The fixed vocabularies (scrap categories, disposal modes, site status, event types...).

Each value is stored in the database and in bundles by its code; the English and Hindi
labels live here once, so the UI, the workbook and the printed summary say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Label:
    """A bilingual label: English and Hindi text for one code."""

    en: str
    hi: str

    def text(self, lang: str) -> str:
        return self.hi if lang == "hi" else self.en


class ScrapCategory(StrEnum):
    EWASTE = "e-waste"
    FURNITURE = "furniture"
    PAPER = "paper"
    METAL = "metal"
    VEHICLE = "vehicle"
    OTHER = "other"


class DisposalMode(StrEnum):
    AUCTION = "auction"
    E_AUCTION = "e-auction"
    RECYCLER = "recycler"
    OTHER = "other"


class SiteStatus(StrEnum):
    IDENTIFIED = "identified"
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"


class EventType(StrEnum):
    PLEDGE = "pledge"
    PLANTATION = "plantation"
    CLEANLINESS_DRIVE = "cleanliness-drive"
    AWARENESS_WORKSHOP = "awareness-workshop"
    REVIEW_MEETING = "review-meeting"
    BEST_PRACTICE = "best-practice"
    OTHER = "other"


class PhotoRole(StrEnum):
    BEFORE = "before"
    AFTER = "after"
    EVENT = "event"
    SCRAP = "scrap"


class Unit(StrEnum):
    COUNT = "count"
    INR = "INR"
    SQFT = "sqft"


class IndicatorGroup(StrEnum):
    PENDENCY = "pendency"
    RECORDS = "records"
    CLEANLINESS = "cleanliness"
    SCRAP = "scrap"
    EVENTS = "events"
    OTHER = "other"


class IndicatorSource(StrEnum):
    """Where an indicator's achievement comes from: typed daily, or derived from a register."""

    ENTERED = "entered"
    SCRAP_REVENUE = "scrap_revenue"
    SCRAP_SPACE = "scrap_space"
    SITES_COMPLETED = "sites_completed"
    EVENTS_HELD = "events_held"
    EVENT_PARTICIPANTS = "event_participants"


LABELS: dict[StrEnum, Label] = {
    ScrapCategory.EWASTE: Label("E-waste", "ई-कचरा"),
    ScrapCategory.FURNITURE: Label("Furniture", "फ़र्नीचर"),
    ScrapCategory.PAPER: Label("Paper", "कागज़"),
    ScrapCategory.METAL: Label("Metal", "धातु"),
    ScrapCategory.VEHICLE: Label("Vehicle", "वाहन"),
    ScrapCategory.OTHER: Label("Other", "अन्य"),
    DisposalMode.AUCTION: Label("Auction", "नीलामी"),
    DisposalMode.E_AUCTION: Label("e-Auction", "ई-नीलामी"),
    DisposalMode.RECYCLER: Label("Sale to recycler", "पुनर्चक्रणकर्ता को बिक्री"),
    DisposalMode.OTHER: Label("Other", "अन्य"),
    SiteStatus.IDENTIFIED: Label("Identified", "चिन्हित"),
    SiteStatus.IN_PROGRESS: Label("In progress", "प्रगति पर"),
    SiteStatus.COMPLETED: Label("Completed", "पूर्ण"),
    EventType.PLEDGE: Label("Pledge", "शपथ"),
    EventType.PLANTATION: Label("Plantation drive", "वृक्षारोपण अभियान"),
    EventType.CLEANLINESS_DRIVE: Label("Cleanliness drive", "स्वच्छता अभियान"),
    EventType.AWARENESS_WORKSHOP: Label("Awareness workshop", "जागरूकता कार्यशाला"),
    EventType.REVIEW_MEETING: Label("Review meeting", "समीक्षा बैठक"),
    EventType.BEST_PRACTICE: Label("Best practice", "सर्वोत्तम प्रथा"),
    EventType.OTHER: Label("Other", "अन्य"),
    PhotoRole.BEFORE: Label("Before", "पहले"),
    PhotoRole.AFTER: Label("After", "बाद में"),
    PhotoRole.EVENT: Label("Event", "कार्यक्रम"),
    PhotoRole.SCRAP: Label("Scrap", "स्क्रैप"),
    Unit.COUNT: Label("count", "संख्या"),
    Unit.INR: Label("Rs.", "रु."),
    Unit.SQFT: Label("sq ft", "वर्ग फुट"),
    IndicatorGroup.PENDENCY: Label("Pending references", "लंबित संदर्भ"),
    IndicatorGroup.RECORDS: Label("Record management", "अभिलेख प्रबंधन"),
    IndicatorGroup.CLEANLINESS: Label("Cleanliness", "स्वच्छता"),
    IndicatorGroup.SCRAP: Label("Scrap disposal", "स्क्रैप निपटान"),
    IndicatorGroup.EVENTS: Label("Events", "कार्यक्रम"),
    IndicatorGroup.OTHER: Label("Other", "अन्य"),
    IndicatorSource.ENTERED: Label("typed daily at the office", "कार्यालय में प्रतिदिन दर्ज"),
    IndicatorSource.SCRAP_REVENUE: Label("revenue in the scrap register", "स्क्रैप रजिस्टर का राजस्व"),
    IndicatorSource.SCRAP_SPACE: Label("space freed in the scrap register", "स्क्रैप रजिस्टर में मुक्त स्थान"),
    IndicatorSource.SITES_COMPLETED: Label("completed cleanliness sites", "पूर्ण स्वच्छता स्थल"),
    IndicatorSource.EVENTS_HELD: Label("events held", "आयोजित कार्यक्रम"),
    IndicatorSource.EVENT_PARTICIPANTS: Label("participants in events", "कार्यक्रमों में प्रतिभागी"),
}


RETIRED = Label("{title} (retired)", "{title} (हटाया गया)")


def retired_title(title: Label) -> Label:
    """The title of an indicator a newer campaign version removed: its entries stay, marked."""
    return Label(RETIRED.en.format(title=title.en), RETIRED.hi.format(title=title.hi))


def label(value: StrEnum, lang: str = "en") -> str:
    """The label of a vocabulary value in the given language ('en' or 'hi')."""
    return LABELS[value].text(lang)


# Units of a scrap quantity: stored by their code ("nos"), shown in the clerk's language. A
# clerk may type any other short unit; it is stored and shown as typed.
QUANTITY_UNIT_LABELS: dict[str, Label] = {
    "nos": Label("nos", "नग"),
    "kg": Label("kg", "कि.ग्रा."),
    "tonne": Label("tonne", "टन"),
    "sets": Label("sets", "सेट"),
    "sq ft": Label("sq ft", "वर्ग फुट"),
    "litre": Label("litre", "लीटर"),
}


def unit_label(unit: str, lang: str = "en") -> str:
    """A quantity unit in ``lang``: a known code's label, anything else as typed."""
    known = QUANTITY_UNIT_LABELS.get(unit)
    return known.text(lang) if known else unit


def unit_code(text: str) -> str:
    """The stored code of a unit shown or typed in either language ("नग" -> "nos")."""
    typed = text.strip()
    for code, known in QUANTITY_UNIT_LABELS.items():
        if typed in (known.en, known.hi):
            return code
    return typed
