"""Running the daemon and the bridge, together or apart (used by the CLI and the tests)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from aiohttp import web

from autobangumi.clientaddr import BadSetting
from autobangumi_bridge.app import create_app
from autobangumi_bridge.transport import GrpcTransport, LocalTransport, Transport
from autobangumi_daemon.app import Daemon
from autobangumi_daemon.netguard import NetPolicy
from autobangumi_daemon.paths import AppPaths
from autobangumi_daemon.startup import StartupError, env_web_dir

__all__ = ["CONFIG_PORT_SOURCE", "Running", "start_bridge", "start_serve"]

log = logging.getLogger(__name__)

CONFIG_PORT_SOURCE = "config.json program.webui_port"


# Seconds an HTTP request in progress may still take once a stop begins (an SSE stream ends
# within its poll interval). aiohttp then cancels it and waits as long again for it to end, so
# a request held by a stalled upstream costs a stop twice this, never more.
HTTP_SHUTDOWN_GRACE = 0.5


@dataclass
class Running:
    daemon: Daemon | None = None
    runner: web.AppRunner | None = None
    http_port: int = 0
    grpc_port: int = 0
    stopped: asyncio.Event = field(default_factory=asyncio.Event)

    async def stop(self) -> None:
        """Within about 5 s whatever is in flight: HTTP requests get HTTP_SHUTDOWN_GRACE, the
        daemon's own stop is bounded (see Daemon.stop)."""
        if self.runner is not None:
            runner, self.runner = self.runner, None
            # The scheduled jobs wind down while HTTP requests finish: the two graces overlap.
            ctx = self.daemon.ctx if self.daemon is not None else None
            await asyncio.gather(runner.cleanup(), *([ctx.program.stop()] if ctx is not None else []))
        if self.daemon is not None:
            daemon, self.daemon = self.daemon, None
            await daemon.stop()
        self.stopped.set()


async def _start_http(transport: Transport, host: str, port: int) -> tuple[web.AppRunner, int]:
    try:
        app = create_app(transport, env_web_dir())
    except BadSetting as err:
        raise StartupError(err.msg_en, err.msg_zh) from None
    runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=HTTP_SHUTDOWN_GRACE)
    await runner.setup()
    site = web.TCPSite(runner, host, port, reuse_address=True)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        # aiohttp words it "error while attempting to bind on address (...): <reason>".
        reason = str(exc.strerror or exc).rsplit(": ", 1)[-1]
        raise StartupError(
            f"The web page cannot listen on {host}:{port} ({reason}).",
            f"网页无法监听 {host}:{port}（{reason}）。",
        ) from None
    bound = port
    server = getattr(site, "_server", None)
    if server is not None and server.sockets:
        bound = server.sockets[0].getsockname()[1]
    return runner, bound


async def start_serve(
    paths: AppPaths,
    http_host: str = "0.0.0.0",
    http_port: int | None = 7892,
    grpc_address: str | None = "0.0.0.0:7893",
    net_policy: NetPolicy | None = None,
    port_source: str = "the caller",
) -> Running:
    """Daemon and bridge in one process; the bridge calls the daemon in-process.

    `http_port` None: the port is config.json's `program.webui_port` (AutoBangumi's rule), read
    once the daemon has loaded it. Raises StartupError for a setting that cannot work.
    """
    daemon = Daemon(paths, [grpc_address] if grpc_address else [], net_policy)
    ctx = await daemon.start()
    if http_port is None:
        http_port, port_source = ctx.config.config.program.webui_port, CONFIG_PORT_SOURCE
    assert daemon.dispatcher is not None
    try:
        runner, port = await _start_http(LocalTransport(daemon.dispatcher), http_host, http_port)
    except BaseException:
        await daemon.stop()
        raise
    log.info(
        "Web page and API on http://%s:%d/ (port from %s; API under /api/v1)", http_host, port, port_source
    )
    return Running(
        daemon=daemon, runner=runner, http_port=port, grpc_port=daemon.ports[0] if daemon.ports else 0
    )


async def start_bridge(
    daemon_address: str,
    http_host: str = "0.0.0.0",
    http_port: int = 7892,
    port_source: str = "the caller",
    bridge_key: str | None = None,
) -> Running:
    """A bridge alone, in front of any daemon reachable over gRPC. With the daemon's
    `bridge_key` the daemon believes the client addresses it passes on (lockout, allowlist);
    without it every request counts as coming from the bridge's own address."""
    runner, port = await _start_http(GrpcTransport(daemon_address, bridge_key), http_host, http_port)
    log.info(
        "Bridge on http://%s:%d/ in front of %s (port from %s)", http_host, port, daemon_address, port_source
    )
    return Running(runner=runner, http_port=port)
