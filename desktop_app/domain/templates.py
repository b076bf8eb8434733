"""Campaign templates: the indicators, phases and titles of a programme, read from data files.

Indicators never live in code: a new programme is a new JSON file in
``assets/campaigns/``. An indicator may say what one day's figure can plausibly be:
``daily_max`` (more is refused) and ``unusual_above`` (more is saved only once the clerk
confirms it), both in the indicator's unit (rupees for money). A malformed template is refused with the file and field named,
and the SHA-256 of the file's canonical form travels with every bundle so headquarters
knows exactly which indicator set an office reported against.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.domain.choices import IndicatorGroup, IndicatorSource, Label, Unit
from desktop_app.domain.models import Campaign, Indicator, Phase
from desktop_app.errors import TemplateError
from desktop_app.resources import asset_path

TEMPLATE_FORMAT = 1
PHASE_CODES = ("preparatory", "implementation")


def templates_dir() -> Path:
    return asset_path("campaigns")


def available_templates() -> list[Campaign]:
    """Every shipped template, sorted by id."""
    return sorted((load_template(p) for p in templates_dir().glob("*.json")), key=lambda c: c.id)


def canonical_hash(data: dict[str, Any]) -> str:
    import hashlib  # OpenSSL is loaded when a template is hashed, not at start-up

    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_template(path: Path) -> Campaign:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(f"{path.name}: not a readable JSON template ({exc})") from None
    return parse_template(data, source=path.name)


def parse_template(data: Any, *, source: str = "template", template_sha256: str | None = None) -> Campaign:
    """Build a Campaign from template data, naming the first bad field precisely.

    ``template_sha256``: the hash already recorded for exactly this data (a campaign
    row keeps it), which saves hashing at every start.
    """
    reader = _Reader(source)
    obj = reader.obj(data, "")
    if obj.get("format") != TEMPLATE_FORMAT:
        reader.fail("format", f"must be {TEMPLATE_FORMAT}")
    campaign_id = reader.text(obj, "id", pattern_ok=_is_slug)
    phases = tuple(reader.phase(p, f"phases[{i}]") for i, p in enumerate(reader.list(obj, "phases")))
    codes = [p.code for p in phases]
    if sorted(codes) != sorted(PHASE_CODES):
        reader.fail("phases", "must be exactly one 'preparatory' and one 'implementation' phase")
    prep, impl = (next(p for p in phases if p.code == c) for c in PHASE_CODES)
    if impl.start <= prep.end:
        reader.fail("phases", "the implementation phase must start after the preparatory phase ends")
    indicators = tuple(reader.indicator(x, f"indicators[{i}]")
                       for i, x in enumerate(reader.list(obj, "indicators")))
    if not indicators:
        reader.fail("indicators", "at least one indicator is needed")
    seen: set[str] = set()
    for i, ind in enumerate(indicators):
        if ind.code in seen:
            reader.fail(f"indicators[{i}].code", f"'{ind.code}' is used twice")
        seen.add(ind.code)
    return Campaign(id=campaign_id, title=reader.label(obj, "title"), phases=phases,
                    indicators=indicators, template_sha256=template_sha256 or canonical_hash(obj))


def _is_slug(text: str) -> bool:
    return bool(text) and len(text) <= 40 and all(c.isascii() and (c.isalnum() or c in "-_") for c in text) \
        and text[0].isalnum()


class _Reader:
    """Reads typed fields out of template JSON, raising TemplateError with file and path."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, problem: str) -> None:
        raise TemplateError(f"{self.source}: {where}: {problem}")

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where or "top level", "must be an object")
        return value

    def list(self, obj: dict[str, Any], key: str) -> list[Any]:
        value = obj.get(key)
        if not isinstance(value, list):
            self.fail(key, "must be a list")
        return value

    def text(self, obj: dict[str, Any], key: str, where: str = "", pattern_ok=None) -> str:
        value = obj.get(key)
        path = f"{where}.{key}" if where else key
        if not isinstance(value, str) or not value.strip():
            self.fail(path, "must be non-empty text")
        if pattern_ok and not pattern_ok(value):
            self.fail(path, f"'{value}' must be lower-case letters, digits and hyphens")
        return value

    def label(self, obj: dict[str, Any], key: str, where: str = "") -> Label:
        path = f"{where}.{key}" if where else key
        value = self.obj(obj.get(key), path)
        return Label(en=self.text(value, "en", path), hi=self.text(value, "hi", path))

    def day(self, obj: dict[str, Any], key: str, where: str) -> date:
        raw = self.text(obj, key, where)
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.fail(f"{where}.{key}", f"'{raw}' is not a date (YYYY-MM-DD)")
            raise  # unreachable: fail() raises

    def choice(self, obj: dict[str, Any], key: str, where: str, enum):
        raw = obj.get(key)
        try:
            return enum(raw)
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            self.fail(f"{where}.{key}", f"'{raw}' is not one of: {allowed}")
            raise

    def phase(self, value: Any, where: str) -> Phase:
        obj = self.obj(value, where)
        code = self.text(obj, "code", where)
        if code not in PHASE_CODES:
            self.fail(f"{where}.code", f"'{code}' is not one of: {', '.join(PHASE_CODES)}")
        start, end = self.day(obj, "start", where), self.day(obj, "end", where)
        if end < start:
            self.fail(f"{where}.end", "ends before it starts")
        return Phase(code=code, title=self.label(obj, "title", where), start=start, end=end)

    def indicator(self, value: Any, where: str) -> Indicator:
        obj = self.obj(value, where)
        code = self.text(obj, "code", where, pattern_ok=_is_slug)
        has_target = obj.get("has_target")
        if not isinstance(has_target, bool):
            self.fail(f"{where}.has_target", "must be true or false")
        unit = self.choice(obj, "unit", where, Unit)
        daily_max = self.limit(obj, "daily_max", where, unit)
        unusual_above = self.limit(obj, "unusual_above", where, unit)
        if daily_max is not None and unusual_above is not None and unusual_above >= daily_max:
            self.fail(f"{where}.unusual_above", "must be below daily_max")
        return Indicator(
            code=code,
            title=self.label(obj, "title", where),
            group=self.choice(obj, "group", where, IndicatorGroup),
            unit=unit,
            has_target=has_target,
            source=self.choice({"source": obj.get("source", "entered")}, "source", where, IndicatorSource),
            daily_max=daily_max,
            unusual_above=unusual_above,
        )

    def limit(self, obj: dict[str, Any], key: str, where: str, unit: Unit) -> int | None:
        """An optional plausibility limit: a whole number in the indicator's unit (rupees for
        money, stored as paise)."""
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.fail(f"{where}.{key}", "must be a whole number above 0")
        return value * 100 if unit is Unit.INR else value
