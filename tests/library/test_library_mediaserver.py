"""Jellyfin, Emby and Plex asked to scan one folder: local fakes on 127.0.0.1 record the exact
requests (method, path, query, headers, body) the real servers' APIs take."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

from autobangumi_daemon.library.mediaserver import MediaServer, MediaServers, servers_from_config

FOLDER = "/media/anime/葬送的芙莉莲 (2023)/Season 1"


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


@dataclass
class Fake:
    url: str
    seen: list[Seen] = field(default_factory=list)
    status: int = 204


PLEX_SECTIONS: dict[str, Any] = {
    "MediaContainer": {
        "Directory": [
            {"key": "1", "type": "movie", "Location": [{"id": 1, "path": "/media/films"}]},
            {"key": "2", "type": "show", "Location": [{"id": 2, "path": "/media"}]},
            {"key": "3", "type": "show", "Location": [{"id": 3, "path": "/media/anime"}]},
        ]
    }
}


@pytest.fixture
async def fake() -> AsyncIterator[Fake]:
    box: list[Fake] = []

    async def record(request: web.Request) -> web.StreamResponse:
        me = box[0]
        me.seen.append(
            Seen(
                request.method, request.path, dict(request.query), dict(request.headers), await request.read()
            )
        )
        if me.status >= 400:
            return web.Response(status=me.status)
        if request.path == "/library/sections":
            return web.json_response(PLEX_SECTIONS)
        return web.Response(status=me.status if request.method == "POST" else 200)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", record)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    box.append(Fake(f"http://127.0.0.1:{port}"))
    try:
        yield box[0]
    finally:
        await runner.cleanup()


async def test_jellyfin_gets_library_media_updated(fake: Fake) -> None:
    res = await MediaServers().scan([MediaServer("jellyfin", fake.url, "jf-token")], FOLDER)
    assert res == {f"jellyfin {fake.url}": "ok"}
    [req] = fake.seen
    assert (req.method, req.path) == ("POST", "/Library/Media/Updated")
    assert req.headers["Authorization"] == 'MediaBrowser Token="jf-token"'
    assert req.headers["Content-Type"] == "application/json"
    assert json.loads(req.body) == {"Updates": [{"Path": FOLDER, "UpdateType": "Created"}]}


@pytest.mark.parametrize("suffix", ["", "/emby"])
async def test_emby_gets_the_same_call_under_emby(fake: Fake, suffix: str) -> None:
    res = await MediaServers().scan([MediaServer("emby", fake.url + suffix, "emby-token")], FOLDER)
    assert list(res.values()) == ["ok"]
    [req] = fake.seen
    assert (req.method, req.path) == ("POST", "/emby/Library/Media/Updated")
    assert req.headers["X-Emby-Token"] == "emby-token" and "Authorization" not in req.headers
    assert json.loads(req.body) == {"Updates": [{"Path": FOLDER, "UpdateType": "Created"}]}


async def test_plex_refreshes_the_section_holding_the_folder(fake: Fake) -> None:
    res = await MediaServers().scan([MediaServer("plex", fake.url, "plex-token")], FOLDER)
    assert list(res.values()) == ["ok"]
    listing, refresh = fake.seen
    assert (listing.method, listing.path) == ("GET", "/library/sections")
    assert listing.headers["X-Plex-Token"] == "plex-token"
    assert listing.headers["Accept"] == "application/json"
    # /media/anime is the longest location holding the folder: section 3, not 2.
    assert (refresh.method, refresh.path) == ("GET", "/library/sections/3/refresh")
    assert refresh.query == {"path": FOLDER, "X-Plex-Token": "plex-token"}


async def test_plex_without_a_matching_section_sends_no_refresh(fake: Fake) -> None:
    res = await MediaServers().scan([MediaServer("plex", fake.url, "t")], "/elsewhere/Show/Season 1")
    assert "no library section holds /elsewhere/Show/Season 1" in next(iter(res.values()))
    assert [s.path for s in fake.seen] == ["/library/sections"]


async def test_failures_are_logged_once_per_server_and_never_raise(
    fake: Fake, caplog: pytest.LogCaptureFixture
) -> None:
    servers = MediaServers()
    down = MediaServer("jellyfin", "http://127.0.0.1:9", "t")  # nothing listens on port 9
    fake.status = 401
    refusing = MediaServer("emby", fake.url, "wrong")
    with caplog.at_level(logging.INFO, logger="autobangumi_daemon.library.mediaserver"):
        for _ in range(3):
            res = await servers.scan([down, refusing], FOLDER)
            assert res[refusing.key] == "HTTP 401" and res[down.key] != "ok"
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert sorted(r.args[0] for r in warnings) == sorted([down.key, refusing.key])  # type: ignore[index]
        fake.status = 204
        assert (await servers.scan([refusing], FOLDER))[refusing.key] == "ok"
        assert any("answers again" in r.getMessage() for r in caplog.records)
    assert len(fake.seen) == 4  # every scan was tried; only the logging is once


def test_servers_from_config_keeps_enabled_known_ones() -> None:
    got = servers_from_config(
        {
            "servers": [
                {"type": "Jellyfin", "url": "http://jf:8096/", "token": "a", "enabled": True},
                {"type": "plex", "url": "http://plex:32400", "token": "b", "enabled": False},
                {"type": "kodi", "url": "http://kodi", "token": "c", "enabled": True},
                {"type": "emby", "url": "", "token": "d", "enabled": True},
            ]
        }
    )
    assert got == [MediaServer("jellyfin", "http://jf:8096", "a")]
