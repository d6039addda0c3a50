"""qBittorrent's API key (5.2+, `Authorization: Bearer <key>`) and the fallback to login.

The fallback runs against the real qbittorrent-nox on this machine (4.5, which ignores the
header and answers 403). No qBittorrent 5.2 is installed here, so the key itself is checked
against a local fake speaking qBittorrent 5.2's HTTP shape: Web API 2.14.1, a bearer key on
every request, 401 for a wrong key, no login with a key."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import aiohttp
import pytest
from aiohttp import web

from autobangumi_daemon.adapters.downloaders import AuthFailed, make_downloader
from autobangumi_daemon.adapters.downloaders.probe import test_connection as probe_connection
from autobangumi_daemon.adapters.downloaders.qbittorrent import QBittorrent
from tests.helpers import Server

from .conftest import Daemon

KEY = "qbt_0123456789abcdefghijklmnopqrstuv"


@dataclass
class FakeQb52:
    host: str = ""
    calls: list[tuple[str, str]] = field(default_factory=list)  # (path, how it was authorised)
    #: The same, from aiohttp clients only (the connection test; the adapter uses requests).
    probe_calls: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture
async def fake_qb52() -> AsyncIterator[FakeQb52]:
    fake = FakeQb52()
    torrent = {"hash": "b" * 40, "name": "y", "size": 1, "progress": 1.0, "dlspeed": 0, "upspeed": 0,
               "num_seeds": 0, "num_leechs": 0, "state": "stoppedUP", "eta": 8640000,
               "category": "Bangumi", "save_path": "/d", "added_on": 1, "tags": "ab:2",
               "completion_on": 2}  # fmt: skip

    async def handler(request: web.Request) -> web.Response:
        path = request.path.removeprefix("/api/v2/")
        start = len(fake.calls)
        try:
            return await answer(request, path)
        finally:
            if "aiohttp" in request.headers.get("User-Agent", ""):
                fake.probe_calls.extend(fake.calls[start:])

    async def answer(request: web.Request, path: str) -> web.Response:
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


# "Test connection" (settings page and wizard) connects as the adapter does.


async def test_the_connection_test_uses_the_key(fake_qb52: FakeQb52) -> None:
    ok = await probe_connection("qbittorrent", fake_qb52.host, "", "", False, api_key=KEY)
    assert ok.success and ok.reason == "ok" and "v5.2.0" in ok.message_en, ok
    assert [how for _p, how in fake_qb52.calls] == ["key"]  # no login with a key
    bad = await probe_connection("qbittorrent", fake_qb52.host, "", "", False, api_key="qbt_wrong")
    assert not bad.success and bad.reason == "key_refused"
    assert "API key" in bad.message_en and "API 密钥" in bad.message_zh
    assert all(how != "login" for _p, how in fake_qb52.calls)


async def test_the_connection_test_falls_back_to_the_username(fake_qb52: FakeQb52) -> None:
    ok = await probe_connection("qbittorrent", fake_qb52.host, "admin", "pw52", False, api_key="qbt_wrong")
    assert ok.success, ok
    assert [how for _p, how in fake_qb52.calls][:2] == ["bad key", "login"]
    wrong = await probe_connection("qbittorrent", fake_qb52.host, "admin", "nope", False, api_key="qbt_wrong")
    assert not wrong.success and wrong.reason == "auth_failed" and wrong.message_zh


async def test_the_connection_test_logs_in_to_an_older_qbittorrent(qbt_daemon: Daemon) -> None:
    ok = await probe_connection(
        "qbittorrent", qbt_daemon.host, qbt_daemon.username, qbt_daemon.password, False, api_key=KEY
    )
    assert ok.success and "v4." in ok.message_en, ok
    only_key = await probe_connection("qbittorrent", qbt_daemon.host, "", "", False, api_key=KEY)
    assert not only_key.success and only_key.reason == "key_refused"


async def test_the_settings_page_test_uses_the_saved_key(
    ready: Server, http: aiohttp.ClientSession, fake_qb52: FakeQb52
) -> None:
    """Through the bridge: the request carries no key, the saved one is used for the saved host
    (and only there); a wrong saved key is a bilingual failure."""
    for key, right in ((KEY, True), ("qbt_wrong", False)):
        body = {"downloader": {"type": "qbittorrent", "host": fake_qb52.host, "username": "",
                               "password": "", "api_key": key}}  # fmt: skip
        async with http.patch(ready.api + "/config/update", json=body) as resp:
            assert resp.status == 200, await resp.text()
        fake_qb52.probe_calls.clear()
        test = {"type": "qbittorrent", "host": fake_qb52.host, "username": "", "password": "", "ssl": False}
        async with http.post(ready.api + "/downloader/test", json=test) as resp:
            assert resp.status == 200, await resp.text()
            result = await resp.json()
        assert result["success"] is right, result
        if not right:
            assert "API key" in result["message_en"] and "API 密钥" in result["message_zh"]
        # One bearer request, no login (there is no username to fall back to).
        assert fake_qb52.probe_calls == [("app/version", "key" if right else "bad key")]
    # A key typed into the form (the saved one is still the wrong one) is tried as typed; the
    # masked key the page shows means the saved key.
    for typed, right in ((KEY, True), ("********", False)):
        fake_qb52.probe_calls.clear()
        test = {"type": "qbittorrent", "host": fake_qb52.host, "username": "", "password": "",
                "ssl": False, "api_key": typed}  # fmt: skip
        async with http.post(ready.api + "/downloader/test", json=test) as resp:
            assert resp.status == 200, await resp.text()
            result = await resp.json()
        assert result["success"] is right, (typed, result)
        assert fake_qb52.probe_calls == [("app/version", "key" if right else "bad key")]
    # Another address never gets the saved key: the fake is reached by a second name.
    other = fake_qb52.host.replace("127.0.0.1", "localhost")
    fake_qb52.probe_calls.clear()
    test = {"type": "qbittorrent", "host": other, "username": "", "password": "", "ssl": False}
    async with http.post(ready.api + "/downloader/test", json=test) as resp:
        result = await resp.json()
    assert result["success"] is False
    assert all(how not in ("key", "bad key") for _p, how in fake_qb52.probe_calls), fake_qb52.probe_calls


async def test_a_named_instance_is_tested_with_its_own_saved_secrets(
    ready: Server, http: aiohttp.ClientSession, fake_qb52: FakeQb52
) -> None:
    """`instance` names whose saved key and password a masked one means; the default's secrets
    are never sent to an address they were not saved for."""
    body = {"downloader": {"type": "qbittorrent", "host": "127.0.0.1:9", "username": "admin",
                           "password": "pw52", "api_key": ""},
            "downloaders": [{"name": "nas", "type": "qbittorrent", "host": fake_qb52.host,
                             "username": "", "password": "", "api_key": KEY, "path": "/d"}]}  # fmt: skip
    async with http.patch(ready.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()

    async def test(**over: object) -> dict[str, object]:
        fake_qb52.probe_calls.clear()
        req = {"type": "qbittorrent", "host": fake_qb52.host, "username": "admin", "password": "********",
               "ssl": False, "api_key": "********"} | over  # fmt: skip
        async with http.post(ready.api + "/downloader/test", json=req) as resp:
            assert resp.status == 200, await resp.text()
            return dict(await resp.json())

    assert (await test(instance="nas"))["success"] is True
    assert fake_qb52.probe_calls == [("app/version", "key")]
    # The default instance's saved key (none) and password (pw52, saved for another address):
    # neither is sent, so the login fails.
    result = await test(instance="")
    assert result["success"] is False, result
    assert ("auth/login", "login") in fake_qb52.probe_calls
    assert all(how != "key" for _p, how in fake_qb52.probe_calls)
    # An instance not saved yet has no saved secrets; typed ones are used as typed.
    assert (await test(instance="new"))["success"] is False
    assert (await test(instance="new", password="pw52"))["success"] is True
