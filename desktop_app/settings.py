"""The one typed settings object, kept as ``settings.json`` in the data folder."""

from __future__ import annotations

import json
import os
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
        tmp = path.with_suffix(".json.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(asdict(self), fh, ensure_ascii=False, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
