"""Running the daemon and the bridge, together or apart (used by the CLI and the tests)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from aiohttp import web

from autobangumi_bridge.app import create_app
from autobangumi_bridge.transport import GrpcTransport, LocalTransport, Transport
from autobangumi_daemon.app import Daemon
from autobangumi_daemon.netguard import NetPolicy
from autobangumi_daemon.paths import AppPaths

__all__ = ["Running", "start_bridge", "start_serve"]

log = logging.getLogger(__name__)


@dataclass
class Running:
    daemon: Daemon | None = None
    runner: web.AppRunner | None = None
    http_port: int = 0
    grpc_port: int = 0
    stopped: asyncio.Event = field(default_factory=asyncio.Event)

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None
        if self.daemon is not None:
            await self.daemon.stop()
            self.daemon = None
        self.stopped.set()


async def _start_http(transport: Transport, host: str, port: int) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(create_app(transport), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host, port, reuse_address=True)
    await site.start()
    bound = port
    server = getattr(site, "_server", None)
    if server is not None and server.sockets:
        bound = server.sockets[0].getsockname()[1]
    return runner, bound


async def start_serve(
    paths: AppPaths,
    http_host: str = "0.0.0.0",
    http_port: int = 7892,
    grpc_address: str | None = "0.0.0.0:7893",
    net_policy: NetPolicy | None = None,
) -> Running:
    """Daemon and bridge in one process; the bridge calls the daemon in-process."""
    daemon = Daemon(paths, [grpc_address] if grpc_address else [], net_policy)
    await daemon.start()
    assert daemon.dispatcher is not None
    runner, port = await _start_http(LocalTransport(daemon.dispatcher), http_host, http_port)
    log.info("Web page and API on http://%s:%d/ (API under /api/v1)", http_host, port)
    return Running(
        daemon=daemon, runner=runner, http_port=port, grpc_port=daemon.ports[0] if daemon.ports else 0
    )


async def start_bridge(daemon_address: str, http_host: str = "0.0.0.0", http_port: int = 7892) -> Running:
    """A bridge alone, in front of any daemon reachable over gRPC."""
    runner, port = await _start_http(GrpcTransport(daemon_address), http_host, http_port)
    log.info("Bridge on http://%s:%d/ in front of %s", http_host, port, daemon_address)
    return Running(runner=runner, http_port=port)
