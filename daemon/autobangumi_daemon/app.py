"""The daemon: wires config, storage, auth, services and the gRPC server together."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Awaitable

from grpc import aio
from grpc_health.v1 import health_pb2
from sqlalchemy.ext.asyncio import AsyncEngine

from autobangumi import __version__
from autobangumi.clientaddr import BadSetting, TrustedProxies, load_bridge_key
from autobangumi_daemon.auth import AuthManager
from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.engine import session_factory
from autobangumi_daemon.downloader_manager import DownloaderManager
from autobangumi_daemon.events import EventBus
from autobangumi_daemon.filemodes import secure_install
from autobangumi_daemon.files import write_atomic
from autobangumi_daemon.importer.on_start import (
    autobangumi_import_wanted,
    explain_missing_account,
    import_on_start,
)
from autobangumi_daemon.jobs import daemon_jobs
from autobangumi_daemon.library.renamer import Renamer
from autobangumi_daemon.logs import setup_logging
from autobangumi_daemon.netguard import NetPolicy
from autobangumi_daemon.notify import Notifier
from autobangumi_daemon.paths import AppPaths
from autobangumi_daemon.pipeline import FeedPipeline
from autobangumi_daemon.program import Program
from autobangumi_daemon.rpc.dispatch import Dispatcher
from autobangumi_daemon.rpc.grpc_server import ClientAddressPolicy, build_server
from autobangumi_daemon.services import build_services
from autobangumi_daemon.startup import (
    StartupError,
    check_database_url,
    fetch_allowlist,
    headless_account,
    load_config,
    open_database,
    prepare_dirs,
)
from autobangumi_daemon.upstreams import Upstreams
from autobangumi_daemon.zeroconf_announce import Announcer, start_announcement

__all__ = ["Daemon"]

log = logging.getLogger(__name__)

STOP_WAIT = 1.0  # seconds for each bounded step of a stop (zeroconf goodbye, database close)


def _bind(server: aio.Server, address: str) -> int:
    # Probed first: grpc reports a failed bind only as "Failed to bind", after logging a line of
    # its own, and with SO_REUSEPORT it would even share a port another server listens on.
    reason = _bind_problem(address)
    if reason is None:
        try:
            return server.add_insecure_port(address)
        except RuntimeError:
            reason = "refused by gRPC"
    raise StartupError(
        f"gRPC cannot listen on {address} ({reason}).", f"gRPC 无法监听 {address}（{reason}）。"
    )


def _bind_problem(address: str) -> str | None:
    """Why `address` cannot be listened on, or None when it can."""
    host, _, port = address.rpartition(":")
    try:
        family, kind, proto, _name, sockaddr = socket.getaddrinfo(
            host.strip("[]") or None, int(port), type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(sockaddr)
    except (OSError, ValueError) as exc:
        return getattr(exc, "strerror", None) or str(exc)
    return None


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
        """Raises StartupError (one bilingual line) for a setting that cannot work; whatever
        had started by then is stopped again."""
        paths = self.paths
        # Settings are checked before anything is created, so a refused start changes nothing.
        account = headless_account(os.environ)
        try:
            trusted = TrustedProxies.from_env()
        except BadSetting as err:
            raise StartupError(err.msg_en, err.msg_zh) from None
        database_url = paths.database_url()
        check_database_url(database_url)
        import_first = autobangumi_import_wanted(paths, os.environ)
        self.net_policy = self.net_policy.with_allow(fetch_allowlist(os.environ))
        prepare_dirs(paths)
        bus = EventBus()
        setup_logging(paths.log_file, bus)
        if import_first:
            await import_on_start(paths)
        config = load_config(paths)
        logging.getLogger().setLevel(logging.DEBUG if config.config.log.debug_enable else logging.INFO)
        log.info(
            "AutoBangumi Version %s starting (config %s, data %s).",
            __version__,
            paths.config_dir,
            paths.data_dir,
        )
        tightened = secure_install(paths, database_url)
        if tightened:
            log.warning(
                "Made private (owner only) what others could read: %s.", ", ".join(str(p) for p in tightened)
            )
        engine = await open_database(database_url)
        try:
            return await self._start(paths, bus, config, engine, account, trusted)
        except BaseException:
            if self.ctx is None:
                await engine.dispose()
            await self.stop()
            raise

    async def _start(
        self,
        paths: AppPaths,
        bus: EventBus,
        config: ConfigStore,
        engine: AsyncEngine,
        account: tuple[str, str] | None,
        trusted: TrustedProxies,
    ) -> AppContext:
        db = session_factory(engine)
        auth = AuthManager(paths.jwt_secret_file, config, db)
        await auth.start()
        await explain_missing_account(paths, auth)
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
            notifier=Notifier(
                config, bus, paths.posters_dir, self.net_policy, digest_journal=paths.digest_journal
            ),
            # HTTP client, Mikan, TMDB, posters: they follow config.json by themselves.
            upstreams=Upstreams(config, paths.posters_dir, self.net_policy),
        )
        # The workers, and what runs when (jobs.py); the services below only receive them.
        ctx.pipeline = FeedPipeline(ctx)
        ctx.renamer = Renamer(ctx)
        for job in daemon_jobs(ctx):
            ctx.program.add_job(job)
        self.ctx = ctx
        await self._headless_account(ctx, account)
        self.dispatcher = Dispatcher(build_services(ctx), auth.authenticate, auth.authenticate_mcp)
        if self.grpc_addresses:
            try:
                bridge_key = load_bridge_key(paths.config_dir)
            except BadSetting as err:
                raise StartupError(err.msg_en, err.msg_zh) from None
            policy = ClientAddressPolicy(trusted, bridge_key)
            server, health_servicer = build_server(self.dispatcher, [], policy)
            self.ports = [_bind(server, a) for a in self.grpc_addresses]
            await server.start()
            await health_servicer.set("", health_pb2.HealthCheckResponse.SERVING)
            self.server = server
            pairs = zip(self.grpc_addresses, self.ports, strict=True)
            log.info("gRPC listening on %s", ", ".join(f"{a.rpartition(':')[0]}:{p}" for a, p in pairs))
            # Home Assistant discovers the daemon by this (AB_ZEROCONF=0 turns it off). The
            # registration probes the network for about a second: it must not delay serving.
            self._announcing = asyncio.create_task(
                start_announcement(ctx.instance_id, ctx.version, self.grpc_addresses[0], self.ports[0])
            )
        if not ctx.need_setup and not paths.setup_sentinel.exists():
            # An account exists, so setup was done: the marker alone was lost (a restored
            # backup, a cleaned folder). The wizard stays closed.
            paths.setup_sentinel.touch()
            log.info("An account exists: setup stays complete (%s restored).", paths.setup_sentinel.name)
        if ctx.need_setup:
            ctx.program.mark_setup()
            log.info("First run: open the web page to create the account (setup wizard).")
        else:
            ctx.downloader.start()
            await ctx.program.start()
            ctx.notifier.resume_digest()
        return ctx

    async def _headless_account(self, ctx: AppContext, account: tuple[str, str] | None) -> None:
        """AB_USERNAME / AB_PASSWORD create the account without the wizard (first start only)."""
        if account is None or await ctx.auth.has_user():
            return
        username, password = account
        await ctx.auth.set_account(username, password)
        ctx.paths.setup_sentinel.touch()
        log.info("Account %s created from the environment; setup wizard skipped.", username)

    @property
    def announcement(self) -> asyncio.Task[Announcer | None] | None:
        """The zeroconf registration running in the background (its result: the announcer)."""
        return self._announcing

    async def stop(self, grace: float = 1.0) -> None:
        """Stop within about 5 s whatever is in flight: job runs get a short grace and are then
        cancelled, gRPC calls get `grace` seconds, and every other wait here is bounded."""
        ctx = self.ctx
        if self._announcing is not None:
            announcing, self._announcing = self._announcing, None
            await self._withdraw(announcing)
        if ctx is not None:
            await ctx.program.stop()
        # Independent of each other, so they run at once: the downloader's logout and the gRPC
        # calls' grace.
        parts: list[Awaitable[None]] = []
        if ctx is not None:
            parts.append(ctx.downloader.stop())
            parts.append(_bounded(ctx.notifier.close(), "the collected notifications"))
        if self.server is not None:
            server, self.server = self.server, None
            parts.append(server.stop(grace))
        await asyncio.gather(*parts)
        if ctx is not None:
            try:
                await asyncio.wait_for(ctx.engine.dispose(), STOP_WAIT)
            except TimeoutError:
                log.warning("The database did not close within %.0f s.", STOP_WAIT)
            log.info("Daemon stopped.")

    @staticmethod
    async def _withdraw(announcing: asyncio.Task[Announcer | None]) -> None:
        """End the zeroconf announcement: the goodbye packets are a courtesy, bounded in time."""
        if not announcing.done():
            announcing.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            announcer = await announcing
            if announcer is not None:
                await asyncio.wait_for(announcer.stop(), STOP_WAIT)


async def _bounded(work: Awaitable[None], what: str) -> None:
    try:
        await asyncio.wait_for(work, STOP_WAIT)
    except TimeoutError:
        log.warning("Sending %s did not finish within %.0f s.", what, STOP_WAIT)
