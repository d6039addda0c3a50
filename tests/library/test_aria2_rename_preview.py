"""aria2 cannot rename files inside a torrent, tried with a real aria2: the preview says so for
each file (in both languages) instead of promising names the run refuses with 406, and adding a
.torrent to an aria2 that keeps no session leaves no `<sha1>.torrent` copy beside the episode
(aria2's rpc-save-upload-metadata is left at its default of true, so only the adapter's
per-download option keeps the folder clean). With a session file aria2 needs that copy to keep
the download across a restart; it is then kept in the session's folder
(tests/downloaders/test_dl_aria2_session.py)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import aiohttp
import pytest

from autobangumi_daemon.adapters.downloaders import make_downloader
from autobangumi_daemon.db.models import Bangumi
from tests.downloaders.conftest import Daemon, make_aria2, wait_until
from tests.downloaders.torrentmaker import make_torrent
from tests.helpers import Server

from .conftest import listing


@pytest.fixture(scope="module")
def aria2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_aria2(tmp_path_factory.mktemp("a2preview"))
    # No session file: the setup in which the uploaded .torrent's copy is not needed.
    d.argv = [a for a in d.argv if not a.startswith(("--input-file=", "--save-session=", "--force-save"))]
    d.start()
    yield d
    d.stop()


async def test_aria2_preview_says_it_cannot_rename_and_leaves_no_torrent_file(
    ready: Server, http: aiohttp.ClientSession, aria2: Daemon
) -> None:
    root = aria2.save_dir / f"a2-{uuid.uuid4().hex[:8]}"
    save = root / "夏日口袋" / "Season 1"
    body = {
        "downloader": {"type": "aria2", "host": aria2.host, "username": "",
                       "password": aria2.password, "path": str(root)},
        "bangumi_manage": {"enable": True, "rename_method": "pn"},
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

    name = "[LoliHouse] Summer Pockets - 09 [WebRip 1080p HEVC-10bit AAC].mkv"
    save.mkdir(parents=True)
    (save / name).write_bytes(os.urandom(70_000))
    torrent, h = make_torrent(save / name)
    dl = make_downloader({"type": "aria2", "host": aria2.host, "password": aria2.password})
    try:
        await dl.add(torrent, save_path=str(save), category="Bangumi", tags=(f"ab:{rid}",))

        async def complete() -> bool:
            return any(t.hash == h and t.completed for t in await dl.list_torrents())

        await wait_until(complete, what="aria2 torrent complete")
    finally:
        await dl.close()

    # Only the episode (and no `<sha1>.torrent` of the upload) in the user's folder.
    assert listing(root) == {f"夏日口袋/Season 1/{name}"}

    async with http.get(ready.api + "/bangumi/rename/preview", params={"bangumi_id": rid}) as resp:
        assert resp.status == 200, await resp.text()
        items = (await resp.json())["items"]
    assert [(i["old_path"], i["new_path"], i["status"]) for i in items] == [(name, name, "unsupported")]
    assert "aria2 cannot rename files" in items[0]["reason_en"]
    assert "aria2 无法重命名" in items[0]["reason_zh"]
    # And how to get renamed episodes all the same: a library root for this downloader.
    assert "Set a library root" in items[0]["reason_en"] and "媒体库根目录" in items[0]["reason_zh"]

    # What the preview says is what the run answers: nothing renamed, AutoBangumi's 406.
    async with http.post(ready.api + "/bangumi/rename/run") as resp:
        assert resp.status == 406, await resp.text()
        text = await resp.text()
    assert "cannot rename" in text
    assert listing(root) == {f"夏日口袋/Season 1/{name}"}
