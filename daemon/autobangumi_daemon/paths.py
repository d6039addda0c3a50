"""Where the daemon keeps its files: `config/` for settings and secrets, `data/` for state."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["AppPaths"]


@dataclass(frozen=True, slots=True)
class AppPaths:
    config_dir: Path
    data_dir: Path

    @classmethod
    def from_env(cls, config_dir: str | None = None, data_dir: str | None = None) -> AppPaths:
        return cls(
            Path(config_dir or os.environ.get("AB_CONFIG_DIR") or "config").resolve(),
            Path(data_dir or os.environ.get("AB_DATA_DIR") or "data").resolve(),
        )

    def ensure(self) -> None:
        for d in (self.config_dir, self.data_dir, self.posters_dir):
            d.mkdir(parents=True, exist_ok=True)

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.json"

    @property
    def jwt_secret_file(self) -> Path:
        return self.config_dir / ".jwt_secret"

    @property
    def setup_sentinel(self) -> Path:
        return self.config_dir / ".setup_complete"

    @property
    def instance_id_file(self) -> Path:
        return self.config_dir / ".instance_id"

    @property
    def search_provider_file(self) -> Path:
        return self.config_dir / "search_provider.json"

    @property
    def database_file(self) -> Path:
        return self.data_dir / "data.db"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "log.txt"

    @property
    def posters_dir(self) -> Path:
        return self.data_dir / "posters"

    @property
    def digest_journal(self) -> Path:
        """Notifications collected for the digest and not yet sent (notify/digest.py)."""
        return self.data_dir / "notify-digest.json"

    def database_url(self) -> str:
        return os.environ.get("AB_DATABASE_URL") or f"sqlite+aiosqlite:///{self.database_file}"
