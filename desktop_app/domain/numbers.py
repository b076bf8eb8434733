"""Indian number formatting and parsing: 12,34,567, Rs. 6,91,389, 18.65 lakh, 77.30 crore;
and sizes of files: 12.3 MB.

Clerks read and type numbers in Indian grouping (last three digits, then pairs). Money
is integer paise everywhere; these functions are the only place it becomes text, and
the only place text becomes a number. Parsing accepts Indian or plain Western grouping.
"""

from __future__ import annotations

import re

from desktop_app.domain.i18n import N_, Message, group_indian

LAKH = 100_000
CRORE = 10_000_000


def format_count(n: int | None) -> str:
    """A count for people; None (not set) shows as an en dash like the ministries' tables."""
    return "–" if n is None else group_indian(n)


_RUPEE = {"en": "Rs.", "hi": "रु."}
_SCALE_WORDS = {"en": ("lakh", "crore"), "hi": ("लाख", "करोड़")}


def format_rupees(paise: int | None, *, with_paise: bool | None = None, lang: str = "en") -> str:
    """'Rs. 6,91,389' ('रु. 6,91,389' in Hindi); paise shown only when non-zero, unless forced."""
    if paise is None:
        return "–"
    sign = "-" if paise < 0 else ""
    rupees, rem = divmod(abs(int(paise)), 100)
    text = f"{_RUPEE.get(lang, 'Rs.')} {sign}{group_indian(rupees)}"
    if with_paise or (with_paise is None and rem):
        text += f".{rem:02d}"
    return text


def format_lakh_crore(paise: int, lang: str = "en") -> str:
    """Large sums as officials say them: 'Rs. 18.65 lakh', 'रु. 77.30 करोड़', else plain rupees."""
    rupees = paise / 100
    lakh, crore = _SCALE_WORDS.get(lang, _SCALE_WORDS["en"])
    prefix = _RUPEE.get(lang, "Rs.")
    if abs(rupees) >= CRORE:
        return f"{prefix} {rupees / CRORE:.2f} {crore}"
    if abs(rupees) >= LAKH:
        return f"{prefix} {rupees / LAKH:.2f} {lakh}"
    return format_rupees(paise, lang=lang)


def format_percent(achieved: int, target: int | None) -> str:
    """'86%' (whole percent, like the press releases); '–' when there is no target."""
    pct = percent(achieved, target)
    return "–" if pct is None else f"{pct:.0f}%"


_DECIMAL_UNITS = (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000))
_BINARY_UNITS = (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024))


def format_size(n: int, *, binary: bool = False, whole_kb: bool = False) -> str:
    """A size in bytes as people read it: '12.3 MB', '1.0 KB', '999 bytes'.

    Powers of 1000, as disks are sold and as ``--max-size`` is written. ``binary``: powers
    of 1024 ('64.0 MiB'), for limits that are set in MiB. ``whole_kb``: a list of files
    (the export history, the file dialogs) shows whole kilobytes below 1 MB, at least 1 KB
    ('320 KB'), as Windows Explorer does.
    """
    for unit, size in _BINARY_UNITS if binary else _DECIMAL_UNITS:
        if n >= size and not (whole_kb and unit == "KB"):
            return f"{n / size:.1f} {unit}"
    if whole_kb:
        return f"{format_count(max(1, round(n / 1000)))} KB"
    return f"{format_count(n)} bytes"


def percent(achieved: int, target: int | None) -> float | None:
    """Achievement as % of target, or None when there is no positive target."""
    if not target or target <= 0:
        return None
    return 100.0 * achieved / target


_SCALES = {"lakh": LAKH, "lakhs": LAKH, "lac": LAKH, "lacs": LAKH, "l": LAKH, "लाख": LAKH,
           "crore": CRORE, "crores": CRORE, "cr": CRORE, "करोड़": CRORE, "k": 1000, "thousand": 1000}
_NUMBER_RE = re.compile(r"^(?P<sign>-)?(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*(?P<scale>[a-z]+|लाख|करोड़)?$")
_INDIAN_GROUPS = re.compile(r"^[0-9]{1,2}(,[0-9]{2})*,[0-9]{3}$")
_WESTERN_GROUPS = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+$")

# Clerks typing in Hindi may use Devanagari numerals: ०१२३४५६७८९ are the same digits.
_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")

BAD_NUMBER = N_("'{text}' is not a number")
BAD_GROUPING = N_("'{text}' has commas in the wrong places")
NOT_WHOLE = N_("'{text}' must be a whole number")
TOO_MANY_DECIMALS = N_("'{text}' has more than two decimal places")


class NumberParseError(ValueError):
    """Text that is not a number a clerk could mean; ``message`` is translatable."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


def _parse_decimal(text: str) -> tuple[int, int, str]:
    """Split '12,34,567.50 lakh' into (units, hundredths, scale); validates grouping."""
    cleaned = text.strip().lower().replace("rs.", "").replace("rs", "").replace("₹", "").replace("inr", "")
    cleaned = cleaned.replace("रु.", "").replace("रु", "")
    cleaned = cleaned.replace("\u00a0", " ").translate(_DEVANAGARI_DIGITS).strip()
    match = _NUMBER_RE.match(cleaned)
    if not match:
        raise NumberParseError(Message(BAD_NUMBER, text=text))
    num, scale_word = match["num"], match["scale"]
    int_part, _, frac = num.partition(".")
    if "," in int_part and not (_INDIAN_GROUPS.match(int_part) or _WESTERN_GROUPS.match(int_part)):
        raise NumberParseError(Message(BAD_GROUPING, text=text))
    if scale_word is not None and scale_word not in _SCALES:
        raise NumberParseError(Message(BAD_NUMBER, text=text))
    scale = _SCALES.get(scale_word or "", 1)
    whole = int(int_part.replace(",", "") or "0")
    # Exact decimal arithmetic in hundredths-of-a-unit scaled: avoid float rounding.
    frac_digits = frac or ""
    scaled_num = int(str(whole) + frac_digits) * scale
    denominator = 10 ** len(frac_digits)
    sign = -1 if match["sign"] else 1
    return sign * scaled_num, denominator, text


def parse_count(text: str) -> int:
    """'12,34,567', '1,234,567', '1234567', '1.5 lakh' -> int; fractions are refused."""
    num, den, _ = _parse_decimal(text)
    if num % den:
        raise NumberParseError(Message(NOT_WHOLE, text=text))
    return num // den


def parse_rupees(text: str) -> int:
    """'Rs. 6,91,389.50', '18.65 lakh', '₹ 500' -> paise (int). More than 2 decimals refused."""
    num, den, _ = _parse_decimal(text)
    paise_num = num * 100
    if paise_num % den:
        raise NumberParseError(Message(TOO_MANY_DECIMALS, text=text))
    return paise_num // den
