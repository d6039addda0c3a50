"""The same behaviour checked against real qBittorrent, Transmission and aria2 daemons.

Torrents are made from files already in the save path, so they complete by hash check alone,
without any peer. Where a client lacks a capability the test checks that it says so.
"""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from autobangumi_daemon.adapters.downloaders import (
    AuthFailed,
    Capabilities,
    Conflict,
    Downloader,
    TorrentInfo,
    Unreachable,
    Unsupported,
    make_downloader,
)

from .conftest import Daemon, TorrentServer, free_port, wait_until
from .torrentmaker import make_torrent, make_virtual_torrent

KINDS = ["qbittorrent", "transmission", "aria2"]
DAEMON_FIXTURE = {"qbittorrent": "qbt_daemon", "transmission": "tr_daemon", "aria2": "aria2_daemon"}


def settings(kind: str, d: Daemon, **over: object) -> dict[str, object]:
    base: dict[str, object] = {
        "type": kind,
        "host": d.host,
        "username": d.username,
        "password": d.password,
        "ssl": False,
        "path": str(d.save_dir),
    }
    base.update(over)
    return base


@pytest.fixture(params=KINDS)
async def env(request: pytest.FixtureRequest) -> AsyncIterator[tuple[Downloader, Daemon]]:
    daemon: Daemon = request.getfixturevalue(DAEMON_FIXTURE[request.param])
    dl = make_downloader(settings(request.param, daemon), timeout=10)
    yield dl, daemon
    await dl.close()


def new_dir(d: Daemon) -> Path:
    p = d.save_dir / f"t-{uuid.uuid4().hex[:10]}"
    p.mkdir()
    return p


def write(path: Path, size: int = 200_000) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = os.urandom(size)
    path.write_bytes(data)
    return data


async def one(dl: Downloader, h: str) -> TorrentInfo | None:
    items = await dl.list_torrents(hashes=[h])
    return items[0] if items else None


async def wait_complete(dl: Downloader, h: str) -> TorrentInfo:
    async def done() -> bool:
        t = await one(dl, h)
        return t is not None and t.progress >= 1.0

    await wait_until(done, what=f"{h} complete")
    info = await one(dl, h)
    assert info is not None
    return info


async def add_single(dl: Downloader, d: Daemon, name: str = "ep01.mkv", tags: tuple[str, ...] = ("ab:7",)):
    sub = new_dir(d)
    payload = write(sub / name)
    torrent, h = make_torrent(sub / name)
    assert await dl.add(torrent, save_path=str(sub), category="Bangumi", tags=tags) == h
    return sub, h, payload


async def test_check_and_capabilities(env: tuple[Downloader, Daemon]) -> None:
    dl, _ = env
    version = await dl.check()
    assert version
    assert Capabilities.ADD_FILE in dl.capabilities


async def test_add_file_completes_and_lists_like_qbittorrent(env: tuple[Downloader, Daemon]) -> None:
    dl, d = env
    sub, h, _ = await add_single(dl, d)
    info = await wait_complete(dl, h)
    assert info.name == "ep01.mkv"
    assert info.category == "Bangumi"
    assert "ab:7" in info.tags
    assert info.save_path.rstrip("/") == str(sub)
    assert info.size == 200_000
    item = info.as_qb_dict()
    for key in ("hash", "name", "size", "progress", "dlspeed", "upspeed", "num_seeds", "num_leechs",
                "state", "eta", "category", "save_path", "added_on", "tags", "completion_on"):  # fmt: skip
        assert key in item
    assert item["tags"] == "ab:7"
    assert any(t.hash == h for t in await dl.list_torrents(category="Bangumi"))
    assert any(t.hash == h for t in await dl.list_torrents(tag="ab:7"))
    assert not any(t.hash == h for t in await dl.list_torrents(category="BangumiCollection"))
    # Adding the same torrent again is not an error and returns the same hash.
    torrent, _ = make_torrent(sub / "ep01.mkv")
    assert await dl.add(torrent, save_path=str(sub), category="Bangumi", tags=["ab:7"]) == h
    assert len(await dl.list_torrents(hashes=[h])) == 1


async def test_add_magnet(env: tuple[Downloader, Daemon]) -> None:
    dl, d = env
    _, h = make_virtual_torrent(f"magnet-{uuid.uuid4().hex[:6]}")
    magnet = f"magnet:?xt=urn:btih:{h}&dn=test"
    sub = new_dir(d)
    assert await dl.add(magnet, save_path=str(sub), category="Bangumi", tags=["ab:3"]) == h

    async def listed() -> bool:
        return await one(dl, h) is not None

    await wait_until(listed, what="magnet listed")
    info = await one(dl, h)
    assert info is not None and info.progress < 1.0 and info.category == "Bangumi"
    await dl.delete([h], delete_files=True)
    await wait_until(lambda: _absent(dl, h), what="magnet deleted")


async def _absent(dl: Downloader, h: str) -> bool:
    return await one(dl, h) is None


async def test_add_by_url(env: tuple[Downloader, Daemon], torrent_server: TorrentServer) -> None:
    dl, d = env
    sub = new_dir(d)
    write(sub / "url.mkv")
    torrent, h = make_torrent(sub / "url.mkv")
    url = torrent_server.publish(torrent)
    got = await dl.add(url, save_path=str(sub), category="Bangumi", tags=["ab:9"])
    assert got in (h, None)
    info = await wait_complete(dl, h)
    assert info.category == "Bangumi" and "ab:9" in info.tags


async def test_foreign_torrents_are_invisible_and_untouchable(env: tuple[Downloader, Daemon]) -> None:
    dl, d = env
    sub = new_dir(d)
    write(sub / "users.mkv")
    torrent, h = make_torrent(sub / "users.mkv")
    # The user's own torrent, added without a category or an ab: tag.
    if dl.kind == "aria2":
        await dl._call("aria2.addTorrent", base64.b64encode(torrent).decode(), [], {"dir": str(sub)})  # type: ignore[attr-defined]
    else:
        await dl.add(torrent, save_path=str(sub), category="", tags=())
    await _sleep(1.0)
    assert await dl.list_torrents(hashes=[h]) == []
    assert all(t.hash != h for t in await dl.list_torrents())
    await dl.delete([h], delete_files=True)
    await _sleep(0.5)
    assert (sub / "users.mkv").exists(), "the user's data must survive"
    if dl.kind == "aria2":
        everything = await dl._all()  # type: ignore[attr-defined]
        assert any(x.get("infoHash") == h for x in everything)
        for x in everything:
            if x.get("infoHash") == h and x.get("status") in ("active", "waiting", "paused"):
                await dl._call("aria2.forceRemove", x["gid"])  # type: ignore[attr-defined]


async def _sleep(s: float) -> None:
    import asyncio

    await asyncio.sleep(s)


async def test_files_and_rename_multi_file(env: tuple[Downloader, Daemon]) -> None:
    dl, d = env
    sub = new_dir(d)
    root = sub / "Show S01"
    write(root / "ep01.mkv", 100_000)
    write(root / "ep02.mkv", 120_000)
    write(root / "extras" / "op.mkv", 50_000)
    torrent, h = make_torrent(root)
    assert await dl.add(torrent, save_path=str(sub), category="BangumiCollection", tags=["ab:11"]) == h
    await wait_complete(dl, h)
    files = await dl.get_files(h)
    names = sorted(f.name for f in files)
    assert names == ["Show S01/ep01.mkv", "Show S01/ep02.mkv", "Show S01/extras/op.mkv"]
    assert all(f.progress == 1.0 for f in files)
    if Capabilities.RENAME_FILE not in dl.capabilities:
        with pytest.raises(Unsupported) as ei:
            await dl.rename_file(h, "Show S01/ep01.mkv", "Show S01/Show S01E01.mkv")
        assert ei.value.msg_en and ei.value.msg_zh
        return
    await dl.rename_file(h, "Show S01/ep01.mkv", "Show S01/Show S01E01.mkv")
    await dl.rename_file(h, "Show S01/extras/op.mkv", "Show S01/extras/OP.mkv")

    async def renamed() -> bool:
        names = {f.name for f in await dl.get_files(h)}
        return "Show S01/Show S01E01.mkv" in names and "Show S01/extras/OP.mkv" in names

    await wait_until(renamed, what="rename visible")
    assert (root / "Show S01E01.mkv").is_file() and not (root / "ep01.mkv").exists()
    assert (root / "extras" / "OP.mkv").is_file()
    # Refused: the name already exists inside the torrent. Nothing changes.
    ep02 = (root / "ep02.mkv").read_bytes()
    before = (root / "Show S01E01.mkv").read_bytes()
    with pytest.raises(Conflict) as ei:
        await dl.rename_file(h, "Show S01/ep02.mkv", "Show S01/Show S01E01.mkv")
    assert ei.value.msg_en and ei.value.msg_zh
    assert (root / "Show S01E01.mkv").read_bytes() == before
    assert (root / "ep02.mkv").read_bytes() == ep02


async def test_rename_refuses_file_on_disk_and_other_torrents_file(env: tuple[Downloader, Daemon]) -> None:
    dl, d = env
    sub = new_dir(d)
    a = write(sub / "a.mkv")
    b = write(sub / "b.mkv")
    stray = write(sub / "stray.mkv", 1000)
    ta, ha = make_torrent(sub / "a.mkv")
    tb, hb = make_torrent(sub / "b.mkv")
    await dl.add(ta, save_path=str(sub), category="Bangumi", tags=["ab:1"])
    await dl.add(tb, save_path=str(sub), category="Bangumi", tags=["ab:1"])
    await wait_complete(dl, ha)
    await wait_complete(dl, hb)
    if Capabilities.RENAME_FILE not in dl.capabilities:
        with pytest.raises(Unsupported):
            await dl.rename_file(ha, "a.mkv", "x.mkv")
        return
    # A file no torrent knows about.
    with pytest.raises(Conflict):
        await dl.rename_file(ha, "a.mkv", "stray.mkv")
    assert (sub / "stray.mkv").read_bytes() == stray
    # A file of another torrent (qBittorrent 4.5 would silently overwrite it).
    await dl.rename_file(ha, "a.mkv", "x.mkv")
    await wait_until(lambda: _has_file(dl, ha, "x.mkv"), what="a renamed")
    with pytest.raises(Conflict):
        await dl.rename_file(hb, "b.mkv", "x.mkv")
    assert (sub / "x.mkv").read_bytes() == a
    assert (sub / "b.mkv").read_bytes() == b


async def _has_file(dl: Downloader, h: str, name: str) -> bool:
    return any(f.name == name for f in await dl.get_files(h))


async def test_move(env: tuple[Downloader, Daemon]) -> None:
    dl, d = env
    sub, h, payload = await add_single(dl, d, "move.mkv")
    await wait_complete(dl, h)
    dest = new_dir(d)
    if Capabilities.MOVE not in dl.capabilities:
        with pytest.raises(Unsupported):
            await dl.move([h], str(dest))
        return
    await dl.move([h], str(dest))

    async def moved() -> bool:
        t = await one(dl, h)
        return (
            t is not None
            and t.save_path.rstrip("/") == str(dest)
            and (dest / "move.mkv").is_file()
            and not (sub / "move.mkv").exists()
        )

    await wait_until(moved, what="moved")
    assert (dest / "move.mkv").read_bytes() == payload


async def test_pause_and_resume(env: tuple[Downloader, Daemon]) -> None:
    dl, d = env
    # Data that exists nowhere: the torrent stays incomplete and active, so pause is visible.
    torrent, h = make_virtual_torrent(f"pause-{uuid.uuid4().hex[:6]}.mkv")
    sub = new_dir(d)
    await dl.add(torrent, save_path=str(sub), category="Bangumi", tags=["ab:5"])
    await wait_until(lambda: _state_is(dl, h, paused=False), what="running")
    await dl.pause([h])
    await wait_until(lambda: _state_is(dl, h, paused=True), what="paused")
    await dl.resume([h])
    await wait_until(lambda: _state_is(dl, h, paused=False), what="resumed")
    await dl.delete([h], delete_files=True)


async def _state_is(dl: Downloader, h: str, *, paused: bool) -> bool:
    t = await one(dl, h)
    return t is not None and t.paused == paused


@pytest.mark.parametrize("delete_files", [False, True])
async def test_delete(env: tuple[Downloader, Daemon], delete_files: bool) -> None:
    dl, d = env
    sub = new_dir(d)
    root = sub / "Multi"
    write(root / "e1.mkv", 50_000)
    write(root / "e2.mkv", 50_000)
    torrent, h = make_torrent(root)
    await dl.add(torrent, save_path=str(sub), category="Bangumi", tags=["ab:2"])
    await wait_complete(dl, h)
    await dl.delete([h], delete_files=delete_files)
    await wait_until(lambda: _absent(dl, h), what="deleted from client")

    async def files_state() -> bool:
        exists = (root / "e1.mkv").exists() or (root / "e2.mkv").exists()
        return exists != delete_files

    await wait_until(files_state, limit=10, what="files on disk")
    if not delete_files:
        assert (root / "e1.mkv").is_file() and (root / "e2.mkv").is_file()


async def test_set_category_and_add_tags(env: tuple[Downloader, Daemon]) -> None:
    dl, d = env
    _, h, _ = await add_single(dl, d, "cat.mkv")
    await wait_complete(dl, h)
    if Capabilities.SET_CATEGORY not in dl.capabilities:
        with pytest.raises(Unsupported):
            await dl.set_category([h], "BangumiCollection")
        with pytest.raises(Unsupported):
            await dl.add_tags([h], ["ab:8"])
        return
    await dl.set_category([h], "BangumiCollection")
    await dl.add_tags([h], ["ab:8", "extra"])
    t = await one(dl, h)
    assert t is not None
    assert t.category == "BangumiCollection"
    assert {"ab:7", "ab:8", "extra"} <= set(t.tags)


async def test_wrong_password(env: tuple[Downloader, Daemon]) -> None:
    _, d = env
    bad = make_downloader(settings(env[0].kind, d, password="wrong-password"), timeout=5)
    try:
        with pytest.raises(AuthFailed) as ei:
            await bad.check()
        assert ei.value.msg_en and ei.value.msg_zh
        with pytest.raises(AuthFailed):
            await bad.list_torrents()
    finally:
        await bad.close()


async def test_nothing_listening(env: tuple[Downloader, Daemon]) -> None:
    _, d = env
    dl = make_downloader(settings(env[0].kind, d, host=f"127.0.0.1:{free_port()}"), timeout=5)
    try:
        with pytest.raises(Unreachable) as ei:
            await dl.check()
        assert ei.value.msg_en and ei.value.msg_zh
    finally:
        await dl.close()


async def test_daemon_down_then_restarted_mid_session(env: tuple[Downloader, Daemon]) -> None:
    dl, d = env
    _, h, _ = await add_single(dl, d, "survivor.mkv")
    await wait_complete(dl, h)
    d.stop()
    try:
        with pytest.raises(Unreachable):
            await dl.list_torrents()
    finally:
        d.start()
    # Same adapter object: the next call reconnects (and re-logs in) by itself.
    await wait_until(lambda: _present(dl, h), limit=30, what="torrent back after restart")
    assert await dl.check()


async def _present(dl: Downloader, h: str) -> bool:
    return await one(dl, h) is not None
