"""One downloader instance down does not stop the others: with the default instance on a real
qBittorrent and a second one ("down") on a closed loopback port, a refresh adds the default's
episode at once, keeps the other's item pending (not counted as a failed attempt), says which
instance failed (log and overview), and adds it in a later refresh once the instance answers."""

from __future__ import annotations

import logging
import socket
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

from autobangumi_daemon.adapters.downloaders import make_downloader
from autobangumi_daemon.core.states import ItemState
from autobangumi_daemon.db.models import Bangumi, Torrent
from tests.downloaders.conftest import Daemon, wait_until
from tests.feeds.conftest import patch_config
from tests.feeds.test_two_downloaders import TorrentFeed, _release
from tests.helpers import Server


def _closed_port() -> int:
    """A loopback port nothing listens on (bound once to get a free number, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def feed() -> AsyncIterator[TorrentFeed]:
    f = TorrentFeed("/down.xml")
    await f.start()
    yield f
    await f.stop()


async def _json(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, (url, resp.status, await resp.text())
        return await resp.json()


async def test_a_downloader_down_keeps_its_jobs_pending_while_the_others_go_on(
    site: Server,
    http: aiohttp.ClientSession,
    qbt: Daemon,
    feed: TorrentFeed,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = site
    root = tmp_path / f"lib-{uuid.uuid4().hex[:8]}"
    qb_cfg = {"type": "qbittorrent", "host": qbt.host, "username": qbt.username, "password": qbt.password}
    dead = {**qb_cfg, "host": f"127.0.0.1:{_closed_port()}"}
    await patch_config(
        server,
        http,
        {
            "downloader": {**qb_cfg, "path": str(root), "ssl": False},
            "downloaders": [{**dead, "name": "down", "path": str(root), "ssl": False}],
            "bangumi_manage": {"enable": False},
        },
    )
    await _json(http, "GET", server.api + "/stop")  # no scheduled runs racing ours
    url = feed.base + feed.path
    await _json(http, "POST", server.api + "/rss/add", json={"url": url, "name": "down", "aggregate": True,
                                                              "parser": "parser"})  # fmt: skip
    assert server.running.daemon is not None and server.running.daemon.ctx is not None
    ctx = server.running.daemon.ctx
    # The failing instance's item comes first, so a failure that stopped the round would
    # also keep the default's episode back.
    shows = {"Held Show": "down", "Good Show": None}
    async with ctx.db.begin() as s:
        for title, downloader in shows.items():
            s.add(Bangumi(official_title=title, title_raw=title, group_name="Grp", filter="",
                          rss_link=url, downloader=downloader))  # fmt: skip
    hashes, names = {}, {}
    for title in shows:
        name = f"[Grp] {title} - 01 [1080p].mkv"
        torrent, h = _release(tmp_path / "stage" / title, root / title / "Season 1", name)
        feed.add(name, torrent)
        hashes[title], names[title] = h, name

    async def status_of(title: str) -> tuple[str, int]:
        async with ctx.db() as s:
            row = (await s.scalars(select(Torrent).where(Torrent.name == names[title]))).one()
            return row.status, row.attempts

    qb = make_downloader(qb_cfg)
    try:
        with caplog.at_level(logging.WARNING):
            await _json(http, "GET", server.api + "/rss/refresh/all")
        # The default instance's episode was added in this very refresh.
        assert hashes["Good Show"] in {t.hash for t in await qb.list_torrents()}
        assert (await status_of("Good Show"))[0] == ItemState.DOWNLOADED
        # The other's stays pending, with no attempt spent on it.
        assert await status_of("Held Show") == (ItemState.PENDING, 0)
        assert hashes["Held Show"] not in {t.hash for t in await qb.list_torrents()}
        said = [r.getMessage() for r in caplog.records if "'down'" in r.getMessage()]
        assert any("stay pending" in m for m in said), said
        assert ctx.downloader.instance("down").reachable is False
        overview = await _json(http, "GET", server.api + "/overview")
        assert "down:" in overview["downloader"]["message_en"], overview["downloader"]
        assert "down：" in overview["downloader"]["message_zh"], overview["downloader"]

        # Still down: a second refresh changes nothing for it.
        await _json(http, "GET", server.api + "/rss/refresh/all")
        assert await status_of("Held Show") == (ItemState.PENDING, 0)

        # The instance answers again (here: its settings now reach the running qBittorrent);
        # the next refresh adds the held episode.
        await patch_config(
            server, http, {"downloaders": [{**qb_cfg, "name": "down", "path": str(root), "ssl": False}]}
        )
        await _json(http, "GET", server.api + "/rss/refresh/all")

        async def held_added() -> bool:
            return hashes["Held Show"] in {t.hash for t in await qb.list_torrents()}

        await wait_until(held_added, what="the held episode added once its downloader answers")
        assert (await status_of("Held Show"))[0] == ItemState.DOWNLOADED
        listed = {t.hash for t in await qb.list_torrents()}
        assert {hashes["Good Show"], hashes["Held Show"]} <= listed
    finally:
        listed = {t.hash for t in await qb.list_torrents()}
        mine = [h for h in hashes.values() if h in listed]
        if mine:
            await qb.delete(mine, delete_files=False)
        await qb.close()
