#!/usr/bin/env python3
"""Feed pipeline benchmark: one refresh of a big feed, with the downloader and upstreams local.

A daemon is started in-process on a fresh folder (no API, no scheduler) with N rules in the
database; a local HTTP server serves one feed holding 4 new episodes for each rule:

  (a) magnet enclosures;
  (b) `.torrent` enclosures, which the pipeline downloads from the local server (bounded
      concurrency per host) before handing the bytes to the downloader.

The downloader is an in-memory stand-in (as AutoBangumi's `mock` downloader), so the figures
are the pipeline's own cost: fetch, parse, store, match, choose, add. Then a second refresh with
nothing new, both with the server's ETag (a 304) and without one (the whole feed parsed again).
Sizes 500/125, 2000/500 and 4000/1000 (items/rules) show how the cost grows.

Prints figures; it asserts nothing. Usage: .venv/bin/python bench/pipeline.py [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import orjson
from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "daemon"), str(ROOT / "src")]

from autobangumi_daemon.adapters.downloaders.base import (  # noqa: E402
    AddRequest,
    AddResult,
    Capabilities,
    TorrentInfo,
    add_each,
)
from autobangumi_daemon.app import Daemon  # noqa: E402
from autobangumi_daemon.db.models import Bangumi, RssItem  # noqa: E402
from autobangumi_daemon.paths import AppPaths  # noqa: E402


def _show(r: int) -> str:
    # Letters, not digits: a number like 0720 would be caught by the default `720` filter.
    letters = "".join("abcdefghijklmnopqrstuvwxyz"[(r // 26**i) % 26] for i in range(3))
    return f"Bench Show {letters}"


def _bencode(v: object) -> bytes:
    if isinstance(v, int):
        return b"i%de" % v
    if isinstance(v, str):
        v = v.encode()
    if isinstance(v, bytes):
        return b"%d:%s" % (len(v), v)
    if isinstance(v, dict):
        return b"d" + b"".join(_bencode(k) + _bencode(v[k]) for k in sorted(v)) + b"e"
    raise TypeError(type(v))


def _torrent(name: str, salt: str = "") -> tuple[bytes, str]:
    info = {
        "length": 16384,
        "name": name,
        "piece length": 16384,
        "pieces": hashlib.sha1((salt + name).encode()).digest(),
    }
    return _bencode({"info": info}), hashlib.sha1(_bencode(info)).hexdigest()


class MemoryDownloader:
    """Counts adds; answers like a client that accepts everything at once."""

    kind = "memory"
    capabilities = Capabilities.ADD_FILE | Capabilities.ADD_MAGNET | Capabilities.NO_SUBFOLDER

    def __init__(self) -> None:
        self.added = 0

    async def check(self) -> str:
        return "1"

    async def add(
        self,
        source: bytes | str,
        *,
        save_path: str,
        category: str = "Bangumi",
        tags: Sequence[str] = (),
        paused: bool = False,
        no_subfolder: bool = False,
    ) -> str | None:
        self.added += 1
        return None

    async def add_many(self, requests: Sequence[AddRequest]) -> list[AddResult]:
        return await add_each(self, requests)  # type: ignore[arg-type]

    async def list_torrents(self, **kw: object) -> list[TorrentInfo]:
        return []

    async def close(self) -> None:
        return None


class FeedServer:
    def __init__(self, rules: int, per_rule: int, kind: str, salt: str = "") -> None:
        self.rules, self.per_rule, self.kind = rules, per_rule, kind
        self.salt = salt  # different salts, different info-hashes (runs into one client)
        self.torrents: dict[str, bytes] = {}
        self.body = b""
        self.etag = True
        self.torrent_hits = 0
        self.port = 0

    def build(self) -> None:
        items = []
        base = f"http://127.0.0.1:{self.port}"
        for r in range(self.rules):
            for ep in range(1, self.per_rule + 1):
                title = f"[BenchSub] {_show(r)} - {ep:02d} [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]"
                data, h = _torrent(title, self.salt)
                if self.kind == "magnet":
                    url = f"magnet:?xt=urn:btih:{h}&amp;dn=bench"
                else:
                    url = f"{base}/Download/20250101/{h}.torrent"
                    self.torrents[h] = data
                items.append(
                    f'<item><guid isPermaLink="false">{title}</guid><link>{base}/Home/Episode/{h}</link>'
                    f"<title>{title}</title><description>{title}[100 MB]</description>"
                    f'<enclosure type="application/x-bittorrent" length="1" url="{url}" /></item>'
                )
        self.body = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title>'
            + "".join(items)
            + "</channel></rss>"
        ).encode()

    async def feed(self, request: web.Request) -> web.Response:
        tag = '"' + hashlib.sha1(self.body).hexdigest()[:12] + '"'
        if self.etag and request.headers.get("If-None-Match") == tag:
            return web.Response(status=304)
        return web.Response(
            body=self.body, content_type="application/xml", headers={"ETag": tag} if self.etag else {}
        )

    async def torrent(self, request: web.Request) -> web.Response:
        self.torrent_hits += 1
        h = request.match_info["file"].removesuffix(".torrent")
        return web.Response(body=self.torrents[h], content_type="application/x-bittorrent")

    async def start(self) -> web.AppRunner:
        app = web.Application()
        app.router.add_get("/RSS/bench", self.feed)
        app.router.add_get("/Download/{date}/{file}", self.torrent)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(runner.addresses[0][1])
        self.build()
        return runner


async def one_case(rules: int, kind: str) -> dict[str, float]:
    per_rule = 4
    with tempfile.TemporaryDirectory() as tmp:
        paths = AppPaths(Path(tmp) / "config", Path(tmp) / "data")
        paths.config_dir.mkdir(parents=True)
        # A loopback downloader host: nothing may ever be contacted off this machine.
        cfg = {"downloader": {"host": "127.0.0.1:9", "path": "/downloads/Bangumi"}}
        paths.config_file.write_bytes(orjson.dumps(cfg))
        daemon = Daemon(paths, grpc_addresses=[])
        ctx = await daemon.start()
        logging.getLogger().setLevel(logging.WARNING)
        server = FeedServer(rules, per_rule, kind)
        runner = await server.start()
        try:
            async with ctx.db.begin() as s:
                for r in range(rules):
                    s.add(
                        Bangumi(
                            official_title=_show(r),
                            title_raw=_show(r),
                            group_name="BenchSub",
                            season=1,
                            filter="720,\\d+-\\d+",
                            rss_link="",
                            title_aliases=None,
                        )
                    )
                s.add(RssItem(url=f"http://127.0.0.1:{server.port}/RSS/bench", name="bench", enabled=True))
            pipeline = ctx.pipeline
            fake = MemoryDownloader()
            pipeline.downloader_override = fake  # type: ignore[assignment]
            t0 = time.perf_counter()
            report = await pipeline.refresh()
            first = time.perf_counter() - t0
            t0 = time.perf_counter()
            await pipeline.refresh()
            second_304 = time.perf_counter() - t0
            server.etag = False
            t0 = time.perf_counter()
            await pipeline.refresh()
            second_full = time.perf_counter() - t0
            items = rules * per_rule
            assert report.downloaded == items == fake.added, (report, fake.added)
            return {
                "items": items,
                "rules": rules,
                "first": first,
                "per_item_ms": first / items * 1000,
                "second_304": second_304,
                "second_full": second_full,
                "torrent_fetches": server.torrent_hits,
            }
        finally:
            await runner.cleanup()
            await daemon.stop()


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="only the 2,000-item case")
    args = ap.parse_args()
    os.environ.setdefault("AB_LOG_STDERR", "0")
    sizes = [500] if args.quick else [125, 500, 1000]
    header = ("case", "items", "rules", "refresh s", "ms/item", "2nd (304) s", "2nd (full) s")
    print("{:<10} {:>6} {:>6} {:>10} {:>8} {:>12} {:>13}".format(*header))
    for kind in ("magnet", "torrent"):
        for rules in sizes:
            r = await one_case(rules, kind)
            print(
                f"{kind:<10} {r['items']:>6.0f} {r['rules']:>6.0f} {r['first']:>10.3f} "
                f"{r['per_item_ms']:>8.3f} {r['second_304']:>12.4f} {r['second_full']:>13.4f}"
            )


if __name__ == "__main__":
    asyncio.run(main())
