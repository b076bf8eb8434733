"""Campaign files for the tests (shared by the core, command-line and GUI tests): headquarters' key, versions of the Special Campaign, and a
snapshot of everything an import could change (to assert that a refusal changed nothing)."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.campaigns.package import package_bytes, package_name
from desktop_app.domain.templates import templates_dir


def shipped(name: str = "special-campaign-6") -> dict:
    return json.loads((templates_dir() / f"{name}.json").read_text(encoding="utf-8"))


def version_two(data: dict | None = None) -> dict:
    """v2 of the Special Campaign: one indicator renamed, one added, one removed (pg_appeals),
    the implementation phase two weeks longer."""
    data = copy.deepcopy(data or shipped())
    data["version"] = 2
    by_code = {i["code"]: i for i in data["indicators"]}
    by_code["mp_references"]["title"] = {"en": "References from Members of Parliament",
                                         "hi": "संसद सदस्यों के संदर्भ"}
    data["indicators"] = [i for i in data["indicators"] if i["code"] != "pg_appeals"]
    data["indicators"].insert(3, {"code": "court_cases", "title": {"en": "Court cases reviewed",
                                                                    "hi": "समीक्षित न्यायालय मामले"},
                                  "group": "pendency", "unit": "count", "has_target": True,
                                  "source": "entered", "daily_max": 200, "unusual_above": 20})
    impl = next(p for p in data["phases"] if p["code"] == "implementation")
    impl["end"] = "2027-01-14"
    return data


def new_campaign() -> dict:
    """Special Campaign 7.0: another id, the next year."""
    data = copy.deepcopy(shipped())
    data["id"] = "special-campaign-7"
    data["title"] = {"en": "Special Campaign 7.0", "hi": "विशेष अभियान 7.0"}
    for phase, (start, end) in zip(data["phases"], (("2027-09-15", "2027-09-30"),
                                                    ("2027-10-02", "2027-12-31"))):
        phase["start"], phase["end"] = start, end
    return data


class HQ:
    """Headquarters' signing key and a folder of published campaign files."""

    def __init__(self, folder: Path):
        self.key = Ed25519PrivateKey.generate()
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        from desktop_app.keys import signing

        self.pem = folder / "HQ.pub.pem"
        self.pem.write_bytes(signing.public_key_pem(self.key.public_key()))

    def publish(self, template: dict, key: Ed25519PrivateKey | None = None) -> Path:
        path = self.folder / package_name(template["id"], template.get("version", 1))
        path.write_bytes(package_bytes(template, key or self.key))
        return path


def snapshot(opened) -> dict:
    """Everything a campaign import may touch, to compare before and after a refusal."""
    conn = opened.store.conn
    tables = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
              for t in ("campaign", "campaign_version", "phase", "indicator", "target", "progress_entry")}
    keys = opened.folder.keys
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in keys.glob("*") if p.is_file()}
    settings = opened.folder.settings.read_bytes() if opened.folder.settings.exists() else b""
    return {"tables": tables, "keys": files, "settings": settings}


def trust(opened, hq: HQ) -> None:
    from desktop_app.campaigns.hq_key import trust_hq_key_file

    trust_hq_key_file(opened, hq.pem)


