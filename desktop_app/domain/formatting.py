"""An indicator's value as people read it, with its unit: 'Rs. 6,91,389', '11,000 sq ft', '3,200'.

The dashboard, the printed summary and the CLI use this; the workbook keeps numbers as
numbers and applies the matching Excel number format instead.
"""

from __future__ import annotations

from desktop_app.domain.choices import Unit, label
from desktop_app.domain.numbers import format_count, format_rupees


def format_value(value: int | None, unit: Unit, lang: str = "en") -> str:
    if value is None:
        return "–"
    if unit is Unit.INR:
        return format_rupees(value, lang=lang)
    if unit is Unit.SQFT:
        return f"{format_count(value)} {label(Unit.SQFT, lang)}"
    return format_count(value)
