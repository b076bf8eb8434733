"""A key's fingerprint laid out for reading aloud, apart from ``signing`` so that the pages
showing one need not load the cryptography library (see docs/decisions/0004)."""

from __future__ import annotations


def fingerprint_lines(fingerprint: str, per_line: int = 4) -> str:
    """'AAAA BBBB …' (16 blocks) as 4 lines of 4 blocks: easy to read out over the phone."""
    blocks = fingerprint.split()
    return "\n".join(" ".join(blocks[i:i + per_line]) for i in range(0, len(blocks), per_line))
