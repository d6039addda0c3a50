"""aria2 with a session file, tried with a real aria2c: an added .torrent survives a restart
(the session entry needs aria2's own copy of the upload) and that copy does not sit in the
download folder beside the episodes; it is kept in the session file's folder instead."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from autobangumi_daemon.adapters.downloaders import make_downloader
from autobangumi_daemon.adapters.downloaders.base import Downloader

from .conftest import Daemon, make_aria2, wait_until
from .torrentmaker import make_torrent


@pytest.fixture(scope="module")
def aria2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_aria2(tmp_path_factory.mktemp("a2session"))
    d.start()
    yield d
    d.stop()


@pytest.fixture
async def dl(aria2: Daemon) -> AsyncIterator[Downloader]:
    client = make_downloader({"type": "aria2", "host": aria2.host, "password": aria2.password}, timeout=10)
    yield client
    await client.close()


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


async def complete(dl: Downloader, h: str) -> bool:
    items = await dl.list_torrents(hashes=[h])
    return bool(items) and items[0].progress >= 1.0


async def test_single_and_multi_file_survive_restart_without_torrent_in_folder(
    aria2: Daemon, dl: Downloader
) -> None:
    root = aria2.save_dir / f"s-{uuid.uuid4().hex[:8]}"
    season = root / "Show" / "Season 1"
    season.mkdir(parents=True)
    single = season / "[Grp] Show - 01 [1080p].mkv"
    single.write_bytes(os.urandom(90_000))
    pack = season / "[Grp] Show 02-03"
    (pack / "extras").mkdir(parents=True)
    (pack / "Show - 02.mkv").write_bytes(os.urandom(80_000))
    (pack / "extras" / "Show - 03.mkv").write_bytes(os.urandom(70_000))
    t1, h1 = make_torrent(single)
    t2, h2 = make_torrent(pack)
    before = files_under(root)

    assert await dl.add(t1, save_path=str(season), category="Bangumi", tags=("ab:3",)) == h1
    assert await dl.add(t2, save_path=str(season), category="Bangumi", tags=("ab:4",)) == h2
    for h in (h1, h2):
        await wait_until(lambda h=h: complete(dl, h), what=f"{h} complete")  # type: ignore[misc]
    # The data already there was verified in place, not downloaded into some other folder.
    for h in (h1, h2):
        (info,) = await dl.list_torrents(hashes=[h])
        assert info.save_path.rstrip("/") == str(season)
    names = sorted(f.name for f in await dl.get_files(h2))
    assert names == ["[Grp] Show 02-03/Show - 02.mkv", "[Grp] Show 02-03/extras/Show - 03.mkv"]

    aria2.restart()
    for h in (h1, h2):
        await wait_until(lambda h=h: complete(dl, h), limit=30, what=f"{h} back after restart")  # type: ignore[misc]
    tags = {t.hash: t.tags for t in await dl.list_torrents(hashes=[h1, h2])}
    assert tags == {h1: ("ab:3",), h2: ("ab:4",)}

    # Nothing but the episodes (and aria2's transient control files) in the download folders.
    left = {f for f in files_under(root) if not f.endswith(".aria2")}
    assert left == before
    assert not [p for p in root.rglob("*.torrent")]
    # aria2's copies of the uploads are in the session file's folder.
    assert len(list((aria2.home / "autobangumi-torrents").glob("*/*.torrent"))) == 2
    # Removing a download (files kept) drops its private copy too, and nothing else.
    await dl.delete([h1])
    await wait_until(lambda: _gone(dl, h1), what="removed")
    assert len(list((aria2.home / "autobangumi-torrents").glob("*/*.torrent"))) == 1
    assert single.is_file()


async def test_paused_add_stays_paused(aria2: Daemon, dl: Downloader) -> None:
    save = aria2.save_dir / f"p-{uuid.uuid4().hex[:8]}"
    save.mkdir()
    (save / "ep.mkv").write_bytes(os.urandom(50_000))
    torrent, h = make_torrent(save / "ep.mkv")
    await dl.add(torrent, save_path=str(save), category="Bangumi", tags=("ab:5",), paused=True)
    (info,) = await dl.list_torrents(hashes=[h])
    assert info.state.startswith("paused")
    assert info.save_path.rstrip("/") == str(save)
    await dl.resume([h])
    await wait_until(lambda: complete(dl, h), what="resumed torrent complete")
    assert files_under(save) - {"ep.mkv.aria2"} == {"ep.mkv"}


async def _gone(dl: Downloader, h: str) -> bool:
    return not await dl.list_torrents(hashes=[h])
