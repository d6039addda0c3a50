"""Hostile feeds, served from a fake public host: refused or bounded, nothing hangs, no file leaks.

Each feed goes through the two paths that fetch a user's feed: the analysis a user runs on a
URL (`rss/analysis`) and a subscribed feed's refresh (`rss/add`, then `rss/refresh/{id}`).
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from tests.helpers import FAKE_PUBLIC, Server
from tests.reliability.proc import FAST_FETCHES, rss_kb

ITEM = "<item><title>{title}</title><link>http://{host}/t/{n}.torrent</link>"
ITEM += '<enclosure url="http://{host}/t/{n}.torrent" type="application/x-bittorrent" length="1"/></item>'
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + ']><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>'
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title></item></channel></rss>'
)


def _feed(items: list[str]) -> bytes:
    body = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>hostile</title>'
    return (body + "".join(items) + "</channel></rss>").encode()


class Hostile:
    def __init__(self) -> None:
        self.runner: web.AppRunner | None = None
        self.port = 0

    @property
    def host(self) -> str:
        return f"{FAKE_PUBLIC}:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get(
            "/laughs", lambda r: web.Response(body=LAUGHS.encode(), content_type="application/xml")
        )
        app.router.add_get("/xxe", lambda r: web.Response(body=XXE.encode(), content_type="application/xml"))
        app.router.add_get("/huge", self.huge)
        app.router.add_get("/endless", self.endless)
        app.router.add_get("/long", self.long_titles)
        app.router.add_get("/control", self.control)
        app.router.add_get("/garbage-torrent", self.garbage_feed)
        app.router.add_get("/t/{n}.torrent", lambda r: web.Response(body=b"d8:announce\xff\xfe garbage"))
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, str(FAKE_PUBLIC), 0)
        await site.start()
        self.port = self.runner.addresses[0][1]

    async def huge(self, request: web.Request) -> web.StreamResponse:
        # 200 MB announced and sent: a client must stop reading long before the end.
        resp = web.StreamResponse(
            headers={"Content-Type": "application/rss+xml", "Content-Length": str(200 << 20)}
        )
        await resp.prepare(request)
        chunk = b"<!-- " + b"x" * (1 << 20) + b" -->"
        chunk = chunk[: 1 << 20]
        try:
            for _ in range(200):
                await resp.write(chunk)
        except (ConnectionResetError, aiohttp.ClientConnectionResetError):
            pass
        return resp

    async def endless(self, request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await resp.prepare(request)
        await resp.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>slow</title>')
        try:
            while True:  # a byte every 50 ms, for ever: only the client can end this
                await resp.write(b" ")
                await asyncio.sleep(0.05)
        except (ConnectionResetError, aiohttp.ClientConnectionResetError):
            pass
        return resp

    async def long_titles(self, request: web.Request) -> web.Response:
        title = "[LoliHouse] " + "長" * 100_000 + " - 01 [1080p].mkv"
        return web.Response(body=_feed([ITEM.format(title=title, host=self.host, n=n) for n in range(3)]))

    async def control(self, request: web.Request) -> web.Response:
        titles = ["[Grp] Show\x01\x02\x1b[31m - 01 [1080p]", "\u202e[Grp] Evil \u0000 - 02", "\x7f\x1f - 03"]
        # XML 1.0 forbids most control characters: send them as they are, as a broken site would.
        body = _feed([ITEM.format(title=t, host=self.host, n=n) for n, t in enumerate(titles)])
        return web.Response(body=body, content_type="application/rss+xml")

    async def garbage_feed(self, request: web.Request) -> web.Response:
        items = [
            ITEM.format(title=f"[Grp] Garbage Show - {n:02d} [1080p]", host=self.host, n=n) for n in range(3)
        ]
        return web.Response(body=_feed(items), content_type="application/rss+xml")

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()


@pytest.fixture(autouse=True)
def _fast_fetches(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in FAST_FETCHES.items():
        monkeypatch.setenv(key, value)


@pytest.fixture
async def hostile() -> AsyncIterator[Hostile]:
    site = Hostile()
    await site.start()
    yield site
    await site.stop()


CASES = ["laughs", "xxe", "huge", "endless", "long", "control", "garbage-torrent"]


@pytest.mark.timeout(300)
@pytest.mark.parametrize("case", CASES)
async def test_hostile_feed_is_refused_or_bounded(
    ready: Server, http: aiohttp.ClientSession, hostile: Hostile, case: str
) -> None:
    url = f"http://{hostile.host}/{case}"
    rss_before = rss_kb(os.getpid())
    answers = []
    t0 = time.monotonic()
    async with http.post(
        ready.api + "/rss/analysis", json={"url": url}, timeout=aiohttp.ClientTimeout(120)
    ) as resp:
        answers.append((resp.status, await resp.text()))
    async with http.post(ready.api + "/rss/add", json={"url": url, "name": case}) as resp:
        answers.append((resp.status, await resp.text()))
    async with http.get(ready.api + "/rss") as resp:
        feeds = await resp.json()
    for feed in feeds:
        async with http.get(
            ready.api + f"/rss/refresh/{feed['id']}", timeout=aiohttp.ClientTimeout(120)
        ) as resp:
            answers.append((resp.status, await resp.text()))
    elapsed = time.monotonic() - t0
    for status, text in answers:
        assert status < 500 or (status in (502, 503, 504) and '"msg_zh"' in text), (case, status, text[:300])
        assert "root:x:0:0" not in text, "a local file leaked into an answer"
        assert "lol" * 1000 not in text, "an entity expansion reached an answer"
    # Bounded: the fetch timeout, not the feed, decides how long this takes.
    assert elapsed < 60, (case, elapsed)
    # Memory: the 200 MB body (or the billion laughs) never sits in memory at once.
    assert rss_kb(os.getpid()) - rss_before < 150 * 1024, (case, rss_kb(os.getpid()) - rss_before)
    async with http.get(ready.api + "/bangumi/get/all") as resp:
        rules = await resp.json()
    for rule in rules:
        assert "root:x:0:0" not in str(rule)
        assert len(rule["official_title"]) <= 1000 and len(rule["title_raw"]) <= 1000, (
            "a 100 KB title was kept"
        )
    async with http.get(ready.api + "/status") as resp:
        assert resp.status == 200
