#!/usr/bin/env python3
"""API benchmark: latency and throughput of the bridge and of gRPC directly, start-up time, memory.

Starts `autobangumi serve` as its own process on loopback with a fresh config and data folder
(500 rules in the database), logs in with a cookie like the WebUI, then measures:
- GET /api/v1/status, /api/v1/config/get, /api/v1/bangumi/get/all, /api/v1/rss (20 feeds)
  through the bridge, and the first three over gRPC, sequentially (1,000 calls, one keep-alive
  connection) and with 50 in flight (5,000 calls);
- the time from process start to the first 200 of /api/v1/status;
- resident memory of the serve process idle and after the load.

Prints figures; it asserts nothing. Usage: .venv/bin/python bench/api.py [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
from grpc import aio

from autobangumi.v1 import bangumi_pb2, config_pb2, program_pb2

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-password-1"
REST_PATHS = ("/status", "/config/get", "/bangumi/get/all", "/rss")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _start(env: dict[str, str], http_port: int, grpc_port: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-m",
        "autobangumi_app.cli",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(http_port),
        "--grpc-host",
        "127.0.0.1",
        "--grpc-port",
        str(grpc_port),
    ]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def _wait_ready(url: str, deadline: float = 30.0) -> float:
    t0 = time.perf_counter()
    async with aiohttp.ClientSession() as http:
        while time.perf_counter() - t0 < deadline:
            try:
                async with http.get(url) as resp:
                    if resp.status == 200:
                        return time.perf_counter() - t0
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.01)
    raise RuntimeError("server did not start")


def _seed_rules(db: Path, n: int, feeds: int = 20) -> None:
    con = sqlite3.connect(db)
    rows = [
        (
            f"测试番剧 {i}",
            "2024",
            f"Test Show {i}",
            1,
            "第一季",
            "LoliHouse",
            "1080p",
            "WebRip",
            "简繁内封字幕",
            0,
            0,
            0,
            "720,\\d+-\\d+",
            "https://mikanani.me/RSS/Bangumi?bangumiId=1",
            f"posters/{i:08x}.jpg",
            1,
            0,
            0,
            0,
            0,
            0,
        )
        for i in range(n)
    ]
    con.executemany(
        "INSERT INTO bangumi (official_title, year, title_raw, season, season_raw, group_name, dpi, source,"
        " subtitle, eps_collect, episode_offset, season_offset, filter, rss_link, poster_link, added,"
        " deleted, archived, weekday_locked, needs_review, air_weekday)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    # Feeds on a closed loopback port: the refresh at start contacts nothing off this machine.
    con.executemany(
        "INSERT INTO rssitem (name, url, aggregate, parser, enabled) VALUES (?,?,?,?,?)",
        [(f"Feed {i}", f"http://127.0.0.1:9/RSS/Bangumi?bangumiId={i}", 0, "mikan", 1) for i in range(feeds)],
    )
    con.commit()
    con.close()


def _summary(name: str, lat: list[float], wall: float) -> str:
    lat.sort()
    p50 = statistics.median(lat) * 1000
    p99 = lat[int(len(lat) * 0.99) - 1] * 1000
    return f"{name:<44} {len(lat) / wall:>9.0f} req/s   p50 {p50:>7.2f} ms   p99 {p99:>7.2f} ms"


async def _run(
    call: Callable[[], Awaitable[None]], total: int, concurrency: int
) -> tuple[list[float], float]:
    lat: list[float] = []
    per = total // concurrency

    async def worker() -> None:
        for _ in range(per):
            t = time.perf_counter()
            await call()
            lat.append(time.perf_counter() - t)

    for _ in range(min(200, total)):  # warm-up
        await call()
    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return lat, time.perf_counter() - t0


async def _rest_figures(
    base: str, username: str, password: str, scale: int, results: list[str]
) -> tuple[str, dict[str, tuple[float, float]]]:
    """Each REST path, sequential on one connection and 50 concurrent: req/s of both."""
    figures: dict[str, list[float]] = {p: [] for p in REST_PATHS}
    connector = aiohttp.TCPConnector(limit=1)
    async with aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.post(base + "/auth/login", data={"username": username, "password": password}) as resp:
            token = str((await resp.json())["access_token"])
        for path in REST_PATHS:

            async def call(p: str = path) -> None:
                async with http.get(base + p) as r:
                    await r.read()
                    assert r.status == 200, r.status

            lat, wall = await _run(call, 1000 // scale, 1)
            figures[path].append(len(lat) / wall)
            results.append(_summary(f"REST GET {path} sequential", lat, wall))
    connector = aiohttp.TCPConnector(limit=50)
    async with aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        http.cookie_jar.update_cookies({"token": token}, aiohttp.client.URL(base))
        for path in REST_PATHS:

            async def ccall(p: str = path) -> None:
                async with http.get(base + p) as r:
                    await r.read()
                    assert r.status == 200, r.status

            lat, wall = await _run(ccall, 5000 // scale, 50)
            figures[path].append(len(lat) / wall)
            results.append(_summary(f"REST GET {path} 50 concurrent", lat, wall))
    return token, {p: (v[0], v[1]) for p, v in figures.items()}


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a tenth of the calls")
    parser.add_argument("--rules", type=int, default=500)
    parser.add_argument("--against", help="base URL of another server to measure the same way (AutoBangumi)")
    parser.add_argument("--against-user", default="admin")
    parser.add_argument("--against-password", default="adminadmin")
    args = parser.parse_args()
    comparison: list[str] = []
    scale = 10 if args.quick else 1
    tmp = Path(tempfile.mkdtemp(prefix="ab-bench-"))
    env = {
        **os.environ,
        "AB_CONFIG_DIR": str(tmp / "config"),
        "AB_DATA_DIR": str(tmp / "data"),
        "AB_USERNAME": "bench",
        "AB_PASSWORD": PASSWORD,
        "AB_DOWNLOADER_HOST": "127.0.0.1:9",  # no downloader: keep every connection on loopback
        "AB_ZEROCONF": "0",  # no multicast announcement from a benchmark
        "AB_LOG_STDERR": "0",
    }
    http_port, grpc_port = _free_port(), _free_port()
    base = f"http://127.0.0.1:{http_port}/api/v1"

    proc = _start(env, http_port, grpc_port)
    startup = await _wait_ready(base + "/status")
    proc.terminate()
    proc.wait(15)
    _seed_rules(tmp / "data" / "data.db", args.rules)

    proc = _start(env, http_port, grpc_port)
    startup_warm = await _wait_ready(base + "/status")
    await asyncio.sleep(1.0)
    idle_rss = _rss_mb(proc.pid)
    results: list[str] = []
    try:
        token, ours = await _rest_figures(base, "bench", PASSWORD, scale, results)
        if args.against:
            # The same client and calls against another server in the same run (AutoBangumi
            # 3.2 holding the same rules and feeds), so the ratios compare like with like.
            _tok, theirs = await _rest_figures(
                args.against.rstrip("/") + "/api/v1", args.against_user, args.against_password, scale, []
            )
            comparison = [
                f"{path:<20} {ours[path][0]:>8.0f} / {ours[path][1]:<8.0f} {theirs[path][0]:>8.0f} / "
                f"{theirs[path][1]:<8.0f} {ours[path][0] / theirs[path][0]:>6.2f} / "
                f"{ours[path][1] / theirs[path][1]:.2f}"
                for path in REST_PATHS
            ]
        md = (("authorization", f"Bearer {token}"),)
        async with aio.insecure_channel(f"127.0.0.1:{grpc_port}") as ch:
            rpcs = {
                "GetStatus": ch.unary_unary(
                    "/autobangumi.v1.ProgramService/GetStatus",
                    request_serializer=program_pb2.GetStatusRequest.SerializeToString,
                    response_deserializer=program_pb2.StatusResponse.FromString,
                ),
                "GetConfig": ch.unary_unary(
                    "/autobangumi.v1.ConfigService/GetConfig",
                    request_serializer=config_pb2.GetConfigRequest.SerializeToString,
                    response_deserializer=config_pb2.Config.FromString,
                ),
                "ListBangumi": ch.unary_unary(
                    "/autobangumi.v1.BangumiService/ListBangumi",
                    request_serializer=bangumi_pb2.ListBangumiRequest.SerializeToString,
                    response_deserializer=bangumi_pb2.ListBangumiResponse.FromString,
                ),
            }
            requests = {
                "GetStatus": program_pb2.GetStatusRequest(),
                "GetConfig": config_pb2.GetConfigRequest(),
                "ListBangumi": bangumi_pb2.ListBangumiRequest(),
            }
            for name, rpc in rpcs.items():

                async def gcall(r: object = rpc, q: object = requests[name]) -> None:
                    await r(q, metadata=md)  # type: ignore[operator]

                lat, wall = await _run(gcall, 1000 // scale, 1)
                results.append(_summary(f"gRPC {name} sequential", lat, wall))
                lat, wall = await _run(gcall, 5000 // scale, 50)
                results.append(_summary(f"gRPC {name} 50 concurrent", lat, wall))
        loaded_rss = _rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(15)
    print(f"autobangumi serve, {args.rules} rules, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"{'start-up to first 200 (fresh install)':<44} {startup:.2f} s")
    print(f"{'start-up to first 200 (existing data)':<44} {startup_warm:.2f} s")
    for line in results:
        print(line)
    print(f"{'resident memory idle':<44} {idle_rss:.1f} MB")
    print(f"{'resident memory after the load':<44} {loaded_rss:.1f} MB")
    if comparison:
        print(f"\n{'req/s: 1 conn / 50':<20} {'ours':^19} {'theirs':^19} {'ours/theirs':^13}")
        for line in comparison:
            print(line)


if __name__ == "__main__":
    asyncio.run(main())
