"""`add_many` against real qBittorrent, Transmission and aria2, and what qBittorrent is asked.

Several torrents at once: each result in order, a refused one failing alone, a duplicate being
no error. For qBittorrent a counting proxy on loopback sits between the adapter and the real
daemon, to see that the Web API version is asked once per connection (not before every add),
that calls overlap, and that a batch of torrents for one folder is one `torrents/add` call.
"""

from __future__ import annotations

import asyncio
import collections
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import aiohttp
import pytest
from aiohttp import web

from autobangumi_daemon.adapters.downloaders import BadTorrent, Downloader, make_downloader
from autobangumi_daemon.adapters.downloaders.base import AddRequest
from autobangumi_daemon.adapters.downloaders.qbittorrent import POOL_SIZE

from .conftest import Daemon, TorrentServer, wait_until
from .test_dl_common import (
    env,  # noqa: F401  (the parametrised fixture)
    new_dir,
)
from .torrentmaker import make_virtual_torrent


def _magnet(name: str) -> tuple[str, str]:
    h = uuid.uuid4().hex + uuid.uuid4().hex[:8]
    return f"magnet:?xt=urn:btih:{h}&dn={name}", h


async def test_add_many_each_result_in_order(
    env: tuple[Downloader, Daemon],  # noqa: F811
    torrent_server: TorrentServer,
) -> None:
    dl, d = env
    first, second = new_dir(d), new_dir(d)
    t1, h1 = make_virtual_torrent(f"a-{uuid.uuid4().hex[:6]}.mkv")
    t2, h2 = make_virtual_torrent(f"b-{uuid.uuid4().hex[:6]}.mkv")
    t3, h3 = make_virtual_torrent(f"c-{uuid.uuid4().hex[:6]}.mkv")
    url = torrent_server.publish(t3)
    m1, mh1 = _magnet("one")
    requests = [
        AddRequest(t1, save_path=str(first), tags=("ab:1",)),
        AddRequest(b"this is not a torrent", save_path=str(first), tags=("ab:1",)),
        AddRequest(t2, save_path=str(second), tags=("ab:2",)),
        AddRequest(m1, save_path=str(first), tags=("ab:1",)),
        AddRequest(url, save_path=str(second), tags=("ab:2",)),
        AddRequest(t1, save_path=str(first), tags=("ab:1",)),  # the same torrent again
    ]
    results = await dl.add_many(requests)
    try:
        assert len(results) == len(requests)
        assert [r.hash for r in results[:1] + results[2:]] == [h1, h2, mh1, h3, h1]
        assert all(r.ok for r in results[:1] + results[2:]), [r.error for r in results]
        assert isinstance(results[1].error, BadTorrent)

        async def all_listed() -> bool:
            listed = await dl.list_torrents(hashes=[h1, h2, h3, mh1])
            return sorted(t.hash for t in listed) == sorted([h1, h2, h3, mh1])

        await wait_until(all_listed, what="every added torrent listed")

        listed = {t.hash: t for t in await dl.list_torrents(hashes=[h1, h2, h3, mh1])}
        assert listed[h2].save_path.rstrip("/") == str(second)
        assert listed[h1].save_path.rstrip("/") == str(first)
        assert "ab:2" in listed[h3].tags and "ab:1" in listed[mh1].tags
        # Sent again in a later batch: each answers its hash, and nothing is added twice.
        again = await dl.add_many(
            [AddRequest(t2, save_path=str(second), tags=("ab:2",)), AddRequest(m1, save_path=str(first))]
        )
        assert [(r.hash, r.ok) for r in again] == [(h2, True), (mh1, True)]
        assert len(await dl.list_torrents(hashes=[h2, mh1])) == 2
    finally:
        await dl.delete([h1, h2, h3, mh1])


async def test_add_many_of_nothing(env: tuple[Downloader, Daemon]) -> None:  # noqa: F811
    dl, _d = env
    assert await dl.add_many([]) == []


@dataclass
class Counter:
    calls: collections.Counter[str] = field(default_factory=collections.Counter)
    in_flight: int = 0
    most_in_flight: int = 0


@pytest.fixture
async def counting_proxy(qbt_daemon: Daemon) -> AsyncIterator[tuple[str, Counter]]:
    """A loopback proxy in front of the real qBittorrent that counts each API path."""
    upstream = f"http://{qbt_daemon.host}"
    seen = Counter()
    session = aiohttp.ClientSession()

    async def forward(request: web.Request) -> web.Response:
        path = request.path.removeprefix("/api/v2/")
        seen.calls[path] += 1
        seen.in_flight += 1
        seen.most_in_flight = max(seen.most_in_flight, seen.in_flight)
        try:
            if path == "torrents/add":
                await asyncio.sleep(0.05)  # a LAN round trip, so overlapping calls can show
            headers = {k: v for k, v in request.headers.items() if k.lower() in ("cookie", "content-type")}
            async with session.request(
                request.method, upstream + request.path, params=request.query,
                data=await request.read(), headers=headers, allow_redirects=False,
            ) as r:  # fmt: skip
                out = web.Response(body=await r.read(), status=r.status)
                for k, v in r.headers.items():
                    if k.lower() in ("set-cookie", "content-type"):
                        out.headers.add(k, v)
                return out
        finally:
            seen.in_flight -= 1

    app = web.Application(client_max_size=64 * 1024 * 1024)
    app.router.add_route("*", "/{tail:.*}", forward)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield f"127.0.0.1:{runner.addresses[0][1]}", seen
    await runner.cleanup()
    await session.close()


def _through(proxy: str, d: Daemon) -> Downloader:
    settings = {"type": "qbittorrent", "host": proxy, "username": d.username, "password": d.password}
    return make_downloader(settings, timeout=10)


async def test_qbittorrent_version_asked_once_per_connection_and_calls_overlap(
    qbt_daemon: Daemon, counting_proxy: tuple[str, Counter]
) -> None:
    proxy, seen = counting_proxy
    dl = _through(proxy, qbt_daemon)
    folder = new_dir(qbt_daemon)
    made = [make_virtual_torrent(f"v-{uuid.uuid4().hex[:6]}.mkv") for _ in range(16)]
    try:
        await dl.check()  # one login, so the pool may grow
        hashes = await asyncio.gather(
            *(dl.add(t, save_path=str(folder), tags=["ab:7"]) for t, _h in made[:8])
        )
        assert hashes == [h for _t, h in made[:8]]
        # A new connection asks once (twice when its first try meets the login)...
        asked = seen.calls["app/webapiVersion"]
        assert asked <= 2 * POOL_SIZE
        hashes = await asyncio.gather(
            *(dl.add(t, save_path=str(folder), tags=["ab:7"]) for t, _h in made[8:])
        )
        assert hashes == [h for _t, h in made[8:]]
        assert seen.calls["torrents/add"] == 16
        # ...and never again: before, every add asked first.
        assert seen.calls["app/webapiVersion"] == asked
        assert seen.most_in_flight > 1, "the adds ran one after another"
    finally:
        await dl.delete([h for _t, h in made])
        await dl.close()


async def test_qbittorrent_add_many_is_one_call_per_folder(
    qbt_daemon: Daemon, counting_proxy: tuple[str, Counter]
) -> None:
    proxy, seen = counting_proxy
    dl = _through(proxy, qbt_daemon)
    a, b = new_dir(qbt_daemon), new_dir(qbt_daemon)
    files = [make_virtual_torrent(f"f-{uuid.uuid4().hex[:6]}.mkv") for _ in range(10)]
    magnets = [_magnet(f"m{i}") for i in range(10)]
    requests = [AddRequest(t, save_path=str(a), tags=("ab:3",)) for t, _h in files]
    requests += [AddRequest(m, save_path=str(b), tags=("ab:4",)) for m, _h in magnets]
    results = []
    try:
        results = await dl.add_many(requests)
        assert [r.hash for r in results] == [h for _t, h in files] + [h for _m, h in magnets]
        assert all(r.ok for r in results), [r.error for r in results]
        assert seen.calls["torrents/add"] == 2  # one per (folder, tags), not one per torrent

        async def magnets_listed() -> bool:
            listed = await dl.list_torrents(tag="ab:4")
            return {t.hash for t in listed} >= {h for _m, h in magnets}

        await wait_until(magnets_listed, what="the batch of magnets listed")
    finally:
        await dl.delete([r.hash for r in results if r.hash])
        await dl.close()
