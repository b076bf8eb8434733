"""Where an office's data lives: one folder per office (database, photos, keys, exports).

``FolderLayout`` is what every FieldDesk folder has (photos, keys, logs), for the office's
``DataFolder`` and headquarters' folder alike.

The folder is ``--home DIR``, else ``$FIELDDESK_HOME``, else the platform's user-data
folder. It is never inside the program folder, so a new build never touches data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Self

APP_NAME = "FieldDesk"
HOME_ENV = "FIELDDESK_HOME"


def default_home() -> Path:
    import platformdirs  # only when no folder is given: costs start-up time

    return platformdirs.user_data_path(APP_NAME, appauthor=False, roaming=False)


def demo_home() -> Path:
    """The demo office lives beside the real one, never in it."""
    base = default_home()
    return base.with_name(base.name + "-demo")


def resolve_home(cli_home: str | os.PathLike[str] | None = None) -> Path:
    if cli_home:
        return Path(cli_home).expanduser().resolve()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_home()


@dataclass(frozen=True)
class FolderLayout:
    """What an office's data folder and headquarters' folder share: ``photos/`` (content
    addressed), ``keys/`` (owner-only), ``logs/``; ``ensure()`` creates what is missing.
    Each kind of folder adds its own files and the folders it needs (``subfolders``)."""

    root: Path

    @property
    def photos(self) -> Path:
        return self.root / "photos"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def subfolders(self) -> tuple[Path, ...]:
        return (self.photos, self.keys, self.logs)

    def ensure(self) -> Self:
        for folder in (self.root, *self.subfolders()):
            folder.mkdir(parents=True, exist_ok=True)
        try:
            os.chmod(self.keys, 0o700)
        except OSError:
            pass
        return self


@dataclass(frozen=True)
class DataFolder(FolderLayout):
    """The layout of one office's data folder."""

    @property
    def database(self) -> Path:
        return self.root / "fielddesk.db"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def lock(self) -> Path:
        return self.root / ".fielddesk.lock"

    def subfolders(self) -> tuple[Path, ...]:
        return (*super().subfolders(), self.exports, self.backups)
