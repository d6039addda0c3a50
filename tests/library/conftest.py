"""A qbittorrent-nox of the library tests' own (separate from the downloader suite's), and helpers
to seed it with finished torrents whose data already sits in the save path."""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import qbittorrentapi

from autobangumi_daemon.adapters.downloaders import make_downloader
from autobangumi_daemon.adapters.downloaders.base import Downloader
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.models import Bangumi
from tests.downloaders.conftest import Daemon, make_qbittorrent, wait_until
from tests.downloaders.torrentmaker import make_torrent
from tests.helpers import Server


@pytest.fixture(scope="session")
def lib_qbt_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_qbittorrent(tmp_path_factory.mktemp("libqbt"))
    d.start()
    yield d
    d.stop()


def _raw_client(d: Daemon) -> qbittorrentapi.Client:
    return qbittorrentapi.Client(host=f"http://{d.host}", username=d.username, password=d.password)


@pytest.fixture
def lib_qbt(lib_qbt_session: Daemon) -> Iterator[Daemon]:
    """The session's qBittorrent, emptied after each test (every test has a fresh database, so a
    leftover `ab:1` torrent would otherwise belong to the next test's rule 1)."""
    yield lib_qbt_session
    client = _raw_client(lib_qbt_session)
    with contextlib.suppress(Exception):
        client.torrents_delete(torrent_hashes="all", delete_files=False)
    client.auth_log_out()


@dataclass
class Lib:
    """One test's view: the daemon's context, its HTTP session and a client of our own."""

    server: Server
    http: aiohttp.ClientSession
    qbt: Daemon
    dl: Downloader
    root: Path

    @property
    def ctx(self) -> AppContext:
        assert self.server.running.daemon is not None and self.server.running.daemon.ctx is not None
        return self.server.running.daemon.ctx

    async def rule(self, title: str, **fields: Any) -> int:
        async with self.ctx.db.begin() as s:
            row = Bangumi(official_title=title, title_raw=fields.pop("title_raw", title), **fields)
            s.add(row)
            await s.flush()
            return int(row.id)

    async def add(
        self,
        save: Path,
        files: dict[str, bytes],
        *,
        name: str | None = None,
        category: str = "Bangumi",
        tags: tuple[str, ...] = (),
    ) -> str:
        """Add a finished torrent: its data is written into `save` first, as qBittorrent would
        have it after downloading with AutoBangumi's NoSubfolder layout."""
        stage = self.root / ".stage" / uuid.uuid4().hex
        if len(files) == 1 and name is None:
            ((rel, data),) = files.items()
            src = stage / rel
            src.parent.mkdir(parents=True, exist_ok=True)
            src.write_bytes(data)
            torrent, h = make_torrent(src)
        else:
            top = stage / (name or "pack")
            for rel, data in files.items():
                (top / rel).parent.mkdir(parents=True, exist_ok=True)
                (top / rel).write_bytes(data)
            torrent, h = make_torrent(top)
        for rel, data in files.items():
            (save / rel).parent.mkdir(parents=True, exist_ok=True)
            (save / rel).write_bytes(data)
        shutil.rmtree(stage)
        await self.dl.add(torrent, save_path=str(save), category=category, tags=tags, no_subfolder=True)
        client = _raw_client(self.qbt)

        async def complete() -> bool:
            info = client.torrents_info(torrent_hashes=h)
            return bool(info) and float(str(info[0]["progress"])) >= 1.0

        await wait_until(complete, what=f"torrent {h} complete")
        return h

    def info(self, h: str) -> dict[str, Any]:
        items = _raw_client(self.qbt).torrents_info(torrent_hashes=h)
        return dict(items[0]) if items else {}

    async def preview(self, **query: str | int) -> list[dict[str, Any]]:
        async with self.http.get(self.server.api + "/bangumi/rename/preview", params=query) as resp:
            assert resp.status == 200, await resp.text()
            body = await resp.json()
        return list(body["items"])

    async def run(self) -> dict[str, Any]:
        async with self.http.post(self.server.api + "/bangumi/rename/run") as resp:
            assert resp.status == 200, await resp.text()
            return dict(await resp.json())


class FakeNotifier:
    """Stands in for ctx.notifier: records every episode message it is asked to send."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, int, float | int, str | None]] = []

    async def episode(
        self, *, official_title: str, season: int, episode: float | int, poster_link: str | None = None
    ) -> list[object]:
        self.sent.append((official_title, season, episode, poster_link))
        return []

    async def close(self) -> None:
        """The daemon's stop sends what a notifier holds back; this one holds nothing."""


@pytest.fixture
async def lib(ready: Server, http: aiohttp.ClientSession, lib_qbt: Daemon) -> AsyncIterator[Lib]:
    root = lib_qbt.save_dir / f"lib-{uuid.uuid4().hex[:8]}"
    root.mkdir()
    body = {
        "downloader": {"type": "qbittorrent", "host": lib_qbt.host, "username": lib_qbt.username,
                       "password": lib_qbt.password, "path": str(root)},
        "bangumi_manage": {"enable": True, "rename_method": "pn", "rename_template": "",
                           "remove_bad_torrent": False},
    }  # fmt: skip
    async with http.patch(ready.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()
    # The scheduled run must not race the tests' own runs: stop the program's jobs (a manual
    # run works whether the program runs or not).
    async with http.get(ready.api + "/stop") as resp:
        assert resp.status == 200
    dl = make_downloader({"type": "qbittorrent", "host": lib_qbt.host, "username": lib_qbt.username,
                          "password": lib_qbt.password})  # fmt: skip
    lib = Lib(ready, http, lib_qbt, dl, root)
    lib.ctx.notifier = FakeNotifier()  # type: ignore[assignment]
    try:
        yield lib
    finally:
        await dl.close()


def listing(folder: Path) -> set[str]:
    """Every file below `folder`, relative, `/`-separated."""
    return {str(p.relative_to(folder)).replace(os.sep, "/") for p in folder.rglob("*") if p.is_file()}
