"""The records a clerk keeps, as plain dataclasses (no SQL, no Qt).

Field names are the column names in the database and the stable column codes in the
bundle's typed sheets. Money is ``int`` paise; dates are ``datetime.date``; ids of rows
that travel in bundles are UUID text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop_app.domain.choices import (
    DisposalMode,
    EventType,
    IndicatorGroup,
    IndicatorSource,
    Label,
    ScrapCategory,
    SiteStatus,
    Unit,
)


def new_id() -> str:
    import uuid  # here, not at the top: it costs start-up time and is needed only on saves

    return str(uuid.uuid4())


@dataclass
class Office:
    code: str
    name: str
    organisation: str = ""
    parent_office: str = ""
    state: str = ""
    district: str = ""
    address: str = ""
    head_of_office: str = ""
    nodal_officer: str = ""
    contact: str = ""
    key_fingerprint: str = ""


@dataclass(frozen=True)
class Phase:
    code: str  # "preparatory" | "implementation"
    title: Label
    start: date
    end: date


@dataclass(frozen=True)
class Indicator:
    code: str
    title: Label
    group: IndicatorGroup
    unit: Unit
    has_target: bool
    source: IndicatorSource = IndicatorSource.ENTERED
    # Plausibility of one day's figure, in the indicator's unit (paise for money), from the
    # template: above ``daily_max`` a figure is refused, above ``unusual_above`` the clerk
    # is asked to confirm it. None: no limit.
    daily_max: int | None = None
    unusual_above: int | None = None
    # The phase whose days take this indicator's daily figures ("preparatory" or
    # "implementation"); None: any day of the campaign.
    phase: str | None = None

    @property
    def entered(self) -> bool:
        return self.source is IndicatorSource.ENTERED


@dataclass(frozen=True)
class Campaign:
    id: str
    title: Label
    phases: tuple[Phase, ...]
    indicators: tuple[Indicator, ...]
    template_sha256: str = ""
    version: int = 1
    # Indicators an earlier version had and this one removed: their entries are kept and
    # shown as retired, never counted against this version (filled in by storage).
    retired: tuple[Indicator, ...] = ()
    # False for a campaign that another has replaced as current: its records are read-only.
    current: bool = True

    @property
    def start(self) -> date:
        return min(p.start for p in self.phases)

    @property
    def end(self) -> date:
        return max(p.end for p in self.phases)

    def phase_on(self, day: date) -> Phase | None:
        return next((p for p in self.phases if p.start <= day <= p.end), None)

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    def phase_named(self, code: str) -> Phase | None:
        return next((p for p in self.phases if p.code == code), None)


@dataclass
class Target:
    campaign_id: str
    indicator_code: str
    value: int
    reason: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class ProgressEntry:
    campaign_id: str
    indicator_code: str
    entry_date: date
    value: int
    remark: str = ""
    entered_by: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class ScrapDisposal:
    campaign_id: str
    disposal_date: date
    item: str
    category: ScrapCategory = ScrapCategory.OTHER
    quantity: float = 0.0
    quantity_unit: str = "nos"
    mode: DisposalMode = DisposalMode.AUCTION
    buyer: str = ""
    receipt_no: str = ""
    revenue_paise: int = 0
    space_freed_sqft: int = 0
    remarks: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class CleanlinessSite:
    campaign_id: str
    name: str
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    status: SiteStatus = SiteStatus.IDENTIFIED
    target_date: date | None = None
    completed_date: date | None = None
    remarks: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class Event:
    campaign_id: str
    event_date: date
    event_type: EventType
    title: str
    venue: str = ""
    participants: int = 0
    description: str = ""
    id: str = field(default_factory=new_id)


QUANTITY_UNITS = ("nos", "kg", "tonne", "sets", "sq ft", "litre")  # labels: choices.QUANTITY_UNIT_LABELS
