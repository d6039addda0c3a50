"""Helpers shared by the test suites: a real daemon + bridge on loopback, clients, setup."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

import aiohttp

from autobangumi_app.server import Running, start_serve
from autobangumi_daemon.netguard import NetPolicy
from autobangumi_daemon.paths import AppPaths

os.environ.setdefault("AB_LOG_STDERR", "0")
os.environ.setdefault("AB_ZEROCONF", "0")  # the daemon's mDNS announcement: tests never multicast

USERNAME = "tester"
PASSWORD = "correct-horse-1"

# In tests 127.0.0.2 plays a public internet host (the wizard's feed test must refuse
# loopback, so fake upstream sites live there); everything else keeps the real policy.
FAKE_PUBLIC = ipaddress.ip_address("127.0.0.2")


def _test_policy_is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if ip == FAKE_PUBLIC:
        return True
    return NetPolicy().is_public(ip)


TEST_POLICY = NetPolicy(is_public=_test_policy_is_public)


@dataclass
class Server:
    running: Running
    paths: AppPaths

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.running.http_port}"

    @property
    def api(self) -> str:
        return self.base + "/api/v1"

    @property
    def grpc_target(self) -> str:
        return f"127.0.0.1:{self.running.grpc_port}"

    async def restart(self) -> None:
        """Stop everything and start again on the same folders (and a new port)."""
        await self.running.stop()
        self.running = await start_serve(self.paths, "127.0.0.1", 0, "127.0.0.1:0", TEST_POLICY)


def new_session() -> aiohttp.ClientSession:
    # unsafe=True: keep cookies set by an IP-address host, as a browser does.
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def complete_setup(server: Server, http: aiohttp.ClientSession, **extra: object) -> None:
    body = {
        "username": USERNAME,
        "password": PASSWORD,
        "downloader_type": "qbittorrent",
        "downloader_host": "127.0.0.1:8080",
        "downloader_username": "admin",
        "downloader_password": "qb-secret-pw",
        "downloader_path": "/downloads/Bangumi",
        "downloader_ssl": False,
        "rss_url": "",
        "rss_name": "",
        "notification_enable": False,
        "notification_type": "telegram",
        "notification_token": "",
        "notification_chat_id": "",
    }
    body.update(extra)
    async with http.post(server.api + "/setup/complete", json=body) as resp:
        assert resp.status == 200, await resp.text()


async def login(
    server: Server, http: aiohttp.ClientSession, username: str = USERNAME, password: str = PASSWORD
) -> str:
    async with http.post(
        server.api + "/auth/login", data={"username": username, "password": password}
    ) as resp:
        assert resp.status == 200, await resp.text()
        body = await resp.json()
    token: str = body["access_token"]
    return token
