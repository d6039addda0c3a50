"""qBittorrent specifics: NoSubfolder, reverse-proxy prefix, HTTPS, 5.x naming, IP ban."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from autobangumi_daemon.adapters.downloaders import AuthFailed, Banned, TlsError, make_downloader, probe
from autobangumi_daemon.adapters.downloaders.qbittorrent import QBittorrent

from .conftest import Daemon, make_qbittorrent, wait_until
from .torrentmaker import make_torrent


def _qb(d: Daemon, **over: object) -> QBittorrent:
    cfg: dict[str, object] = {"type": "qbittorrent", "host": d.host, "username": d.username,
                              "password": d.password, "ssl": False}  # fmt: skip
    cfg.update(over)
    dl = make_downloader(cfg, timeout=10)
    assert isinstance(dl, QBittorrent)
    return dl


async def test_no_subfolder_layout_and_env_expansion(
    qbt_daemon: Daemon, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AB_TEST_QB_PASSWORD", qbt_daemon.password)
    dl = _qb(qbt_daemon, password="$AB_TEST_QB_PASSWORD")
    try:
        sub = qbt_daemon.save_dir / f"ns-{uuid.uuid4().hex[:8]}"
        src = sub / "Pack"
        src.mkdir(parents=True)
        for n in ("01.mkv", "02.mkv"):
            (src / n).write_bytes(n.encode() * 5000)
        torrent, h = make_torrent(src)
        # NoSubfolder (what AutoBangumi sends): the files lie directly in the save path.
        for n in ("01.mkv", "02.mkv"):
            (sub / n).write_bytes((src / n).read_bytes())
        assert await dl.add(torrent, save_path=str(sub), no_subfolder=True, tags=["ab:4"]) == h

        async def complete() -> bool:
            items = await dl.list_torrents(hashes=[h])
            return bool(items) and items[0].progress == 1.0

        await wait_until(complete, what="NoSubfolder torrent complete")
        assert sorted(f.name for f in await dl.get_files(h)) == ["01.mkv", "02.mkv"]
        await dl.delete([h])
    finally:
        await dl.close()


@pytest.fixture
async def reverse_proxy(qbt_daemon: Daemon) -> AsyncIterator[str]:
    """A loopback reverse proxy serving qBittorrent's WebUI under /qbt/."""
    upstream = f"http://{qbt_daemon.host}"
    session = aiohttp.ClientSession()

    async def forward(request: web.Request) -> web.Response:
        tail = request.match_info["tail"]
        headers = {k: v for k, v in request.headers.items() if k.lower() in ("cookie", "content-type")}
        async with session.request(
            request.method, f"{upstream}/{tail}", params=request.query, data=await request.read(),
            headers=headers, allow_redirects=False,
        ) as r:  # fmt: skip
            body = await r.read()
            out = web.Response(body=body, status=r.status)
            for k, v in r.headers.items():
                if k.lower() in ("set-cookie", "content-type"):
                    out.headers.add(k, v)
            return out

    app = web.Application()
    app.router.add_route("*", "/qbt/{tail:.*}", forward)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/qbt"
    await runner.cleanup()
    await session.close()


async def test_behind_reverse_proxy_path(qbt_daemon: Daemon, reverse_proxy: str) -> None:
    dl = _qb(qbt_daemon, host=reverse_proxy + "/")
    try:
        assert (await dl.check()).startswith("v4.")
        assert isinstance(await dl.list_torrents(), list)
    finally:
        await dl.close()
    r = await probe.test_connection(
        "qbittorrent", reverse_proxy, qbt_daemon.username, qbt_daemon.password, False
    )
    assert r.success, r


@pytest.fixture
async def fake_qb5() -> AsyncIterator[tuple[str, list[str]]]:
    """A minimal stand-in for qBittorrent 5.x: 204 login, stop/start, stoppedUP, 401 wrong password."""
    calls: list[str] = []
    torrent = {"hash": "a" * 40, "name": "x", "size": 1, "progress": 1.0, "dlspeed": 0, "upspeed": 0,
               "num_seeds": 0, "num_leechs": 0, "state": "stoppedUP", "eta": 8640000,
               "category": "Bangumi", "save_path": "/d", "added_on": 1, "tags": "ab:1",
               "completion_on": 2}  # fmt: skip

    async def handler(request: web.Request) -> web.Response:
        path = request.path.removeprefix("/api/v2/")
        calls.append(path)
        form = await request.post()
        if path == "auth/login":
            if form.get("password") != "pw5":
                return web.Response(status=401, text="Fails.")
            resp = web.Response(status=204)
            resp.set_cookie("QBT_SID_1", "cookie5")
            return resp
        if "cookie5" not in request.headers.get("Cookie", ""):
            return web.Response(status=403, text="Forbidden")
        answers = {
            "app/webapiVersion": "2.11.2",
            "app/version": "v5.0.4",
            "torrents/info": json.dumps([torrent]),
            "torrents/stop": "",
            "torrents/start": "",
        }
        if path in answers:
            return web.Response(text=answers[path])
        return web.Response(status=404, text="Not Found")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield f"127.0.0.1:{runner.addresses[0][1]}", calls
    await runner.cleanup()


async def test_qbittorrent_5_naming_and_204_login(fake_qb5: tuple[str, list[str]]) -> None:
    host, calls = fake_qb5
    dl = make_downloader({"type": "qbittorrent", "host": host, "username": "admin", "password": "pw5"})
    try:
        assert await dl.check() == "v5.0.4"
        [t] = await dl.list_torrents()
        assert t.state == "pausedUP" and t.paused  # stoppedUP folded into the 4.x name
        await dl.pause([t.hash])
        await dl.resume([t.hash])
        assert "torrents/stop" in calls and "torrents/start" in calls
        assert "torrents/pause" not in calls and "torrents/resume" not in calls
    finally:
        await dl.close()
    bad = make_downloader({"type": "qbittorrent", "host": host, "username": "admin", "password": "nope"})
    try:
        with pytest.raises(AuthFailed):
            await bad.check()
    finally:
        await bad.close()
    r = await probe.test_connection("qbittorrent", host, "admin", "pw5", False)
    assert r.success and "5.0.4" in r.message_en
    r = await probe.test_connection("qbittorrent", host, "admin", "nope", False)
    assert r.reason == "auth_failed"


@pytest.fixture(scope="module")
def qbt_https(
    tmp_path_factory: pytest.TempPathFactory, self_signed_cert: tuple[Path, Path]
) -> Iterator[Daemon]:
    """A second qBittorrent: HTTPS WebUI with a self-signed cert, banning after 2 bad logins."""
    d = make_qbittorrent(tmp_path_factory.mktemp("qbt-https"), max_fail=2, https=self_signed_cert)
    d.start()
    yield d
    d.stop()


async def test_https_self_signed(qbt_https: Daemon) -> None:
    dl = _qb(qbt_https, ssl=True)
    try:
        assert await dl.check()
        assert isinstance(await dl.list_torrents(), list)
    finally:
        await dl.close()
    r = await probe.test_connection(
        "qbittorrent", qbt_https.host, qbt_https.username, qbt_https.password, True
    )
    assert r.success, r
    # Explicit https:// in the host wins over ssl=false, as in AutoBangumi.
    r = await probe.test_connection(
        "qbittorrent", f"https://{qbt_https.host}", "admin", qbt_https.password, False
    )
    assert r.success, r
    # Plain HTTP sent to the HTTPS port: a clear failure, not a hang.
    r = await probe.test_connection(
        "qbittorrent", qbt_https.host, qbt_https.username, qbt_https.password, False
    )
    assert not r.success and r.reason in ("not_that_server", "tls_error", "unreachable")


async def test_tls_error_from_adapter(qbt_daemon: Daemon) -> None:
    dl = make_downloader({"type": "qbittorrent", "host": qbt_daemon.host, "ssl": True}, timeout=2)
    try:
        with pytest.raises(TlsError):
            await dl.check()
    finally:
        await dl.close()


async def test_ban_is_reported(qbt_https: Daemon) -> None:
    # Runs last against this instance: the ban lasts an hour.
    bad = _qb(qbt_https, ssl=True, password="wrong")
    try:
        for _ in range(2):
            with pytest.raises((AuthFailed, Banned)):
                await bad.check()
    finally:
        await bad.close()
    good = _qb(qbt_https, ssl=True)
    try:
        with pytest.raises(Banned) as ei:
            await good.check()
        assert ei.value.msg_en and ei.value.msg_zh
    finally:
        await good.close()
    r = await probe.test_connection(
        "qbittorrent", qbt_https.host, qbt_https.username, qbt_https.password, True
    )
    assert r.reason == "banned"
