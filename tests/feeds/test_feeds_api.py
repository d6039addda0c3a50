"""Feeds and rules through the bridge: failures reported, proxies, search, analysis, subscribe, rules."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import orjson
import pytest

from autobangumi_daemon.adapters.downloaders.qbittorrent import QBittorrent
from tests.feeds.conftest import Fakes, patch_config
from tests.feeds.fakes import Behaviour, HttpProxy, Socks5Proxy
from tests.helpers import Server


async def _json(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, (url, resp.status, await resp.text())
        return await resp.json()


async def _tagged(qb: QBittorrent, tag: str, base: str) -> list[Any]:
    # qBittorrent is shared by the session's tests; each test saves under its own folder.
    return [t for t in await qb.list_torrents(tag=tag) if t.save_path.startswith(base + "/")]


async def _add(http: aiohttp.ClientSession, server: Server, url: str, **kw: Any) -> int:
    body = {"url": url, "aggregate": False, "parser": "mikan", **kw}
    await _json(http, "POST", server.api + "/rss/add", json=body)
    feeds = await _json(http, "GET", server.api + "/rss")
    return int(next(f["id"] for f in feeds if f["url"] == url))


async def test_failing_feeds_are_reported_and_the_others_proceed(
    site: Server, http: aiohttp.ClientSession, fakes: Fakes
) -> None:
    good = fakes.mikan.base + "/RSS/Bangumi?bangumiId=3599&subgroupid=370"
    slow = fakes.nyaa.base + "/?page=rss&q=slow"
    junk = fakes.dmhy.base + "/topics/rss/rss.xml?keyword=junk"
    hostile = fakes.mikan.base + "/RSS/Search?searchstr=x"
    fakes.nyaa.behaviours["/"] = Behaviour(delay=5)
    fakes.dmhy.behaviours["/topics/rss/rss.xml"] = Behaviour(garbage=b"<html><body>503 gateway</body></html>")
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;">]><rss>&b;</rss>'
    )
    fakes.mikan.behaviours["/RSS/Search"] = Behaviour(garbage=laughs)
    ids = {}
    for url in (good, slow, junk, hostile):
        ids[url] = await _add(http, site, url, name="n")
    await _json(http, "GET", site.api + "/rss/refresh/all")
    feeds = {f["url"]: f for f in await _json(http, "GET", site.api + "/rss")}
    assert feeds[good]["connection_status"] == "healthy" and feeds[good]["last_error"] is None
    assert "did not answer in time" in feeds[slow]["last_error"] and "超时" in feeds[slow]["last_error"]
    assert "not an RSS" in feeds[junk]["last_error"]
    assert "entities" in feeds[hostile]["last_error"]
    for url in (slow, junk, hostile):
        assert feeds[url]["connection_status"] == "error" and feeds[url]["last_checked_at"]
    # Bounded retries: the slow feed was tried 3 times, no more.
    assert fakes.nyaa.hits["/"] == 3
    # The good feed's items are kept (pending: no rule for them yet).
    items = await _json(http, "GET", site.api + f"/rss/torrent/{ids[good]}")
    assert len(items) == 5 and {i["status"] for i in items} == {"pending"}


async def test_rss_management_endpoints(site: Server, http: aiohttp.ClientSession, fakes: Fakes) -> None:
    a = await _add(http, site, fakes.mikan.base + "/RSS/Bangumi?bangumiId=1", name="a")
    b = await _add(http, site, fakes.mikan.base + "/RSS/Bangumi?bangumiId=2", name="b")
    async with http.post(site.api + "/rss/add", json={"url": "file:///etc/passwd", "name": "x"}) as resp:
        assert resp.status == 422 and "http" in (await resp.json())["msg_en"]
    async with http.post(site.api + "/rss/add", json={"url": fakes.nyaa.base + "/nothing-here"}) as resp:
        assert resp.status == 406 and (await resp.json())["msg_en"] == "Failed to get RSS title."
    await _json(http, "POST", site.api + "/rss/disable/many", json=[a, b])
    assert not any(f["enabled"] for f in await _json(http, "GET", site.api + "/rss"))
    await _json(http, "POST", site.api + "/rss/enable/many", json=[a, b])
    await _json(http, "PATCH", site.api + f"/rss/disable/{a}")
    feeds = {f["id"]: f for f in await _json(http, "GET", site.api + "/rss")}
    assert feeds[a]["enabled"] is False and feeds[b]["enabled"] is True
    await _json(http, "PATCH", site.api + f"/rss/update/{b}", json={"name": "renamed", "aggregate": True})
    feeds = {f["id"]: f for f in await _json(http, "GET", site.api + "/rss")}
    assert feeds[b]["name"] == "renamed" and feeds[b]["aggregate"] is True and feeds[b]["parser"] == "mikan"
    async with http.patch(site.api + "/rss/update/999", json={"name": "x"}) as resp:
        assert resp.status == 406
    await _json(http, "DELETE", site.api + f"/rss/delete/{a}")
    async with http.delete(site.api + f"/rss/delete/{a}") as resp:
        assert resp.status == 406
    await _json(http, "POST", site.api + "/rss/delete/many", json=[b])
    assert await _json(http, "GET", site.api + "/rss") == []
    # Upstream base URLs are validated like every other config value.
    async with http.patch(
        site.api + "/config/update", json={"network": {"mikan_base_url": "ftp://x"}}
    ) as resp:
        assert resp.status == 422 and "network.mikan_base_url" in (await resp.json())["msg_en"]


@pytest.mark.parametrize("kind", ["http", "http-auth", "socks5", "socks5-auth"])
async def test_feeds_through_proxies(
    site: Server,
    http: aiohttp.ClientSession,
    fakes: Fakes,
    http_proxy: HttpProxy,
    socks_proxy: Socks5Proxy,
    kind: str,
) -> None:
    proxy: HttpProxy | Socks5Proxy = socks_proxy if kind.startswith("socks5") else http_proxy
    if kind.endswith("auth"):
        # Non-ASCII works over HTTP (UTF-8 basic auth); RFC 1929 libraries take ASCII only.
        proxy.username, proxy.password = "user", ("pa ss" if kind.startswith("socks5") else "pä ss")
    url = fakes.mikan.base + "/RSS/Bangumi?bangumiId=3599&subgroupid=370"
    feed = await _add(http, site, url, name="via proxy")
    await patch_config(
        site,
        http,
        {
            "proxy": {
                "enable": True,
                "type": "socks5" if kind.startswith("socks5") else "http",
                "host": "127.0.0.1",
                "port": proxy.port,
                "username": proxy.username,
                "password": proxy.password,
            }
        },
    )
    await _json(http, "GET", site.api + f"/rss/refresh/{feed}")
    feeds = await _json(http, "GET", site.api + "/rss")
    assert feeds[0]["connection_status"] == "healthy", feeds[0]
    assert proxy.requests >= 1 and proxy.refused == 0
    if kind.endswith("auth"):
        # Wrong credentials: the feed is reported, nothing crashes.
        await patch_config(site, http, {"proxy": {"password": "wrong"}})
        fakes.mikan.etags = False
        await _json(http, "GET", site.api + f"/rss/refresh/{feed}")
        feeds = await _json(http, "GET", site.api + "/rss")
        assert feeds[0]["connection_status"] == "error" and proxy.refused >= 1


async def test_conditional_get_and_429_backoff(
    site: Server, http: aiohttp.ClientSession, fakes: Fakes
) -> None:
    url = fakes.mikan.base + "/RSS/Bangumi?bangumiId=3599&subgroupid=370"
    feed = await _add(http, site, url, name="x")
    fakes.mikan.behaviours["/RSS/Bangumi"] = Behaviour(status=429, retry_after="1", times=1)
    loop = asyncio.get_running_loop()
    start = loop.time()
    await _json(http, "GET", site.api + f"/rss/refresh/{feed}")
    assert loop.time() - start >= 0.9  # Retry-After honoured before the retry
    assert fakes.mikan.hits["/RSS/Bangumi"] == 2
    feeds = await _json(http, "GET", site.api + "/rss")
    assert feeds[0]["connection_status"] == "healthy"
    # Unchanged feed: the next refresh sends If-None-Match and gets a 304.
    await _json(http, "GET", site.api + f"/rss/refresh/{feed}")
    assert fakes.mikan.hits["/RSS/Bangumi"] == 3
    assert len(await _json(http, "GET", site.api + f"/rss/torrent/{feed}")) == 5


async def test_search_streams_results_and_ends(
    site: Server, http: aiohttp.ClientSession, fakes: Fakes
) -> None:
    async def events(query: str) -> list[dict[str, Any]]:
        out = []
        async with http.get(site.api + "/search/bangumi?" + query) as resp:
            assert resp.status == 200
            async for line in resp.content:
                if line.startswith(b"data: "):
                    out.append(orjson.loads(line[6:]))
        return out

    mikan = await events("site=mikan&keywords=夏日口袋")
    assert len(mikan) == 1  # five episodes of one variant
    r = mikan[0]
    assert r["official_title"] == "夏日口袋" and r["title_raw"] == "Summer Pockets"
    assert r["id"] is None  # not a saved rule, as AutoBangumi writes it
    assert r["group_name"] == "喵萌奶茶屋&LoliHouse" and r["poster_link"].startswith("posters/")
    assert r["rss_link"].startswith(fakes.mikan.base + "/RSS/Search?searchstr=")
    # The seed's spelling, and a TMDB-parsed provider (no TMDB match: the release's title).
    nyaa = await events("provider=nyaa&keyword=我的前女友")
    assert {x["title_raw"] for x in nyaa} == {"Mamahaha no Tsurego"}
    assert all(x["official_title"] for x in nyaa)
    # No keywords: a JSON `[]`, not an empty event stream (as AutoBangumi answers).
    async with http.get(site.api + "/search/bangumi?site=mikan&keywords=") as resp:
        assert resp.status == 200 and resp.content_type == "application/json"
        assert await resp.json() == []
    async with http.get(site.api + "/search/bangumi?site=nope&keywords=x") as resp:
        assert resp.status == 422
    assert set(await _json(http, "GET", site.api + "/search/provider")) == {"mikan", "nyaa", "dmhy"}


async def test_analysis_subscribe_and_rule_endpoints(
    with_qbt: Server, http: aiohttp.ClientSession, fakes: Fakes, qb_client: QBittorrent
) -> None:
    server = with_qbt
    base = (await _json(http, "GET", server.api + "/config/get"))["downloader"]["path"]
    url = fakes.mikan.base + "/RSS/Bangumi?bangumiId=3599&subgroupid=370"
    rule = await _json(http, "POST", server.api + "/rss/analysis", json={"url": url, "parser": "mikan"})
    assert rule["official_title"] == "夏日口袋" and rule["season"] == 1 and rule["rss_link"] == url
    assert await _json(http, "GET", server.api + "/bangumi/get/all") == []  # analysis saves nothing

    msg = await _json(http, "POST", server.api + "/rss/subscribe", json={"data": rule, "rss": {"url": url}})
    assert msg["msg_en"] == "[Engine] Download 夏日口袋 successfully."
    rules = await _json(http, "GET", server.api + "/bangumi/get/all")
    assert len(rules) == 1
    rid = rules[0]["id"]
    folder = f"{base}/夏日口袋/Season 1"
    ours = await _tagged(qb_client, f"ab:{rid}", base)
    assert len(ours) == 5 and {t.save_path for t in ours} == {folder}
    feeds = await _json(http, "GET", server.api + "/rss")
    assert feeds[0]["url"] == url and feeds[0]["aggregate"] is False and feeds[0]["name"] == "夏日口袋"
    # Subscribing again changes nothing.
    await _json(http, "POST", server.api + "/rss/subscribe", json={"data": rule, "rss": {"url": url}})
    assert len(await _tagged(qb_client, f"ab:{rid}", base)) == 5

    # A changed title moves the downloads through the downloader.
    full = rules[0] | {"official_title": "Summer Pockets: 夏日口袋 / 2025", "id": None}
    await _json(http, "PATCH", server.api + f"/bangumi/update/{rid}", json=full)
    moved = "Summer Pockets 夏日口袋 2025"
    got = await _json(http, "GET", server.api + f"/bangumi/get/{rid}")
    assert got["save_path"] == f"{base}/{moved}/Season 1"
    for _ in range(50):
        paths = {t.save_path for t in await _tagged(qb_client, f"ab:{rid}", base)}
        if paths == {f"{base}/{moved}/Season 1"}:
            break
        await asyncio.sleep(0.1)
    assert paths == {f"{base}/{moved}/Season 1"}

    await _json(http, "PATCH", server.api + f"/bangumi/archive/{rid}")
    await _json(http, "PATCH", server.api + f"/bangumi/{rid}/weekday", json={"weekday": 3})
    got = await _json(http, "GET", server.api + f"/bangumi/get/{rid}")
    assert got["archived"] is True and got["air_weekday"] == 3 and got["weekday_locked"] is True
    async with http.patch(server.api + f"/bangumi/{rid}/weekday", json={"weekday": 9}) as resp:
        assert resp.status == 400
    await _json(http, "PATCH", server.api + f"/bangumi/unarchive/{rid}")
    body = await _json(http, "POST", server.api + f"/bangumi/dismiss-review/{rid}")
    assert body["status"] is True
    async with http.post(server.api + "/bangumi/dismiss-review/999") as resp:
        assert resp.status == 404
    await _json(http, "GET", server.api + f"/bangumi/refresh/poster/{rid}")
    await _json(http, "DELETE", server.api + f"/bangumi/disable/{rid}")
    assert (await _json(http, "GET", server.api + f"/bangumi/get/{rid}"))["deleted"] is True
    await _json(http, "GET", server.api + f"/bangumi/enable/{rid}")
    # The WebUI's delete/many without the slash, with files.
    await _json(http, "DELETE", server.api + "/bangumi/delete/many?file=true", json=[rid])
    assert await _json(http, "GET", server.api + "/bangumi/get/all") == []
    for _ in range(50):
        if not await _tagged(qb_client, f"ab:{rid}", base):
            break
        await asyncio.sleep(0.1)
    assert await _tagged(qb_client, f"ab:{rid}", base) == []
    async with http.get(server.api + "/bangumi/enable/999") as resp:
        assert resp.status == 406


async def test_tmdb_parser_rule_and_reset(
    with_qbt: Server, http: aiohttp.ClientSession, fakes: Fakes, qb_client: QBittorrent
) -> None:
    server = with_qbt
    base = (await _json(http, "GET", server.api + "/config/get"))["downloader"]["path"]
    magnet = "magnet:?xt=urn:btih:" + "12" * 20 + "&amp;dn=wolf"
    title = "[LoliHouse] 狼与香辛料 / Spice and Wolf - 03 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]"
    fakes.mikan.extra_items.append(
        f"<item><title>{title}</title><link>http://127.0.0.2:9/view/1</link>"
        f'<enclosure type="application/x-bittorrent" length="1" url="{magnet}" /></item>'
    )
    url = fakes.mikan.base + "/RSS/MyBangumi?token=wolf"
    await _add(http, server, url, name="tmdb", aggregate=True, parser="tmdb")
    # Only the wolf: every other title of the feed is dropped by the global filter.
    await patch_config(server, http, {"rss_parser": {"filter": ["^(?!.*Spice and Wolf)"]}})
    await _json(http, "GET", server.api + "/rss/refresh/all")
    rules = {r["title_raw"]: r for r in await _json(http, "GET", server.api + "/bangumi/get/all")}
    wolf = rules["Spice and Wolf"]
    assert wolf["official_title"] == "狼与香辛料 行商邂逅贤狼" and wolf["year"] == "2024"
    assert wolf["season"] == 1 and wolf["poster_link"].startswith("posters/")
    got = await _tagged(qb_client, f"ab:{wolf['id']}", base)
    assert [t.save_path for t in got] == [f"{base}/狼与香辛料 行商邂逅贤狼 (2024)/Season 1"]
    await _json(http, "GET", server.api + "/bangumi/reset/all")
    assert await _json(http, "GET", server.api + "/bangumi/get/all") == []


async def test_unmatched_items_wait_for_their_rule_and_backfill(
    with_qbt: Server, http: aiohttp.ClientSession, fakes: Fakes, qb_client: QBittorrent
) -> None:
    server = with_qbt
    base = (await _json(http, "GET", server.api + "/config/get"))["downloader"]["path"]
    feed = await _add(http, server, fakes.mikan.base + "/RSS/Bangumi?bangumiId=3599&subgroupid=370", name="n")
    await _json(http, "GET", server.api + "/rss/refresh/all")
    items = await _json(http, "GET", server.api + f"/rss/torrent/{feed}")
    assert {i["status"] for i in items} == {"pending"} and len(items) == 5

    # A rule appears (from anywhere): the kept items are matched at the next refresh, even
    # though the feed itself has nothing new (AutoBangumi had stored them as seen for good).
    daemon = server.running.daemon
    assert daemon is not None and daemon.ctx is not None
    from autobangumi_daemon.db.models import Bangumi

    pipeline = daemon.ctx.pipeline
    async with daemon.ctx.db.begin() as s:
        rule = Bangumi(
            official_title="夏日口袋",
            title_raw="Summer Pockets",
            season=1,
            group_name="喵萌奶茶屋&LoliHouse",
            filter="720",
            rss_link="",
            eps_collect=True,
        )
        s.add(rule)
    pipeline.rules_changed()
    await _json(http, "GET", server.api + "/rss/refresh/all")
    items = await _json(http, "GET", server.api + f"/rss/torrent/{feed}")
    assert {i["status"] for i in items} == {"downloaded"} and {i["refer_id"] for i in items} == {rule.id}
    assert len(await _tagged(qb_client, f"ab:{rule.id}", base)) == 5

    # Backfill (bangumi_manage.eps_complete): a rule not yet collected searches Mikan for its
    # earlier episodes; they go through the same one-per-episode choice, so nothing doubles.
    await _json(http, "PATCH", server.api + f"/bangumi/update/{rule.id}", json={"eps_collect": False})
    assert await pipeline.eps_complete() == 1
    assert fakes.mikan.hits["/RSS/Search"] == 1
    assert (await _json(http, "GET", server.api + f"/bangumi/get/{rule.id}"))["eps_collect"] is True
    assert len(await _tagged(qb_client, f"ab:{rule.id}", base)) == 5


async def test_collect_downloads_a_back_catalogue(
    with_qbt: Server, http: aiohttp.ClientSession, fakes: Fakes, qb_client: QBittorrent
) -> None:
    server = with_qbt
    base = (await _json(http, "GET", server.api + "/config/get"))["downloader"]["path"]
    url = fakes.mikan.base + "/RSS/Bangumi?bangumiId=3599&subgroupid=370"
    rule = await _json(http, "POST", server.api + "/rss/analysis", json={"url": url, "parser": "mikan"})
    rule["filter"] = "720,- 05"  # the rule's filter still applies
    msg = await _json(http, "POST", server.api + "/rss/collect", json=rule)
    assert msg["msg_en"] == "Collections of 夏日口袋 Season 1 completed."
    rules = await _json(http, "GET", server.api + "/bangumi/get/all")
    assert len(rules) == 1 and rules[0]["eps_collect"] is True
    got = await _tagged(qb_client, f"ab:{rules[0]['id']}", base)
    assert len(got) == 4 and not any(" 05 " in t.name for t in got)
