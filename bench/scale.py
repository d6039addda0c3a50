#!/usr/bin/env python3
"""Scale run: 500, 2,000 and 10,000 rules with 200,000 torrent rows, and where the time goes.

Each size runs in its own process (so resident memory is that size's alone): `autobangumi
serve`'s daemon and bridge in process on loopback, the `mock` downloader (AutoBangumi's
in-process type, so no BitTorrent client's cost is counted), N rules and 200,000 torrent rows
in SQLite, and a local feed of 2,000 new magnet items (4 episodes of 500 of the rules).
Measured:

- `GET /api/v1/bangumi/get/all` through the bridge: the first call after start, then the mean
  of 20 more;
- one refresh of the 2,000-item feed (fetch, parse, match, choose, add to the mock, store),
  then a second refresh with nothing new (the feed parsed again: no ETag);
- resident memory after both.

The refresh runs under cProfile and the functions with the most own time are printed as the
hot spots. Prints tables; asserts nothing. Usage: .venv/bin/python bench/scale.py [--sizes 500,2000]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import logging
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
import orjson
from sqlalchemy import insert, update

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "daemon"), str(ROOT / "src"), str(ROOT / "rest_bridge")]

TORRENT_ROWS = 200_000
FEED_RULES = 500  # rules that get new episodes
PER_RULE = 4  # so the feed holds 2,000 items
PASSWORD = "bench-password-1"


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _hot_spots(prof: cProfile.Profile, n: int = 8) -> list[str]:
    stats = pstats.Stats(prof, stream=io.StringIO())
    rows = []
    for (path, line, func), (_cc, _nc, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((tottime, cumtime, f"{Path(path).name}:{line} {func}"))
    rows.sort(reverse=True)
    total = sum(r[0] for r in rows) or 1.0
    return [f"{own / total:>5.1%} own  {cum:>6.2f} s cum  {name}" for own, cum, name in rows[:n]]


async def one_size(rules: int, profile: bool = False) -> dict[str, Any]:
    from autobangumi_app.server import start_serve
    from autobangumi_daemon.db.models import Bangumi, RssItem, Torrent
    from autobangumi_daemon.paths import AppPaths
    from bench.pipeline import FeedServer, _show
    from tests.helpers import TEST_POLICY

    tmp = Path(tempfile.mkdtemp(prefix="ab-scale-"))
    paths = AppPaths(tmp / "config", tmp / "data")
    paths.config_dir.mkdir(parents=True)
    cfg = {"downloader": {"type": "mock", "host": "", "path": "/downloads/Bangumi"}}
    paths.config_file.write_bytes(orjson.dumps(cfg))
    os.environ.update(
        {
            "AB_USERNAME": "bench",
            "AB_PASSWORD": PASSWORD,
            "AB_ZEROCONF": "0",
            "AB_LOG_STDERR": "0",
            "AB_FETCH_ALLOW_NETWORKS": "127.0.0.1/32",  # the feed server is on loopback
        }
    )
    feed = FeedServer(FEED_RULES, PER_RULE, "magnet")
    feed.etag = False
    feed_runner = await feed.start()
    running = await start_serve(paths, "127.0.0.1", 0, "127.0.0.1:0", TEST_POLICY)
    logging.getLogger().setLevel(logging.WARNING)
    daemon = running.daemon
    assert daemon is not None
    ctx = daemon.ctx
    await ctx.program.stop()  # no scheduled job in the middle of the figures
    t0 = time.perf_counter()
    async with ctx.db.begin() as s:
        s.add_all(
            Bangumi(
                official_title=_show(r),
                title_raw=_show(r),
                group_name="BenchSub",
                season=1,
                filter="720,\\d+-\\d+",
                rss_link="",
                added=True,
            )
            for r in range(rules)
        )
        # Disabled until the figures start: the refresh a start runs must not take the items.
        s.add(RssItem(url=f"http://127.0.0.1:{feed.port}/RSS/bench", name="bench", enabled=False))
    async with ctx.db.begin() as s:
        for start in range(0, TORRENT_ROWS, 20_000):
            await s.execute(
                insert(Torrent),
                [
                    {
                        "bangumi_id": 1 + i % rules,
                        "name": f"[Old] {_show(i % rules)} - {i}",
                        "url": f"magnet:?xt=urn:btih:{i:040x}",
                        "downloaded": True,
                        "qb_hash": f"{i:040x}",
                        "status": "downloaded",
                    }
                    for i in range(start, min(TORRENT_ROWS, start + 20_000))
                ],
            )
    seeded = time.perf_counter() - t0
    # A restart, so every cache starts cold, as after an upgrade.
    await running.stop()
    running = await start_serve(paths, "127.0.0.1", 0, "127.0.0.1:0", TEST_POLICY)
    assert running.daemon is not None
    ctx = running.daemon.ctx
    await ctx.program.stop()
    async with ctx.db.begin() as s:
        await s.execute(update(RssItem).values(enabled=True))
    api = f"http://127.0.0.1:{running.http_port}/api/v1"
    out: dict[str, Any] = {"rules": rules, "torrent_rows": TORRENT_ROWS, "seed_s": seeded}
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.post(api + "/auth/login", data={"username": "bench", "password": PASSWORD}) as r:
                assert r.status == 200, await r.text()
            t0 = time.perf_counter()
            async with http.get(api + "/bangumi/get/all") as r:
                body = await r.read()
            out["get_all_first_ms"] = (time.perf_counter() - t0) * 1000
            out["get_all_bytes"] = len(body)
            t0 = time.perf_counter()
            for _ in range(20):
                async with http.get(api + "/bangumi/get/all") as r:
                    await r.read()
            out["get_all_warm_ms"] = (time.perf_counter() - t0) / 20 * 1000
        pipeline = ctx.pipeline
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        if profile:
            prof.enable()
        report = await pipeline.refresh()
        prof.disable()
        out["refresh_s"] = time.perf_counter() - t0
        out["downloaded"] = report.downloaded
        out["held_by_mock"] = len(await ctx.downloader.get().list_torrents())
        t0 = time.perf_counter()
        await pipeline.refresh()
        out["nothing_new_s"] = time.perf_counter() - t0
        out["rss_mb"] = _rss_mb()
        out["hot_spots"] = _hot_spots(prof) if profile else []
    finally:
        await running.stop()
        await feed_runner.cleanup()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="500,2000,10000", help="rule counts, comma-separated")
    ap.add_argument("--profile-size", type=int, default=2000, help="rules of the profiled run (0: none)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one size, in this process
    ap.add_argument("--profile", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(asyncio.run(one_size(args.one, args.profile))))
        return

    def child(n: int, *extra: str) -> dict[str, Any] | None:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(n), *extra], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            print(f"{n} rules: failed\n{proc.stderr[-2000:]}")
            return None
        result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        return result

    # Timed runs without the profiler (it slows Python code several times over), then one
    # profiled run for the hot spots.
    results = [r for n in (int(x) for x in args.sizes.split(",")) if (r := child(n)) is not None]
    profiled = child(args.profile_size, "--profile") if args.profile_size else None
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
        f"{TORRENT_ROWS:,} torrent rows, mock downloader"
    )
    head = ("rules", "get/all first", "get/all warm", "refresh 2,000", "sent", "nothing new", "memory")
    print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    for r in results:
        print(
            f"| {r['rules']:,} | {r['get_all_first_ms']:.0f} ms | {r['get_all_warm_ms']:.1f} ms "
            f"| {r['refresh_s']:.2f} s | {r['downloaded']} | {r['nothing_new_s']:.2f} s "
            f"| {r['rss_mb']:.0f} MB |"
        )
    if profiled is not None:
        print(f"\nhot spots of the 2,000-item refresh, {profiled['rules']:,} rules (share of own time):")
        for line in profiled["hot_spots"]:
            print("  " + line)


if __name__ == "__main__":
    main()
