"""The one typed settings object, kept as ``settings.json`` in the data folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

LANGUAGES = ("en", "hi")


@dataclass
class Settings:
    language: str = "en"
    clerk_name: str = ""
    photo_max_edge: int = 1600
    remote_url: str = ""
    hq_key_fingerprint: str = ""

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        if settings.language not in LANGUAGES:
            settings.language = "en"
        if not isinstance(settings.photo_max_edge, int) or not 640 <= settings.photo_max_edge <= 4096:
            settings.photo_max_edge = 1600
        return settings

    def save(self, path: Path) -> None:
        """Atomic: a power cut leaves the old file or the new one, never half of one."""
        from desktop_app.fileio import atomic_write  # hashlib (OpenSSL): not before the first paint

        atomic_write(path, json.dumps(asdict(self), ensure_ascii=False, indent=2).encode("utf-8"))
