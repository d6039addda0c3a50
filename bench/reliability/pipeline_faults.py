#!/usr/bin/env python3
"""Faults in the feed pipeline, with a real qBittorrent and a fake feed site on loopback:

- kill -9 of the serving process in the middle of a refresh of a 500-item feed (125 rules × 4
  episodes, `.torrent` enclosures), then restart and refresh again: every item in qBittorrent
  (0 lost), each sent once (one `downloaded` row per item, no torrent fetched for a third time),
  PRAGMA integrity_check ok;
- qBittorrent down during a refresh, then back: every new item sent once it is back;
- an upstream answering 429, then 503, then too slowly, next to a healthy feed: the healthy
  feed's items all sent in the same refresh, the bad one asked a bounded number of times.

Usage: .venv/bin/python bench/reliability/pipeline_faults.py
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

from aiohttp import web

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.reliability.report import machine, table, write_section  # noqa: E402
from tests.downloaders.conftest import make_qbittorrent  # noqa: E402
from tests.feeds.fakes import virtual_torrent  # noqa: E402
from tests.reliability.proc import FAST_FETCHES, ServeProc  # noqa: E402
from tests.reliability.seed import seed_rules  # noqa: E402

HOST = "127.0.0.2"  # public under the launcher's policy


def _show(r: int) -> str:
    # Letters only: digits like 720 would meet the default filter.
    return "Fault Show " + "".join("abcdefghijklmnopqrstuvwxyz"[(r // 26**i) % 26] for i in range(3))


class FeedSite:
    """Feeds by name; `.torrent` files counted per info-hash; misbehaviour per feed."""

    def __init__(self) -> None:
        self.feeds: dict[str, bytes] = {}
        self.torrents: dict[str, bytes] = {}
        self.fetches: Counter[str] = Counter()
        self.hits: Counter[str] = Counter()
        self.bad_script: list[str] = []  # what /bad answers, one entry per request
        self.port = 0
        self.loop = asyncio.new_event_loop()

    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def add_feed(self, name: str, items: list[tuple[str, str]]) -> None:
        body = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{name}</title>']
        for title, h in items:
            url = f"{self.base()}/t/{h}.torrent"
            body.append(
                f'<item><guid isPermaLink="false">{title}</guid><title>{title}</title>'
                f'<enclosure type="application/x-bittorrent" length="1" url="{url}"/></item>'
            )
        self.feeds[name] = ("".join(body) + "</channel></rss>").encode()

    def episodes(self, rules: range, eps: range, tag: str) -> list[tuple[str, str]]:
        out = []
        for r in rules:
            for ep in eps:
                title = f"[FaultSub] {_show(r)} - {ep:02d} [WebRip 1080p][简繁内封字幕]"
                data, h = virtual_torrent(title + ".mkv", f"{tag}-{r}-{ep}")
                self.torrents[h] = data
                out.append((title, h))
        return out

    async def _feed(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        self.hits[name] += 1
        if name == "bad":
            action = self.bad_script.pop(0) if self.bad_script else "slow"
            if action == "slow":
                await asyncio.sleep(30)
            return web.Response(status=int(action) if action.isdigit() else 500, headers={"Retry-After": "1"})
        return web.Response(body=self.feeds[name], content_type="application/rss+xml")

    async def _torrent(self, request: web.Request) -> web.Response:
        h = request.match_info["hash"]
        self.fetches[h] += 1
        return web.Response(body=self.torrents[h], content_type="application/x-bittorrent")

    def start(self) -> None:
        ready = threading.Event()

        async def serve() -> None:
            app = web.Application()
            app.router.add_get("/feed/{name}", self._feed)
            app.router.add_get("/t/{hash}.torrent", self._torrent)
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, HOST, 0)
            await site.start()
            self.port = int(runner.addresses[0][1])
            ready.set()

        threading.Thread(
            target=lambda: (self.loop.run_until_complete(serve()), self.loop.run_forever()), daemon=True
        ).start()
        ready.wait(10)


def _call(srv: ServeProc, token: str, method: str, path: str, body: Any = None, timeout: float = 300) -> Any:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        srv.api + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read())


def _qb_hashes(qbt: Any) -> list[str]:
    import qbittorrentapi

    client = qbittorrentapi.Client(host=qbt.host, username=qbt.username, password=qbt.password)
    return [t.hash for t in client.torrents_info()]


def _db(srv: ServeProc, sql: str) -> list[Any]:
    con = sqlite3.connect(srv.data_dir / "data.db", timeout=30)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="ab-pipefault-"))
    qbt = make_qbittorrent(tmp / "qbt")
    qbt.start()
    site = FeedSite()
    site.start()
    launcher = str(Path(__file__).with_name("serve_fakes.py"))
    srv = ServeProc(tmp / "ab", launcher=launcher, extra_env=dict(FAST_FETCHES))
    rows: list[tuple[str, str, str]] = []
    try:
        srv.start()
        srv.stop()
        seed_rules(srv.data_dir / "data.db", 150, title="{i}")
        con = sqlite3.connect(srv.data_dir / "data.db")
        for i in range(150):
            con.execute(
                "UPDATE bangumi SET title_raw = ?, official_title = ? WHERE title_raw = ?",
                (_show(i), _show(i), str(i)),
            )
        con.commit()
        con.close()
        srv.start()
        token = srv.login()
        _call(
            srv,
            token,
            "PATCH",
            "/config/update",
            {
                "downloader": {
                    "type": "qbittorrent",
                    "host": qbt.host,
                    "username": qbt.username,
                    "password": qbt.password,
                    "path": str(qbt.save_dir / "ab"),
                    "ssl": False,
                },
                "program": {"rss_time": 86400},
            },
        )

        # 1. kill -9 in the middle of a 500-item refresh.
        big = site.episodes(range(125), range(1, 5), "big")
        site.add_feed("big", big)
        _call(srv, token, "POST", "/rss/add", {"url": site.base() + "/feed/big", "name": "big"})
        refresh = threading.Thread(target=lambda: _try(lambda: _call(srv, token, "GET", "/rss/refresh/all")))
        refresh.start()
        t0 = time.monotonic()
        while len(site.fetches) < 100 and time.monotonic() - t0 < 120:
            time.sleep(0.01)
        fetched_at_kill = len(site.fetches)
        in_qb_at_kill = len(_qb_hashes(qbt))
        srv.kill9()
        refresh.join(30)
        integrity_after_kill = _db(srv, "PRAGMA integrity_check")[0][0]
        srv.start()
        token = srv.login()
        for _ in range(3):
            _call(srv, token, "GET", "/rss/refresh/all")
            if {h for _, h in big} <= set(_qb_hashes(qbt)):
                break
        in_qb = set(_qb_hashes(qbt))
        lost = len({h for _, h in big} - in_qb)
        per_url = _db(
            srv,
            "SELECT url, COUNT(*) FROM torrent WHERE status = 'downloaded' GROUP BY url HAVING COUNT(*) > 1",
        )
        twice = len(per_url) + sum(1 for h, n in site.fetches.items() if n > 2)
        integrity = _db(srv, "PRAGMA integrity_check")[0][0]
        ok = lost == 0 and twice == 0 and integrity == integrity_after_kill == "ok"
        rows.append(
            (
                "kill -9 mid-refresh of a 500-item feed, restart, refresh",
                f"killed after {fetched_at_kill} fetches ({in_qb_at_kill} in qBittorrent); after:"
                f" {500 - lost}/500 in qBittorrent, {lost} lost, {twice} sent twice;"
                f" integrity_check {integrity_after_kill} / {integrity}",
                "pass" if ok else "FAIL",
            )
        )

        # 2. qBittorrent down during a refresh, then back.
        more = site.episodes(range(125, 135), range(1, 3), "more")
        site.add_feed("big", big + more)
        qbt.stop()
        _try(lambda: _call(srv, token, "GET", "/rss/refresh/all"))
        qbt.start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            _try(lambda: _call(srv, token, "GET", "/rss/refresh/all"))
            if {h for _, h in more} <= set(_qb_hashes(qbt)):
                break
            time.sleep(1)
        missing = len({h for _, h in more} - set(_qb_hashes(qbt)))
        twice = len(
            _db(srv, "SELECT url FROM torrent WHERE status = 'downloaded' GROUP BY url HAVING COUNT(*) > 1")
        )
        rows.append(
            (
                "qBittorrent stopped during a refresh of 20 new items, then started",
                f"{20 - missing}/20 sent once it was back, {twice} sent twice",
                "pass" if missing == 0 and twice == 0 else "FAIL",
            )
        )

        # 3. upstream 429, 503, then too slow, beside a healthy feed.
        good = site.episodes(range(135, 150), range(1, 3), "good")
        site.add_feed("good", good)
        site.bad_script = ["429", "503", "slow", "slow", "slow", "slow"]
        _call(srv, token, "POST", "/rss/add", {"url": site.base() + "/feed/bad", "name": "bad"})
        _call(srv, token, "POST", "/rss/add", {"url": site.base() + "/feed/good", "name": "good"})
        site.hits.clear()
        t0 = time.monotonic()
        _try(lambda: _call(srv, token, "GET", "/rss/refresh/all"))
        took = time.monotonic() - t0
        missing = len({h for _, h in good} - set(_qb_hashes(qbt)))
        bad_hits = site.hits["bad"]
        rows.append(
            (
                "one feed answering 429, 503, then too slowly, beside a healthy one",
                f"healthy feed: {30 - missing}/30 sent in the same refresh ({took:.1f} s);"
                f" bad feed asked {bad_hits} times",
                "pass" if missing == 0 and bad_hits <= 5 else "FAIL",
            )
        )
    finally:
        srv.stop()
        qbt.stop()
    body = table(rows, ("fault", "outcome", "verdict"))
    body += f"\n\n`bench/reliability/pipeline_faults.py`, real qbittorrent-nox, on a {machine()}."
    write_section("pipeline-faults", "Faults in the feed pipeline (real qBittorrent)", body)
    return 0 if all(r[2] == "pass" for r in rows) else 1


def _try(fn: Any) -> Any:
    try:
        return fn()
    except (urllib.error.URLError, OSError):
        return None


if __name__ == "__main__":
    sys.exit(main())
