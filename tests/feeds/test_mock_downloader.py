"""AutoBangumi's `mock` downloader through the API: a feed refreshed with no BitTorrent client.

The same aggregate Mikan feed as the qBittorrent end-to-end test (on the loopback fakes), with
`downloader.type` set to `mock`: the rules are made, each episode reaches the mock once, it
reports them complete, and the renamer's preview names their files. Nothing touches the disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp

from tests.feeds.conftest import Fakes, patch_config
from tests.feeds.test_e2e_qbittorrent import EXPECTED_DOWNLOADS
from tests.helpers import Server


async def _json(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, (url, resp.status, await resp.text())
        return await resp.json()


async def test_feed_refresh_sends_each_episode_to_the_mock_once(
    site: Server, http: aiohttp.ClientSession, fakes: Fakes, tmp_path: Path
) -> None:
    library = tmp_path / "library"
    await patch_config(site, http, {"downloader": {"type": "mock", "host": "", "path": str(library)}})
    cfg = await _json(http, "GET", site.api + "/config/get")
    assert cfg["downloader"]["type"] == "mock"
    assert await _json(http, "GET", site.api + "/check/downloader") is True

    feed_url = fakes.mikan.base + "/RSS/MyBangumi?token=token"
    body = {"name": "", "url": feed_url, "aggregate": True, "parser": "mikan"}
    await _json(http, "POST", site.api + "/rss/add", json=body)
    await _json(http, "GET", site.api + "/rss/refresh/all")

    rules = {r["id"]: r for r in await _json(http, "GET", site.api + "/bangumi/get/all")}
    held = await _json(http, "GET", site.api + "/downloader/torrents")
    assert len(held) == EXPECTED_DOWNLOADS, [t["name"] for t in held]
    for t in held:
        assert t["progress"] == 1.0 and t["completion_on"] > 0  # complete at once
        rule = rules[int(next(x for x in t["tags"].split(", ") if x.startswith("ab:"))[3:])]
        assert t["save_path"] == f"{library}/{rule['official_title']}/Season {rule['season']}"
    feeds = await _json(http, "GET", site.api + "/rss")
    torrents = await _json(http, "GET", site.api + f"/rss/torrent/{feeds[0]['id']}")
    assert sum(t["downloaded"] for t in torrents) == EXPECTED_DOWNLOADS

    # A second refresh sends nothing again.
    await _json(http, "GET", site.api + "/rss/refresh/all")
    assert len(await _json(http, "GET", site.api + "/downloader/torrents")) == EXPECTED_DOWNLOADS

    # The renamer sees finished torrents with files to name; nothing was written to disk.
    some = held[0]
    tag = next(x for x in some["tags"].split(", ") if x.startswith("ab:"))
    preview = await _json(http, "GET", site.api + f"/bangumi/rename/preview?bangumi_id={tag[3:]}")
    assert preview, preview
    assert not library.exists() or not any(p.is_file() for p in library.rglob("*"))


async def test_connection_test_accepts_the_mock(site: Server, http: aiohttp.ClientSession) -> None:
    async with http.post(
        site.api + "/downloader/test",
        json={"type": "mock", "host": "172.17.0.1:8080", "username": "", "password": "", "ssl": False},
    ) as resp:
        body = await resp.json()
    assert resp.status == 200, body
    assert body["success"] is True, body


async def test_an_unknown_type_is_still_refused(site: Server, http: aiohttp.ClientSession) -> None:
    async with http.patch(site.api + "/config/update", json={"downloader": {"type": "fake"}}) as resp:
        body = await resp.json()
    assert resp.status == 422
    assert "mock" in body["msg_en"] and "mock" in body["msg_zh"]
    cfg = await _json(http, "GET", site.api + "/config/get")
    assert cfg["downloader"]["type"] != "fake"
