"""The open setup wizard: it stays closed while an account exists (whatever happened to
config/.setup_complete), and its downloader test is no port scanner or password oracle."""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator, Iterator

import aiohttp
import pytest
from aiohttp import web

from autobangumi_daemon.services.setup_service import DOWNLOADER_TEST_LIMIT
from tests.downloaders.conftest import Daemon, make_aria2
from tests.helpers import PASSWORD, USERNAME, Server, complete_setup, login, new_session
from tests.security.sechelp import bilingual, cli

INTRUDER = {"username": "intruder", "password": "intruder-pass-1", "downloader_host": "127.0.0.1:8080"}


async def _post(http: aiohttp.ClientSession, url: str, body: object) -> tuple[int, dict[str, object]]:
    async with http.post(url, json=body) as resp:
        return resp.status, await resp.json()


async def _setup_closed(server: Server, http: aiohttp.ClientSession) -> None:
    async with http.get(server.api + "/setup/status") as resp:
        assert (await resp.json())["need_setup"] is False
    status, body = await _post(http, server.api + "/setup/complete", INTRUDER)
    assert status == 403
    bilingual(body)
    status, _ = await _post(http, server.api + "/setup/test-downloader", {"host": "127.0.0.1:9"})
    assert status == 403
    async with new_session() as s:
        form = {"username": "intruder", "password": "intruder-pass-1"}
        async with s.post(server.api + "/auth/login", data=form) as resp:
            assert resp.status == 401


async def test_losing_the_setup_marker_does_not_reopen_the_wizard(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    marker = ready.paths.setup_sentinel
    marker.unlink()
    await _setup_closed(ready, http)  # while running
    await ready.restart()
    await _setup_closed(ready, http)  # and after a restart, which puts the marker back
    assert marker.exists()
    assert "setup stays complete" in ready.paths.log_file.read_text()
    async with new_session() as s:
        await login(ready, s)  # the owner's account is untouched


async def test_an_account_made_by_the_cli_closes_the_wizard_at_once(
    server: Server, http: aiohttp.ClientSession
) -> None:
    async with http.get(server.api + "/setup/status") as resp:
        assert (await resp.json())["need_setup"] is True
    await cli(server, "user", "set-password", "--username", USERNAME, stdin=(PASSWORD + "\n").encode())
    server.paths.setup_sentinel.unlink(missing_ok=True)
    await _setup_closed(server, http)


# -- the downloader test ------------------------------------------------------------------


@pytest.fixture(scope="module")
def aria2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_aria2(tmp_path_factory.mktemp("aria2"))
    d.start()
    yield d
    d.stop()


@pytest.fixture
async def web_page() -> AsyncIterator[str]:
    """An open port that is a web server, but no downloader."""

    async def page(request: web.Request) -> web.Response:
        return web.Response(text="<html>router admin</html>", content_type="text/html")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", page)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"127.0.0.1:{port}"
    await runner.cleanup()


@pytest.fixture
def silent_port() -> Iterator[str]:
    """A port that accepts connections and never says a word."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield f"127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


def _closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{sock.getsockname()[1]}"


async def test_one_answer_for_every_failure_and_a_time_bound(
    server: Server, http: aiohttp.ClientSession, aria2: Daemon, web_page: str, silent_port: str
) -> None:
    url = server.api + "/setup/test-downloader"
    answers = {}
    took = {}
    for name, host, password in (
        ("closed", _closed_port(), aria2.password),
        ("web page", web_page, aria2.password),
        ("silent", silent_port, aria2.password),
        ("wrong password", aria2.host, "wrong-secret"),
    ):
        start = time.monotonic()
        status, body = await _post(http, url, {"type": "aria2", "host": host, "password": password})
        took[name] = time.monotonic() - start
        answers[name] = (status, body)
    first = next(iter(answers.values()))
    assert all(answer == first for answer in answers.values()), answers
    status, body = first
    assert status == 200 and body["success"] is False
    assert body["message_en"] and body["message_zh"] != body["message_en"]
    # A silent port is answered within the bound, not the client's own patience.
    assert took["silent"] < DOWNLOADER_TEST_LIMIT + 2.0, took
    assert took["silent"] - took["closed"] < DOWNLOADER_TEST_LIMIT + 1.0, took
    # The real success message stays.
    status, body = await _post(http, url, {"type": "aria2", "host": aria2.host, "password": aria2.password})
    assert status == 200 and body["success"] is True
    assert str(body["message_en"]).startswith("Connected to aria2")
    # Input errors (nothing contacted) keep their own message.
    status, body = await _post(http, url, {"type": "aria2", "host": " "})
    assert body["success"] is False and "address" in str(body["message_en"]).lower()


async def test_failed_downloader_tests_are_throttled_like_logins(
    server: Server, http: aiohttp.ClientSession
) -> None:
    url = server.api + "/setup/test-downloader"
    closed = {"type": "qbittorrent", "host": _closed_port()}
    for _ in range(5):
        status, body = await _post(http, url, closed)
        assert status == 200 and body["success"] is False
    status, body = await _post(http, url, closed)
    assert status == 429
    bilingual(body)
    # The same lockout as a login: it holds for the login as well.
    await complete_setup(server, http)
    async with new_session() as s:
        form = {"username": USERNAME, "password": PASSWORD}
        async with s.post(server.api + "/auth/login", data=form) as resp:
            assert resp.status == 429


async def test_the_wizard_is_open_on_a_fresh_install(server: Server) -> None:
    """The counterpart: with no account, the wizard works as before."""
    async with new_session() as http:
        async with http.get(server.api + "/setup/status") as resp:
            assert (await resp.json())["need_setup"] is True
        await complete_setup(server, http)
        await _setup_closed(server, http)
