"""Fixtures for the feed pipeline: fake upstream sites, proxies, a real qBittorrent, a configured daemon."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from autobangumi_daemon.adapters.downloaders.qbittorrent import QBittorrent
from tests.downloaders.conftest import Daemon, make_qbittorrent
from tests.feeds.fakes import FakeDmhy, FakeMikan, FakeNyaa, FakeTmdb, HttpProxy, Socks5Proxy
from tests.helpers import Server


@pytest.fixture(autouse=True)
def _fast_fetches(monkeypatch: pytest.MonkeyPatch) -> None:
    # Short timeouts and pauses so failure paths take seconds, not minutes (read by the daemon).
    monkeypatch.setenv("AB_FETCH_TIMEOUT", "1.5")
    monkeypatch.setenv("AB_FETCH_BACKOFF", "0.05")
    monkeypatch.setenv("AB_FEED_HOST_GAP", "0")


@pytest.fixture(scope="session")
def qbt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_qbittorrent(tmp_path_factory.mktemp("feeds-qbt"))
    d.start()
    yield d
    d.stop()


@dataclass
class Fakes:
    mikan: FakeMikan
    tmdb: FakeTmdb
    nyaa: FakeNyaa
    dmhy: FakeDmhy

    def providers(self) -> dict[str, str]:
        return {
            "mikan": self.mikan.base + "/RSS/Search?searchstr=%s",
            "nyaa": self.nyaa.base + "/?page=rss&q=%s&c=0_0&f=0",
            "dmhy": self.dmhy.base + "/topics/rss/rss.xml?keyword=%s",
        }


@pytest.fixture
async def fakes() -> AsyncIterator[Fakes]:
    sites = Fakes(FakeMikan(), FakeTmdb(), FakeNyaa(), FakeDmhy())
    for s in (sites.mikan, sites.tmdb, sites.nyaa, sites.dmhy):
        await s.start()
    yield sites
    for s in (sites.mikan, sites.tmdb, sites.nyaa, sites.dmhy):
        await s.stop()


@pytest.fixture
async def http_proxy() -> AsyncIterator[HttpProxy]:
    p = HttpProxy()
    await p.start()
    yield p
    await p.stop()


@pytest.fixture
async def socks_proxy() -> AsyncIterator[Socks5Proxy]:
    p = Socks5Proxy()
    await p.start()
    yield p
    await p.stop()


async def patch_config(server: Server, http: aiohttp.ClientSession, body: dict[str, Any]) -> None:
    async with http.patch(server.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()


@pytest.fixture
async def site(ready: Server, http: aiohttp.ClientSession, fakes: Fakes, tmp_path: Path) -> Server:
    """A ready daemon whose upstream URLs point at the fakes (no downloader yet)."""
    await patch_config(
        ready,
        http,
        {
            "network": {
                "mikan_base_url": fakes.mikan.base,
                "tmdb_base_url": fakes.tmdb.base,
                "tmdb_api_key": FakeTmdb.API_KEY,
                "tmdb_image_base_url": fakes.tmdb.base + "/t/p/w780",
                "bgm_base_url": "http://127.0.0.2:9",
            },
            "downloader": {"path": str(tmp_path / "library")},
        },
    )
    # Wrapped: the bridge reads a bare map body for a map field as a list (reported to the lead).
    async with http.put(ready.api + "/search/provider/config", json=fakes.providers()) as resp:
        assert resp.status == 200, await resp.text()
    return ready


@pytest.fixture
async def with_qbt(site: Server, http: aiohttp.ClientSession, qbt: Daemon, tmp_path: Path) -> Server:
    """`site` plus the real qBittorrent as its downloader, saving under a per-test folder."""
    await patch_config(
        site,
        http,
        {
            "downloader": {
                "type": "qbittorrent",
                "host": qbt.host,
                "username": qbt.username,
                "password": qbt.password,
                "path": str(qbt.save_dir / tmp_path.name),
                "ssl": False,
            }
        },
    )
    return site


@pytest.fixture
async def qb_client(qbt: Daemon) -> AsyncIterator[QBittorrent]:
    client = QBittorrent(qbt.host, qbt.username, qbt.password)
    yield client
    await client.close()
