"""A rule's own ladder (preference order, wait) and rename template are checked on every path
that creates a rule from a request, as when a rule is edited: collect and subscribe refuse a bad
one with the bilingual 422 and store nothing (no rule, no feed). Through the real bridge and
daemon; the accepted case collects from a local feed server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from tests.helpers import FAKE_PUBLIC, Server

EMPTY_FEED = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
    "<title>Mikan Project - Test</title><link>http://127.0.0.1/</link>"
    "<description>test</description></channel></rss>"
)

BAD: list[tuple[dict[str, Any], str]] = [
    ({"preference_order": "resolution,loudness"}, "preference_order"),
    ({"preference_order": "group,group"}, "preference_order"),
    ({"delay_minutes": -5}, "preference_order"),
    ({"delay_minutes": 7 * 24 * 60 + 1}, "preference_order"),
    ({"rename_template": "{title}/S{season}E{episode}"}, "rename_template"),
    ({"rename_template": "{title} {no_such_field}"}, "rename_template"),
]


@pytest.fixture
async def feed_url() -> AsyncIterator[str]:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(text=EMPTY_FEED, content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/RSS/Bangumi", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    # 127.0.0.2 plays a public host in tests (the fetch policy refuses loopback).
    await web.TCPSite(runner, str(FAKE_PUBLIC), 0).start()
    yield f"http://{FAKE_PUBLIC}:{runner.addresses[0][1]}/RSS/Bangumi?bangumiId=1"
    await runner.cleanup()


def _rule(url: str, **extra: Any) -> dict[str, Any]:
    return {"official_title": "Frieren", "title_raw": "Frieren", "season": 1, "rss_link": url} | extra


async def _nothing_stored(server: Server, http: aiohttp.ClientSession) -> None:
    async with http.get(server.api + "/bangumi/get/all") as resp:
        assert await resp.json() == []
    async with http.get(server.api + "/rss") as resp:
        assert await resp.json() == []


def _refused(status: int, msg: dict[str, Any], field: str) -> None:
    assert status == 422, msg
    assert field in msg["msg_en"] and field in msg["msg_zh"], msg
    assert msg["msg_en"] != msg["msg_zh"]


@pytest.mark.parametrize(("extra", "field"), BAD)
async def test_subscribe_refuses_a_bad_ladder_or_template(
    ready: Server, http: aiohttp.ClientSession, feed_url: str, extra: dict[str, Any], field: str
) -> None:
    body = {"data": _rule(feed_url, **extra), "rss": {"url": feed_url}}
    async with http.post(ready.api + "/rss/subscribe", json=body) as resp:
        _refused(resp.status, await resp.json(), field)
    await _nothing_stored(ready, http)


@pytest.mark.parametrize(("extra", "field"), BAD)
async def test_collect_refuses_a_bad_ladder_or_template(
    ready: Server, http: aiohttp.ClientSession, feed_url: str, extra: dict[str, Any], field: str
) -> None:
    async with http.post(ready.api + "/rss/collect", json=_rule(feed_url, **extra)) as resp:
        _refused(resp.status, await resp.json(), field)
    await _nothing_stored(ready, http)


async def test_a_good_ladder_and_template_are_stored_on_collect(
    ready: Server, http: aiohttp.ClientSession, feed_url: str
) -> None:
    extra = {"preference_order": "resolution,group", "delay_minutes": 30,
             "rename_template": "{title} - {season}x{episode}"}  # fmt: skip
    async with http.post(ready.api + "/rss/collect", json=_rule(feed_url, **extra)) as resp:
        assert resp.status == 200, await resp.text()
    async with http.get(ready.api + "/bangumi/get/all") as resp:
        [rule] = await resp.json()
    assert {k: rule[k] for k in extra} == extra
