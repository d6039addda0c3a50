"""Answers kept between calls are never stale: rules, feeds and settings read right after a write.

`/bangumi/get/all`, `/rss` and `/config/get` are served from caches (the bridge keeps the JSON
of each route's last answer, the daemon keeps the feed list and the masked settings); every
write through the API must show in the very next read, and a write the database has not
committed yet must not be cached as the current answer.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from sqlalchemy import select, update

from autobangumi_daemon.db.models import Bangumi, RssItem
from autobangumi_daemon.db.writes import TableCache
from tests.helpers import Server, login


async def _json(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, (url, resp.status, await resp.text())
        return await resp.json()


async def _seed_rules(server: Server, n: int) -> None:
    """Rules written straight into the store (SQLite or PostgreSQL), then a restart."""
    assert server.running.daemon is not None
    async with server.running.daemon.ctx.db.begin() as s:
        s.add_all(
            Bangumi(
                official_title=f"番剧 {i} " + "长" * 40, title_raw=f"Show {i}", group_name="G", added=True
            )
            for i in range(n)
        )
    await server.restart()


async def test_rule_list_follows_every_update(ready: Server, http: aiohttp.ClientSession) -> None:
    await _seed_rules(ready, 60)
    await login(ready, http)
    first = await _json(http, "GET", ready.api + "/bangumi/get/all")
    assert len(first) == 60
    assert await _json(http, "GET", ready.api + "/bangumi/get/all") == first  # served again
    rule = first[7]
    for n in range(5):
        body = {**rule, "official_title": f"Renamed {n}"}
        await _json(http, "PATCH", ready.api + f"/bangumi/update/{rule['id']}", json=body)
        rules = await _json(http, "GET", ready.api + "/bangumi/get/all")
        assert next(r for r in rules if r["id"] == rule["id"])["official_title"] == f"Renamed {n}"
    await _json(http, "DELETE", ready.api + f"/bangumi/delete/{rule['id']}")
    rules = await _json(http, "GET", ready.api + "/bangumi/get/all")
    assert len(rules) == 59 and rule["id"] not in {r["id"] for r in rules}
    # Another route with the same answer type keeps its own slot.
    one = await _json(http, "GET", ready.api + f"/bangumi/get/{first[3]['id']}")
    assert one["id"] == first[3]["id"]


async def test_feed_list_follows_every_write(ready: Server, http: aiohttp.ClientSession) -> None:
    assert await _json(http, "GET", ready.api + "/rss") == []
    for i in range(12):
        body = {"name": f"Feed {i}", "url": f"http://127.0.0.1:9/rss/{i}", "parser": "mikan"}
        await _json(http, "POST", ready.api + "/rss/add", json=body)
        assert len(await _json(http, "GET", ready.api + "/rss")) == i + 1
    feeds = await _json(http, "GET", ready.api + "/rss")
    target = feeds[4]
    await _json(http, "PATCH", ready.api + f"/rss/update/{target['id']}", json={"name": "Renamed"})
    feeds = await _json(http, "GET", ready.api + "/rss")
    assert next(f for f in feeds if f["id"] == target["id"])["name"] == "Renamed"
    await _json(http, "PATCH", ready.api + f"/rss/disable/{target['id']}")
    feeds = await _json(http, "GET", ready.api + "/rss")
    assert next(f for f in feeds if f["id"] == target["id"])["enabled"] is False
    await _json(http, "POST", ready.api + "/rss/enable/many", json=[target["id"]])
    feeds = await _json(http, "GET", ready.api + "/rss")
    assert next(f for f in feeds if f["id"] == target["id"])["enabled"] is True
    await _json(http, "DELETE", ready.api + f"/rss/delete/{target['id']}")
    assert target["id"] not in {f["id"] for f in await _json(http, "GET", ready.api + "/rss")}


async def test_settings_follow_every_update(ready: Server, http: aiohttp.ClientSession) -> None:
    for seconds in (900, 1200, 1500):
        await _json(http, "PATCH", ready.api + "/config/update", json={"program": {"rss_time": seconds}})
        cfg = await _json(http, "GET", ready.api + "/config/get")
        assert cfg["program"]["rss_time"] == seconds
    await _json(http, "PATCH", ready.api + "/config/update", json={"downloader": {"password": "s3cret-pw"}})
    cfg = await _json(http, "GET", ready.api + "/config/get")
    assert cfg["downloader"]["password"] == "********"  # the cached copy is the masked one


async def test_an_uncommitted_write_is_never_cached_as_current(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    body = {"name": "Before", "url": "http://127.0.0.1:9/rss/x", "parser": "mikan"}
    await _json(http, "POST", ready.api + "/rss/add", json=body)
    assert ready.running.daemon is not None
    db = ready.running.daemon.ctx.db
    calls = 0

    async def names() -> list[str | None]:
        nonlocal calls
        calls += 1
        async with db() as s:
            return list((await s.scalars(select(RssItem.name))).all())

    cache: TableCache[list[Any]] = TableCache(db, ("rssitem",))
    assert len(await cache.get(names)) == 1 and calls == 1
    await cache.get(names)
    assert calls == 1  # nothing written: the same answer
    async with db() as writer:
        await writer.execute(update(RssItem).values(name="After"))
        # Read while the write is not committed: the reader sees the old name...
        assert await cache.get(names) == ["Before"]
        await writer.commit()
    # ...and the next read, after the commit, must not be that cached answer.
    assert await cache.get(names) == ["After"]
    feeds = await _json(http, "GET", ready.api + "/rss")
    assert [f["name"] for f in feeds] == ["After"]


async def test_concurrent_reads_and_writes_end_current(ready: Server, http: aiohttp.ClientSession) -> None:
    body = {"name": "N0", "url": "http://127.0.0.1:9/rss/c", "parser": "mikan"}
    await _json(http, "POST", ready.api + "/rss/add", json=body)
    rss_id = (await _json(http, "GET", ready.api + "/rss"))[0]["id"]

    async def reader(stop: asyncio.Event) -> None:
        while not stop.is_set():
            await _json(http, "GET", ready.api + "/rss")

    for n in range(1, 8):
        stop = asyncio.Event()
        readers = [asyncio.create_task(reader(stop)) for _ in range(4)]
        await _json(http, "PATCH", ready.api + f"/rss/update/{rss_id}", json={"name": f"N{n}"})
        stop.set()
        await asyncio.gather(*readers)
        feeds = await _json(http, "GET", ready.api + "/rss")
        assert feeds[0]["name"] == f"N{n}"


async def test_rule_list_holds_what_each_rule_reads(ready: Server, http: aiohttp.ClientSession) -> None:
    """The list is built from plain result rows, a single rule from its ORM object: both give
    every field the same, set or unset (null), of every column type."""
    assert ready.running.daemon is not None
    full: dict[str, Any] = {}
    for attr in Bangumi.__mapper__.column_attrs:
        col = attr.columns[0]
        if attr.key == "id" or attr.key == "deleted":
            continue
        py = col.type.python_type
        full[attr.key] = True if py is bool else 3 if py is int else f"{attr.key} 值"
    async with ready.running.daemon.ctx.db.begin() as s:
        s.add(Bangumi(**full))
        s.add(Bangumi(official_title="最少", title_raw="Least"))
    await ready.restart()
    await login(ready, http)
    rules = await _json(http, "GET", ready.api + "/bangumi/get/all")
    assert len(rules) == 2
    assert rules[0]["preferred_codec"] == "preferred_codec 值" and rules[0]["delay_minutes"] == 3
    assert rules[1]["preferred_codec"] is None and rules[1]["year"] is None
    for rule in rules:
        assert await _json(http, "GET", ready.api + f"/bangumi/get/{rule['id']}") == rule
