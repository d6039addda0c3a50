"""AB_DATABASE_URL that cannot work ends the start with one bilingual line and status 2 (real
processes), and the store keeps every declared length on a real PostgreSQL server."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from autobangumi_app.server import start_serve
from autobangumi_daemon.paths import AppPaths
from tests.cli.procs import CLI, assert_refused, install_env, run
from tests.helpers import TEST_POLICY, Server, complete_setup, login, new_session
from tests.pgcluster import PG_PASSWORD, pg_cluster


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def silent_port() -> AsyncIterator[int]:
    """A server that accepts connections and never says a word."""
    held: list[asyncio.StreamWriter] = []

    async def hold(_r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        held.append(w)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    yield int(server.sockets[0].getsockname()[1])
    for w in held:
        w.close()
    server.close()


def _needs_asyncpg() -> None:
    pytest.importorskip("asyncpg", reason="the PostgreSQL driver is installed with the dev extras")


async def _refused(tmp: Path, url: str, *words: str, **extra: str) -> None:
    env = install_env(tmp, AB_DATABASE_URL=url, **extra)
    for argv in (["serve"], ["daemon"], ["token", "list"]):
        result = await run([*CLI, *argv], env)
        assert_refused(result, *words)
        assert "pw-secret" not in result.err and "pw-secret" not in result.out, result.err


async def test_urls_that_cannot_work_are_one_line(tmp_path: Path) -> None:
    await _refused(tmp_path, "foo+bar://u:pw-secret@h/db", "AB_DATABASE_URL")
    await _refused(tmp_path, "mysql+aiomysql://u:pw-secret@db.example/ab", "AB_DATABASE_URL", "aiomysql")
    (tmp_path / "db-is-a-dir").mkdir()
    await _refused(tmp_path, "sqlite+aiosqlite:///" + str(tmp_path / "db-is-a-dir"), "folder")
    await _refused(tmp_path, "postgresql+asyncpg://u:pw-secret@127.0.0.1:notaport/db", "AB_DATABASE_URL")


async def test_a_server_that_is_not_there_is_one_line(tmp_path: Path, silent_port: int) -> None:
    _needs_asyncpg()
    port = _closed_port()
    await _refused(tmp_path, f"postgresql+asyncpg://u:pw-secret@127.0.0.1:{port}/ab", "cannot be opened")
    await _refused(tmp_path, "postgresql+asyncpg://u:pw-secret@no-such-host.invalid/ab", "cannot be opened")
    await _refused(
        tmp_path,
        f"postgresql+asyncpg://u:pw-secret@127.0.0.1:{silent_port}/ab",
        "did not answer within 2 s",
        AB_DATABASE_TIMEOUT="2",
    )


# -- a real PostgreSQL ------------------------------------------------------------------


@pytest.fixture(scope="module")
def postgres() -> Iterator[int]:
    import asyncpg  # noqa: F401  (a dev dependency: the store's PostgreSQL driver)

    with pg_cluster() as port:
        yield port


async def test_a_wrong_password_is_one_line(tmp_path: Path, postgres: int) -> None:
    await _refused(
        tmp_path, f"postgresql+asyncpg://ab:pw-secret@127.0.0.1:{postgres}/postgres", "cannot be opened"
    )


async def test_long_text_fits_every_column_on_postgresql(
    tmp_path: Path, postgres: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 100 KB title, group and a long feed name go through a refresh into rules and items."""
    monkeypatch.setenv(
        "AB_DATABASE_URL", f"postgresql+asyncpg://ab:{PG_PASSWORD}@127.0.0.1:{postgres}/postgres"
    )
    monkeypatch.setenv("AB_FEED_HOST_GAP", "0")
    title = "[" + "组" * 300 + "] " + "很长的标题 Long Title " * 5000 + " - 01 [1080p]"
    assert len(title.encode()) > 100_000
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>' + "频道" * 400 + "</title>"
        f"<item><title>{title}</title><link>http://127.0.0.2/v/1</link>"
        '<enclosure type="application/x-bittorrent" url="magnet:?xt=urn:btih:' + "cd" * 20 + '"/></item>'
        "</channel></rss>"
    ).encode()

    async def feed(_: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/feed", feed)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.2", 0).start()
    url = f"http://127.0.0.2:{runner.addresses[0][1]}/feed"
    paths = AppPaths(tmp_path / "config", tmp_path / "data")
    running = await start_serve(paths, "127.0.0.1", 0, "127.0.0.1:0", TEST_POLICY)
    server = Server(running, paths)
    try:
        async with new_session() as http:
            await complete_setup(server, http)
            await login(server, http)
            await _ok(
                http, "POST", server.api + "/rss/add", json={"url": url, "aggregate": True, "parser": "mikan"}
            )
            await _ok(http, "GET", server.api + "/rss/refresh/all")
            feeds = await _ok(http, "GET", server.api + "/rss")
            assert feeds[0]["connection_status"] == "healthy", feeds
            assert len(feeds[0]["name"]) == 512  # cut to its column, whole characters
            items = await _ok(http, "GET", server.api + f"/rss/torrent/{feeds[0]['id']}")
            assert len(items) == 1 and items[0]["name"] == " ".join(title.split())  # Text: kept whole
            rules = await _ok(http, "GET", server.api + "/bangumi/get/all")
            assert rules, "the aggregate feed makes a rule from the long title"
            for rule in rules:
                assert len(rule["official_title"]) <= 512 and len(rule["title_raw"]) <= 512
                assert rule["group_name"] is None or len(rule["group_name"]) <= 255
            # A user's edit with a 100 KB title is stored too.
            if rules:
                rid = rules[0]["id"]
                await _ok(
                    http, "PATCH", server.api + f"/bangumi/update/{rid}", json={"official_title": title}
                )
                got = await _ok(http, "GET", server.api + f"/bangumi/get/{rid}")
                assert got["official_title"] == title[:512]
    finally:
        await running.stop()
        await runner.cleanup()


async def _ok(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, (url, resp.status, (await resp.text())[:500])
        return await resp.json()
