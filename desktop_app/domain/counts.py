"""How many records of each kind, in words ("1 daily entry", "226 daily entries"): one place
for the Export page and ``fielddesk info``, keyed like ``storage.totals.record_counts``."""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.domain.i18n import Plural, plural

_WORDS: dict[str, Callable[[int], Plural]] = {
    "target": lambda n: plural("{n} target", "{n} targets", n),
    "progress_entry": lambda n: plural("{n} daily entry", "{n} daily entries", n),
    "scrap_disposal": lambda n: plural("{n} scrap disposal", "{n} scrap disposals", n),
    "cleanliness_site": lambda n: plural("{n} site", "{n} sites", n),
    "event": lambda n: plural("{n} event", "{n} events", n),
    "photo_link": lambda n: plural("{n} photo link", "{n} photo links", n),
    "photo": lambda n: plural("{n} photo", "{n} photos", n),
}


def record_count(kind: str, n: int) -> Plural:
    """*n* records of *kind* (a table name) in words."""
    return _WORDS[kind](n)
