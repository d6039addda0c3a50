"""The downloader endpoints through the bridge, against a real qBittorrent."""

from __future__ import annotations

import uuid

import aiohttp
import pytest

from autobangumi_daemon.adapters.downloaders import make_downloader
from tests.helpers import Server, new_session

from .conftest import Daemon, wait_until
from .torrentmaker import make_torrent


async def _configure(
    server: Server, http: aiohttp.ClientSession, d: Daemon, password: str | None = None
) -> None:
    body = {"downloader": {"type": "qbittorrent", "host": d.host, "username": d.username,
                           "password": password or d.password, "path": str(d.save_dir)}}  # fmt: skip
    async with http.patch(server.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()


async def _add_rule(server: Server, title: str) -> int:
    assert server.running.daemon is not None and server.running.daemon.ctx is not None
    from autobangumi_daemon.db.models import Bangumi

    async with server.running.daemon.ctx.db.begin() as s:
        rule = Bangumi(official_title=title, title_raw=title, season=1)
        s.add(rule)
        await s.flush()
        return int(rule.id)


async def test_torrent_endpoints(ready: Server, http: aiohttp.ClientSession, qbt_daemon: Daemon) -> None:
    await _configure(ready, http, qbt_daemon)
    async with http.get(ready.api + "/check/downloader") as resp:
        assert await resp.json() is True
    sub = qbt_daemon.save_dir / f"ep-{uuid.uuid4().hex[:8]}"
    sub.mkdir()
    media = sub / "Endpoint Show - 01.mkv"
    media.write_bytes(b"x" * 300_000)
    torrent, h = make_torrent(media)
    dl = make_downloader({"type": "qbittorrent", "host": qbt_daemon.host, "username": qbt_daemon.username,
                          "password": qbt_daemon.password})  # fmt: skip
    try:
        await dl.add(torrent, save_path=str(sub), category="Bangumi")
    finally:
        await dl.close()

    async def listed() -> bool:
        async with http.get(ready.api + "/downloader/torrents") as r:
            items = await r.json()
        return any(t["hash"] == h and t["progress"] == 1 for t in items)

    await wait_until(listed, what="torrent listed and complete")
    async with http.get(ready.api + "/downloader/torrents") as resp:
        item = next(t for t in await resp.json() if t["hash"] == h)
    for key in (
        "name",
        "size",
        "progress",
        "dlspeed",
        "upspeed",
        "num_seeds",
        "num_leechs",
        "state",
        "eta",
        "category",
        "save_path",
        "added_on",
        "tags",
    ):
        assert key in item
    assert item["category"] == "Bangumi" and isinstance(item["size"], int) and item["size"] > 0

    async with http.post(ready.api + "/downloader/torrents/pause", json={"hashes": [h]}) as resp:
        assert (await resp.json()) == {"msg_en": "Torrents paused", "msg_zh": "种子已暂停"}

    async def state_is(prefix: str) -> bool:
        async with http.get(ready.api + "/downloader/torrents") as r:
            return any(t["hash"] == h and t["state"].startswith(prefix) for t in await r.json())

    await wait_until(lambda: state_is("paused"), what="paused")
    async with http.post(ready.api + "/downloader/torrents/resume", json={"hashes": [h]}) as resp:
        assert resp.status == 200
    await wait_until(lambda: _not_paused(http, ready, h), what="resumed")

    rule_id = await _add_rule(ready, "Endpoint Show")
    async with http.post(ready.api + "/downloader/torrents/tag/auto", json={}) as resp:
        body = await resp.json()
    assert body["status"] is True and body["tagged_count"] >= 1
    async with http.get(ready.api + "/downloader/torrents") as resp:
        item = next(t for t in await resp.json() if t["hash"] == h)
    assert f"ab:{rule_id}" in item["tags"]
    async with http.post(
        ready.api + "/downloader/torrents/tag", json={"hash": h, "bangumi_id": 9999}
    ) as resp:
        assert resp.status == 404

    async with http.post(ready.api + "/downloader/torrents/delete", json={"hashes": [h]}) as resp:
        assert (await resp.json())["status"] is True

    async def gone() -> bool:
        async with http.get(ready.api + "/downloader/torrents") as r:
            return all(t["hash"] != h for t in await r.json())

    await wait_until(gone, what="deleted")
    assert media.exists(), "delete without delete_files must keep the data"


async def _not_paused(http: aiohttp.ClientSession, server: Server, h: str) -> bool:
    async with http.get(server.api + "/downloader/torrents") as r:
        return any(t["hash"] == h and not t["state"].startswith("paused") for t in await r.json())


async def test_wrong_password_and_unreachable_are_clear(
    ready: Server, http: aiohttp.ClientSession, qbt_daemon: Daemon
) -> None:
    await _configure(ready, http, qbt_daemon, password="not-the-password")
    async with http.get(ready.api + "/check/downloader") as resp:
        assert await resp.json() is False
    async with http.get(ready.api + "/downloader/torrents") as resp:
        assert resp.status == 503
        body = await resp.json()
        assert "password" in body["msg_en"] and body["msg_zh"]
    body = {"downloader": {"host": "127.0.0.1:9"}}
    async with http.patch(ready.api + "/config/update", json=body) as resp:
        assert resp.status == 200
    async with http.get(ready.api + "/downloader/torrents") as resp:
        assert resp.status == 503 and (await resp.json())["msg_zh"]
    # The API stays prompt with the downloader down.
    async with http.get(ready.api + "/restart") as resp:
        assert resp.status == 200


@pytest.mark.parametrize("right", [True, False])
async def test_setup_test_downloader_against_real_qbittorrent(
    server: Server, qbt_daemon: Daemon, right: bool
) -> None:
    body = {"type": "qbittorrent", "host": qbt_daemon.host, "username": qbt_daemon.username,
            "password": qbt_daemon.password if right else "wrong-password", "ssl": False}  # fmt: skip
    async with new_session() as http, http.post(server.api + "/setup/test-downloader", json=body) as resp:
        result = await resp.json()
    assert resp.status == 200 and result["success"] is right
    assert result["message_en"] and result["message_zh"]
