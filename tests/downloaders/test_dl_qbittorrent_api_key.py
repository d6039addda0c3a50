"""qBittorrent's API key (5.2+, `Authorization: Bearer <key>`) and the fallback to login.

The fallback runs against the real qbittorrent-nox on this machine (4.5, which ignores the
header and answers 403). No qBittorrent 5.2 is installed here, so the key itself is checked
against a local fake speaking qBittorrent 5.2's HTTP shape: Web API 2.14.1, a bearer key on
every request, 401 for a wrong key, no login with a key."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from aiohttp import web

from autobangumi_daemon.adapters.downloaders import AuthFailed, make_downloader
from autobangumi_daemon.adapters.downloaders.qbittorrent import QBittorrent

from .conftest import Daemon

KEY = "qbt_0123456789abcdefghijklmnopqrstuv"


@dataclass
class FakeQb52:
    host: str = ""
    calls: list[tuple[str, str]] = field(default_factory=list)  # (path, how it was authorised)


@pytest.fixture
async def fake_qb52() -> AsyncIterator[FakeQb52]:
    fake = FakeQb52()
    torrent = {"hash": "b" * 40, "name": "y", "size": 1, "progress": 1.0, "dlspeed": 0, "upspeed": 0,
               "num_seeds": 0, "num_leechs": 0, "state": "stoppedUP", "eta": 8640000,
               "category": "Bangumi", "save_path": "/d", "added_on": 1, "tags": "ab:2",
               "completion_on": 2}  # fmt: skip

    async def handler(request: web.Request) -> web.Response:
        path = request.path.removeprefix("/api/v2/")
        auth = request.headers.get("Authorization", "")
        form = await request.post()
        if path == "auth/login":
            fake.calls.append((path, "login"))
            if form.get("password") != "pw52":
                return web.Response(status=401)
            resp = web.Response(status=204)
            resp.set_cookie("QBT_SID_1", "cookie52")
            return resp
        if auth:
            if auth != f"Bearer {KEY}":
                fake.calls.append((path, "bad key"))
                return web.Response(status=401, text="Unauthorized")
            how = "key"
        elif "cookie52" in request.headers.get("Cookie", ""):
            how = "cookie"
        else:
            fake.calls.append((path, "none"))
            return web.Response(status=403, text="Forbidden")
        fake.calls.append((path, how))
        answers = {
            "app/webapiVersion": "2.14.1",
            "app/version": "v5.2.0",
            "torrents/info": json.dumps([torrent]),
        }
        if path in answers:
            return web.Response(text=answers[path])
        return web.Response(status=404, text="Not Found")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    fake.host = f"127.0.0.1:{runner.addresses[0][1]}"
    yield fake
    await runner.cleanup()


def _qb(host: str, **over: str) -> QBittorrent:
    dl = make_downloader({"type": "qbittorrent", "host": host, **over}, timeout=10)
    assert isinstance(dl, QBittorrent)
    return dl


async def test_the_key_authorises_every_call_without_a_login(fake_qb52: FakeQb52) -> None:
    dl = _qb(fake_qb52.host, api_key=KEY)
    try:
        assert await dl.check() == "v5.2.0"
        [t] = await dl.list_torrents()
        assert t.hash == "b" * 40
    finally:
        await dl.close()
    assert fake_qb52.calls and all(how == "key" for _p, how in fake_qb52.calls), fake_qb52.calls


async def test_a_refused_key_falls_back_to_the_username(fake_qb52: FakeQb52) -> None:
    dl = _qb(fake_qb52.host, api_key="qbt_wrong", username="admin", password="pw52")
    try:
        assert await dl.check() == "v5.2.0"
        assert len(await dl.list_torrents()) == 1
        assert not dl.use_key
    finally:
        await dl.close()
    hows = [how for _p, how in fake_qb52.calls]
    assert hows[0] == "bad key" and "login" in hows
    # After the fallback every call goes by the session cookie, never the key again.
    assert set(hows[hows.index("login") + 1 :]) == {"cookie"}, hows


async def test_a_refused_key_without_a_username_is_a_clear_error(fake_qb52: FakeQb52) -> None:
    dl = _qb(fake_qb52.host, api_key="qbt_wrong")
    try:
        with pytest.raises(AuthFailed) as err:
            await dl.check()
        assert "API key" in err.value.msg_en and "API 密钥" in err.value.msg_zh
    finally:
        await dl.close()
    assert all(how != "login" for _p, how in fake_qb52.calls)


async def test_an_older_qbittorrent_is_logged_in_with_the_username(qbt_daemon: Daemon) -> None:
    """Real qbittorrent-nox 4.5: it knows no API key (403 without a session), so the adapter
    logs in with the username and password and works as before."""
    dl = _qb(qbt_daemon.host, api_key=KEY, username=qbt_daemon.username, password=qbt_daemon.password)
    try:
        version = await dl.check()
        assert version.startswith("v4.")
        assert not dl.use_key
        await dl.list_torrents()  # a real call on the logged-in session
    finally:
        await dl.close()
    only_key = _qb(qbt_daemon.host, api_key=KEY)
    try:
        with pytest.raises(AuthFailed):
            await only_key.check()
    finally:
        await only_key.close()
