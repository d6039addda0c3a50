"""DiagnosticsService: connection checks for a logged-in user, after the setup wizard.

Both reach LAN and loopback hosts on purpose (downloaders and proxies live there) and are
open only to the logged-in owner. The network test fetches through the configured proxy, says
the status and the time it took, and never returns anything the remote host sent.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from autobangumi.rpc import Caller
from autobangumi.v1 import diagnostics_pb2, setup_pb2
from autobangumi_daemon.adapters.downloaders.probe import test_connection
from autobangumi_daemon.adapters.http import FetchError, HttpClient
from autobangumi_daemon.config.store import MASK
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.envvars import expand_vars
from autobangumi_daemon.errors import invalid
from autobangumi_daemon.upstreams import USER_AGENT, proxy_settings

__all__ = ["DiagnosticsService"]

MAX_URL = 2048
NETWORK_TEST_TIMEOUT = 15.0


class DiagnosticsService:
    SERVICE = "autobangumi.v1.DiagnosticsService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def TestDownloader(
        self, req: setup_pb2.TestDownloaderRequest, caller: Caller
    ) -> setup_pb2.SetupTestResult:
        cfg = self.ctx.config.config
        name = req.instance.strip()
        saved = next((d for d in cfg.downloaders if d.name == name), None) if name else cfg.downloader
        if not req.host.strip():
            raise invalid(
                "The field “host” is empty: give host:port or a URL.",
                "字段“host”为空：请填写 host:port 或网址。",
            )
        kind = req.type or (saved.type if saved is not None else "") or "qbittorrent"
        # The settings page shows saved secrets masked; sent back unchanged (or left empty) they
        # mean the saved ones, but only for the saved instance's own type and address, so a
        # password or key never goes to a host the user just typed.
        same = (
            saved is not None
            and kind.strip().lower() == (saved.type or "qbittorrent")
            and req.host.strip() == saved.host.strip()
        )
        password = req.password
        if password in ("", MASK):
            password = expand_vars(saved.password) if same and saved is not None else ""
        api_key = req.api_key.strip()
        if api_key in ("", MASK):
            key_too = same and saved is not None and kind.strip().lower() == "qbittorrent"
            api_key = expand_vars(saved.api_key) if key_too and saved is not None else ""
        result = await test_connection(kind, req.host, req.username, password, req.ssl, api_key=api_key)
        return setup_pb2.SetupTestResult(
            success=result.success, message_en=result.message_en, message_zh=result.message_zh
        )

    async def TestNetwork(
        self, req: diagnostics_pb2.TestNetworkRequest, caller: Caller
    ) -> setup_pb2.SetupTestResult:
        url = req.url.strip()
        parts = urlsplit(url)
        if len(url) > MAX_URL or parts.scheme not in ("http", "https") or not parts.hostname:
            raise invalid(
                "The field “url” must be an http:// or https:// URL.",
                "字段“url”必须是 http:// 或 https:// 开头的网址。",
            )
        p = self.ctx.config.config.proxy
        proxy = proxy_settings(p)
        via_en = f" through the {p.type} proxy {p.host}:{p.port}" if proxy.usable else ""
        via_zh = f"（经由 {p.type} 代理 {p.host}:{p.port}）" if proxy.usable else ""
        client = HttpClient(
            user_agent=USER_AGENT,
            proxy=proxy,
            timeout=NETWORK_TEST_TIMEOUT,
            retries=0,
            policy=self.ctx.net_policy,
        )
        started = time.perf_counter()
        try:
            async with client.open() as f:
                status = await f.probe(url)
        except FetchError as exc:
            ms = round((time.perf_counter() - started) * 1000)
            return setup_pb2.SetupTestResult(
                success=False,
                message_en=f"No answer{via_en} after {ms} ms: {exc.msg_en}",
                message_zh=f"{ms} 毫秒后仍无响应{via_zh}：{exc.msg_zh}",
            )
        ms = round((time.perf_counter() - started) * 1000)
        ok = status < 400
        return setup_pb2.SetupTestResult(
            success=ok,
            message_en=f"HTTP {status} in {ms} ms{via_en}.",
            message_zh=f"HTTP {status}，耗时 {ms} 毫秒{via_zh}。",
        )
