"""The refresh's adds against a real qBittorrent: a refused .torrent fails alone (its attempt
counted), a downloader that cannot be reached leaves everything pending, and the next refresh
with the downloader back adds it all."""

from __future__ import annotations

from typing import Any

import aiohttp

from autobangumi_daemon.adapters.downloaders.qbittorrent import QBittorrent
from tests.feeds.conftest import Fakes, patch_config
from tests.feeds.fakes import Behaviour
from tests.helpers import Server

# mybangumi.xml: 16 releases are chosen for download (see test_e2e_qbittorrent).
EXPECTED_DOWNLOADS = 16
BAD = "df5e27aaf5dd59b2ceb427e5eaeae97a37be2196"  # a chosen release; its .torrent is made garbage
BAD_PATH = f"/Download/20250529/{BAD}.torrent"


async def _json(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, (url, resp.status, await resp.text())
        return await resp.json()


async def _ours(qb: QBittorrent, base: str) -> list[Any]:
    return [t for t in await qb.list_torrents(category="Bangumi") if t.save_path.startswith(base)]


async def _items(http: aiohttp.ClientSession, server: Server, feed: int) -> list[dict[str, Any]]:
    body = await _json(http, "GET", server.api + f"/rss/{feed}/items?limit=100")
    items: list[dict[str, Any]] = body["items"]
    assert body["total"] == len(items) == 20
    return items


async def test_a_down_downloader_leaves_items_pending_and_a_bad_torrent_fails_alone(
    with_qbt: Server, http: aiohttp.ClientSession, fakes: Fakes, qb_client: QBittorrent
) -> None:
    server = with_qbt
    cfg = await _json(http, "GET", server.api + "/config/get")
    base, host = cfg["downloader"]["path"], cfg["downloader"]["host"]
    await _json(http, "POST", server.api + "/rss/add", json={
        "url": fakes.mikan.base + "/RSS/MyBangumi?token=token", "aggregate": True, "parser": "mikan",
    })  # fmt: skip
    feed = (await _json(http, "GET", server.api + "/rss"))[0]["id"]

    # qBittorrent is not where the config says: rules are made, nothing is added or failed.
    await patch_config(server, http, {"downloader": {"host": "127.0.0.1:9"}})
    await _json(http, "GET", server.api + "/rss/refresh/all")
    assert len(await _json(http, "GET", server.api + "/bangumi/get/all")) == 14
    items = await _items(http, server, feed)
    assert not [i for i in items if i["status"] in ("downloaded", "failed")], items
    assert sum(i["status"] == "pending" for i in items) >= EXPECTED_DOWNLOADS
    assert all(i["attempts"] == 0 for i in items)
    assert await _ours(qb_client, base) == []

    # Back, with one .torrent that is not a torrent: that one fails with one attempt, the
    # rest are added in the same refresh.
    fakes.mikan.behaviours[BAD_PATH] = Behaviour(garbage=b"<html>not a torrent</html>")
    await patch_config(server, http, {"downloader": {"host": host}})
    msg = await _json(http, "GET", server.api + "/rss/refresh/all")
    assert f"{EXPECTED_DOWNLOADS - 1} download(s)" in msg["msg_en"], msg
    items = await _items(http, server, feed)
    failed = [i for i in items if i["status"] == "failed"]
    assert len(failed) == 1 and BAD in failed[0]["url"] and failed[0]["attempts"] == 1, failed
    assert sum(i["status"] == "downloaded" for i in items) == EXPECTED_DOWNLOADS - 1
    ours = await _ours(qb_client, base)
    assert len(ours) == EXPECTED_DOWNLOADS - 1
    assert all(t.category == "Bangumi" and any(x.startswith("ab:") for x in t.tags) for t in ours)
    # The .torrent is served again: the retry adds it.
    del fakes.mikan.behaviours[BAD_PATH]
    await _json(http, "POST", server.api + "/rss/refresh/all")
    items = await _items(http, server, feed)
    assert sum(i["status"] == "downloaded" for i in items) == EXPECTED_DOWNLOADS
    assert len(await _ours(qb_client, base)) == EXPECTED_DOWNLOADS
