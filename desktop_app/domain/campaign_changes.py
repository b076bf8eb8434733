"""What a campaign from headquarters changes, told before it is applied.

An office never takes a campaign unseen: ``compare(old, new)`` lists what importing *new*
would change — a whole new campaign, or for a newer version of the one the office has:
new and removed indicators, renamed labels, new dates, and the other facts of an
indicator (unit, group, where its figures come from, target, limits, phase). Each change
becomes one line in the clerk's language (``line``), the same in the dialog and on the
command line. No Qt, no storage: the counts of kept entries are given by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.choices import Label, label
from desktop_app.domain.dates import format_date
from desktop_app.domain.formatting import format_value
from desktop_app.domain.i18n import N_, Message, Plural, plural
from desktop_app.domain.models import Campaign, Indicator, Phase

NEW_CAMPAIGN, TITLE, PHASE_DATES, PHASE_TITLE = "new-campaign", "title", "phase-dates", "phase-title"
ADDED, REMOVED, RESTORED, RENAMED = "added", "removed", "restored", "renamed"
UNIT, GROUP, KIND, TARGET, LIMITS, PHASE = "unit", "group", "kind", "target", "limits", "phase"


@dataclass(frozen=True)
class Change:
    """One difference: its kind, the indicator (or phase) code, and the values before and after."""

    kind: str
    code: str = ""
    old: object = None
    new: object = None
    entries: int = 0  # a removed indicator: the entries it keeps


@dataclass(frozen=True)
class CampaignChanges:
    """What importing *new* over *old* (None: a campaign the office does not have) changes."""

    old: Campaign | None
    new: Campaign
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def is_new_campaign(self) -> bool:
        return self.old is None

    def lines(self, lang: str = "en") -> list[Message | Plural]:
        return [line(c, self.new, self.old, lang) for c in self.changes]


def compare(old: Campaign | None, new: Campaign, *, entries: dict[str, int] | None = None) -> CampaignChanges:
    """The changes from *old* to *new*, in reading order; *entries* counts the saved entries
    (targets and daily figures) of each indicator code, for the removed ones."""
    if old is None:
        return CampaignChanges(None, new, (Change(NEW_CAMPAIGN, new.id, None, new.title),))
    entries = entries or {}
    out: list[Change] = []
    if old.title != new.title:
        out.append(Change(TITLE, "", old.title, new.title))
    for phase in new.phases:
        before = old.phase_named(phase.code)
        if before is None:
            continue
        if (before.start, before.end) != (phase.start, phase.end):
            out.append(Change(PHASE_DATES, phase.code, before, phase))
        if before.title != phase.title:
            out.append(Change(PHASE_TITLE, phase.code, before.title, phase.title))
    live = {i.code: i for i in old.indicators}
    retired = {i.code: i for i in old.retired}
    new_codes = {i.code for i in new.indicators}
    for ind in new.indicators:
        before = live.get(ind.code)
        if before is None:
            out.append(Change(RESTORED if ind.code in retired else ADDED, ind.code, None, ind))
            before = retired.get(ind.code)
            if before is None:
                continue
        out.extend(_indicator_changes(before, ind))
    for ind in old.indicators:
        if ind.code not in new_codes:
            out.append(Change(REMOVED, ind.code, ind, None, entries.get(ind.code, 0)))
    return CampaignChanges(old, new, tuple(out))


def _indicator_changes(old: Indicator, new: Indicator) -> list[Change]:
    code = new.code
    out = []
    if old.title != new.title:
        out.append(Change(RENAMED, code, old.title, new.title))
    if old.unit is not new.unit:
        out.append(Change(UNIT, code, old.unit, new.unit))
    if old.group is not new.group:
        out.append(Change(GROUP, code, old.group, new.group))
    if old.source is not new.source:
        out.append(Change(KIND, code, old.source, new.source))
    if old.has_target != new.has_target:
        out.append(Change(TARGET, code, old.has_target, new.has_target))
    if (old.daily_max, old.unusual_above) != (new.daily_max, new.unusual_above):
        out.append(Change(LIMITS, code, (old.daily_max, old.unusual_above),
                          (new.daily_max, new.unusual_above)))
    if old.phase != new.phase:
        out.append(Change(PHASE, code, old.phase, new.phase))
    return out


# --- one line per change -------------------------------------------------------------------

_NEW = N_("New campaign: {title} (version {version}), {start} to {end}. It becomes the current "
          "campaign; the records of earlier campaigns stay, read-only.")
_TITLE = N_("Title: “{old}” becomes “{new}”")
_PHASE_DATES = N_("{phase}: {old_start} to {old_end} becomes {new_start} to {new_end}")
_PHASE_TITLE = N_("Phase renamed: “{old}” becomes “{new}”")
_ADDED = N_("New indicator: {name} ({code})")
_RESTORED = N_("Indicator back in the campaign: {name} ({code}); its earlier entries count again")
_RENAMED = N_("Renamed: “{old}” becomes “{new}” ({code})")
_UNIT = N_("{name}: unit {old} becomes {new}")
_GROUP = N_("{name}: group {old} becomes {new}")
_KIND = N_("{name}: figures come from {new}, no longer {old}")
_TARGET_ON = N_("{name}: now takes a target")
_TARGET_OFF = N_("{name}: no longer takes a target")
_LIMITS = N_("{name}: at most {daily_max} a day, unusual above {unusual}")
_LIMIT_MAX = N_("{name}: at most {daily_max} a day")
_LIMIT_UNUSUAL = N_("{name}: unusual above {unusual} a day")
_NO_LIMITS = N_("{name}: no daily limits")
_PHASE_ON = N_("{name}: figures only in the {phase}")
_PHASE_OFF = N_("{name}: figures on any day of the campaign")


def line(change: Change, new: Campaign, old: Campaign | None, lang: str = "en") -> Message | Plural:
    """*change* as one line for the clerk, labels in *lang*."""
    kind, code = change.kind, change.code
    if kind == NEW_CAMPAIGN:
        return Message(_NEW, title=new.title.text(lang), version=new.version,
                       start=format_date(new.start), end=format_date(new.end))
    if kind == TITLE:
        return Message(_TITLE, old=_text(change.old, lang), new=_text(change.new, lang))
    if kind == PHASE_DATES:
        before, after = change.old, change.new
        assert isinstance(before, Phase) and isinstance(after, Phase)
        return Message(_PHASE_DATES, phase=after.title.text(lang),
                       old_start=format_date(before.start), old_end=format_date(before.end),
                       new_start=format_date(after.start), new_end=format_date(after.end))
    if kind == PHASE_TITLE:
        return Message(_PHASE_TITLE, old=_text(change.old, lang), new=_text(change.new, lang))
    if kind == REMOVED:
        ind = change.old
        assert isinstance(ind, Indicator)
        return plural("Removed indicator: {name} ({code}); its {n} entry is kept, shown as retired",
                      "Removed indicator: {name} ({code}); its {n} entries are kept, shown as retired",
                      change.entries, name=ind.title.text(lang), code=code)
    if kind == RENAMED:
        return Message(_RENAMED, old=_text(change.old, lang), new=_text(change.new, lang), code=code)
    ind = _find(new, code)
    name = ind.title.text(lang) if ind is not None else code
    if kind in (ADDED, RESTORED):
        return Message(_ADDED if kind == ADDED else _RESTORED, name=name, code=code)
    if kind in (UNIT, GROUP, KIND):
        template = {UNIT: _UNIT, GROUP: _GROUP, KIND: _KIND}[kind]
        return Message(template, name=name, old=label(change.old, lang), new=label(change.new, lang))
    if kind == TARGET:
        return Message(_TARGET_ON if change.new else _TARGET_OFF, name=name)
    if kind == LIMITS:
        daily_max, unusual = change.new  # type: ignore[misc]
        template = {(True, True): _LIMITS, (True, False): _LIMIT_MAX,
                    (False, True): _LIMIT_UNUSUAL, (False, False): _NO_LIMITS}[
            (daily_max is not None, unusual is not None)]
        unit = ind.unit if ind is not None else None
        return Message(template, name=name, daily_max=_limit(daily_max, unit, lang),
                       unusual=_limit(unusual, unit, lang))
    if kind == PHASE:
        phase = new.phase_named(str(change.new)) if change.new else None
        if phase is None:
            return Message(_PHASE_OFF, name=name)
        return Message(_PHASE_ON, name=name, phase=phase.title.text(lang))
    raise ValueError(f"unknown change {kind!r}")


def _text(value: object, lang: str) -> str:
    return value.text(lang) if isinstance(value, Label) else str(value)


def _find(campaign: Campaign, code: str) -> Indicator | None:
    return next((i for i in campaign.indicators if i.code == code), None)


def _limit(value: int | None, unit, lang: str) -> str:
    if value is None:
        return ""
    return format_value(value, unit, lang) if unit is not None else str(value)
