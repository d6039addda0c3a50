"""Renaming with the real notifier: each renamed episode reaches a local webhook once, with its
title, season, episode and absolute poster URL, and a second run or a restart sends nothing again."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from autobangumi_daemon.notify import Notifier

from .conftest import Lib


@pytest.fixture
async def webhook() -> AsyncIterator[tuple[str, list[dict[str, Any]]]]:
    received: list[dict[str, Any]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append(json.loads(await request.read()))
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    # 127.0.0.2: a "public" host under the tests' SSRF policy (notifications follow the feeds').
    site = web.TCPSite(runner, "127.0.0.2", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.2:{port}/hook", received
    await runner.cleanup()


async def test_one_message_per_renamed_episode(lib: Lib, webhook: tuple[str, list[dict[str, Any]]]) -> None:
    url, received = webhook
    provider = {"type": "webhook", "enabled": True, "url": url}
    async with lib.http.patch(
        lib.server.api + "/config/update",
        json={
            "notification": {"enable": True, "providers": [provider], "base_url": "https://ab.example.org"}
        },
    ) as resp:
        assert resp.status == 200, await resp.text()
    ctx = lib.ctx
    # The real one, not the recorder.
    ctx.notifier = Notifier(ctx.config, ctx.bus, ctx.paths.posters_dir, ctx.net_policy)
    rid = await lib.rule("夏日口袋", title_raw="Summer Pockets", poster_link="posters/sp.jpg")
    save = lib.root / "夏日口袋" / "Season 1"
    stems = [
        f"[LoliHouse] Summer Pockets - {n:02d} [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]" for n in (3, 4)
    ]
    hashes = [
        await lib.add(save, {f"{stem}.mkv": os.urandom(70_000)}, name=stem, tags=(f"ab:{rid}",))
        for stem in stems
    ]
    await lib.run()
    poster = "https://ab.example.org/posters/sp.jpg"
    assert sorted(received, key=lambda m: m["episode"]) == [
        {"title": "夏日口袋", "season": 1, "episode": 3, "poster_url": poster},
        {"title": "夏日口袋", "season": 1, "episode": 4, "poster_url": poster},
    ]
    assert (save / "Summer Pockets S01E03.mkv").is_file() and (save / "Summer Pockets S01E04.mkv").is_file()

    await lib.run()  # nothing left to rename: nothing sent
    await lib.server.restart()
    lib.ctx.notifier = Notifier(lib.ctx.config, lib.ctx.bus, lib.ctx.paths.posters_dir, lib.ctx.net_policy)
    await lib.run()  # a restart does not resend either
    assert len(received) == 2
    assert all(h for h in hashes)
