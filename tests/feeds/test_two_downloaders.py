"""Two downloader instances at once, with real daemons: the default is qBittorrent, a second
instance named "tr" is Transmission. A rule that names "tr" downloads there, a rule whose feed
names "tr" too, a rule naming none goes to the default; each episode is renamed in the client
that holds it, and the other client never sees it."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import aiohttp
import pytest
from aiohttp import web

from autobangumi_daemon.adapters.downloaders import make_downloader
from autobangumi_daemon.adapters.downloaders.base import Downloader
from autobangumi_daemon.db.models import Bangumi
from tests.downloaders.conftest import Daemon, make_transmission, wait_until
from tests.downloaders.torrentmaker import make_torrent
from tests.feeds.conftest import patch_config
from tests.feeds.fakes import FakeSite
from tests.helpers import Server


class TorrentFeed(FakeSite):
    """A plain RSS 2.0 feed whose items' enclosures are .torrent files served here."""

    def __init__(self, path: str) -> None:
        super().__init__("feed")
        self.path = path
        self.items: list[tuple[str, str]] = []  # (title, torrent file name)
        self.torrents: dict[str, bytes] = {}

    def routes(self, app: web.Application) -> None:
        app.router.add_get(self.path, self.rss)
        app.router.add_get("/t/{file}", self.torrent)

    def add(self, title: str, torrent: bytes) -> None:
        file = f"{len(self.torrents)}.torrent"
        self.torrents[file] = torrent
        self.items.append((title, file))

    async def rss(self, request: web.Request) -> web.Response:
        items = "".join(
            f"<item><title>{escape(t)}</title><link>{self.base}/t/{f}</link>"
            f'<enclosure url="{self.base}/t/{f}" type="application/x-bittorrent" length="1"/>'
            "<pubDate>Sun, 01 Jun 2025 12:00:00 +0000</pubDate></item>"
            for t, f in self.items
        )
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>{items}</channel></rss>'
        return self.feed_response(request, body.encode())

    async def torrent(self, request: web.Request) -> web.Response:
        body = self.torrents[request.match_info["file"]]
        return web.Response(body=body, content_type="application/x-bittorrent")


@pytest.fixture(scope="module")
def tr(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_transmission(tmp_path_factory.mktemp("two-tr"))
    d.start()
    yield d
    d.stop()


@pytest.fixture
async def feeds() -> AsyncIterator[tuple[TorrentFeed, TorrentFeed]]:
    a, b = TorrentFeed("/a.xml"), TorrentFeed("/b.xml")
    await a.start()
    await b.start()
    yield a, b
    await a.stop()
    await b.stop()


async def _json(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, (url, resp.status, await resp.text())
        return await resp.json()


def _release(stage: Path, save: Path, name: str) -> tuple[bytes, str]:
    """A torrent of one file whose data already sits in the save path (so it completes)."""
    data = os.urandom(40_000)
    stage.mkdir(parents=True, exist_ok=True)
    (stage / name).write_bytes(data)
    torrent, h = make_torrent(stage / name)
    save.mkdir(parents=True, exist_ok=True)
    (save / name).write_bytes(data)
    return torrent, h


async def _hashes(dl: Downloader) -> set[str]:
    return {t.hash for t in await dl.list_torrents()}


async def test_each_rule_downloads_and_renames_in_its_own_instance(
    site: Server,
    http: aiohttp.ClientSession,
    qbt: Daemon,
    tr: Daemon,
    feeds: tuple[TorrentFeed, TorrentFeed],
    tmp_path: Path,
) -> None:
    server = site
    root = tmp_path / f"lib-{uuid.uuid4().hex[:8]}"
    qb_cfg = {"type": "qbittorrent", "host": qbt.host, "username": qbt.username, "password": qbt.password}
    tr_cfg = {"type": "transmission", "host": tr.host, "username": tr.username, "password": tr.password}
    await patch_config(
        server,
        http,
        {
            "downloader": {**qb_cfg, "path": str(root), "ssl": False},
            "downloaders": [{**tr_cfg, "name": "tr", "path": str(root), "ssl": False}],
            "bangumi_manage": {"enable": True, "rename_method": "pn", "remove_bad_torrent": False},
        },
    )
    await _json(http, "GET", server.api + "/stop")  # no scheduled runs racing ours
    cfg = await _json(http, "GET", server.api + "/config/get")
    assert [d["name"] for d in cfg["downloaders"]] == ["tr"]
    assert cfg["downloaders"][0]["password"] == "********"  # masked like the default's

    feed_a, feed_b = feeds
    url_a, url_b = feed_a.base + feed_a.path, feed_b.base + feed_b.path
    for url, downloader in ((url_a, None), (url_b, "tr")):
        body: dict[str, Any] = {"url": url, "name": url[-4:], "aggregate": True, "parser": "parser"}
        if downloader:
            body["downloader"] = downloader
        await _json(http, "POST", server.api + "/rss/add", json=body)
    listed = {f["url"]: f for f in await _json(http, "GET", server.api + "/rss")}
    assert listed[url_a]["downloader"] is None and listed[url_b]["downloader"] == "tr"

    assert server.running.daemon is not None and server.running.daemon.ctx is not None
    ctx = server.running.daemon.ctx
    # Alpha: on feed A, names no instance -> the default (qBittorrent). Beta: on feed A but
    # names "tr". Gamma: names none, but its feed B names "tr".
    shows = {"Alpha Show": (None, url_a), "Beta Show": ("tr", url_a), "Gamma Show": (None, url_b)}
    ids = {}
    async with ctx.db.begin() as s:
        for title, (downloader, url) in shows.items():
            row = Bangumi(
                official_title=title,
                title_raw=title,
                group_name="Grp",
                filter="",
                rss_link=url,
                downloader=downloader,
            )
            s.add(row)
            await s.flush()
            ids[title] = int(row.id)
    hashes = {}
    for title, (_d, url) in shows.items():
        name = f"[Grp] {title} - 01 [1080p].mkv"
        torrent, h = _release(tmp_path / "stage" / title, root / title / "Season 1", name)
        (feed_a if url == url_a else feed_b).add(name, torrent)
        hashes[title] = h

    await _json(http, "GET", server.api + "/rss/refresh/all")
    qb = make_downloader(qb_cfg)
    trc = make_downloader(tr_cfg)
    try:

        async def both_complete() -> bool:
            got = [t for dl in (qb, trc) for t in await dl.list_torrents() if t.completed]
            return {t.hash for t in got} >= set(hashes.values())

        await wait_until(both_complete, what="all three torrents complete")
        in_qb, in_tr = await _hashes(qb), await _hashes(trc)
        assert hashes["Alpha Show"] in in_qb and hashes["Alpha Show"] not in in_tr
        assert hashes["Beta Show"] in in_tr and hashes["Beta Show"] not in in_qb
        assert hashes["Gamma Show"] in in_tr and hashes["Gamma Show"] not in in_qb

        # Listing and renaming span both instances.
        listing = await _json(http, "GET", server.api + "/downloader/torrents")
        assert set(hashes.values()) <= {t["hash"] for t in listing}
        # The preview finds a torrent in whichever instance holds it.
        query = {"hash": hashes["Beta Show"]}
        preview = await _json(http, "GET", server.api + "/bangumi/rename/preview", params=query)
        assert [(i["status"], i["new_path"]) for i in preview["items"]] == [
            ("rename", "Beta Show S01E01.mkv")
        ]
        msg = await _json(http, "POST", server.api + "/bangumi/rename/run")
        assert "3 renamed" in msg["msg_en"], msg
        for title, dl in (("Alpha Show", qb), ("Beta Show", trc), ("Gamma Show", trc)):
            expected = f"{title} S01E01.mkv"
            assert [f.name for f in await dl.get_files(hashes[title])] == [expected]
            save = root / title / "Season 1"
            assert sorted(p.name for p in save.iterdir()) == [expected]
    finally:
        for dl in (qb, trc):
            for h in hashes.values():
                if h in await _hashes(dl):
                    await dl.delete([h], delete_files=False)
            await dl.close()


async def test_unknown_instance_is_refused_for_rules_and_feeds(
    site: Server, http: aiohttp.ClientSession, feeds: tuple[TorrentFeed, TorrentFeed]
) -> None:
    server = site
    url = feeds[0].base + feeds[0].path
    body = {"url": url, "name": "A", "aggregate": True, "parser": "parser", "downloader": "nope"}
    async with http.post(server.api + "/rss/add", json=body) as resp:
        assert resp.status == 422, await resp.text()
        text = await resp.text()
        assert "'nope'" in text and "没有名为" in text
    assert await _json(http, "GET", server.api + "/rss") == []  # nothing was added

    assert server.running.daemon is not None and server.running.daemon.ctx is not None
    async with server.running.daemon.ctx.db.begin() as s:
        row = Bangumi(official_title="Delta", title_raw="Delta")
        s.add(row)
        await s.flush()
        rid = int(row.id)
    rule = await _json(http, "GET", server.api + f"/bangumi/get/{rid}")
    async with http.patch(server.api + f"/bangumi/update/{rid}", json={**rule, "downloader": "nope"}) as resp:
        assert resp.status == 422, await resp.text()
        assert "'nope'" in await resp.text()
    assert (await _json(http, "GET", server.api + f"/bangumi/get/{rid}"))["downloader"] is None
    # A rule made by collecting from a feed is checked the same way, and is not made.
    collect = {
        "official_title": "Epsilon",
        "title_raw": "Epsilon",
        "season": 1,
        "rss_link": url,
        "downloader": "nope",
    }
    async with http.post(server.api + "/rss/collect", json=collect) as resp:
        assert resp.status == 422, await resp.text()
    titles = [r["title_raw"] for r in await _json(http, "GET", server.api + "/bangumi/get/all")]
    assert titles == ["Delta"]


async def test_the_overview_says_how_every_instance_is(
    site: Server, http: aiohttp.ClientSession, qbt: Daemon
) -> None:
    server = site
    with socket.socket() as s:  # a port nothing listens on: the second instance is down
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    qb_cfg = {"type": "qbittorrent", "host": qbt.host, "username": qbt.username, "password": qbt.password}
    gone = {"name": "far-away", "type": "transmission", "host": f"127.0.0.1:{closed}", "path": "/dl"}
    await patch_config(server, http, {"downloader": qb_cfg, "downloaders": [gone]})
    state = (await _json(http, "GET", server.api + "/overview"))["downloader"]
    # The default's own state, and the other instance named with what is wrong with it.
    assert state["reachable"] is True and state["type"] == "qbittorrent"
    assert state["message_en"].startswith("Connected to qBittorrent")
    assert "far-away:" in state["message_en"] and "far-away：" in state["message_zh"]
    assert "Connected" not in state["message_en"].split("far-away:", 1)[1]
