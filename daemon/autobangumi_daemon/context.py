"""The daemon's shared parts, handed to every service."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from autobangumi_daemon.auth import AuthManager
from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.downloader_manager import DownloaderManager
from autobangumi_daemon.events import EventBus
from autobangumi_daemon.netguard import NetPolicy
from autobangumi_daemon.notify import Notifier
from autobangumi_daemon.paths import AppPaths
from autobangumi_daemon.program import Program
from autobangumi_daemon.upstreams import Upstreams

if TYPE_CHECKING:
    from autobangumi_daemon.library.renamer import Renamer
    from autobangumi_daemon.pipeline.feeds import FeedPipeline

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
    upstreams: Upstreams
    shutdown: asyncio.Event = field(default_factory=asyncio.Event)
    setup_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # The workers take the context, so app.py sets them right after building it.
    pipeline: FeedPipeline = field(init=False)
    renamer: Renamer = field(init=False)

    @property
    def need_setup(self) -> bool:
        """Setup is needed while no account exists (not while a marker file is missing)."""
        return not self.auth.account_exists

    def version_line(self) -> str:
        return f"AutoBangumi Version {self.version}"
