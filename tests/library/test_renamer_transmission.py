"""The renamer against a real Transmission (3.00 lists `:` and the other characters Windows
refuses as `_`, in the names it shows and writes): the library names are the ones qBittorrent's
listing of the same release gives, and the file is renamed through Transmission on disk."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import aiohttp
import pytest

from autobangumi_daemon.adapters.downloaders import make_downloader
from autobangumi_daemon.adapters.downloaders.base import Conflict, Unsupported
from autobangumi_daemon.adapters.downloaders.transmission import Transmission, release_name
from autobangumi_daemon.core.rename_plan import FileIn, PlanOptions, TorrentIn, plan_torrent
from autobangumi_daemon.db.models import Bangumi
from tests.downloaders.conftest import Daemon, make_transmission, wait_until
from tests.downloaders.torrentmaker import make_torrent
from tests.helpers import Server

from .conftest import listing


@pytest.fixture(scope="module")
def tr(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_transmission(tmp_path_factory.mktemp("trrename"))
    d.start()
    yield d
    d.stop()


def test_release_name_undoes_only_what_the_torrent_name_shows() -> None:
    assert release_name("[G] Re:Zero - 01 [1080p].mkv", "[G] Re_Zero - 01 [1080p].mkv") == (
        "[G] Re:Zero - 01 [1080p].mkv"
    )
    pack = "[G] Re:Zero S3 [01-02]"
    assert release_name(pack, "[G] Re_Zero S3 [01-02]/[G] Re_Zero - 01.mkv") == (
        "[G] Re:Zero S3 [01-02]/[G] Re:Zero - 01.mkv"
    )
    assert release_name("[G] Show_Name - 01", "[G] Show_Name - 01.mkv") == "[G] Show_Name - 01.mkv"


async def test_transmission_names_match_what_qbittorrent_gives(
    ready: Server, http: aiohttp.ClientSession, tr: Daemon
) -> None:
    root = tr.save_dir / f"tr-{uuid.uuid4().hex[:8]}"
    save = root / "Re Zero" / "Season 1"
    body = {
        "downloader": {"type": "transmission", "host": tr.host, "username": tr.username,
                       "password": tr.password, "path": str(root)},
        "bangumi_manage": {"enable": True, "rename_method": "pn", "remove_bad_torrent": False},
    }  # fmt: skip
    async with http.patch(ready.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()
    async with http.get(ready.api + "/stop") as resp:
        assert resp.status == 200
    assert ready.running.daemon is not None and ready.running.daemon.ctx is not None
    ctx = ready.running.daemon.ctx
    async with ctx.db.begin() as s:
        rule = Bangumi(official_title="Re:Zero", title_raw="Re:Zero")
        s.add(rule)
        await s.flush()
        rid = int(rule.id)

    name = "[G] Re:Zero kara Hajimeru - 05 [1080p].mkv"
    # What qBittorrent lists (the name as the torrent has it) gives this library name.
    qbt = plan_torrent(
        TorrentIn("0" * 40, name, str(save), (FileIn(name),)), None, PlanOptions(download_root=str(root))
    )
    [expected] = [i.new_path for i in qbt.items]
    assert expected == "Re Zero kara Hajimeru S01E05.mkv" and "_" not in expected

    stage = root / ".stage"
    stage.mkdir(parents=True)
    data = os.urandom(60_000)
    (stage / name).write_bytes(data)
    torrent, h = make_torrent(stage / name)
    save.mkdir(parents=True)
    # Transmission keeps (and checks) the data under its own spelling of the name.
    (save / name.replace(":", "_")).write_bytes(data)
    dl = make_downloader({"type": "transmission", "host": tr.host, "username": tr.username,
                          "password": tr.password})  # fmt: skip
    try:
        await dl.add(torrent, save_path=str(save), category="Bangumi", tags=(f"ab:{rid}",))

        async def complete() -> bool:
            return any(t.hash == h and t.completed for t in await dl.list_torrents())

        await wait_until(complete, what="transmission torrent complete")
        [listed] = await dl.get_files(h)
        assert listed.name == name.replace(":", "_") and listed.release_name == name

        async with http.get(ready.api + "/bangumi/rename/preview", params={"hash": h}) as resp:
            assert resp.status == 200, await resp.text()
            items = (await resp.json())["items"]
        assert [(i["status"], i["new_path"]) for i in items] == [("rename", expected)]

        async with http.post(ready.api + "/bangumi/rename/run") as resp:
            assert resp.status == 200, await resp.text()
            assert "1 renamed" in (await resp.json())["msg_en"]
        assert listing(save) == {expected}
        assert (save / expected).read_bytes() == data
        assert [f.name for f in await dl.get_files(h)] == [expected]

        # Settled: a second run renames nothing and the name stays.
        async with http.post(ready.api + "/bangumi/rename/run") as resp:
            assert "0 renamed" in (await resp.json())["msg_en"]
        assert listing(save) == {expected}
    finally:
        await dl.close()


async def _verified(dl: Transmission, h: str) -> bool:
    (t,) = await dl._own([h], ["percentDone", "status", "recheckProgress", "haveValid", "totalSize"])
    # status 1/2: queued for / checking files; haveValid counts only verified pieces.
    return t["status"] not in (1, 2) and int(t["haveValid"]) == int(t["totalSize"])


async def test_multi_file_torrent_lands_in_the_season_folder(tr: Daemon) -> None:
    """Renamed files of a season pack come out of the torrent's own folder into `Season 1/`,
    the torrent still verifies complete, and a target that exists holds the whole move."""
    root = tr.save_dir / f"lift-{uuid.uuid4().hex[:8]}"
    season = root / "Show" / "Season 1"
    pack = season / "[G] Show S01 [01-02]"
    pack.mkdir(parents=True)
    data = {n: os.urandom(60_000 + i) for i, n in enumerate(("[G] Show - 01.mkv", "[G] Show - 02.mkv"))}
    for n, body in data.items():
        (pack / n).write_bytes(body)
    torrent, h = make_torrent(pack)
    dl = make_downloader(
        {"type": "transmission", "host": tr.host, "username": tr.username, "password": tr.password}
    )
    assert isinstance(dl, Transmission)
    try:
        await dl.add(torrent, save_path=str(season), category="Bangumi", tags=("ab:9",))
        await wait_until(lambda: _verified(dl, h), what="transmission torrent verified")
        top = pack.name
        for ep in ("01", "02"):
            await dl.rename_file(h, f"{top}/[G] Show - {ep}.mkv", f"{top}/Show S01E{ep}.mkv")
        assert listing(root) == {
            f"Show/Season 1/{top}/Show S01E01.mkv",
            f"Show/Season 1/{top}/Show S01E02.mkv",
        }

        # A file already where one would land: refused, nothing moved, nothing overwritten.
        (season / "Show S01E02.mkv").write_bytes(b"the user's own file")
        with pytest.raises(Conflict) as ei:
            await dl.lift_out_of_subfolder(h)
        assert ei.value.msg_en and ei.value.msg_zh
        assert "Show S01E02.mkv" in ei.value.detail
        assert (season / "Show S01E02.mkv").read_bytes() == b"the user's own file"
        assert f"Show/Season 1/{top}/Show S01E02.mkv" in listing(root)
        (info,) = await dl.list_torrents(hashes=[h])
        assert info.save_path.rstrip("/") == str(season)
        (season / "Show S01E02.mkv").unlink()

        assert await dl.lift_out_of_subfolder(h) == str(root / "Show")
        assert listing(root) == {"Show/Season 1/Show S01E01.mkv", "Show/Season 1/Show S01E02.mkv"}
        assert (season / "Show S01E01.mkv").read_bytes() == data["[G] Show - 01.mkv"]
        (info,) = await dl.list_torrents(hashes=[h])
        assert info.save_path.rstrip("/") == str(root / "Show")
        assert sorted(f.name for f in await dl.get_files(h)) == [
            "Season 1/Show S01E01.mkv",
            "Season 1/Show S01E02.mkv",
        ]
        # Transmission checks the data where it now is: every piece verifies.
        await dl._rpc("torrent-verify", {"ids": [h]})
        await wait_until(lambda: _verified(dl, h), what="recheck after the move")
        (info,) = await dl.list_torrents(hashes=[h])
        assert info.progress == 1.0

        # A single-file torrent has no folder of its own: said plainly, in both languages.
        single = season / "[G] Show - 03.mkv"
        single.write_bytes(os.urandom(40_000))
        t3, h3 = make_torrent(single)
        await dl.add(t3, save_path=str(season), category="Bangumi", tags=("ab:9",))
        with pytest.raises(Unsupported) as ui:
            await dl.lift_out_of_subfolder(h3)
        assert ui.value.msg_en and ui.value.msg_zh
        assert single.is_file()
    finally:
        await dl.close()
