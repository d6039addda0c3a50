"""aria2 cannot rename files inside a torrent; with a library root its finished episodes get their
library names all the same (hardlinked, the download still seeding), announced once by the
rename notice and not again by the completion notice."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator

import aiohttp
import pytest

from autobangumi_daemon.adapters.downloaders import make_downloader
from autobangumi_daemon.db.models import Bangumi
from autobangumi_daemon.notify.completion import CompletionNotices, renaming_applies
from tests.downloaders.conftest import Daemon, make_aria2, wait_until
from tests.downloaders.torrentmaker import make_torrent
from tests.helpers import Server
from tests.notify.receivers import Receiver, receiver

from .conftest import FakeNotifier, listing


@pytest.fixture(scope="module")
def aria2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_aria2(tmp_path_factory.mktemp("a2library"))
    d.argv = [a for a in d.argv if not a.startswith(("--input-file=", "--save-session=", "--force-save"))]
    d.start()
    yield d
    d.stop()


@pytest.fixture
async def rx() -> AsyncIterator[Receiver]:
    async with receiver() as r:
        yield r


async def test_aria2_episodes_are_placed_in_the_library_and_announced_once(
    ready: Server, http: aiohttp.ClientSession, aria2: Daemon, rx: Receiver
) -> None:
    root = aria2.save_dir / f"a2-{uuid.uuid4().hex[:8]}"
    save = root / "downloads" / "夏日口袋" / "Season 1"
    library = root / "Library"
    body = {
        "downloader": {"type": "aria2", "host": aria2.host, "username": "", "password": aria2.password,
                       "path": str(root / "downloads")},
        "bangumi_manage": {"enable": True, "rename_method": "pn"},
        "notification": {"enable": True, "on_complete": True,
                         "providers": [{"type": "webhook", "enabled": True, "url": rx.base + "/hook"}]},
    }  # fmt: skip
    async with http.patch(ready.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()
    async with http.get(ready.api + "/stop") as resp:
        assert resp.status == 200
    assert ready.running.daemon is not None and ready.running.daemon.ctx is not None
    ctx = ready.running.daemon.ctx
    ctx.notifier = FakeNotifier()  # type: ignore[assignment]
    async with ctx.db.begin() as s:
        rule = Bangumi(official_title="夏日口袋", title_raw="Summer Pockets", year="2025")
        s.add(rule)
        await s.flush()
        rid = int(rule.id)
    notices = CompletionNotices(ctx)
    assert await notices.check() == 0  # the first look: takes note only

    name = "[LoliHouse] Summer Pockets - 09 [WebRip 1080p HEVC-10bit AAC].mkv"
    save.mkdir(parents=True)
    data = os.urandom(70_000)
    (save / name).write_bytes(data)
    torrent, h = make_torrent(save / name)
    dl = make_downloader({"type": "aria2", "host": aria2.host, "password": aria2.password})
    try:
        await dl.add(torrent, save_path=str(save), category="Bangumi", tags=(f"ab:{rid}",))

        async def complete() -> bool:
            return any(t.hash == h and t.completed for t in await dl.list_torrents())

        await wait_until(complete, what="aria2 torrent complete")
        aria2_client = ctx.downloader.default.get()
        assert not renaming_applies(ctx, aria2_client), "no library: the completion notice speaks"

        # With a library root the preview promises the library name, and the run gives it.
        async with http.patch(
            ready.api + "/config/update", json={"downloader": {"library_root": str(library)}}
        ) as resp:
            assert resp.status == 200, await resp.text()
        assert renaming_applies(ctx, ctx.downloader.default.get())
        async with http.get(ready.api + "/bangumi/rename/preview", params={"bangumi_id": rid}) as resp:
            assert resp.status == 200, await resp.text()
            items = (await resp.json())["items"]
        show = library / "夏日口袋 (2025)" / "Season 1"
        assert [(i["old_path"], i["new_save_path"], i["new_path"], i["status"]) for i in items] == [
            (name, str(show), "Summer Pockets S01E09.mkv", "rename")
        ]
        async with http.post(ready.api + "/bangumi/rename/run") as resp:
            assert resp.status == 200, await resp.text()
            assert "1 renamed" in (await resp.json())["msg_en"]
        target = show / "Summer Pockets S01E09.mkv"
        assert target.stat().st_ino == (save / name).stat().st_ino and target.stat().st_nlink == 2
        assert listing(root / "downloads") == {f"夏日口袋/Season 1/{name}"}, "the download is untouched"
        [t] = [t for t in await dl.list_torrents() if t.hash == h]
        assert t.completed and t.state not in ("error", "removed"), t.state
        assert [f.name for f in await dl.get_files(h)] == [name]
    finally:
        await dl.close()

    notifier = ctx.notifier
    assert isinstance(notifier, FakeNotifier)
    assert notifier.sent == [("夏日口袋", 1, 9, None)]
    # The rename notice spoke: the completion notice stays quiet about this episode.
    assert await notices.check() == 0
    assert rx.at("/hook") == []
    async with http.post(ready.api + "/bangumi/rename/run") as resp:
        assert "0 renamed" in (await resp.json())["msg_en"]
    assert len(notifier.sent) == 1
