"""A real daemon + bridge serving the packaged web page, with the fake upstream sites, run on an
asyncio loop in a background thread so that browser tests can use Playwright's sync API.

The page is opened at http://localhost:PORT: a secure context (passkeys need one) whose host
name is not an IP address (WebAuthn refuses IP addresses as relying party ids).
"""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.request
from collections.abc import Coroutine
from concurrent.futures import Future
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any, TypeVar

from autobangumi_app.server import start_serve
from autobangumi_daemon.paths import AppPaths
from tests.downloaders.conftest import Daemon
from tests.feeds.fakes import FakeDmhy, FakeMikan, FakeNyaa, FakeTelegram, FakeTmdb
from tests.helpers import PASSWORD, TEST_POLICY, USERNAME, Server

T = TypeVar("T")


class LoopThread:
    """One event loop in a daemon thread; `run` waits for a coroutine's result."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="web-stack", daemon=True)
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60.0) -> T:
        fut: Future[T] = asyncio.run_coroutine_threadsafe(coro, self.loop)
        return fut.result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()


@dataclass
class Fakes:
    mikan: FakeMikan
    tmdb: FakeTmdb
    nyaa: FakeNyaa
    dmhy: FakeDmhy
    telegram: FakeTelegram

    @property
    def sites(self) -> tuple[FakeMikan, FakeTmdb, FakeNyaa, FakeDmhy, FakeTelegram]:
        return (self.mikan, self.tmdb, self.nyaa, self.dmhy, self.telegram)

    def providers(self) -> dict[str, str]:
        return {
            "mikan": self.mikan.base + "/RSS/Search?searchstr=%s",
            "nyaa": self.nyaa.base + "/?page=rss&q=%s&c=0_0&f=0",
            "dmhy": self.dmhy.base + "/topics/rss/rss.xml?keyword=%s",
        }


async def start_fakes() -> Fakes:
    fakes = Fakes(FakeMikan(), FakeTmdb(), FakeNyaa(), FakeDmhy(), FakeTelegram())
    for site in fakes.sites:
        await site.start()
    return fakes


async def stop_fakes(fakes: Fakes) -> None:
    for site in fakes.sites:
        await site.stop()


@dataclass
class Stack:
    """One server for a browser test module, and a plain HTTP client logged in to it."""

    loop: LoopThread
    server: Server
    root: Path

    @property
    def port(self) -> int:
        return self.server.running.http_port

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}/"

    @property
    def api(self) -> str:
        return f"http://localhost:{self.port}/api/v1"

    def stop(self) -> None:
        self.loop.run(self.server.running.stop())


def start_stack(loop: LoopThread, root: Path) -> Stack:
    paths = AppPaths(root / "config", root / "data")

    async def start() -> Server:
        running = await start_serve(paths, "127.0.0.1", 0, "127.0.0.1:0", TEST_POLICY)
        return Server(running, paths)

    return Stack(loop, loop.run(start()), root)


class ApiClient:
    """Set-up steps through the API (what the page is not under test for), with a cookie jar."""

    def __init__(self, api: str) -> None:
        self.api = api
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def call(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.api + path, data=data, method=method, headers=headers or {})
        if data is not None:
            req.add_header("Content-Type", "application/json")
        with self.opener.open(req, timeout=30) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def setup_and_login(self, qbt: Daemon | None = None, library: Path | None = None) -> None:
        self.call(
            "POST",
            "/setup/complete",
            {
                "username": USERNAME,
                "password": PASSWORD,
                "downloader_type": "qbittorrent",
                "downloader_host": qbt.host if qbt else "127.0.0.1:9",
                "downloader_username": qbt.username if qbt else "admin",
                "downloader_password": qbt.password if qbt else "unused-pw-1",
                "downloader_path": str(library or "/downloads/Bangumi"),
                "downloader_ssl": False,
                "rss_url": "",
                "rss_name": "",
                "notification_enable": False,
                "notification_type": "telegram",
                "notification_token": "",
                "notification_chat_id": "",
            },
        )
        self.login()

    def login(self) -> None:
        self.call("POST", "/auth/login", {"username": USERNAME, "password": PASSWORD})

    def point_at_fakes(self, fakes: Fakes) -> None:
        self.call(
            "PATCH",
            "/config/update",
            {
                "network": {
                    "mikan_base_url": fakes.mikan.base,
                    "tmdb_base_url": fakes.tmdb.base,
                    "tmdb_api_key": FakeTmdb.API_KEY,
                    "tmdb_image_base_url": fakes.tmdb.base + "/t/p/w780",
                    "bgm_base_url": "http://127.0.0.2:9",
                }
            },
        )
        self.call("PUT", "/search/provider/config", fakes.providers())
