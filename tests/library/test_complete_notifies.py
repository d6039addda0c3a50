"""Finished downloads announced where nothing is renamed (notification.on_complete), with a real
qBittorrent and a real aria2 (which cannot rename): once per torrent, also across a restart,
never for what was already complete when the setting was turned on, never for a user's own
torrent, and not where the renamer notifies."""

from __future__ import annotations

import os
import stat
import uuid
from collections.abc import AsyncIterator, Iterator

import aiohttp
import pytest

from autobangumi_daemon.adapters.downloaders import make_downloader
from autobangumi_daemon.db.models import Bangumi, Torrent
from autobangumi_daemon.jobs import daemon_jobs
from autobangumi_daemon.notify import Notifier
from autobangumi_daemon.notify.completion import STATE_FILE, CompletionNotices
from tests.downloaders.conftest import Daemon, make_aria2, wait_until
from tests.downloaders.torrentmaker import make_torrent
from tests.helpers import Server
from tests.notify.receivers import Receiver, receiver

from .conftest import Lib


@pytest.fixture
async def rx() -> AsyncIterator[Receiver]:
    async with receiver() as r:
        yield r


@pytest.fixture(scope="module")
def aria2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_aria2(tmp_path_factory.mktemp("a2notify"))
    d.start()
    yield d
    d.stop()


async def _configure(lib: Lib, rx: Receiver, method: str) -> None:
    body = {
        "notification": {
            "enable": True,
            "on_complete": True,
            "base_url": "https://ab.example.org",
            "providers": [{"type": "webhook", "enabled": True, "url": rx.base + "/hook"}],
        },
        "bangumi_manage": {"rename_method": method},
    }
    async with lib.http.patch(lib.server.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()
    ctx = lib.ctx
    ctx.notifier = Notifier(ctx.config, ctx.bus, ctx.paths.posters_dir, ctx.net_policy)


async def _finished(lib: Lib, rid: int | None, n: int, *, row: bool) -> str:
    stem = f"[LoliHouse] Summer Pockets - {n:02d} [WebRip 1080p HEVC-10bit AAC]"
    save = lib.root / "夏日口袋" / "Season 1"
    tags = (f"ab:{rid}",) if rid is not None and not row else ()
    h = await lib.add(save, {f"{stem}.mkv": os.urandom(40_000)}, name=stem, tags=tags)
    if row:
        async with lib.ctx.db.begin() as s:
            s.add(
                Torrent(
                    bangumi_id=rid,
                    name=stem,
                    url=f"magnet:?xt=urn:btih:{h}",
                    qb_hash=h,
                    episode_key=f"S01E{n:02d}",
                )
            )
    return h


async def test_finished_downloads_are_announced_once(lib: Lib, rx: Receiver) -> None:
    await _configure(lib, rx, "none")
    rid = await lib.rule("夏日口袋", title_raw="Summer Pockets", poster_link="posters/sp.jpg")
    notices = CompletionNotices(lib.ctx)
    await _finished(lib, rid, 3, row=True)
    # The first look only takes note of what is already complete.
    assert await notices.check() == 0 and rx.received == []
    state = lib.ctx.paths.data_dir / STATE_FILE
    assert stat.S_IMODE(state.stat().st_mode) == 0o600

    await _finished(lib, rid, 4, row=True)
    await _finished(lib, rid, 5, row=False)  # known by its rule tag only: no episode number
    await _finished(lib, None, 6, row=False)  # the user's own torrent in our category
    assert await notices.check() == 2
    bodies = sorted((r.json() for r in rx.at("/hook")), key=lambda b: b["season"] is None)
    assert bodies == [
        {
            "title": "夏日口袋",
            "season": 1,
            "episode": 4,
            "poster_url": "https://ab.example.org/posters/sp.jpg",
        },
        {
            "title": "夏日口袋",
            "season": None,
            "episode": None,
            "poster_url": "https://ab.example.org/posters/sp.jpg",
        },
    ]
    assert await notices.check() == 0  # nothing new

    await lib.server.restart()
    await _configure(lib, rx, "none")
    assert await CompletionNotices(lib.ctx).check() == 0  # a restart sends nothing again
    assert len(rx.at("/hook")) == 2

    # Through the scheduled job, which runs after the renamer.
    await _finished(lib, rid, 7, row=True)
    [job] = [j for j in daemon_jobs(lib.ctx) if j.name == "rename"]
    await job.run()
    assert rx.at("/hook")[-1].json()["episode"] == 7 and len(rx.at("/hook")) == 3


async def test_not_where_the_renamer_notifies_or_when_off(lib: Lib, rx: Receiver) -> None:
    await _configure(lib, rx, "pn")  # qBittorrent renames: the renamer announces episodes
    rid = await lib.rule("夏日口袋", title_raw="Summer Pockets")
    notices = CompletionNotices(lib.ctx)
    assert await notices.check() == 0
    await _finished(lib, rid, 8, row=True)
    assert await notices.check() == 0
    assert not (lib.ctx.paths.data_dir / STATE_FILE).exists()
    async with lib.http.patch(
        lib.server.api + "/config/update",
        json={"notification": {"on_complete": False}, "bangumi_manage": {"rename_method": "none"}},
    ) as resp:
        assert resp.status == 200
    assert await notices.check() == 0 and rx.received == []


async def test_aria2_finished_episodes_are_announced(
    ready: Server, http: aiohttp.ClientSession, aria2: Daemon, rx: Receiver
) -> None:
    """aria2 cannot rename files, so the renamer never announces its episodes: this does."""
    save = aria2.save_dir / f"a2-{uuid.uuid4().hex[:8]}" / "夏日口袋" / "Season 1"
    body = {
        "downloader": {"type": "aria2", "host": aria2.host, "username": "",
                       "password": aria2.password, "path": str(save.parent.parent)},
        "bangumi_manage": {"rename_method": "pn"},
        "notification": {"enable": True, "on_complete": True,
                         "providers": [{"type": "webhook", "enabled": True, "url": rx.base + "/hook"}]},
    }  # fmt: skip
    async with http.patch(ready.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()
    assert ready.running.daemon is not None and ready.running.daemon.ctx is not None
    ctx = ready.running.daemon.ctx
    async with ctx.db.begin() as s:
        rule = Bangumi(official_title="夏日口袋", title_raw="Summer Pockets")
        s.add(rule)
        await s.flush()
        rid = int(rule.id)
    notices = CompletionNotices(ctx)
    assert await notices.check() == 0  # the first look: nothing of ours is complete yet

    dl = make_downloader({"type": "aria2", "host": aria2.host, "password": aria2.password})
    try:
        name = "[LoliHouse] Summer Pockets - 09 [WebRip 1080p HEVC-10bit AAC].mkv"
        save.mkdir(parents=True)
        (save / name).write_bytes(os.urandom(70_000))  # the data is there: aria2 checks and seeds it
        torrent, h = make_torrent(save / name)
        await dl.add(torrent, save_path=str(save), category="Bangumi", tags=(f"ab:{rid}",))

        async def complete() -> bool:
            return any(t.hash == h and t.completed for t in await dl.list_torrents())

        await wait_until(complete, what="aria2 torrent complete")
    finally:
        await dl.close()
    assert await notices.check() == 1
    assert [r.json()["title"] for r in rx.at("/hook")] == ["夏日口袋"]
    assert await notices.check() == 0
