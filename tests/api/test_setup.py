"""The first-run wizard: status, tests with SSRF refusals, completion, then 403 everywhere."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from tests.helpers import PASSWORD, USERNAME, Server, complete_setup, login

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "upstreams"
MIKAN_RSS = (FIXTURES / "mikan" / "bangumi_rss.xml").read_bytes()


@pytest.fixture
async def upstream() -> AsyncIterator[str]:
    """A fake public site on 127.0.0.2 (public under the test policy), with redirects."""
    app = web.Application()
    state: dict[str, str] = {}

    async def feed(_: web.Request) -> web.Response:
        return web.Response(body=MIKAN_RSS, content_type="application/xml")

    async def html(_: web.Request) -> web.Response:
        return web.Response(text="<html><body>SECRET-INTERNAL-PAGE</body></html>", content_type="text/html")

    async def to_private(_: web.Request) -> web.Response:
        raise web.HTTPFound(state["private"])

    async def to_feed(_: web.Request) -> web.Response:
        raise web.HTTPFound("/feed.xml")

    app.router.add_get("/feed.xml", feed)
    app.router.add_get("/page", html)
    app.router.add_get("/redirect-private", to_private)
    app.router.add_get("/redirect-feed", to_feed)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.2", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    state["private"] = f"http://127.0.0.1:{port}/feed.xml"
    yield f"http://127.0.0.2:{port}"
    await runner.cleanup()


async def _post(http: aiohttp.ClientSession, url: str, body: object) -> tuple[int, dict]:  # type: ignore[type-arg]
    async with http.post(url, json=body) as resp:
        return resp.status, await resp.json()


async def test_fresh_install_needs_setup_and_has_no_default_password(
    server: Server, http: aiohttp.ClientSession
) -> None:
    async with http.get(server.api + "/setup/status") as resp:
        assert await resp.json() == {"need_setup": True, "version": "0.1.0"}
    async with http.get(server.api + "/status") as resp:
        status = await resp.json()
    assert status["first_run"] is True and status["status"] is False and status["state"] == "setup"
    for user, pw in (("admin", "adminadmin"), ("admin", "admin")):
        async with http.post(server.api + "/auth/login", data={"username": user, "password": pw}) as resp:
            assert resp.status == 401


async def test_test_rss_reads_a_public_feed(
    server: Server, http: aiohttp.ClientSession, upstream: str
) -> None:
    status, body = await _post(http, server.api + "/setup/test-rss", {"url": upstream + "/feed.xml"})
    assert status == 200 and body["success"] is True
    assert body["item_count"] > 0 and body["title"]
    status, body = await _post(http, server.api + "/setup/test-rss", {"url": upstream + "/redirect-feed"})
    assert status == 200 and body["success"] is True
    status, body = await _post(http, server.api + "/setup/test-rss", {"url": upstream + "/page"})
    assert body["success"] is False and "SECRET" not in json.dumps(body)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/feed.xml",
        "http://localhost:9/feed.xml",
        "http://10.1.2.3/feed.xml",
        "http://192.168.1.1/feed.xml",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]:9/feed.xml",
        "http://[::ffff:127.0.0.1]:9/",
    ],
)
async def test_test_rss_refuses_private_targets(
    server: Server, http: aiohttp.ClientSession, url: str
) -> None:
    status, body = await _post(http, server.api + "/setup/test-rss", {"url": url})
    assert status == 422, body
    assert "private" in body["msg_en"] and body["msg_zh"]


async def test_test_rss_refuses_redirect_to_private_and_bad_schemes(
    server: Server, http: aiohttp.ClientSession, upstream: str
) -> None:
    status, body = await _post(http, server.api + "/setup/test-rss", {"url": upstream + "/redirect-private"})
    assert status == 422 and "private" in body["msg_en"]
    for url in ("file:///etc/passwd", "gopher://127.0.0.2/", "ftp://example.com/x"):
        status, body = await _post(http, server.api + "/setup/test-rss", {"url": url})
        assert status == 422 and "http/https" in body["msg_en"]


async def test_test_downloader_does_not_echo_a_foreign_server(
    server: Server, http: aiohttp.ClientSession, upstream: str
) -> None:
    host = upstream.removeprefix("http://")
    status, body = await _post(
        http,
        server.api + "/setup/test-downloader",
        {"type": "qbittorrent", "host": host + "/page", "username": "a", "password": "b", "ssl": False},
    )
    assert status == 200 and body["success"] is False
    assert "SECRET" not in json.dumps(body)
    status, body = await _post(
        http,
        server.api + "/setup/test-downloader",
        {"type": "qbittorrent", "host": "127.0.0.1:9", "username": "a", "password": "b"},
    )
    assert body["success"] is False and body["message_en"] and body["message_zh"]


async def test_test_notification_refuses_incomplete_settings(
    server: Server, http: aiohttp.ClientSession
) -> None:
    # Successful sending is covered in tests/notify (it needs a stand-in Telegram API).
    for bad in (
        {"type": "pigeon", "token": "x"},
        {"type": "telegram", "token": "", "chat_id": "1"},
        {"type": "telegram", "token": "1:a", "chat_id": ""},
    ):
        status, body = await _post(http, server.api + "/setup/test-notification", bad)
        assert status == 200 and body["success"] is False and body["message_zh"]


async def test_bad_completion_is_non_2xx_and_changes_nothing(
    server: Server, http: aiohttp.ClientSession
) -> None:
    before = server.paths.config_file.read_bytes()
    for bad in (
        {"username": "ab", "password": "long-enough-1"},
        {"username": "tester", "password": "short"},
        {"username": "tester", "password": "long-enough-1", "downloader_type": "utorrent"},
    ):
        body = {"downloader_host": "127.0.0.1:8080", **bad}
        status, err = await _post(http, server.api + "/setup/complete", body)
        assert status == 422, err
        assert err["msg_en"] and err["msg_zh"]
    assert server.paths.config_file.read_bytes() == before
    assert not server.paths.setup_sentinel.exists()
    async with http.get(server.api + "/setup/status") as resp:
        assert (await resp.json())["need_setup"] is True


async def test_complete_then_every_setup_endpoint_is_403(
    server: Server, http: aiohttp.ClientSession, upstream: str
) -> None:
    await complete_setup(
        server,
        http,
        rss_url=upstream + "/feed.xml",
        notification_enable=True,
        notification_token="1:abc",
        notification_chat_id="99",
        downloader_api_key=" qbt_setupkey ",
    )
    disk = json.loads(server.paths.config_file.read_text())
    assert disk["downloader"]["host"] == "127.0.0.1:8080"
    assert disk["downloader"]["api_key"] == "qbt_setupkey"  # qBittorrent 5.2's key, trimmed
    assert disk["notification"]["providers"][0]["token"] == "1:abc"
    async with http.get(server.api + "/setup/status") as resp:
        assert (await resp.json())["need_setup"] is False
    for path, body in (
        ("test-downloader", {"type": "qbittorrent", "host": "127.0.0.1:9"}),
        ("test-rss", {"url": upstream + "/feed.xml"}),
        ("test-notification", {"type": "telegram", "token": "1:a", "chat_id": "1"}),
        ("complete", {"username": "attacker", "password": "attacker-pw-1"}),
    ):
        status, err = await _post(http, server.api + f"/setup/{path}", body)
        assert status == 403, (path, err)
        assert err["msg_en"] == "Setup already completed."
    await login(server, http)
    async with http.get(server.api + "/rss") as resp:
        feeds = await resp.json()
    assert len(feeds) == 1 and feeds[0]["url"] == upstream + "/feed.xml"
    assert feeds[0]["aggregate"] is True and feeds[0]["name"]
    async with http.get(server.api + "/status") as resp:
        status = await resp.json()
    assert status["first_run"] is False and status["status"] is True and status["state"] == "running"
    async with (
        aiohttp.ClientSession() as s,
        s.post(server.api + "/auth/login", data={"username": USERNAME, "password": PASSWORD}) as resp,
    ):
        assert resp.status == 200
