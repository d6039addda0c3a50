"""Mikan unreachable, mirrors and a feed's own host; what a refresh answers and publishes."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import orjson
import pytest

from autobangumi_daemon.adapters.downloaders.qbittorrent import QBittorrent
from tests.feeds.conftest import Fakes, patch_config
from tests.feeds.fakes import Behaviour
from tests.feeds.test_e2e_qbittorrent import EXPECTED, EXPECTED_DOWNLOADS
from tests.helpers import Server

# Nothing listens on port 9 (discard) of the fake public host: connections are refused at once.
UNREACHABLE = "http://127.0.0.2:9"


async def _json(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, (url, resp.status, await resp.text())
        return await resp.json()


async def _log(http: aiohttp.ClientSession, server: Server) -> str:
    async with http.get(server.api + "/log") as resp:
        assert resp.status == 200
        return await resp.text()


async def _ours(qb: QBittorrent, base: str) -> list[Any]:
    return [t for t in await qb.list_torrents(category="Bangumi") if t.save_path.startswith(base + "/")]


async def _feed(http: aiohttp.ClientSession, server: Server, feed_id: int) -> dict[str, Any]:
    feeds = await _json(http, "GET", server.api + "/rss")
    found: dict[str, Any] = next(f for f in feeds if f["id"] == feed_id)
    return found


async def _add(http: aiohttp.ClientSession, server: Server, url: str, **kw: Any) -> int:
    body = {"url": url, "name": "feed", "aggregate": True, "parser": "mikan", **kw}
    await _json(http, "POST", server.api + "/rss/add", json=body)
    return int(next(f["id"] for f in await _json(http, "GET", server.api + "/rss") if f["url"] == url))


async def test_unreachable_mikan_degrades_the_feed_says_so_once_and_recovers(
    with_qbt: Server, http: aiohttp.ClientSession, fakes: Fakes, qb_client: QBittorrent
) -> None:
    server = with_qbt
    base = (await _json(http, "GET", server.api + "/config/get"))["downloader"]["path"]
    fakes.mikan.own_urls = False  # items link to https://mikanani.me, as Mikan's own feeds do
    await patch_config(server, http, {"network": {"mikan_base_url": UNREACHABLE}})
    feed = await _add(http, server, fakes.mikan.base + "/RSS/MyBangumi?token=t")

    msg = await _json(http, "GET", server.api + "/rss/refresh/all")
    # The answer says what happened, in both languages, and names the host that failed.
    assert msg["msg_en"].startswith("Refresh all RSS successfully. 1 feed(s) checked, 20 new item(s)")
    assert "0 new rule(s)" in msg["msg_en"] and "127.0.0.2:9 could not be reached" in msg["msg_en"]
    assert msg["msg_zh"].startswith("刷新全部 RSS 成功。") and "新规则 0 条" in msg["msg_zh"]
    assert "127.0.0.2:9" in msg["msg_zh"]
    assert await _json(http, "GET", server.api + "/bangumi/get/all") == []

    row = await _feed(http, server, feed)
    assert set(row) == {
        "id",
        "name",
        "url",
        "aggregate",
        "parser",
        "enabled",
        "connection_status",
        "last_checked_at",
        "last_error",
        "downloader",
    }  # AutoBangumi 3.2's shape, plus the downloader instance the feed names (null: default)
    assert row["downloader"] is None
    assert row["connection_status"] == "degraded"
    en, zh = row["last_error"].split(" / ", 1)
    assert "127.0.0.2:9" in en and "Could not connect" in en
    assert "network.mikan_base_url" in en and "proxy" in en
    assert "127.0.0.2:9" in zh and "network.mikan_base_url" in zh and "代理" in zh

    # One line for the host, not one per show; no per-item "deferred" lines.
    text = await _log(http, server)
    assert text.count("Show metadata could not be fetched from 127.0.0.2:9") == 1, text
    assert "deferred" not in text
    # Items are stored with the feed's own links; the mirror applies when they are fetched.
    items = await _json(http, "GET", server.api + f"/rss/torrent/{feed}")
    assert len(items) == 20 and all(i["url"].startswith("https://mikanani.me/") for i in items)
    assert {i["status"] for i in items} == {"pending"}

    # A second refresh with the host still down: still degraded, one more line (one per refresh).
    await _json(http, "GET", server.api + "/rss/refresh/all")
    assert (await _feed(http, server, feed))["connection_status"] == "degraded"
    text = await _log(http, server)
    assert text.count("Show metadata could not be fetched from 127.0.0.2:9") == 2

    # A reachable mirror: the pending items get their rules, posters and downloads from it.
    await patch_config(server, http, {"network": {"mikan_base_url": fakes.mikan.base}})
    msg = await _json(http, "GET", server.api + "/rss/refresh/all")
    assert "14 new rule(s)" in msg["msg_en"] and f"{EXPECTED_DOWNLOADS} download(s)" in msg["msg_en"]
    assert "could not be reached" not in msg["msg_en"]
    row = await _feed(http, server, feed)
    assert row["connection_status"] == "healthy" and row["last_error"] is None
    rules = {r["title_raw"]: r for r in await _json(http, "GET", server.api + "/bangumi/get/all")}
    for raw, (official, season, _group) in EXPECTED.items():
        assert (rules[raw]["official_title"], rules[raw]["season"]) == (official, season)
        assert rules[raw]["poster_link"].startswith("posters/")
    assert len(await _ours(qb_client, base)) == EXPECTED_DOWNLOADS
    items = await _json(http, "GET", server.api + f"/rss/torrent/{feed}")
    assert all(i["url"].startswith("https://mikanani.me/") for i in items)


async def test_items_that_failed_on_the_old_mirror_download_through_the_new_one(
    with_qbt: Server, http: aiohttp.ClientSession, fakes: Fakes, qb_client: QBittorrent
) -> None:
    server = with_qbt
    base = (await _json(http, "GET", server.api + "/config/get"))["downloader"]["path"]
    fakes.mikan.own_urls = False
    url = fakes.mikan.base + "/RSS/Bangumi?bangumiId=3599&subgroupid=370"
    rule = await _json(http, "POST", server.api + "/rss/analysis", json={"url": url, "parser": "mikan"})
    assert rule["official_title"] == "夏日口袋"
    # The mirror goes away before the subscription: every .torrent fetch fails.
    await patch_config(server, http, {"network": {"mikan_base_url": UNREACHABLE}})
    await _json(http, "POST", server.api + "/rss/subscribe", json={"data": rule, "rss": {"url": url}})
    feed = next(f["id"] for f in await _json(http, "GET", server.api + "/rss") if f["url"] == url)
    for _ in range(2):
        await _json(http, "GET", server.api + f"/rss/refresh/{feed}")
    items = await _json(http, "GET", server.api + f"/rss/torrent/{feed}")
    assert len(items) == 5 and {i["status"] for i in items} == {"failed"}  # three attempts each
    assert all(i["url"].startswith("https://mikanani.me/Download/") for i in items)
    assert await _ours(qb_client, base) == []

    await patch_config(server, http, {"network": {"mikan_base_url": fakes.mikan.base}})
    msg = await _json(http, "GET", server.api + f"/rss/refresh/{feed}")
    assert msg["msg_en"].startswith("Refresh RSS successfully.") and "5 download(s)" in msg["msg_en"]
    items = await _json(http, "GET", server.api + f"/rss/torrent/{feed}")
    assert {i["status"] for i in items} == {"downloaded"}
    assert len(await _ours(qb_client, base)) == 5
    assert fakes.mikan.hits.total() > 0 and all(
        p.startswith(("/RSS/", "/Home/", "/images/", "/Download/")) for p in fakes.mikan.hits
    )


async def test_a_mikan_feed_on_its_own_host_gets_official_titles_and_posters(
    site: Server, http: aiohttp.ClientSession, fakes: Fakes
) -> None:
    # A user's own mirror or reverse proxy, with network.mikan_base_url naming another host.
    await patch_config(site, http, {"network": {"mikan_base_url": UNREACHABLE}})
    feed = await _add(http, site, fakes.mikan.base + "/RSS/MyBangumi?token=t")
    msg = await _json(http, "GET", site.api + "/rss/refresh/all")
    assert "14 new rule(s)" in msg["msg_en"], msg
    rules = {r["title_raw"]: r for r in await _json(http, "GET", site.api + "/bangumi/get/all")}
    for raw, (official, season, _group) in EXPECTED.items():
        assert (rules[raw]["official_title"], rules[raw]["season"]) == (official, season)
        assert rules[raw]["poster_link"].startswith("posters/")
    assert fakes.mikan.hits["/Home/Episode/f56e926c4d07f37d80a5206a1cea9b20344df513"] == 1
    assert (await _feed(http, site, feed))["connection_status"] == "healthy"

    # The same feed with another parser: its host is not taken for Mikan.
    other = fakes.mikan.base + "/RSS/MyBangumi?token=other"
    await _add(http, site, other, parser="none")
    before = sum(n for p, n in fakes.mikan.hits.items() if p.startswith("/Home/Episode/"))
    await _json(http, "GET", site.api + "/rss/refresh/all")
    after = sum(n for p, n in fakes.mikan.hits.items() if p.startswith("/Home/Episode/"))
    assert after == before


@contextlib.asynccontextmanager
async def _events(http: aiohttp.ClientSession, server: Server) -> AsyncIterator[list[dict[str, Any]]]:
    """Every event of the stream, collected in the background once the stream is open."""
    seen: list[dict[str, Any]] = []
    resp = await http.get(server.api + "/events/stream")
    assert resp.status == 200

    async def read() -> None:
        while line := await resp.content.readline():
            if line.startswith(b"data: "):
                seen.append(orjson.loads(line[6:]))

    task = asyncio.create_task(read())
    try:
        yield seen
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        resp.close()


async def _until(cond: Any, within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while not cond():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


async def test_refresh_progress_is_published_on_the_event_stream(
    with_qbt: Server, http: aiohttp.ClientSession, fakes: Fakes
) -> None:
    server = with_qbt
    feed = await _add(http, server, fakes.mikan.base + "/RSS/MyBangumi?token=t")
    async with _events(http, server) as seen:
        await _until(lambda: bool(seen))  # subscribed: the stream's first event arrived
        await _json(http, "GET", server.api + "/rss/refresh/all")
        await _until(lambda: any(e["kind"] == "feed_refreshed" for e in seen))
    progress = [e["feed_refresh_progress"] for e in seen if e["kind"] == "feed_refresh_progress"]
    assert len({p["refresh_id"] for p in progress}) == 1
    stages = list(dict.fromkeys(p["stage"] for p in progress))
    assert stages == ["fetch", "rules", "download", "done"]
    for stage in ("fetch", "rules", "download"):
        events = [p for p in progress if p["stage"] == stage]
        assert events[0]["done"] == 0 and events[-1]["done"] == events[-1]["total"] > 0
        assert [p["done"] for p in events] == sorted(p["done"] for p in events)
    last = progress[-1]
    assert last["stage"] == "done" and last["done"] == last["total"] == 1 and last["rss_ids"] == []
    assert (last["new_items"], last["rules_created"], last["downloaded"]) == (20, 14, EXPECTED_DOWNLOADS)
    done_at = next(
        i
        for i, e in enumerate(seen)
        if e.get("feed_refresh_progress", {}) and e["feed_refresh_progress"]["stage"] == "done"
    )
    refreshed = [e for e in seen if e["kind"] == "feed_refreshed"]
    assert refreshed[0]["feed_refreshed"]["rss_id"] == feed
    assert seen.index(refreshed[0]) > done_at

    # One feed: its id is in every event of that refresh.
    async with _events(http, server) as seen:
        await _until(lambda: bool(seen))
        await _json(http, "GET", server.api + f"/rss/refresh/{feed}")
        await _until(lambda: any(e["kind"] == "feed_refreshed" for e in seen))
    progress = [e["feed_refresh_progress"] for e in seen if e["kind"] == "feed_refresh_progress"]
    assert progress and all(p["rss_ids"] == [feed] for p in progress)
    assert progress[-1]["stage"] == "done"


async def test_a_long_refresh_answers_that_it_goes_on_and_still_finishes(
    site: Server, http: aiohttp.ClientSession, fakes: Fakes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AB_REFRESH_WAIT", "0.5")
    feed = await _add(http, site, fakes.mikan.base + "/RSS/Bangumi?bangumiId=3599", aggregate=False)
    fakes.mikan.behaviours["/RSS/Bangumi"] = Behaviour(delay=1.2, times=1)
    async with _events(http, site) as seen:
        await _until(lambda: bool(seen))
        msg = await _json(http, "GET", site.api + "/rss/refresh/all")
        assert "goes on in the background" in msg["msg_en"] and "event stream" in msg["msg_en"]
        assert "后台继续" in msg["msg_zh"]
        assert await _json(http, "GET", site.api + f"/rss/torrent/{feed}") == []
        await _until(
            lambda: any(
                e["kind"] == "feed_refresh_progress" and e["feed_refresh_progress"]["stage"] == "done"
                for e in seen
            )
        )
    assert len(await _json(http, "GET", site.api + f"/rss/torrent/{feed}")) == 5


async def test_search_with_mikan_unreachable_still_answers_and_says_so_once(
    site: Server, http: aiohttp.ClientSession, fakes: Fakes
) -> None:
    fakes.mikan.own_urls = False  # results link to https://mikanani.me episode pages
    await patch_config(site, http, {"network": {"mikan_base_url": UNREACHABLE}})
    results = []
    async with http.get(site.api + "/search/bangumi?site=mikan&keywords=夏日口袋") as resp:
        assert resp.status == 200
        async for line in resp.content:
            if line.startswith(b"data: "):
                results.append(orjson.loads(line[6:]))
    # The release's own title, no poster: the user can still subscribe and edit it.
    assert [r["title_raw"] for r in results] == ["Summer Pockets"]
    assert results[0]["poster_link"] is None
    assert results[0]["rss_link"].startswith(fakes.mikan.base + "/RSS/Search?searchstr=")
    text = await _log(http, site)
    assert text.count("Show metadata could not be fetched from 127.0.0.2:9") == 1, text
