"""SSRF: every spelling of an internal address is refused, at connect time, for the wizard's feed
test and for an authenticated user's feeds; a LAN source is reachable only when opted in."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult

from autobangumi_app.server import start_serve
from autobangumi_daemon.adapters.http import FetchError, HttpClient
from autobangumi_daemon.netguard import GuardedConnector
from autobangumi_daemon.paths import AppPaths
from tests.helpers import TEST_POLICY, Server, complete_setup, login, new_session

SECRET_TITLE = "Internal only: the admin feed"
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>' + SECRET_TITLE + "</title>"
    "<item><title>[Group] Secret - 01 [1080p]</title>"
    '<enclosure type="application/x-bittorrent" url="magnet:?xt=urn:btih:' + "ab" * 20 + '"/></item>'
    "</channel></rss>"
)


@dataclass
class Internal:
    """A service only reachable from the machine itself (127.0.0.1), and a public-looking host
    (127.0.0.2 is public under the test policy) that redirects to it."""

    port: int = 0
    public: str = ""
    hits: list[str] = field(default_factory=list)


@pytest.fixture
async def internal() -> AsyncIterator[Internal]:
    state = Internal()

    async def feed(request: web.Request) -> web.Response:
        state.hits.append(request.path)
        return web.Response(body=FEED.encode(), content_type="application/rss+xml")

    async def redirect(request: web.Request) -> web.Response:
        raise web.HTTPFound(request.query["to"])

    inner = web.Application()
    inner.router.add_get("/{tail:.*}", feed)
    outer = web.Application()
    outer.router.add_get("/go", redirect)
    runners = [web.AppRunner(inner), web.AppRunner(outer)]
    for r in runners:
        await r.setup()
    a = web.TCPSite(runners[0], "127.0.0.1", 0)
    b = web.TCPSite(runners[1], "127.0.0.2", 0)
    await a.start()
    await b.start()
    state.port = runners[0].addresses[0][1]
    state.public = f"http://127.0.0.2:{runners[1].addresses[0][1]}"
    yield state
    for r in runners:
        await r.cleanup()


def _spellings(port: int) -> list[str]:
    p = port
    return [
        f"http://127.0.0.1:{p}/feed",
        f"http://127。0。0。1:{p}/feed",  # ideographic full stops
        f"http://127．0．0．1:{p}/feed",  # full-width full stops
        f"http://１２７.０.０.１:{p}/feed",  # full-width digits
        f"http://①②⑦.⓪.⓪.①:{p}/feed",  # circled digits
        f"http://2130706433:{p}/feed",  # decimal
        f"http://0x7f000001:{p}/feed",  # hex
        f"http://0x7f.1:{p}/feed",
        f"http://0177.0.0.1:{p}/feed",  # octal
        f"http://127.1:{p}/feed",
        f"http://[::ffff:127.0.0.1]:{p}/feed",  # IPv4-mapped
        f"http://[::ffff:7f00:1]:{p}/feed",
        f"http://[::127.0.0.1]:{p}/feed",  # IPv4-compatible
        f"http://[::1]:{p}/feed",
        f"http://localhost:{p}/feed",
        f"http://LOCALHOST.:{p}/feed",
        f"http://vm:{p}/feed",  # a name that resolves to loopback (/etc/hosts)
        f"http://user@127.0.0.1:{p}/feed",
        "http://10.0.0.1/feed",
        "http://192.168.1.1/feed",
        "http://172.16.0.1/feed",
        "http://169.254.169.254/latest/meta-data/",  # link-local (cloud metadata)
        "http://[fe80::1]/feed",
        "http://[fc00::1]/feed",
        "http://0.0.0.0/feed",
        "http://100.64.0.1/feed",  # carrier-grade NAT
    ]


def _resolves(name: str) -> bool:
    try:
        socket.getaddrinfo(name, 80)
    except OSError:
        return False
    return True


async def test_the_wizard_refuses_every_spelling_and_redirect(
    server: Server, http: aiohttp.ClientSession, internal: Internal
) -> None:
    urls = _spellings(internal.port)
    urls = [u for u in urls if "//vm:" not in u or _resolves("vm")]
    urls += [f"{internal.public}/go?to={u}" for u in urls[:18]]
    urls += ["file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://127.0.0.1/", "dict://127.0.0.1:11211/"]
    for url in urls:
        async with http.post(server.api + "/setup/test-rss", json={"url": url}) as resp:
            text = await resp.text()
            assert SECRET_TITLE not in text, url
            body = await resp.json()
            assert resp.status == 422 or body.get("success") is False, (url, resp.status, body)
            if resp.status == 422:
                assert body["msg_en"] and body["msg_zh"] != body["msg_en"]
    assert internal.hits == []
    # The same check lets a public feed through, also via a redirect.
    async with http.post(
        server.api + "/setup/test-rss", json={"url": f"{internal.public}/go?to={internal.public}/nothing"}
    ) as resp:
        assert resp.status in (200, 422)


async def test_an_authenticated_feed_cannot_reach_the_lan(
    ready: Server, http: aiohttp.ClientSession, internal: Internal
) -> None:
    urls = [u for u in _spellings(internal.port)[:18] if "//vm:" not in u or _resolves("vm")]
    redirected = [f"{internal.public}/go?to={u}" for u in urls[:6]]
    for url in urls + redirected:
        # Without a name the title is fetched at once: refused, with the reason and the opt-in.
        async with http.post(ready.api + "/rss/add", json={"url": url}) as resp:
            body = await resp.json()
            assert resp.status in (406, 422), (url, resp.status, body)
            assert SECRET_TITLE not in str(body)
    # With a name the feed is stored; its refresh is refused and says why.
    for i, url in enumerate(urls[:4] + redirected[:2]):
        async with http.post(ready.api + "/rss/add", json={"url": url, "name": f"f{i}"}) as resp:
            assert resp.status == 200, await resp.text()
    async with http.get(ready.api + "/rss/refresh/all") as resp:
        assert resp.status == 200
    async with http.get(ready.api + "/rss") as resp:
        feeds = await resp.json()
    assert len(feeds) == 6
    for f in feeds:
        assert f["connection_status"] == "error", f
        assert "AB_FETCH_ALLOW_NETWORKS" in f["last_error"] and "内网" in f["last_error"], f
    async with http.get(ready.api + "/bangumi/get/all") as resp:
        assert await resp.json() == []
    assert internal.hits == []


async def test_a_lan_source_is_reachable_when_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, internal: Internal
) -> None:
    monkeypatch.setenv("AB_FETCH_ALLOW_NETWORKS", "127.0.0.1/32, 10.0.0.0/8")
    paths = AppPaths(tmp_path / "config", tmp_path / "data")
    running = await start_serve(paths, "127.0.0.1", 0, "127.0.0.1:0", TEST_POLICY)
    server = Server(running, paths)
    try:
        async with new_session() as http:
            # The wizard is open to anyone: the opt-in never applies to it.
            url = f"http://127.0.0.1:{internal.port}/feed"
            async with http.post(server.api + "/setup/test-rss", json={"url": url}) as resp:
                assert SECRET_TITLE not in await resp.text()
            assert internal.hits == []
            await complete_setup(server, http)
            await login(server, http)
            async with http.post(server.api + "/rss/add", json={"url": url}) as resp:
                assert resp.status == 200, await resp.text()
            async with http.get(server.api + "/rss") as resp:
                feeds = await resp.json()
            assert [f["name"] for f in feeds] == [SECRET_TITLE]
            assert internal.hits == ["/feed"]
            # Only what is listed: another loopback address stays refused.
            async with http.post(server.api + "/rss/add", json={"url": "http://127.0.0.3/feed"}) as resp:
                assert resp.status == 422
    finally:
        await running.stop()


class _RebindingResolver(AbstractResolver):
    """A DNS server that answers a public-looking name with loopback (a rebinding attack)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.asked: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.asked.append(host)
        return [
            {
                "hostname": host,
                "host": "127.0.0.1",
                "port": port,
                "family": socket.AF_INET,
                "proto": 0,
                "flags": 0,
            }
        ]

    async def close(self) -> None:
        pass


async def test_the_connector_checks_the_address_it_connects_to(internal: Internal) -> None:
    resolver = _RebindingResolver(internal.port)
    connector = GuardedConnector(TEST_POLICY, resolver=resolver)
    async with aiohttp.ClientSession(connector=connector) as session:
        with pytest.raises(Exception) as exc:
            async with session.get(f"http://feeds.example.org:{internal.port}/feed"):
                pass
        assert type(exc.value).__name__ == "BlockedAddress"
    assert resolver.asked == ["feeds.example.org"] and internal.hits == []

    # The shared client turns it into a refusal that names the host and the opt-in.
    client = HttpClient(user_agent="t", retries=0, policy=TEST_POLICY)
    async with client.open() as f:
        f.session.connector._resolver = resolver  # type: ignore[union-attr]
        with pytest.raises(FetchError) as err:
            await f.get(f"http://feeds.example.org:{internal.port}/feed")
    assert err.value.blocked and not err.value.transient
    assert "feeds.example.org" in err.value.msg_en and "AB_FETCH_ALLOW_NETWORKS" in err.value.msg_zh
    assert internal.hits == []
