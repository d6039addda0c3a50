"""Single adds to a real aria2, through a recording proxy on loopback: a duplicate is still no
second download, and deciding that asks aria2 only for ids and hashes, never for every
download's metainfo (which made 1,000 single adds take half a minute)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import orjson
import pytest
from aiohttp import web

from autobangumi_daemon.adapters.downloaders import Downloader, make_downloader

from .conftest import Daemon
from .test_dl_common import new_dir, settings
from .torrentmaker import make_virtual_torrent

TELL = ("aria2.tellActive", "aria2.tellWaiting", "aria2.tellStopped")


class RecordingProxy:
    """Forwards JSON-RPC posts to aria2 and keeps every method call with its key list."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.calls: list[tuple[str, list[str] | None]] = []
        self.runner: web.AppRunner | None = None
        self.port = 0
        self.http: aiohttp.ClientSession | None = None

    def _record(self, call: dict[str, Any]) -> None:
        method = str(call.get("method") or call.get("methodName"))
        params = call.get("params") or []
        if method == "system.multicall":
            for sub in params[0]:
                self._record(sub)
            return
        keys = next(
            (p for p in reversed(params) if isinstance(p, list) and all(isinstance(k, str) for k in p)), None
        )
        self.calls.append((method, keys if method in TELL else None))

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self._record(orjson.loads(body))
        assert self.http is not None
        async with self.http.post(f"http://{self.upstream}{request.path}", data=body) as resp:
            return web.Response(body=await resp.read(), status=resp.status, content_type="application/json")

    async def start(self) -> None:
        self.http = aiohttp.ClientSession()
        app = web.Application()
        app.router.add_post("/{tail:.*}", self.handle)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self.runner.addresses[0][1])

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
        if self.http is not None:
            await self.http.close()


@pytest.fixture
async def recorded(aria2_daemon: Daemon) -> AsyncIterator[tuple[Downloader, RecordingProxy]]:
    proxy = RecordingProxy(aria2_daemon.host)
    await proxy.start()
    dl = make_downloader(settings("aria2", aria2_daemon, host=f"127.0.0.1:{proxy.port}"), timeout=10)
    yield dl, proxy
    await dl.close()
    await proxy.stop()


async def test_single_adds_ask_only_for_ids_and_hashes_and_add_nothing_twice(
    recorded: tuple[Downloader, RecordingProxy], aria2_daemon: Daemon
) -> None:
    dl, proxy = recorded
    folder = new_dir(aria2_daemon)
    torrents = [make_virtual_torrent(f"e{n:02d}-{uuid.uuid4().hex[:6]}.mkv") for n in range(20)]
    magnet_hash = uuid.uuid4().hex + uuid.uuid4().hex[:8]
    magnet = f"magnet:?xt=urn:btih:{magnet_hash}&dn=m"
    hashes = [h for _t, h in torrents] + [magnet_hash]
    try:
        for data, h in torrents:
            assert await dl.add(data, save_path=str(folder), tags=("ab:3",)) == h
        assert await dl.add(magnet, save_path=str(folder), tags=("ab:3",)) == magnet_hash
        before = len(proxy.calls)
        # The same torrents again: answered with their hashes, nothing added.
        assert await dl.add(torrents[0][0], save_path=str(folder), tags=("ab:3",)) == torrents[0][1]
        assert await dl.add(magnet, save_path=str(folder), tags=("ab:3",)) == magnet_hash
        again = [m for m, _k in proxy.calls[before:]]
        assert "aria2.addTorrent" not in again and "aria2.addUri" not in again, again

        listed = await dl.list_torrents(hashes=hashes)
        assert sorted(t.hash for t in listed) == sorted(hashes)
        assert all(t.save_path.rstrip("/") == str(folder) and t.tags == ("ab:3",) for t in listed)
        # Every listing an add made asked for ids and hashes only.
        add_tells = [keys for m, keys in proxy.calls[: before + len(again)] if m in TELL]
        assert add_tells, proxy.calls
        for keys in add_tells:
            assert (
                keys is not None
                and "bittorrent" not in keys
                and set(keys) <= {"gid", "infoHash", "following"}
            )
    finally:
        await dl.delete(hashes)
