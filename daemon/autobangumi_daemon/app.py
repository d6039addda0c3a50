"""The daemon: wires config, storage, auth, services and the gRPC server together."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import uuid

from grpc import aio
from grpc_health.v1 import health_pb2

from autobangumi import __version__
from autobangumi_daemon.auth import AuthManager
from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.engine import create_engine, migrate, session_factory
from autobangumi_daemon.downloader_manager import DownloaderManager
from autobangumi_daemon.events import EventBus
from autobangumi_daemon.files import write_atomic
from autobangumi_daemon.logs import setup_logging
from autobangumi_daemon.netguard import NetPolicy
from autobangumi_daemon.notify import Notifier
from autobangumi_daemon.paths import AppPaths
from autobangumi_daemon.program import Program
from autobangumi_daemon.rpc.dispatch import Dispatcher
from autobangumi_daemon.rpc.grpc_server import build_server
from autobangumi_daemon.services import build_services
from autobangumi_daemon.zeroconf_announce import Announcer, start_announcement

__all__ = ["Daemon"]

log = logging.getLogger(__name__)


def _instance_id(paths: AppPaths) -> str:
    f = paths.instance_id_file
    if f.exists() and f.read_text().strip():
        return f.read_text().strip()
    value = uuid.uuid4().hex
    write_atomic(f, value.encode())
    return value


class Daemon:
    """Start with `await start()`; `ctx.shutdown` is set when the API asks to shut down."""

    def __init__(
        self, paths: AppPaths, grpc_addresses: list[str] | None = None, net_policy: NetPolicy | None = None
    ) -> None:
        self.paths = paths
        self.grpc_addresses = ["0.0.0.0:7893"] if grpc_addresses is None else grpc_addresses
        self.net_policy = net_policy or NetPolicy()
        self.ctx: AppContext | None = None
        self.dispatcher: Dispatcher | None = None
        self.server: aio.Server | None = None
        self.ports: list[int] = []
        self._announcing: asyncio.Task[Announcer | None] | None = None

    async def start(self) -> AppContext:
        paths = self.paths
        paths.ensure()
        bus = EventBus()
        config = ConfigStore(paths.config_file)
        setup_logging(paths.log_file, bus)
        config.load()
        logging.getLogger().setLevel(logging.DEBUG if config.config.log.debug_enable else logging.INFO)
        log.info(
            "AutoBangumi Version %s starting (config %s, data %s).",
            __version__,
            paths.config_dir,
            paths.data_dir,
        )
        engine = create_engine(paths.database_url())
        await migrate(engine)
        db = session_factory(engine)
        auth = AuthManager(paths.jwt_secret_file, config, db)
        await auth.start()
        ctx = AppContext(
            version=__version__,
            instance_id=_instance_id(paths),
            paths=paths,
            config=config,
            engine=engine,
            db=db,
            auth=auth,
            bus=bus,
            program=Program(bus),
            net_policy=self.net_policy,
            downloader=DownloaderManager(config),
            notifier=Notifier(config, bus, paths.posters_dir),
        )
        self.ctx = ctx
        await self._headless_account(ctx)
        self.dispatcher = Dispatcher(build_services(ctx), auth.authenticate)
        if self.grpc_addresses:
            server, health_servicer = build_server(self.dispatcher, [])
            self.ports = [server.add_insecure_port(a) for a in self.grpc_addresses]
            await server.start()
            await health_servicer.set("", health_pb2.HealthCheckResponse.SERVING)
            self.server = server
            log.info("gRPC listening on %s", ", ".join(self.grpc_addresses))
            # Home Assistant discovers the daemon by this (AB_ZEROCONF=0 turns it off). The
            # registration probes the network for about a second: it must not delay serving.
            self._announcing = asyncio.create_task(
                start_announcement(ctx.instance_id, ctx.version, self.grpc_addresses[0], self.ports[0])
            )
        if ctx.need_setup:
            ctx.program.mark_setup()
            log.info("First run: open the web page to create the account (setup wizard).")
        else:
            ctx.downloader.start()
            await ctx.program.start()
        return ctx

    async def _headless_account(self, ctx: AppContext) -> None:
        """AB_USERNAME / AB_PASSWORD create the account without the wizard (first start only)."""
        username = os.environ.get("AB_USERNAME", "").strip()
        password = os.environ.get("AB_PASSWORD", "")
        if not password or await ctx.auth.has_user():
            return
        await ctx.auth.set_account(username or "admin", password)
        ctx.paths.setup_sentinel.touch()
        log.info("Account %s created from the environment; setup wizard skipped.", username or "admin")

    @property
    def announcement(self) -> asyncio.Task[Announcer | None] | None:
        """The zeroconf registration running in the background (its result: the announcer)."""
        return self._announcing

    async def stop(self, grace: float = 1.0) -> None:
        ctx = self.ctx
        if self._announcing is not None:
            announcing, self._announcing = self._announcing, None
            if not announcing.done():
                announcing.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                announcer = await announcing
                if announcer is not None:
                    await announcer.stop()
        if ctx is not None:
            await ctx.program.stop()
            await ctx.downloader.stop()
        if self.server is not None:
            await self.server.stop(grace)
            self.server = None
        if ctx is not None:
            await ctx.engine.dispose()
            log.info("Daemon stopped.")
