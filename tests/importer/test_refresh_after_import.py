"""After an import, a refresh with a real qBittorrent downloads nothing AutoBangumi had already
downloaded, while a new episode of an imported rule is downloaded (so the refresh really ran)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from autobangumi_app.server import start_serve
from autobangumi_daemon.adapters.downloaders.qbittorrent import QBittorrent
from autobangumi_daemon.importer import import_install, locate_install
from autobangumi_daemon.paths import AppPaths
from tests.downloaders.conftest import Daemon, make_qbittorrent
from tests.feeds.fakes import FakeMikan, fixture
from tests.helpers import TEST_POLICY, Server, login, new_session
from tests.importer.installs import AB_PASSWORD, AB_USER, VERSIONS, copy_install

# The host AutoBangumi's fake Mikan had when the installs were made: every stored item URL
# names it. Nothing listens there in these tests, and nothing needs to: those items are known.
RECORDED = "http://127.0.0.1:19898"
NEW_HASH = "ab" * 20
NEW_TITLE = "[MingY] 小市民系列 第二季 / Shoushimin Series S2 [19][1080p][简繁日内封]"
# Another release of episode 18, which AutoBangumi had already downloaded.
OTHER_HASH = "cd" * 20
OTHER_RELEASE = "[MingY] 小市民系列 第二季 / Shoushimin Series S2 [18][1080p][繁日内封]"


class MikanAsRecorded(FakeMikan):
    """The feeds the installs were made from, with their items' URLs as AutoBangumi stored
    them, plus one new episode served by this fake."""

    def _rewrite(self, body: bytes) -> bytes:
        return body.replace(b"https://mikanani.me", RECORDED.encode())

    async def mybangumi(self, request: web.Request) -> web.Response:
        body = self._rewrite(fixture("mikan/mybangumi.xml"))
        extra = "".join(self.extra_items).replace("https://mikanani.me", self.base)
        body = body.replace(b"</channel>", extra.encode() + b"</channel>")
        self._index(body)
        return self.feed_response(request, body)

    async def bangumi_feed(self, request: web.Request) -> web.Response:
        name = (
            "mikan/bangumi_rss_2022.xml"
            if request.query.get("bangumiId") == "2777"
            else "mikan/bangumi_rss.xml"
        )
        return self.feed_response(request, self._rewrite(fixture(name)))


@pytest.fixture(scope="module")
def qbt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_qbittorrent(tmp_path_factory.mktemp("import-qbt"))
    d.start()
    yield d
    d.stop()


@pytest.fixture
async def mikan() -> AsyncIterator[MikanAsRecorded]:
    site = MikanAsRecorded()
    await site.start()
    yield site
    await site.stop()


def _torrents(database: Path) -> dict[int, tuple[Any, ...]]:
    conn = sqlite3.connect(database)
    try:
        rows = conn.execute("SELECT id, url, status, downloaded, bangumi_id FROM torrent").fetchall()
    finally:
        conn.close()
    return {r[0]: tuple(r[1:]) for r in rows}


@pytest.mark.parametrize("version", VERSIONS)
async def test_refresh_downloads_only_what_autobangumi_had_not(
    tmp_path: Path, version: str, qbt: Daemon, mikan: MikanAsRecorded
) -> None:
    paths = AppPaths(tmp_path / "ours" / "config", tmp_path / "ours" / "data")
    src = copy_install(version, tmp_path)
    # AutoBangumi's downloader, as a real install has it: the real qBittorrent and its folder.
    save_root = qbt.save_dir / f"{tmp_path.name}-{version}"
    ab_config = json.loads((src / "config" / "config.json").read_text(encoding="utf-8"))
    ab_config["downloader"].update(
        type="qbittorrent", host=qbt.host, username=qbt.username, password=qbt.password, path=str(save_root)
    )
    (src / "config" / "config.json").write_text(json.dumps(ab_config, ensure_ascii=False), encoding="utf-8")
    await import_install(locate_install(src, None, None), paths)
    # The feeds now live at the fake (same paths and queries); the downloader is the real one.
    with sqlite3.connect(paths.database_file) as conn:
        conn.execute("UPDATE rssitem SET url = replace(url, ?, ?)", (RECORDED, mikan.base))
    conn.close()
    config = json.loads(paths.config_file.read_text())
    config["network"]["mikan_base_url"] = mikan.base
    paths.config_file.write_text(json.dumps(config, ensure_ascii=False))
    before = _torrents(paths.database_file)
    mikan.add_item(NEW_TITLE, NEW_HASH)
    mikan.add_item(OTHER_RELEASE, OTHER_HASH)

    server = Server(await start_serve(paths, "127.0.0.1", 0, "127.0.0.1:0", TEST_POLICY), paths)
    qb = QBittorrent(qbt.host, qbt.username, qbt.password)
    try:
        async with new_session() as http:
            await login(server, http, AB_USER, AB_PASSWORD)
            async with http.get(server.api + "/rss/refresh/all") as resp:
                assert resp.status == 200, await resp.text()
        assert mikan.hits["/RSS/MyBangumi"] >= 1 and mikan.hits["/RSS/Bangumi"] >= 1
        ours = [t for t in await qb.list_torrents() if t.save_path.startswith(str(save_root))]
        # Only the new episode reached qBittorrent (its .torrent is the fake's, named by title).
        assert [t.name for t in ours] == [NEW_TITLE.replace("/", " ") + ".mkv"], [t.name for t in ours]
        after = _torrents(paths.database_file)
        for tid, row in before.items():
            assert after[tid] == row, tid  # every imported record as it was: none sent again
        new = {tid: row for tid, row in after.items() if tid not in before}
        downloaded = [row for row in new.values() if row[1] == "downloaded"]
        assert [row[0] for row in downloaded] == [f"{mikan.base}/Download/20250601/{NEW_HASH}.torrent"]
        assert downloaded[0][3] == 12  # the imported rule 小市民系列 S2
        (other,) = [row for row in new.values() if row[0].endswith(f"{OTHER_HASH}.torrent")]
        assert other[1] == "superseded" and other[3] == 12, other
        # The other new rows are the six items AutoBangumi's filters had dropped (it stored none
        # of them): filtered here too, or waiting for a rule (the archived 2022 show), none sent.
        others = sorted(row[1] for row in new.values() if row not in downloaded and row != other)
        assert len(others) == 6 and set(others) <= {"filtered", "pending"}, others
    finally:
        await qb.close()
        await server.running.stop()
