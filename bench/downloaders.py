"""Benchmark the downloader adapters against real daemons on loopback.

For each client: time to add 100 torrents one by one through the adapter, then 100 more in one
`add_many` (ten to each of ten rules, as a refresh sends them), then (after topping
the client up to 1,000 of our torrents) time to list all 1,000. Torrents point at data that does
not exist and are added paused, so the clients stay idle. Run:

    .venv/bin/python bench/downloaders.py [--clients qbittorrent,transmission,aria2]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "daemon"), str(ROOT / "tests")]

from downloaders.conftest import Daemon, make_aria2, make_qbittorrent, make_transmission  # noqa: E402
from downloaders.torrentmaker import make_virtual_torrent  # noqa: E402

from autobangumi_daemon.adapters.downloaders import Downloader, make_downloader  # noqa: E402
from autobangumi_daemon.adapters.downloaders.base import AddRequest  # noqa: E402

MAKERS = {"qbittorrent": make_qbittorrent, "transmission": make_transmission, "aria2": make_aria2}
ADD_N = 100
LIST_N = 1000


async def _add(dl: Downloader, d: Daemon, torrent: bytes, i: int) -> None:
    await dl.add(
        torrent,
        save_path=str(d.save_dir / "bench"),
        category="Bangumi",
        tags=[f"ab:{i % 50 + 1}"],
        paused=True,
    )


async def bench_one(kind: str, root: Path) -> dict[str, float]:
    d = MAKERS[kind](root / kind)
    t0 = time.perf_counter()
    d.start()
    started = time.perf_counter() - t0
    dl = make_downloader(
        {"type": kind, "host": d.host, "username": d.username, "password": d.password}, timeout=30
    )
    try:
        await dl.check()
        torrents = [make_virtual_torrent(f"bench-{kind}-{i:04d}.mkv")[0] for i in range(LIST_N)]
        t0 = time.perf_counter()
        for i in range(ADD_N):
            await _add(dl, d, torrents[i], i)
        add_s = time.perf_counter() - t0
        # The next 100 in one add_many, ten episodes to each rule as a refresh sends them.
        batch = [
            AddRequest(torrents[i], save_path=str(d.save_dir / "bench"), tags=(f"ab:{i // 10}",), paused=True)
            for i in range(ADD_N, 2 * ADD_N)
        ]
        t0 = time.perf_counter()
        results = await dl.add_many(batch)
        many_s = time.perf_counter() - t0
        assert all(r.ok for r in results), [r.error for r in results if not r.ok][:3]
        # Top up to 1,000 with some concurrency (not measured).
        t0 = time.perf_counter()
        sem = asyncio.Semaphore(8)

        async def one(i: int) -> None:
            async with sem:
                await _add(dl, d, torrents[i], i)

        await asyncio.gather(*(one(i) for i in range(2 * ADD_N, LIST_N)))
        fill_s = time.perf_counter() - t0
        # Wait until the client reports all of them (adds can be asynchronous).
        for _ in range(120):
            if len(await dl.list_torrents()) >= LIST_N:
                break
            await asyncio.sleep(0.5)  # polling a remote daemon: there is no local event to wait on
        runs = []
        count = 0
        for _ in range(5):
            t0 = time.perf_counter()
            count = len(await dl.list_torrents())
            runs.append(time.perf_counter() - t0)
        return {
            "start_s": started,
            "add100_s": add_s,
            "many100_s": many_s,
            "fill900_s": fill_s,
            "listed": float(count),
            "list_median_s": statistics.median(runs),
            "list_max_s": max(runs),
        }
    finally:
        await dl.close()
        d.stop()


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="qbittorrent,transmission,aria2")
    args = parser.parse_args()
    kinds = [k.strip() for k in args.clients.split(",") if k.strip()]
    root = Path(tempfile.mkdtemp(prefix="ab-bench-"))
    failed = False
    try:
        print(f"{'client':<13} {'start':>7} {'add 100':>9} {'per add':>8} {'add_many 100':>13} "
              f"{'add 800 (x8)':>13} {'listed':>7} {'list med':>9} {'list max':>9}")  # fmt: skip
        for kind in kinds:
            r = await bench_one(kind, root)
            per_add_ms = r["add100_s"] / ADD_N * 1000
            print(
                f"{kind:<13} {r['start_s']:>6.2f}s {r['add100_s']:>8.2f}s {per_add_ms:>6.1f}ms "
                f"{r['many100_s']:>12.2f}s "
                f"{r['fill900_s']:>12.2f}s {int(r['listed']):>7} "
                f"{r['list_median_s']:>8.3f}s {r['list_max_s']:>8.3f}s"
            )
            if kind == "qbittorrent" and r["list_median_s"] >= 1.0:
                print("  !! listing 1,000 torrents through qBittorrent took 1 s or more", file=sys.stderr)
                failed = True
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
