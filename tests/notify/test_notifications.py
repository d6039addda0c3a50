"""Notifications really sent through Apprise to local stand-ins of Telegram, Gotify, ntfy and a webhook."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from autobangumi_daemon.notify import ProviderError, provider_url
from tests.helpers import Server

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "upstreams"


@dataclass
class Upstreams:
    base: str
    received: list[tuple[str, Any]] = field(default_factory=list)

    def of(self, prefix: str) -> list[Any]:
        return [body for path, body in self.received if path.startswith(prefix)]


@pytest.fixture
async def upstreams() -> AsyncIterator[Upstreams]:
    app = web.Application()
    state = Upstreams("")

    async def telegram(request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        if token != "123:good":
            return web.json_response(
                json.loads((FIXTURES / "telegram" / "error_401.json").read_text()), status=401
            )
        if method == "sendPhoto":
            form = await request.post()
            photo = form["photo"]
            body: dict[str, Any] = {
                "chat_id": form["chat_id"],
                "caption": form["caption"],
                "photo": photo.file.read() if hasattr(photo, "file") else photo,
            }
            reply = FIXTURES / "telegram" / "send_photo.json"
        else:
            body = await request.json()
            reply = FIXTURES / "telegram" / "send_message.json"
        state.received.append((f"telegram/{method}", body))
        return web.Response(body=reply.read_bytes(), content_type="application/json")

    async def gotify(request: web.Request) -> web.Response:
        key = request.headers.get("X-Gotify-Key") or request.query.get("token")
        if key != "gtoken":
            return web.Response(
                body=(FIXTURES / "gotify" / "error_401.json").read_bytes(),
                status=401,
                content_type="application/json",
            )
        state.received.append(("gotify", await request.json()))
        return web.Response(
            body=(FIXTURES / "gotify" / "message.json").read_bytes(), content_type="application/json"
        )

    async def ntfy(request: web.Request) -> web.Response:
        raw = await request.read()
        try:
            body: Any = json.loads(raw)
        except ValueError:
            body = {"message": raw.decode(), "title": request.headers.get("X-Title", "")}
        state.received.append(("ntfy", body))
        return web.Response(
            body=(FIXTURES / "ntfy" / "publish.json").read_bytes(), content_type="application/json"
        )

    async def hook(request: web.Request) -> web.Response:
        state.received.append(("hook", json.loads(await request.read())))
        return web.json_response({"ok": True})

    app.router.add_post("/tg/bot{token}/{method}", telegram)
    app.router.add_post("/gotify/message", gotify)
    app.router.add_post("/", ntfy)
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    state.base = f"http://127.0.0.1:{port}"
    yield state
    await runner.cleanup()


def test_provider_urls() -> None:
    assert provider_url({"type": "telegram", "token": "1:a", "chat_id": "42"}) == "tgram://1:a/42"
    assert provider_url(
        {"type": "telegram", "token": "1:a", "chat_id": "42", "server_url": "http://h:81/tg"}
    ) == ("abtgram://h:81/tg/?bot=1%3Aa&chat=42&ssl=no")
    assert provider_url({"type": "discord", "webhook_url": "https://discord.com/api/webhooks/11/tok"}) == (
        "discord://11/tok"
    )
    assert provider_url({"type": "bark", "device_key": "dk"}) == "barks://api.day.app/dk"
    assert provider_url({"type": "server-chan", "token": "SCT1"}) == "schan://SCT1"
    assert provider_url(
        {"type": "wecom", "webhook_url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K1"}
    ) == ("wecombot://K1")
    assert (
        provider_url({"type": "gotify", "server_url": "http://g.lan:8080", "token": "t"})
        == "gotify://g.lan:8080/t"
    )
    assert provider_url({"type": "pushover", "user_key": "u", "api_token": "a"}) == "pover://u@a"
    assert (
        provider_url({"type": "ntfy", "server_url": "https://ntfy.sh", "chat_id": "ab"})
        == "ntfys://ntfy.sh/ab"
    )
    assert (
        provider_url({"type": "apprise", "url": "mailto://user:pw@example.com"})
        == "mailto://user:pw@example.com"
    )
    assert provider_url({"type": "webhook", "url": "http://h/x"}).startswith("abhook://h/x/?ssl=no")
    for bad in (
        {"type": "telegram", "token": "1:a"},
        {"type": "gotify", "token": "t"},
        {"type": "carrier-pigeon"},
        {"type": "discord", "webhook_url": "https://example.com/nothing"},
    ):
        with pytest.raises(ProviderError) as exc:
            provider_url(bad)
        assert exc.value.msg_en and exc.value.msg_zh


async def _test_config(server: Server, http: aiohttp.ClientSession, body: dict[str, Any]) -> dict[str, Any]:
    async with http.post(server.api + "/notification/test-config", json=body) as resp:
        assert resp.status == 200
        return await resp.json()  # type: ignore[no-any-return]


async def test_test_config_really_sends(
    ready: Server, http: aiohttp.ClientSession, upstreams: Upstreams
) -> None:
    r = await _test_config(
        ready,
        http,
        {"type": "telegram", "token": "123:good", "chat_id": "42", "server_url": upstreams.base + "/tg"},
    )
    assert r["success"] is True and r["message_zh"]
    [msg] = upstreams.of("telegram/sendMessage")
    assert msg["chat_id"] == "42" and "test notification" in msg["text"]

    r = await _test_config(
        ready, http, {"type": "gotify", "token": "gtoken", "server_url": upstreams.base + "/gotify"}
    )
    assert r["success"] is True
    assert len(upstreams.of("gotify")) == 1

    r = await _test_config(ready, http, {"type": "ntfy", "chat_id": "anime", "server_url": upstreams.base})
    assert r["success"] is True
    [note] = upstreams.of("ntfy")
    assert note["topic"] == "anime" and "test notification" in note["message"]

    r = await _test_config(
        ready,
        http,
        {
            "type": "webhook",
            "url": upstreams.base + "/hook",
            "template": '{"text": {{message}}, "show": {{title}}}',
        },
    )
    assert r["success"] is True
    [hook] = upstreams.of("hook")
    assert "test notification" in hook["text"] and hook["show"] == "AutoBangumi"

    r = await _test_config(
        ready,
        http,
        {"type": "telegram", "token": "999:bad", "chat_id": "42", "server_url": upstreams.base + "/tg"},
    )
    assert r["success"] is False and r["message_en"] and r["message_zh"]
    r = await _test_config(ready, http, {"type": "gotify", "token": "t", "server_url": "http://127.0.0.1:9"})
    assert r["success"] is False
    r = await _test_config(ready, http, {"type": "pigeon"})
    assert r["success"] is False and "Unknown" in r["message_en"]


async def test_saved_providers_and_one_message_per_episode(
    ready: Server, http: aiohttp.ClientSession, upstreams: Upstreams
) -> None:
    providers = [
        {
            "type": "telegram",
            "enabled": True,
            "token": "123:good",
            "chat_id": "7",
            "server_url": upstreams.base + "/tg",
        },
        {"type": "gotify", "enabled": False, "token": "gtoken", "server_url": upstreams.base + "/gotify"},
        {"type": "webhook", "enabled": True, "url": upstreams.base + "/hook"},
    ]
    async with http.patch(
        ready.api + "/config/update", json={"notification": {"enable": True, "providers": providers}}
    ) as r:
        assert r.status == 200, await r.text()
    async with http.post(ready.api + "/notification/test", json={"provider_index": 1}) as resp:
        body = await resp.json()
    assert body["success"] is True and len(upstreams.of("hook")) == 1  # index among *enabled* providers
    async with http.post(ready.api + "/notification/test", json={"provider_index": 5}) as resp:
        assert (await resp.json())["success"] is False
    upstreams.received.clear()

    assert ready.running.daemon is not None and ready.running.daemon.ctx is not None
    ctx = ready.running.daemon.ctx
    (ctx.paths.posters_dir / "p1.jpg").write_bytes(b"\xff\xd8poster")
    results = await ctx.notifier.episode(
        official_title="葬送的芙莉莲", season=1, episode=5, poster_link="posters/p1.jpg"
    )
    assert [r.success for r in results] == [True, True]
    [photo] = upstreams.of("telegram/sendPhoto")
    assert (
        photo["chat_id"] == "7"
        and "葬送的芙莉莲 S01E05" in photo["caption"]
        and photo["photo"] == b"\xff\xd8poster"
    )
    [hook] = upstreams.of("hook")
    assert hook["title"] == "葬送的芙莉莲" and hook["season"] == 1 and hook["episode"] == 5
    assert hook["poster_url"] == "posters/p1.jpg"
    assert not upstreams.of("gotify")  # disabled provider
    half = await ctx.notifier.episode(official_title="X", season=1, episode=12.5)
    assert all(r.success for r in half)
    assert "X S01E12.5" in upstreams.of("telegram/sendMessage")[0]["text"]


async def test_wizard_test_notification_sends(
    server: Server, http: aiohttp.ClientSession, upstreams: Upstreams, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AB_TELEGRAM_API_BASE", upstreams.base + "/tg")
    async with http.post(
        server.api + "/setup/test-notification",
        json={"type": "telegram", "token": "123:good", "chat_id": "99"},
    ) as resp:
        body = await resp.json()
    assert body["success"] is True
    assert upstreams.of("telegram/sendMessage")[0]["chat_id"] == "99"
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
