"""The setup wizard's connection test, against the real daemons and against impostors."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from autobangumi_daemon.adapters.downloaders import probe

from .conftest import Daemon, free_port

SECRET_MARKER = "s3cr3t-intranet-page-content"
KINDS = {"qbittorrent": "qbt_daemon", "transmission": "tr_daemon", "aria2": "aria2_daemon"}


@pytest.fixture
async def html_server() -> AsyncIterator[str]:
    """A plain web server that answers every request with an HTML page (200)."""

    async def page(request: web.Request) -> web.Response:
        await request.read()
        html = f"<html><body>Router admin {SECRET_MARKER} Ok. Fails. banned</body></html>"
        return web.Response(text=html, content_type="text/html")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", page)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"127.0.0.1:{port}"
    await runner.cleanup()


def _assert_bilingual(r: probe.ProbeResult) -> None:
    assert r.message_en and r.message_zh and r.message_en != r.message_zh


@pytest.mark.parametrize("kind", list(KINDS))
async def test_success(kind: str, request: pytest.FixtureRequest) -> None:
    d: Daemon = request.getfixturevalue(KINDS[kind])
    r = await probe.test_connection(kind, d.host, d.username, d.password, False)
    assert r.success, r
    assert r.reason == "ok"
    _assert_bilingual(r)


@pytest.mark.parametrize("kind", list(KINDS))
async def test_wrong_password(kind: str, request: pytest.FixtureRequest) -> None:
    d: Daemon = request.getfixturevalue(KINDS[kind])
    r = await probe.test_connection(kind, d.host, d.username, "definitely-wrong", False)
    assert not r.success
    assert r.reason == "auth_failed"
    _assert_bilingual(r)


@pytest.mark.parametrize("kind", list(KINDS))
async def test_not_that_server_never_echoes_the_page(kind: str, html_server: str) -> None:
    r = await probe.test_connection(kind, html_server, "admin", "adminadmin", False)
    assert not r.success
    assert r.reason == "not_that_server"
    assert SECRET_MARKER not in r.message_en + r.message_zh
    assert "Router" not in r.message_en
    _assert_bilingual(r)


@pytest.mark.parametrize("kind", list(KINDS))
async def test_unreachable_port(kind: str) -> None:
    r = await probe.test_connection(kind, f"127.0.0.1:{free_port()}", "admin", "x", False)
    assert not r.success
    assert r.reason == "unreachable"
    _assert_bilingual(r)


async def test_wrong_kind_of_downloader(tr_daemon: Daemon) -> None:
    r = await probe.test_connection("qbittorrent", tr_daemon.host, "admin", "x", False)
    assert r.reason == "not_that_server"


async def test_tls_to_a_plain_http_port(qbt_daemon: Daemon) -> None:
    r = await probe.test_connection(
        "qbittorrent", qbt_daemon.host, qbt_daemon.username, qbt_daemon.password, True
    )
    assert not r.success
    assert r.reason == "tls_error"
    _assert_bilingual(r)


@pytest.mark.parametrize("host", ["ftp://127.0.0.1:21", "", "http://", "file:///etc/passwd"])
async def test_invalid_addresses(host: str) -> None:
    r = await probe.test_connection("qbittorrent", host, "a", "b", False)
    assert not r.success and r.reason == "invalid"


async def test_unknown_type() -> None:
    r = await probe.test_connection("utorrent", "127.0.0.1:1", "a", "b", False)
    assert not r.success and r.reason == "unsupported_type"
