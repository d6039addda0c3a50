#!/usr/bin/env python3
"""Load: 200 concurrent clients on /api/v1/status and /api/v1/bangumi/get/all plus 20 open event
streams for a fixed time, against `autobangumi serve` with 200 rules; then 10,000 more requests
while resident memory and open descriptors are sampled.

Reports errors, p50/p99 latency, RSS at the start and end of the 10,000 and descriptors before
and after; exits 1 when any error occurred, memory grew more than 10% or descriptors leaked.
Usage: .venv/bin/python bench/reliability/load.py [--seconds 30] [--clients 200]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.reliability.report import machine, table, write_section
from tests.reliability.proc import ServeProc, fd_count, rss_kb
from tests.reliability.seed import seed_rules


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))] * 1000 if values else 0.0


async def _streams(srv: ServeProc, token: str, n: int, stop: asyncio.Event, opened: list[int]) -> int:
    errors = 0

    async def one() -> None:
        nonlocal errors
        try:
            async with (
                aiohttp.ClientSession() as s,
                s.get(srv.api + "/events/stream", headers={"Authorization": f"Bearer {token}"}) as resp,
            ):
                if resp.status != 200:
                    errors += 1
                    return
                opened.append(1)
                while not stop.is_set():
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(resp.content.readline(), 1.0)
        except aiohttp.ClientError:
            errors += 1

    await asyncio.gather(*(one() for _ in range(n)))
    return errors


async def _clients(
    srv: ServeProc, token: str, n: int, until: float, total: int | None
) -> tuple[list[float], int, int]:
    lat: list[float] = []
    errors = 0
    sent = 0
    paths = ["/status", "/bangumi/get/all"]
    conn = aiohttp.TCPConnector(limit=n)
    async with aiohttp.ClientSession(connector=conn, headers={"Authorization": f"Bearer {token}"}) as s:

        async def worker(k: int) -> None:
            nonlocal errors, sent
            i = k
            while time.monotonic() < until and (total is None or sent < total):
                sent += 1
                t = time.perf_counter()
                try:
                    async with s.get(srv.api + paths[i % 2]) as resp:
                        await resp.read()
                        if resp.status != 200:
                            errors += 1
                except aiohttp.ClientError:
                    errors += 1
                lat.append(time.perf_counter() - t)
                i += 1

        await asyncio.gather(*(worker(k) for k in range(n)))
    return lat, errors, sent


async def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--streams", type=int, default=20)
    ap.add_argument("--requests", type=int, default=10_000)
    args = ap.parse_args()
    srv = ServeProc(Path(tempfile.mkdtemp(prefix="ab-load-")))
    srv.start()
    srv.stop()
    seed_rules(srv.data_dir / "data.db", 200)
    srv.start()
    try:
        token = srv.login()
        await asyncio.sleep(1.0)
        fds_before = fd_count(srv.pid)
        stop = asyncio.Event()
        opened: list[int] = []
        streams = asyncio.create_task(_streams(srv, token, args.streams, stop, opened))
        await asyncio.sleep(1.0)
        t0 = time.monotonic()
        lat, errors, sent = await _clients(srv, token, args.clients, t0 + args.seconds, None)
        wall = time.monotonic() - t0
        stop.set()
        stream_errors = await streams
        await asyncio.sleep(2.0)  # closed connections are reaped
        # Memory and descriptors over 10,000 requests, once warm: sampled before and after.
        fds_mid, rss_start = fd_count(srv.pid), rss_kb(srv.pid)
        lat2, errors2, sent2 = await _clients(srv, token, 50, time.monotonic() + 600, args.requests)
        await asyncio.sleep(2.0)
        rss_end, fds_after = rss_kb(srv.pid), fd_count(srv.pid)
    finally:
        srv.stop()
    growth = (rss_end - rss_start) / rss_start * 100
    ok = errors == errors2 == stream_errors == 0 and growth <= 10 and fds_after <= fds_mid + 3
    rows = [
        (
            f"{args.clients} clients, {args.seconds:.0f} s, + {len(opened)}/{args.streams} event streams",
            f"{sent:,}",
            str(errors + stream_errors),
            f"{sent / wall:,.0f}",
            f"{_pct(lat, 0.5):.1f}",
            f"{_pct(lat, 0.99):.1f}",
        ),
        (
            f"then {args.requests:,} requests, 50 clients",
            f"{sent2:,}",
            str(errors2),
            "–",
            f"{_pct(lat2, 0.5):.1f}",
            f"{_pct(lat2, 0.99):.1f}",
        ),
    ]
    body = table(rows, ("load", "requests", "errors", "req/s", "p50 ms", "p99 ms"))
    verdict = "pass" if ok else "FAIL"
    body += (
        f"\n\nResident memory over the {sent2:,} requests: {rss_start / 1024:.1f} MB →"
        f" {rss_end / 1024:.1f} MB ({growth:+.1f}%, limit +10%). Open descriptors: {fds_before} idle,"
        f" {fds_mid} after the first load (streams closed: pooled connections), {fds_after} after the"
        f" 10,000 (limit +3). Verdict: {verdict}.\n\n`bench/reliability/load.py`, `autobangumi serve`"
        f" with 200 rules, client and server on one {machine()}."
    )
    write_section("load", "Load", body)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
