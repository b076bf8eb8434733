"""Where an office's data lives: one folder per office (database, photos, keys, exports).

The folder is ``--home DIR``, else ``$FIELDDESK_HOME``, else the platform's user-data
folder. It is never inside the program folder, so a new build never touches data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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
class Folder:
    """What every FieldDesk data folder has — an office's (``DataFolder``) and headquarters'
    (``hq.database.HQFolder``): its database, photos, keys (this user's only), logs and a
    settings file; ``ensure()`` creates what is missing."""

    root: Path
    DATABASE = "fielddesk.db"
    SETTINGS = "settings.json"

    @property
    def database(self) -> Path:
        return self.root / self.DATABASE

    @property
    def photos(self) -> Path:
        return self.root / "photos"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings(self) -> Path:
        return self.root / self.SETTINGS

    def folders(self) -> tuple[Path, ...]:
        """The folders ``ensure()`` makes."""
        return (self.root, self.photos, self.keys, self.logs)

    def ensure(self) -> Folder:
        for folder in self.folders():
            folder.mkdir(parents=True, exist_ok=True)
        try:
            os.chmod(self.keys, 0o700)
        except OSError:
            pass
        return self


@dataclass(frozen=True)
class DataFolder(Folder):
    """The layout of one office's data folder."""

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def lock(self) -> Path:
        return self.root / ".fielddesk.lock"

    def folders(self) -> tuple[Path, ...]:
        return (*super().folders(), self.exports, self.backups)
