"""What one upload run did (``SendReport``) and the calm line it makes for the clerk."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.i18n import N_, Message, Plural, plural

Text = Message | Plural


@dataclass
class SendReport:
    """What one run did. ``parts`` make the calm line for the clerk (the GUI translates each;
    ``message`` is the line in English); ``clock`` says how far off the PC clock is, when
    it clearly is."""

    accepted: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # sent; the receipt comes later
    unverified: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    left: int = 0  # bundles still queued or partly sent
    offline: bool = False  # headquarters never answered in this run
    broke_off: bool = False  # it answered, then nothing more moved for max_failures tries
    refused: str = ""  # headquarters said no: why
    stopped: str = ""  # this side could not go on (headquarters' certificate failed): why
    bytes_sent: int = 0
    parts: list[Text] = field(default_factory=list)
    clock: Plural | None = None
    pc_clock_offset: float | None = None  # headquarters' time minus the PC's, in seconds

    @property
    def message(self) -> str:
        return "; ".join(str(part) for part in self.parts)


def summary_parts(r: SendReport) -> list[Text]:
    """The calm line for the clerk, in parts: what was accepted, rejected, waiting, left."""
    parts: list[Text] = []
    if r.accepted:
        parts.append(plural("{n} bundle accepted by headquarters",
                            "{n} bundles accepted by headquarters", len(r.accepted)))
    if r.rejected:
        parts.append(plural("{n} bundle rejected (see `fielddesk upload --status`)",
                            "{n} bundles rejected (see `fielddesk upload --status`)",
                            len(r.rejected)))
    if r.unverified:
        parts.append(plural("{n} bundle with a receipt that did not verify",
                            "{n} bundles with a receipt that did not verify",
                            len(r.unverified)))
    if r.waiting:
        parts.append(plural("{n} bundle sent, waiting for headquarters' receipt",
                            "{n} bundles sent, waiting for headquarters' receipt",
                            len(r.waiting)))
    if r.offline:
        parts.append(plural("headquarters cannot be reached now (no network?): {n} bundle "
                            "stays queued and goes next time",
                            "headquarters cannot be reached now (no network?): {n} bundles "
                            "stay queued and go next time", r.left))
    elif r.broke_off:
        parts.append(plural("the link to headquarters broke off and stayed down: {n} bundle "
                            "stays queued and continues where it stopped next time",
                            "the link to headquarters broke off and stayed down: {n} bundles "
                            "stay queued and continue where they stopped next time", r.left))
    elif r.refused:
        parts.append(Message(N_("headquarters refused: {reason}"), reason=r.refused))
    elif r.stopped:
        parts.append(Message(N_("the upload stopped: {reason}"), reason=r.stopped))
    elif r.left:
        parts.append(plural("{n} bundle still queued", "{n} bundles still queued", r.left))
    if not parts:
        parts.append(Message(N_("nothing to send: every bundle has headquarters' receipt")))
    return parts
