"""The daemon's shared parts, handed to every service."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from autobangumi_daemon.auth import AuthManager
from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.downloader_manager import DownloaderManager
from autobangumi_daemon.events import EventBus
from autobangumi_daemon.netguard import NetPolicy
from autobangumi_daemon.notify import Notifier
from autobangumi_daemon.paths import AppPaths
from autobangumi_daemon.program import Program

__all__ = ["AppContext"]


@dataclass
class AppContext:
    version: str
    instance_id: str
    paths: AppPaths
    config: ConfigStore
    engine: AsyncEngine
    db: async_sessionmaker[AsyncSession]
    auth: AuthManager
    bus: EventBus
    program: Program
    net_policy: NetPolicy
    downloader: DownloaderManager
    notifier: Notifier
    shutdown: asyncio.Event = field(default_factory=asyncio.Event)
    setup_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def need_setup(self) -> bool:
        """Setup is needed while no account exists (not while a marker file is missing)."""
        return not self.auth.account_exists

    def version_line(self) -> str:
        return f"AutoBangumi Version {self.version}"
