"""Notifications really sent, by the daemon's own HTTP client, to a local stand-in of each
service (tests/notify/receivers.py), asserting the exact requests; through a real HTTP and
SOCKS5 proxy; generic Apprise URLs through Apprise."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from autobangumi_daemon.context import AppContext
from autobangumi_daemon.notify import ProviderError, apprise_url
from autobangumi_daemon.notify.outgoing import Message, build_request, read_answer
from tests.feeds.fakes import HttpProxy, Socks5Proxy
from tests.helpers import Server
from tests.notify.receivers import GOOD_TELEGRAM, Receiver, receiver

TEST_TEXT = "This is a test notification from AutoBangumi. / 这是一条来自 AutoBangumi 的测试通知。"


@pytest.fixture
async def rx() -> AsyncIterator[Receiver]:
    async with receiver() as r:
        yield r


def _ctx(server: Server) -> AppContext:
    assert server.running.daemon is not None and server.running.daemon.ctx is not None
    return server.running.daemon.ctx


def _json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


async def _test_config(server: Server, http: aiohttp.ClientSession, body: dict[str, Any]) -> dict[str, Any]:
    async with http.post(server.api + "/notification/test-config", json=body) as resp:
        assert resp.status == 200
        return await resp.json()  # type: ignore[no-any-return]


async def _patch(server: Server, http: aiohttp.ClientSession, body: dict[str, Any]) -> tuple[int, Any]:
    async with http.patch(server.api + "/config/update", json=body) as resp:
        return resp.status, await resp.json()


def test_apprise_urls_and_fixed_host_requests() -> None:
    assert apprise_url({"type": "apprise", "url": "mailto://u:pw@example.com"}) == "mailto://u:pw@example.com"
    assert apprise_url({"type": "matrix-bot", "url": "matrix://h/room"}) == "matrix://h/room"
    for bad in ({"type": "apprise"}, {"type": "carrier-pigeon"}):
        with pytest.raises(ProviderError) as exc:
            apprise_url(bad)
        assert exc.value.msg_en and exc.value.msg_zh
    m = Message(title="T S01E02", text="line", poster_url="https://ab.example.org/posters/p.jpg")
    sc = build_request({"type": "server-chan", "token": "SCT12ab"}, m)
    assert sc.url == "https://sctapi.ftqq.com/SCT12ab.send" and sc.payload() == b"title=T+S01E02&desp=line"
    sc3 = build_request({"type": "serverchan", "token": "sctp1234tABC"}, m)
    assert sc3.url == "https://1234.push.ft07.com/send/sctp1234tABC.send"
    po = build_request({"type": "pushover", "user_key": "u1", "api_token": "a1"}, m)
    assert po.url == "https://api.pushover.net/1/messages.json"
    assert po.form == {
        "token": "a1",
        "user": "u1",
        "title": "T S01E02",
        "message": "line",
        "url": "https://ab.example.org/posters/p.jpg",
    }
    assert po.send_headers() == {"Content-Type": "application/x-www-form-urlencoded"}
    # ServerChan and WeCom answer HTTP 200 also when they refuse: their code says.
    assert read_answer(sc, 200, b'{"code":0,"message":"","data":{"pushid":"1"}}') is None
    assert read_answer(sc, 200, b'{"code":40001,"message":"bad pushkey"}') == (
        "ServerChan answered code 40001",
        "Server酱返回错误码 40001",
    )
    assert read_answer(sc, 200, b"<html>") == ("the service gave no confirmation", "服务没有确认收到")
    assert read_answer(po, 200, b"") is None and read_answer(po, 400, b"") == ("HTTP 400", "HTTP 400")
    tg = build_request({"type": "telegram", "token": "1:a", "chat_id": "9"}, m)
    assert read_answer(tg, 200, b'{"ok":false}') is not None and read_answer(tg, 200, b'{"ok":true}') is None
    assert tg.url == "https://api.telegram.org/bot1:a/sendMessage"
    for bad in (
        {"type": "telegram", "token": "1:a"},
        {"type": "gotify", "token": "t"},
        {"type": "discord", "webhook_url": "https://example.com/nothing"},
        {"type": "bark"},
        {"type": "webhook"},
        {"type": "ntfy"},
        {"type": "wecom"},
        {"type": "gotify", "token": "t", "server_url": "ftp://g.example.org"},
    ):
        with pytest.raises(ProviderError) as exc:
            build_request(bad, m)
        assert exc.value.msg_en and exc.value.msg_zh


async def test_every_builtin_type_sends_its_exact_request(
    ready: Server, http: aiohttp.ClientSession, rx: Receiver
) -> None:
    r = await _test_config(
        ready,
        http,
        {"type": "telegram", "token": GOOD_TELEGRAM, "chat_id": "42", "server_url": rx.base + "/tg"},
    )
    assert r["success"] is True and r["message_zh"]
    [tg] = rx.at(f"/tg/bot{GOOD_TELEGRAM}/sendMessage")
    assert tg.body == _json_bytes(
        {"chat_id": "42", "text": f"AutoBangumi\n{TEST_TEXT}", "disable_notification": True}
    )
    assert tg.headers["Content-Type"] == "application/json"

    r = await _test_config(
        ready, http, {"type": "gotify", "token": "gtoken", "server_url": rx.base + "/gotify/"}
    )
    assert r["success"] is True
    [g] = rx.at("/gotify/message")
    assert g.headers["X-Gotify-Key"] == "gtoken" and g.query == {}  # the token never in the URL
    assert g.json() == {"title": "AutoBangumi", "message": TEST_TEXT, "priority": 5}

    r = await _test_config(ready, http, {"type": "ntfy", "chat_id": "anime", "server_url": rx.base + "/ntfy"})
    assert r["success"] is True
    assert rx.at("/ntfy/")[0].json() == {"topic": "anime", "title": "AutoBangumi", "message": TEST_TEXT}

    r = await _test_config(
        ready, http, {"type": "bark", "device_key": "dk1", "server_url": rx.base + "/bark"}
    )
    assert r["success"] is True
    assert rx.at("/bark/push")[0].json() == {"title": "AutoBangumi", "body": TEST_TEXT, "device_key": "dk1"}

    hook = rx.base + "/discord/api/webhooks/11/tok"
    r = await _test_config(ready, http, {"type": "discord", "webhook_url": hook})
    assert r["success"] is True
    assert rx.at("/discord/api/webhooks/11/tok")[0].json() == {
        "embeds": [{"title": "📺 AutoBangumi", "description": TEST_TEXT}]
    }

    r = await _test_config(ready, http, {"type": "wecom", "webhook_url": rx.base + "/wecom?key=K1"})
    assert r["success"] is True
    [w] = rx.at("/wecom")
    assert w.query == {"key": "K1"}
    assert w.json() == {"msgtype": "text", "text": {"content": f"AutoBangumi\n{TEST_TEXT}"}}

    template = '{"text": "{{message}}", "show": "{{title}}", "season": {{season}}}'
    r = await _test_config(ready, http, {"type": "webhook", "url": rx.base + "/hook", "template": template})
    assert r["success"] is True
    [h] = rx.at("/hook")
    assert h.body == _json_bytes({"text": TEST_TEXT, "show": "AutoBangumi", "season": None})
    assert h.headers["Content-Type"] == "application/json"

    # Failures: a bilingual message, nothing pretended.
    for body in (
        {"type": "telegram", "token": "999:bad", "chat_id": "42", "server_url": rx.base + "/tg"},
        {"type": "gotify", "token": "wrong", "server_url": rx.base + "/gotify"},
        {"type": "webhook", "url": rx.base + "/broken"},
        {"type": "wecom", "webhook_url": rx.base + "/wecom?key=wrong"},  # HTTP 200, errcode 93000
        {"type": "webhook", "url": "http://127.0.0.2:9/hook"},  # nothing listens there
        {"type": "pigeon"},
    ):
        r = await _test_config(ready, http, body)
        assert r["success"] is False and r["message_en"] and r["message_zh"], body
        assert re.search(r"[\u4e00-\u9fff]", r["message_zh"]), r  # in Chinese
    assert (
        "HTTP 401"
        in (
            await _test_config(
                ready, http, {"type": "gotify", "token": "x", "server_url": rx.base + "/gotify"}
            )
        )["message_en"]
    )


async def test_episodes_carry_an_absolute_poster_url(
    ready: Server, http: aiohttp.ClientSession, rx: Receiver
) -> None:
    providers = [
        {
            "type": "telegram",
            "enabled": True,
            "token": GOOD_TELEGRAM,
            "chat_id": "7",
            "server_url": rx.base + "/tg",
        },
        {"type": "gotify", "enabled": False, "token": "gtoken", "server_url": rx.base + "/gotify"},
        {"type": "webhook", "enabled": True, "url": rx.base + "/hook"},
        {"type": "bark", "enabled": True, "device_key": "dk", "server_url": rx.base + "/bark"},
    ]
    status, _ = await _patch(
        ready,
        http,
        {
            "notification": {
                "enable": True,
                "providers": providers,
                "base_url": "https://ab.example.org/anime/",
            }
        },
    )
    assert status == 200
    async with http.post(ready.api + "/notification/test", json={"provider_index": 1}) as resp:
        assert (await resp.json())["success"] is True and len(rx.at("/hook")) == 1  # among *enabled* ones
    async with http.post(ready.api + "/notification/test", json={"provider_index": 5}) as resp:
        assert (await resp.json())["success"] is False
    rx.received.clear()

    ctx = _ctx(ready)
    (ctx.paths.posters_dir / "p1.jpg").write_bytes(b"\xff\xd8poster")
    results = await ctx.notifier.episode(
        official_title='葬送的"芙莉莲"', season=1, episode=5, poster_link="posters/p1.jpg"
    )
    assert [r.success for r in results] == [True, True, True]
    [photo] = rx.at(f"/tg/bot{GOOD_TELEGRAM}/sendPhoto")
    assert photo.form == {
        "chat_id": "7",
        "caption": '葬送的"芙莉莲" S01E05\n葬送的"芙莉莲"\n第 1 季 第 5 集 / Season 1, episode 5',
        "disable_notification": "true",
        "photo": b"\xff\xd8poster",
    }
    # AutoBangumi's default webhook body, the title's quotes escaped, the poster URL absolute.
    [hook] = rx.at("/hook")
    assert (
        hook.body
        == (
            '{"title": "葬送的\\"芙莉莲\\"", "season": 1, "episode": 5, '
            '"poster_url": "https://ab.example.org/anime/posters/p1.jpg"}'
        ).encode()
    )
    assert rx.at("/bark/push")[0].json()["icon"] == "https://ab.example.org/anime/posters/p1.jpg"
    assert not rx.at("/gotify/message")  # disabled

    rx.received.clear()
    half = await ctx.notifier.episode(official_title="X", season=1, episode=12.5)
    assert all(r.success for r in half)
    assert rx.at(f"/tg/bot{GOOD_TELEGRAM}/sendMessage")[0].json()["text"].startswith("X S01E12.5\n")
    assert rx.at("/hook")[0].json() == {"title": "X", "season": 1, "episode": 12.5, "poster_url": ""}


async def test_the_default_poster_base_is_this_machine(ready: Server) -> None:
    notifier = _ctx(ready).notifier
    url = notifier.poster_url("posters/abc.jpg")
    assert url is not None and re.fullmatch(r"http://[^/]+:7892/posters/abc\.jpg", url), url
    assert (
        notifier.poster_url("https://image.tmdb.org/t/p/w780/x.jpg")
        == "https://image.tmdb.org/t/p/w780/x.jpg"
    )
    assert notifier.poster_url(None) is None


async def test_bad_notification_settings_are_refused(ready: Server, http: aiohttp.ClientSession) -> None:
    for bad in (
        {"base_url": "ftp://files.example.org"},
        {"base_url": "https://ab.example.org/?x=1"},
        {"base_url": "not a url"},
        {"digest_minutes": -1},
        {"digest_minutes": 24 * 60 + 1},
    ):
        status, body = await _patch(ready, http, {"notification": bad})
        assert status == 422, (bad, body)
        assert "notification." in body["msg_en"] and "notification." in body["msg_zh"]
    async with http.get(ready.api + "/config/get") as resp:
        n = (await resp.json())["notification"]
    assert n["base_url"] == "" and n["digest_minutes"] == 0


@pytest.mark.parametrize("kind", ["http", "socks5"])
async def test_messages_go_through_the_proxy(
    ready: Server, http: aiohttp.ClientSession, rx: Receiver, kind: str
) -> None:
    proxy: HttpProxy | Socks5Proxy = HttpProxy("u", "p") if kind == "http" else Socks5Proxy("u", "p")
    await proxy.start()
    try:
        status, _ = await _patch(
            ready,
            http,
            {
                "proxy": {
                    "enable": True,
                    "type": kind,
                    "host": "127.0.0.1",
                    "port": proxy.port,
                    "username": "u",
                    "password": "p",
                }
            },
        )
        assert status == 200
        r = await _test_config(
            ready,
            http,
            {"type": "telegram", "token": GOOD_TELEGRAM, "chat_id": "5", "server_url": rx.base + "/tg"},
        )
        assert r["success"] is True, r
        r = await _test_config(ready, http, {"type": "webhook", "url": rx.base + "/hook"})
        assert r["success"] is True, r
        assert len(rx.at(f"/tg/bot{GOOD_TELEGRAM}/sendMessage")) == 1 and len(rx.at("/hook")) == 1
        port = rx.base.rsplit(":", 1)[1]
        if kind == "http":
            assert proxy.targets == [f"{rx.base}/tg/bot{GOOD_TELEGRAM}/sendMessage", f"{rx.base}/hook"]
            # The proxy's credentials ride to the proxy only, never on to the receiver.
            assert all("Proxy-Authorization" not in r.headers for r in rx.received)
        else:
            assert proxy.targets == [f"127.0.0.2:{port}", f"127.0.0.2:{port}"]
        # A proxy that refuses us: the message fails, it does not go around the proxy.
        status, _ = await _patch(ready, http, {"proxy": {"password": "wrong"}})
        rx.received.clear()
        r = await _test_config(ready, http, {"type": "webhook", "url": rx.base + "/hook"})
        assert r["success"] is False and rx.received == [] and proxy.refused >= 1
    finally:
        await proxy.stop()


async def test_wizard_test_notification_sends(
    server: Server, http: aiohttp.ClientSession, rx: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AB_TELEGRAM_API_BASE", rx.base + "/tg")
    async with http.post(
        server.api + "/setup/test-notification",
        json={"type": "telegram", "token": GOOD_TELEGRAM, "chat_id": "99"},
    ) as resp:
        body = await resp.json()
    assert body["success"] is True
    assert rx.at(f"/tg/bot{GOOD_TELEGRAM}/sendMessage")[0].json()["chat_id"] == "99"
    async with http.post(
        server.api + "/setup/test-notification",
        json={"type": "telegram", "token": "1:wrong", "chat_id": "99"},
    ) as resp:
        body = await resp.json()
    assert body["success"] is False and body["message_zh"]
    async with http.post(
        server.api + "/setup/test-notification", json={"type": "gotify", "token": "x"}
    ) as resp:
        assert (await resp.json())["success"] is False


async def test_apprise_urls_are_sent_by_apprise(
    ready: Server, http: aiohttp.ClientSession, rx: Receiver, tmp_path: Path
) -> None:
    # Apprise's own `json://` service, to the stand-in: a generic URL really goes through Apprise.
    url = rx.base.replace("http://", "json://") + "/apprise"
    r = await _test_config(ready, http, {"type": "apprise", "url": url})
    assert r["success"] is True, r
    [got] = rx.at("/apprise")
    assert got.json()["title"] == "AutoBangumi" and got.json()["message"] == TEST_TEXT
