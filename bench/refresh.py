#!/usr/bin/env python3
"""Refresh benchmark: one refresh of a 2,000-item feed into the `mock` downloader and into a
real qBittorrent, with magnet links and with .torrent links.

The figure AutoBangumi 3.2.8 gives on this kind of machine with qBittorrent (issue 18) is
7.1 s for magnets and 10.3 s for .torrent links; the target is a third of that. Each case runs
in a fresh daemon on a fresh folder (no API, no scheduler): 500 rules, a local feed server
holding 4 new episodes of each, the refresh timed end to end (fetch, parse, store, match,
choose, fetch the .torrent files, add, store the outcomes). qBittorrent is started from
`qbittorrent-nox` on loopback with a throw-away profile, as the tests do, and stopped by PID.

Then the qBittorrent cases run once more under cProfile and the functions with the most own
time are printed. Prints figures; asserts only that every item was added.
With --pools 4,8,16 it instead runs only the qBittorrent cases, once per client pool size in
turn (interleaved, --repeat rounds), so the sizes are compared in the same minutes of a shared
machine; the median of each and its ratio to the first size are printed.
With --against REV it compares the refresh of the code at git revision REV with the working
tree's (our own CPU with the mock downloader; --downloader qbittorrent for a real one): each
case runs in a fresh process of either tree in turn, --repeat rounds, and the medians and their
ratio are printed.
Usage: .venv/bin/python bench/refresh.py [--no-qbittorrent] [--no-profile] [--pools 4,8 --repeat 3]
       .venv/bin/python bench/refresh.py --against HEAD~1 --repeat 5 [--downloader qbittorrent]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

# AB_BENCH_ROOT: the tree whose code is measured (--against runs an exported revision's).
ROOT = Path(os.environ.get("AB_BENCH_ROOT") or Path(__file__).resolve().parents[1])
sys.path[:0] = [str(ROOT), str(ROOT / "daemon"), str(ROOT / "src")]

from autobangumi_daemon.app import Daemon  # noqa: E402
from autobangumi_daemon.db.models import Bangumi, RssItem  # noqa: E402
from autobangumi_daemon.paths import AppPaths  # noqa: E402
from bench.pipeline import FeedServer, _show  # noqa: E402
from bench.scale import _hot_spots  # noqa: E402

RULES = 500
PER_RULE = 4  # 2,000 items
AB_328 = {"magnet": 7.1, "torrent": 10.3}  # AutoBangumi 3.2.8 with qBittorrent, issue 18


async def one_case(kind: str, downloader: dict[str, Any], profile: bool, salt: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = AppPaths(Path(tmp) / "config", Path(tmp) / "data")
        paths.config_dir.mkdir(parents=True)
        paths.config_file.write_bytes(orjson.dumps({"downloader": downloader}))
        daemon = Daemon(paths, grpc_addresses=[])
        ctx = await daemon.start()
        logging.getLogger().setLevel(logging.WARNING)
        await ctx.program.stop()  # no scheduled refresh in the middle of the figure
        server = FeedServer(RULES, PER_RULE, kind, salt)
        runner = await server.start()
        try:
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
                    for r in range(RULES)
                )
                s.add(RssItem(url=f"http://127.0.0.1:{server.port}/RSS/bench", name="bench", enabled=True))
            prof = cProfile.Profile()
            t0 = time.perf_counter()
            if profile:
                prof.enable()
            report = await ctx.pipeline.refresh()
            prof.disable()
            took = time.perf_counter() - t0
            assert report.downloaded == RULES * PER_RULE, report
            return {"s": took, "added": report.downloaded, "hot": _hot_spots(prof, 12) if profile else []}
        finally:
            await runner.cleanup()
            await daemon.stop()


def _qbittorrent(root: Path) -> Any:
    from tests.downloaders.conftest import make_qbittorrent

    return make_qbittorrent(root)


def _qbt_conf(qbt: Any, folder: str) -> dict[str, Any]:
    return {
        "type": "qbittorrent",
        "host": qbt.host,
        "username": qbt.username,
        "password": qbt.password,
        "path": str(qbt.save_dir / folder),
        "ssl": False,
    }


async def compare_pools(qbt: Any, sizes: list[int], rounds: int) -> None:
    """The qBittorrent cases once per pool size per round, sizes interleaved."""
    from autobangumi_daemon.adapters.downloaders import qbittorrent as qbt_mod

    default = qbt_mod.POOL_SIZE
    times: dict[tuple[str, int], list[float]] = {}
    try:
        for rnd in range(rounds):
            for kind in ("magnet", "torrent"):
                for size in sizes:
                    qbt_mod.POOL_SIZE = size  # read when the adapter is built
                    tag = f"p{size}-{kind}-{rnd}"
                    r = await one_case(kind, _qbt_conf(qbt, tag), profile=False, salt=tag)
                    times.setdefault((kind, size), []).append(r["s"])
    finally:
        qbt_mod.POOL_SIZE = default
    print(f"| links | pool | median of {rounds} | ratio to pool {sizes[0]} |\n|---|---|---|---|")
    for kind in ("magnet", "torrent"):
        base = statistics.median(times[(kind, sizes[0])])
        for size in sizes:
            med = statistics.median(times[(kind, size)])
            print(f"| {kind} | {size} | {med:.2f} s | {med / base:.2f} |")


MOCK = {"type": "mock", "host": "", "path": "/downloads/Bangumi"}


def compare_revisions(rev: str, rounds: int, downloader: str) -> None:
    """The cases in a fresh process of the revision's tree and of ours, in turn (with
    qbittorrent each process starts a qBittorrent of its own, outside the timed refresh)."""
    here = Path(__file__).resolve()
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="ab-rev-") as old_tree:
        archive = subprocess.run(
            ["git", "-C", str(here.parents[1]), "archive", rev], check=True, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", old_tree], input=archive.stdout, check=True)
        trees = {rev: old_tree, "working tree": str(here.parents[1])}
        for _ in range(rounds):
            for kind in ("magnet", "torrent"):
                for name, tree in trees.items():
                    out = subprocess.run(
                        [sys.executable, str(here), "--one", kind, "--downloader", downloader],
                        env={**os.environ, "AB_BENCH_ROOT": tree},
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout
                    times.setdefault((kind, name), []).append(float(out.split()[-1]))
    print(f"| links | {rev} | working tree | ratio |  ({downloader}, median of {rounds})\n|---|---|---|---|")
    for kind in ("magnet", "torrent"):
        old = statistics.median(times[(kind, rev)])
        new = statistics.median(times[(kind, "working tree")])
        print(f"| {kind} | {old:.2f} s | {new:.2f} s | {new / old:.2f} |")


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-qbittorrent", action="store_true", help="only the mock downloader")
    ap.add_argument("--no-profile", action="store_true", help="no profiled runs")
    ap.add_argument("--pools", default="", help="compare qBittorrent client pool sizes, e.g. 4,8,16")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of --pools or --against")
    ap.add_argument("--against", default="", help="git revision to compare the mock cases with")
    ap.add_argument("--downloader", default="mock", choices=("mock", "qbittorrent"), help="for --against")
    ap.add_argument("--one", default="", help=argparse.SUPPRESS)  # one mock case; prints seconds
    args = ap.parse_args()
    os.environ.setdefault("AB_LOG_STDERR", "0")
    os.environ.setdefault("AB_FETCH_ALLOW_NETWORKS", "127.0.0.1/32")  # the feed server
    if args.against:
        compare_revisions(args.against, args.repeat, args.downloader)
        return
    if args.one:
        if args.downloader == "mock":
            r = await one_case(args.one, MOCK, profile=False, salt="one")
        else:
            with tempfile.TemporaryDirectory(prefix="ab-refresh-") as root:
                own = _qbittorrent(Path(root))
                own.start()
                try:
                    r = await one_case(args.one, _qbt_conf(own, "one"), profile=False, salt="one")
                finally:
                    own.stop()
        print(f"{r['s']:.4f}")
        return
    targets: list[tuple[str, dict[str, Any]]] = [("mock", MOCK)]
    qbt = None
    tmp = tempfile.TemporaryDirectory(prefix="ab-refresh-")
    if not args.no_qbittorrent:
        qbt = _qbittorrent(Path(tmp.name))
        qbt.start()
    try:
        if args.pools and qbt is not None:
            await compare_pools(qbt, [int(p) for p in args.pools.split(",")], args.repeat)
            return
        print(
            f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {RULES} rules, {RULES * PER_RULE} items"
        )
        print("| downloader | links | refresh | AutoBangumi 3.2.8 | target |\n|---|---|---|---|---|")
        for n, kind in enumerate(("magnet", "torrent")):
            rows = list(targets)
            if qbt is not None:
                conf = {
                    "type": "qbittorrent",
                    "host": qbt.host,
                    "username": qbt.username,
                    "password": qbt.password,
                    "path": str(qbt.save_dir / f"run{n}"),
                    "ssl": False,
                }
                rows.append(("qbittorrent", conf))
            for name, conf in rows:
                r = await one_case(kind, conf, profile=False, salt=f"{name}{n}")
                ref = f"{AB_328[kind]} s" if name == "qbittorrent" else ""
                goal = f"<= {AB_328[kind] / 3:.1f} s" if name == "qbittorrent" else ""
                print(f"| {name} | {kind} | {r['s']:.2f} s | {ref} | {goal} |")
        if qbt is not None and not args.no_profile:
            for n, kind in enumerate(("magnet", "torrent")):
                conf = {
                    "type": "qbittorrent",
                    "host": qbt.host,
                    "username": qbt.username,
                    "password": qbt.password,
                    "path": str(qbt.save_dir / f"prof{n}"),
                    "ssl": False,
                }
                r = await one_case(kind, conf, profile=True, salt=f"prof{n}")
                print(f"\nhot spots, qBittorrent, {kind} links ({r['s']:.2f} s under the profiler):")
                for line in r["hot"]:
                    print("  " + line)
    finally:
        if qbt is not None:
            qbt.stop()
        tmp.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
