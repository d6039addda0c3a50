"""Local stand-ins for Mikan, TMDB, nyaa and dmhy, and an HTTP and a SOCKS5 proxy.

The sites serve the real captures in tests/fixtures/upstreams, with their absolute URLs pointed
at the fake's own base (what a mirror does), so nothing here ever names a real host that the
daemon could reach. Torrents are generated trackerless and kept per URL, so a fake serves the
same bytes (and info-hash) for the same URL all test long. dmhy's magnets lose their trackers.

Fakes listen on 127.0.0.2 (a "public" host for the SSRF policy in tests); proxies on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
import re
import struct
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from aiohttp import web

from tests.downloaders.torrentmaker import bencode

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "upstreams"
HOST = "127.0.0.2"


def poster_png(name: str) -> bytes:
    """A 2x3 PNG in two shades of one colour taken from the name: a real image, different for
    each show, so that screenshots of the poster grid show which card has which poster."""
    digest = hashlib.sha256(name.encode()).digest()
    top = bytes(64 + b // 2 for b in digest[:3])
    bottom = bytes(b // 3 for b in digest[:3])
    rows = b"".join(b"\x00" + px * 2 for px in (top, top, bottom))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 3, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def fixture(rel: str) -> bytes:
    return (FIXTURES / rel).read_bytes()


def virtual_torrent(name: str, seed: str) -> tuple[bytes, str]:
    """A trackerless single-file torrent whose pieces derive from `seed` (same seed, same hash)."""
    size = 16384
    pieces = hashlib.sha1(seed.encode()).digest()
    info = {"name": name, "piece length": 16384, "pieces": pieces, "length": size}
    return bencode({"info": info}), hashlib.sha1(bencode(info)).hexdigest()


def _charrefs(text: str) -> str:
    # Mikan's Razor encoder writes every non-ASCII character as a hex reference.
    return "".join(c if ord(c) < 128 else f"&#x{ord(c):X};" for c in text)


@dataclass
class Behaviour:
    """Programmable misbehaviour for one path: delay, garbage, 429 for the first N requests."""

    delay: float = 0.0
    garbage: bytes | None = None
    status: int | None = None
    times: int = 1_000_000  # how many requests misbehave
    retry_after: str | None = None


@dataclass
class FakeSite:
    name: str
    runner: web.AppRunner | None = None
    port: int = 0
    hits: Counter[str] = field(default_factory=Counter)
    behaviours: dict[str, Behaviour] = field(default_factory=dict)
    etags: bool = True

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def routes(self, app: web.Application) -> None:
        raise NotImplementedError

    async def start(self) -> None:
        app = web.Application(middlewares=[self._middleware])
        self.routes(app)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, HOST, 0)
        await site.start()
        self.port = int(self.runner.addresses[0][1])

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.hits[request.path] += 1
        b = self.behaviours.get(request.path)
        if b is not None and b.times > 0:
            b.times -= 1
            if b.delay:
                await asyncio.sleep(b.delay)
            if b.status is not None:
                headers = {"Retry-After": b.retry_after} if b.retry_after else {}
                return web.Response(status=b.status, text="slow down", headers=headers)
            if b.garbage is not None:
                return web.Response(body=b.garbage, content_type="text/html")
        response: web.StreamResponse = await handler(request)
        return response

    def feed_response(self, request: web.Request, body: bytes) -> web.Response:
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.etags and request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        headers = {"ETag": etag} if self.etags else {}
        return web.Response(body=body, content_type="application/xml", charset="utf-8", headers=headers)


class FakeMikan(FakeSite):
    """Mikan: MyBangumi, per-bangumi and search feeds, episode pages, posters and .torrent files."""

    # The show's name on its Mikan page, by the release's Chinese title (episode pages other
    # than the two captured ones are made from the captured page with these names).
    OFFICIAL: ClassVar[dict[str, tuple[str, str, str]]] = {
        "直至魔女消逝": ("直至魔女消逝", "3588", "202504/5a9a3c5e"),
        "测不准的阿波连同学": ("测不准的阿波连同学 第二季", "3600", "202504/1b2c3d4e"),
        "杂旅": ("杂旅", "3601", "202504/2b2c3d4e"),
        "时光流逝，饭菜依旧美味": ("时光流逝，饭菜依旧美味", "3602", "202504/3b2c3d4e"),
        "莉可丽丝：友谊是时间的窃贼": ("莉可丽丝：友谊是时间的窃贼", "3603", "202504/4b2c3d4e"),
        "机动战士高达 GQuuuuuuX": ("机动战士Gundam GQuuuuuuX", "3604", "202504/5b2c3d4e"),
        "紫云寺家的兄弟姊妹": ("紫云寺家的孩子们", "3605", "202504/6b2c3d4e"),
        "末日后酒店": ("末日后酒店", "3606", "202504/7b2c3d4e"),
        "快藏好！玛琪娜同学！！": ("快藏好！玛琪娜同学！！", "3607", "202504/8b2c3d4e"),
        "爱有点沉重的暗黑精灵从异世界紧追不放": (
            "爱有点沉重的暗黑精灵从异世界紧追不放",
            "3608",
            "202504/9b2c3d4e",
        ),
        "离开A级队伍的我，和从前的弟子往迷宫深处迈进": (
            "离开A级队伍的我，和从前的弟子往迷宫深处迈进",
            "3609",
            "202504/ab2c3d4e",
        ),
        "小市民系列": ("小市民系列 第二季", "3610", "202504/bb2c3d4e"),
        "圣女因太过完美一点也不讨人喜欢而被废除婚约卖到邻国": ("完美过头的圣女", "3611", "202504/cb2c3d4e"),
        "mono女孩": ("mono女孩", "3612", "202504/db2c3d4e"),
    }

    def __init__(self) -> None:
        super().__init__("mikan")
        self.torrents: dict[str, bytes] = {}
        self.extra_items: list[str] = []  # raw <item> XML appended to MyBangumi (v2 tests)
        self.titles: dict[str, str] = {}  # info-hash -> release title
        # False: feeds keep Mikan's own https://mikanani.me links, as a feed stored before a
        # mirror was set (or fetched through a mirror that does not rewrite them) has.
        self.own_urls = True

    def _rewrite(self, body: bytes) -> bytes:
        if not self.own_urls:
            return body
        base = self.base.encode()
        return body.replace(b"https://mikanani.me", base).replace(b"http://mikanani.me", base)

    def routes(self, app: web.Application) -> None:
        app.router.add_get("/RSS/MyBangumi", self.mybangumi)
        app.router.add_get("/RSS/Bangumi", self.bangumi_feed)
        app.router.add_get("/RSS/Search", self.search)
        app.router.add_get("/Home/Episode/{hash}", self.episode)
        app.router.add_get("/images/Bangumi/{month}/{file}", self.poster)
        app.router.add_get("/Download/{date}/{file}", self.torrent)

    def _index(self, body: bytes) -> None:
        for m in re.finditer(
            rb"<title>([^<]*)</title><description>[^<]*</description><torrent[^>]*><link>[^<]*/Home/Episode/([0-9a-f]{40})",
            body,
        ):
            self.titles[m.group(2).decode()] = html.unescape(m.group(1).decode())

    async def mybangumi(self, request: web.Request) -> web.Response:
        body = fixture("mikan/mybangumi.xml")
        if self.extra_items:
            body = body.replace(b"</channel>", "".join(self.extra_items).encode() + b"</channel>")
        body = self._rewrite(body)
        self._index(body)
        return self.feed_response(request, body)

    async def bangumi_feed(self, request: web.Request) -> web.Response:
        body = self._rewrite(fixture("mikan/bangumi_rss.xml"))
        self._index(body)
        return self.feed_response(request, body)

    async def search(self, request: web.Request) -> web.Response:
        body = self._rewrite(fixture("mikan/search.xml"))
        self._index(body)
        return self.feed_response(request, body)

    async def episode(self, request: web.Request) -> web.Response:
        h = request.match_info["hash"]
        if h == "f56e926c4d07f37d80a5206a1cea9b20344df513":
            page = fixture("mikan/episode_aggregate_item.html").decode()
        elif h in {
            "5de7bc7708eeea5f05f660a712e26dce4e13c3b2",
            "ebebb642afdbcc63209ddc017e141761858a8443",
        } or "夏日口袋" in self.titles.get(h, ""):
            page = fixture("mikan/episode.html").decode()
        else:
            title = self.titles.get(h, "")
            zh = next((k for k in self.OFFICIAL if k in title), None)
            if zh is None:
                raise web.HTTPNotFound()
            official, bangumi_id, poster = self.OFFICIAL[zh]
            page = fixture("mikan/episode_aggregate_item.html").decode()
            old_title = re.search(r'href="/Home/Bangumi/3593#370">([^<]*)</a>', page)
            assert old_title is not None
            page = page.replace(old_title.group(1), _charrefs(official))
            page = page.replace("/Home/Bangumi/3593", f"/Home/Bangumi/{bangumi_id}")
            page = page.replace("202504/44e224ed", poster)
        return web.Response(text=page, content_type="text/html")

    async def poster(self, request: web.Request) -> web.Response:
        return web.Response(body=poster_png(request.match_info["file"]), content_type="image/png")

    async def torrent(self, request: web.Request) -> web.Response:
        name = request.match_info["file"]
        if not name.endswith(".torrent"):
            raise web.HTTPNotFound()
        h = name[:-8]
        if h not in self.torrents:
            title = self.titles.get(h, h)
            self.torrents[h] = virtual_torrent(re.sub(r"[/\\]", " ", title) + ".mkv", f"{self.base}{h}")[0]
        return web.Response(body=self.torrents[h], content_type="application/x-bittorrent")

    def add_item(self, title: str, info_hash: str, date: str = "20250601") -> None:
        """Append an item (in Mikan's layout) to MyBangumi, e.g. a v2 of an episode."""
        t = html.escape(title, quote=False)
        self.extra_items.append(
            f'<item><guid isPermaLink="false">{t}</guid>'
            f"<link>https://mikanani.me/Home/Episode/{info_hash}</link><title>{t}</title>"
            f"<description>{t}[100 MB]</description>"
            f'<torrent xmlns="https://mikanani.me/0.1/"><link>https://mikanani.me/Home/Episode/{info_hash}'
            f"</link><contentLength>104857600</contentLength><pubDate>2025-06-01T10:00:00</pubDate>"
            f'</torrent><enclosure type="application/x-bittorrent" length="104857600" '
            f'url="https://mikanani.me/Download/{date}/{info_hash}.torrent" /></item>'
        )


class FakeTmdb(FakeSite):
    API_KEY = "test-tmdb-key"

    def __init__(self) -> None:
        super().__init__("tmdb")
        self.season_body: bytes | None = None  # a constructed season (e.g. with a mid-season break)

    def routes(self, app: web.Application) -> None:
        app.router.add_get("/3/search/tv", self.search)
        app.router.add_get("/3/tv/{id}", self.details)
        app.router.add_get("/3/tv/{id}/season/{n}", self.season)
        app.router.add_get("/t/p/w780/{file}", self.poster)

    def _auth(self, request: web.Request) -> None:
        if request.query.get("api_key") != self.API_KEY:
            raise web.HTTPUnauthorized(body=fixture("tmdb/error_401.json"), content_type="application/json")

    async def search(self, request: web.Request) -> web.Response:
        self._auth(request)
        q = request.query.get("query", "").lower()
        if "狼" in q or "spice and wolf" in q or "spiceandwolf" in q:
            body = fixture("tmdb/search_tv.json")
        elif "世界最強" in q or "世界最强" in q:
            body = fixture("tmdb/search_tv_unaired_zh-CN.json")
        else:
            body = b'{"page":1,"results":[],"total_pages":0,"total_results":0}'
        return web.Response(body=body, content_type="application/json")

    async def details(self, request: web.Request) -> web.Response:
        self._auth(request)
        tv, lang = request.match_info["id"], request.query.get("language", "")
        files = {
            ("229676", "zh-CN"): "tmdb/tv_details.json",
            ("229676", "en-US"): "tmdb/tv_details_en-US.json",
            ("321518", "zh-CN"): "tmdb/tv_details_unaired_zh-CN.json",
        }
        rel = files.get((tv, lang))
        if rel is None:
            return web.Response(
                status=404, body=fixture("tmdb/error_404.json"), content_type="application/json"
            )
        return web.Response(body=fixture(rel), content_type="application/json")

    async def season(self, request: web.Request) -> web.Response:
        self._auth(request)
        body = self.season_body or fixture("tmdb/tv_season.json")
        return web.Response(body=body, content_type="application/json")

    async def poster(self, request: web.Request) -> web.Response:
        return web.Response(body=poster_png(request.match_info["file"]), content_type="image/png")


class FakeNyaa(FakeSite):
    def __init__(self) -> None:
        super().__init__("nyaa")
        self.torrents: dict[str, bytes] = {}

    def routes(self, app: web.Application) -> None:
        app.router.add_get("/", self.rss)
        app.router.add_get("/download/{file}", self.torrent)

    async def rss(self, request: web.Request) -> web.Response:
        body = fixture("nyaa/search.xml").replace(b"https://nyaa.si", self.base.encode())
        return self.feed_response(request, body)

    async def torrent(self, request: web.Request) -> web.Response:
        file = request.match_info["file"]
        if file not in self.torrents:
            self.torrents[file] = virtual_torrent(f"nyaa-{file}.mkv", f"{self.base}/{file}")[0]
        return web.Response(body=self.torrents[file], content_type="application/x-bittorrent")


class FakeTelegram(FakeSite):
    """The Bot API's sendMessage with its real answers: the fixture's message for the one good
    token, its 401 body for any other. `sent` keeps what arrived."""

    TOKEN = "123:good"

    def __init__(self) -> None:
        super().__init__("telegram")
        self.sent: list[dict[str, Any]] = []

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/bot{token}/sendMessage", self.send_message)

    async def send_message(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.TOKEN:
            return web.Response(
                body=fixture("telegram/error_401.json"), status=401, content_type="application/json"
            )
        self.sent.append(await request.json())
        return web.Response(body=fixture("telegram/send_message.json"), content_type="application/json")


class FakeDmhy(FakeSite):
    def __init__(self) -> None:
        super().__init__("dmhy")

    def routes(self, app: web.Application) -> None:
        app.router.add_get("/topics/rss/rss.xml", self.rss)

    async def rss(self, request: web.Request) -> web.Response:
        body = fixture("dmhy/search.xml")
        # Trackerless magnets: a test must never make a BitTorrent client contact a tracker.
        body = re.sub(rb"&amp;tr=[^\"&]*", b"", body)
        body = body.replace(b"http://share.dmhy.org", self.base.encode())
        return self.feed_response(request, body)


# ------------------------------------------------------------------------------------------
# Proxies
# ------------------------------------------------------------------------------------------


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


@dataclass
class Proxy:
    username: str = ""
    password: str = ""
    server: asyncio.Server | None = None
    port: int = 0
    requests: int = 0
    refused: int = 0
    targets: list[str] = field(default_factory=list)

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.server.wait_closed(), 2)


class HttpProxy(Proxy):
    """A forward proxy for plain-http targets (absolute-URI requests), with optional basic auth."""

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = int(self.server.sockets[0].getsockname()[1])

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        lines = head.decode("latin-1").split("\r\n")
        method, target, version = lines[0].split(" ", 2)
        headers = [ln for ln in lines[1:] if ln]
        if self.username:
            import base64

            want = "Basic " + base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
            if not any(
                h.lower().startswith("proxy-authorization:") and h.split(":", 1)[1].strip() == want
                for h in headers
            ):
                self.refused += 1
                writer.write(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                    b"Content-Length: 0\r\nConnection: close\r\n\r\n"
                )
                await writer.drain()
                writer.close()
                return
        m = re.match(r"http://([^/:]+):(\d+)(/.*)?$", target)
        if m is None:
            writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            writer.close()
            return
        host, port, path = m.group(1), int(m.group(2)), m.group(3) or "/"
        if host not in ("127.0.0.1", "127.0.0.2"):
            # Loopback only: this proxy must never become a way out of the machine.
            writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            writer.close()
            return
        self.requests += 1
        self.targets.append(target)
        up_reader, up_writer = await asyncio.open_connection(host, port)
        kept = [h for h in headers if not h.lower().startswith(("proxy-", "connection:", "keep-alive:"))]
        up_writer.write(
            (
                f"{method} {path} {version}\r\n" + "\r\n".join([*kept, "Connection: close"]) + "\r\n\r\n"
            ).encode("latin-1")
        )
        await up_writer.drain()
        await asyncio.gather(_pipe(up_reader, writer), _pipe(reader, up_writer))


class Socks5Proxy(Proxy):
    """RFC 1928 CONNECT, with no authentication or RFC 1929 username/password."""

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = int(self.server.sockets[0].getsockname()[1])

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            ver, n = await reader.readexactly(2)
            methods = await reader.readexactly(n)
            want = 0x02 if self.username else 0x00
            if ver != 5 or want not in methods:
                self.refused += 1
                writer.write(b"\x05\xff")
                await writer.drain()
                writer.close()
                return
            writer.write(bytes([5, want]))
            await writer.drain()
            if want == 0x02:
                _, ulen = await reader.readexactly(2)
                user = (await reader.readexactly(ulen)).decode()
                (plen,) = await reader.readexactly(1)
                pw = (await reader.readexactly(plen)).decode()
                ok = user == self.username and pw == self.password
                writer.write(b"\x01\x00" if ok else b"\x01\x01")
                await writer.drain()
                if not ok:
                    self.refused += 1
                    writer.close()
                    return
            _, cmd, _, atyp = await reader.readexactly(4)
            if atyp == 1:
                host = ".".join(str(b) for b in await reader.readexactly(4))
            elif atyp == 3:
                (ln,) = await reader.readexactly(1)
                host = (await reader.readexactly(ln)).decode()
            else:
                writer.write(b"\x05\x08\x00\x01" + b"\x00" * 6)
                writer.close()
                return
            (port,) = struct.unpack("!H", await reader.readexactly(2))
            if cmd != 1 or host not in ("127.0.0.1", "127.0.0.2", "localhost"):
                # Loopback only: this proxy must never become a way out of the machine.
                writer.write(b"\x05\x02\x00\x01" + b"\x00" * 6)
                writer.close()
                return
            up_reader, up_writer = await asyncio.open_connection(host, port)
            self.requests += 1
            self.targets.append(f"{host}:{port}")
            writer.write(b"\x05\x00\x00\x01" + bytes([127, 0, 0, 1]) + struct.pack("!H", port))
            await writer.drain()
            await asyncio.gather(_pipe(up_reader, writer), _pipe(reader, up_writer))
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()
