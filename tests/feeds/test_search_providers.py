"""Search providers keep the order the user saved: across reloads, restarts and processes."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import aiohttp
import orjson

from tests.helpers import PASSWORD, USERNAME, Server

ROOT = Path(__file__).resolve().parents[2]

# Not alphabetical, not the defaults' order, and more entries than a map keeps in insertion order.
SIX = {
    "nyaa": "https://nyaa.example/?page=rss&q=%s",
    "mikan": "https://mikan.example/RSS/Search?searchstr=%s",
    "zz-last": "https://z.example/rss?q=%s",
    "dmhy": "http://dmhy.example/topics/rss/rss.xml?keyword=%s",
    "anibt": "https://anibt.example/rss/magnets.xml?q=%s",
    "acg": "https://acg.example/rss?k=%s",
}

# A separate server process on the same folders that prints the providers as it answers them.
_PROBE = f"""
import asyncio, sys
from pathlib import Path
import aiohttp
from autobangumi_app.server import start_serve
from autobangumi_daemon.paths import AppPaths

async def main() -> None:
    paths = AppPaths(Path(sys.argv[1]), Path(sys.argv[2]))
    running = await start_serve(paths, "127.0.0.1", 0, None)
    try:
        api = f"http://127.0.0.1:{{running.http_port}}/api/v1"
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            data = {{"username": {USERNAME!r}, "password": {PASSWORD!r}}}
            async with http.post(api + "/auth/login", data=data) as resp:
                assert resp.status == 200, await resp.text()
            async with http.get(api + "/search/provider/config") as resp:
                assert resp.status == 200, await resp.text()
                sys.stdout.write(await resp.text())
    finally:
        await running.stop()

asyncio.run(main())
"""


async def _get(http: aiohttp.ClientSession, server: Server, path: str) -> bytes:
    async with http.get(server.api + path) as resp:
        assert resp.status == 200, await resp.text()
        return await resp.read()


def _keys(raw: bytes) -> list[str]:
    return list(orjson.loads(raw))  # orjson keeps the JSON object's key order


async def test_saved_order_survives_reloads_restarts_and_other_processes(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    # The defaults come in their own order (the WebUI's search bar starts with Mikan).
    assert _keys(await _get(http, ready, "/search/provider/config")) == ["mikan", "nyaa", "dmhy"]
    assert orjson.loads(await _get(http, ready, "/search/provider")) == ["mikan", "nyaa", "dmhy"]

    async with http.put(ready.api + "/search/provider/config", json=SIX) as resp:
        assert resp.status == 200
        assert _keys(await resp.read()) == list(SIX)  # the echo, too
    for _ in range(3):
        raw = await _get(http, ready, "/search/provider/config")
        assert _keys(raw) == list(SIX) and orjson.loads(raw) == SIX
    assert orjson.loads(await _get(http, ready, "/search/provider")) == list(SIX)
    assert list(orjson.loads(ready.paths.search_provider_file.read_bytes())) == list(SIX)

    await ready.restart()
    assert _keys(await _get(http, ready, "/search/provider/config")) == list(SIX)

    # protobuf's C maps iterate in an order seeded per process: ask fresh processes.
    await ready.running.stop()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for seed in ("0", "1", "4242", "random"):
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            _PROBE,
            str(ready.paths.config_dir),
            str(ready.paths.data_dir),
            env=env | {"PYTHONHASHSEED": seed},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(), 60)
        assert proc.returncode == 0, err.decode()[-2000:]
        assert _keys(out) == list(SIX), (seed, out)


async def test_bad_provider_maps_are_refused_and_change_nothing(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    async with http.put(ready.api + "/search/provider/config", json=SIX) as resp:
        assert resp.status == 200
    for body, field in (
        ({"nyaa": "ftp://x/%s"}, "providers.nyaa"),
        ({"nyaa": "https://x/no-placeholder"}, "providers.nyaa"),
        ({"nyaa": 5}, "providers.nyaa"),
        (["mikan"], "providers"),
        ({" ": "https://x/%s"}, "providers"),
    ):
        async with http.put(ready.api + "/search/provider/config", json=body) as resp:
            assert resp.status == 422, (body, await resp.text())
            msg = await resp.json()
            assert field in msg["msg_en"] and field in msg["msg_zh"], (body, msg)
    assert _keys(await _get(http, ready, "/search/provider/config")) == list(SIX)
