"""A season pack on a real Transmission, through the rename run: its episodes end in
`<save path>/Season N/` as with qBittorrent (not inside the torrent's own folder), a file
already there holds the lift with its reason and is never overwritten, and a lift a crash
interrupted is finished from the journal without moving the files twice."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

from autobangumi_daemon.adapters.downloaders import make_downloader
from autobangumi_daemon.adapters.downloaders.transmission import Transmission
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.models import Bangumi, RenameRecord
from autobangumi_daemon.library.lift import LIFTED, LIFTING
from tests.downloaders.conftest import Daemon, make_transmission, wait_until
from tests.downloaders.torrentmaker import make_torrent
from tests.helpers import Server

from .conftest import listing


@pytest.fixture(scope="module")
def tr(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = make_transmission(tmp_path_factory.mktemp("trpack"))
    d.start()
    yield d
    d.stop()


async def _verified(dl: Transmission, h: str) -> bool:
    (t,) = await dl._own([h], ["status", "haveValid", "totalSize"])
    # status 1/2: queued for / checking files; haveValid counts only verified pieces.
    return t["status"] not in (1, 2) and int(t["haveValid"]) == int(t["totalSize"])


async def _rerun_verify(dl: Transmission, h: str) -> None:
    """Transmission checks the data where the torrent now says it is: every piece must pass."""
    await dl._rpc("torrent-verify", {"ids": [h]})
    await wait_until(lambda: _verified(dl, h), what="recheck after the lift")


async def _setup(ready: Server, http: aiohttp.ClientSession, tr: Daemon) -> tuple[AppContext, Path]:
    root = tr.save_dir / f"pack-{uuid.uuid4().hex[:8]}"
    root.mkdir()
    body = {
        "downloader": {"type": "transmission", "host": tr.host, "username": tr.username,
                       "password": tr.password, "path": str(root)},
        "bangumi_manage": {"enable": True, "rename_method": "pn", "rename_template": "",
                           "remove_bad_torrent": False},
    }  # fmt: skip
    async with http.patch(ready.api + "/config/update", json=body) as resp:
        assert resp.status == 200, await resp.text()
    async with http.get(ready.api + "/stop") as resp:  # no scheduled run racing ours
        assert resp.status == 200
    assert ready.running.daemon is not None and ready.running.daemon.ctx is not None
    return ready.running.daemon.ctx, root


async def _rule(ctx: AppContext, title: str) -> int:
    async with ctx.db.begin() as s:
        rule = Bangumi(official_title=title, title_raw=title)
        s.add(rule)
        await s.flush()
        return int(rule.id)


async def _pack(
    dl: Transmission, season: Path, top: str, group: str, show: str, rid: int
) -> tuple[str, dict[str, bytes]]:
    """A two-episode pack with its data already under `season/top/`, verified complete.

    Transmission 3.00 keeps the data of a name with `:` under its `_` spelling, so that is
    where the data is put; the torrent itself is made from the real names."""
    stage = season.parent / f".stage-{uuid.uuid4().hex[:6]}" / top
    pack = season / top.replace(":", "_")
    stage.mkdir(parents=True)
    pack.mkdir(parents=True)
    data: dict[str, bytes] = {}
    for i, ep in enumerate(("01", "02")):
        name = f"[{group}] {show} - {ep} [1080p].mkv"
        data[ep] = os.urandom(50_000 + i)
        (stage / name).write_bytes(data[ep])
        (pack / name.replace(":", "_")).write_bytes(data[ep])
    torrent, h = make_torrent(stage)
    shutil.rmtree(stage.parent)
    await dl.add(torrent, save_path=str(season), category="Bangumi", tags=(f"ab:{rid}",))
    await wait_until(lambda: _verified(dl, h), what="transmission pack verified")
    return h, data


async def _run(http: aiohttp.ClientSession, ready: Server) -> str:
    async with http.post(ready.api + "/bangumi/rename/run") as resp:
        assert resp.status == 200, await resp.text()
        return str((await resp.json())["msg_en"])


async def _journal(ctx: AppContext, h: str) -> dict[str, Any]:
    async with ctx.db() as s:
        rows = (await s.scalars(select(RenameRecord).where(RenameRecord.torrent_hash == h))).all()
        return {r.file_path: (r.status, r.target, r.save_path) for r in rows}


async def test_pack_episodes_land_in_the_season_folder(
    ready: Server, http: aiohttp.ClientSession, tr: Daemon
) -> None:
    ctx, root = await _setup(ready, http, tr)
    rid = await _rule(ctx, "Hoshi")
    season = root / "Hoshi" / "Season 1"
    dl = make_downloader({"type": "transmission", "host": tr.host, "username": tr.username,
                          "password": tr.password})  # fmt: skip
    assert isinstance(dl, Transmission)
    try:
        top = "[G] Hoshi S01 [01-02]"
        h, data = await _pack(dl, season, top, "G", "Hoshi", rid)
        assert "2 renamed" in await _run(http, ready)
        assert listing(root) == {"Hoshi/Season 1/Hoshi S01E01.mkv", "Hoshi/Season 1/Hoshi S01E02.mkv"}
        assert (season / "Hoshi S01E01.mkv").read_bytes() == data["01"]
        assert (season / "Hoshi S01E02.mkv").read_bytes() == data["02"]
        (info,) = await dl.list_torrents(hashes=[h])
        assert info.save_path.rstrip("/") == str(root / "Hoshi")
        assert sorted(f.name for f in await dl.get_files(h)) == [
            "Season 1/Hoshi S01E01.mkv",
            "Season 1/Hoshi S01E02.mkv",
        ]
        await _rerun_verify(dl, h)
        (info,) = await dl.list_torrents(hashes=[h])
        assert info.progress == 1.0

        journal = await _journal(ctx, h)
        assert journal[""] == ("done", LIFTED, str(root / "Hoshi"))
        assert journal[f"{top}/[G] Hoshi - 01 [1080p].mkv"] == (
            "done", "Season 1/Hoshi S01E01.mkv", str(root / "Hoshi")
        )  # fmt: skip

        # Settled: another run neither renames nor lifts again, and the preview agrees.
        assert "0 renamed" in await _run(http, ready)
        assert listing(root) == {"Hoshi/Season 1/Hoshi S01E01.mkv", "Hoshi/Season 1/Hoshi S01E02.mkv"}
        (info,) = await dl.list_torrents(hashes=[h])
        assert info.save_path.rstrip("/") == str(root / "Hoshi")
        async with http.get(ready.api + "/bangumi/rename/preview", params={"hash": h}) as resp:
            items = (await resp.json())["items"]
        assert {i["status"] for i in items} == {"unchanged"}
    finally:
        await dl.close()


async def test_a_file_in_the_way_holds_the_lift_and_a_crash_is_finished_from_the_journal(
    ready: Server, http: aiohttp.ClientSession, tr: Daemon
) -> None:
    ctx, root = await _setup(ready, http, tr)
    rid = await _rule(ctx, "Kaze")
    season = root / "Kaze" / "Season 1"
    dl = make_downloader({"type": "transmission", "host": tr.host, "username": tr.username,
                          "password": tr.password})  # fmt: skip
    assert isinstance(dl, Transmission)
    try:
        top = "[H] Kaze S01 [01-02]"
        h, data = await _pack(dl, season, top, "H", "Kaze", rid)
        # The user's own file where episode 2 would land.
        (season / "Kaze S01E02.mkv").write_bytes(b"the user's own file")
        msg = await _run(http, ready)
        assert "2 renamed" in msg and "1 held" in msg
        assert (season / "Kaze S01E02.mkv").read_bytes() == b"the user's own file"
        assert listing(season) == {
            "Kaze S01E02.mkv",
            f"{top}/Kaze S01E01.mkv",
            f"{top}/Kaze S01E02.mkv",
        }
        (info,) = await dl.list_torrents(hashes=[h])
        assert info.save_path.rstrip("/") == str(season)
        async with ctx.db() as s:
            rule = await s.get(Bangumi, rid)
            assert rule is not None and rule.needs_review
            assert rule.needs_review_reason and "Kaze S01E02.mkv" in rule.needs_review_reason
            assert "种子文件夹" in rule.needs_review_reason

        # The user clears the way. A lift is started (journal marked), the client finishes the
        # move, and the daemon stops before writing the outcome.
        (season / "Kaze S01E02.mkv").unlink()
        parent = str(root / "Kaze")
        async with ctx.db.begin() as s:
            row = await s.scalar(
                select(RenameRecord).where(RenameRecord.torrent_hash == h, RenameRecord.file_path == "")
            )
            assert row is not None
            row.target, row.status = LIFTING + parent, "pending"
        assert await dl.lift_out_of_subfolder(h) == parent

        # The next run only brings the journal up to date: nothing moves a second time.
        assert "0 renamed" in await _run(http, ready)
        assert listing(root) == {"Kaze/Season 1/Kaze S01E01.mkv", "Kaze/Season 1/Kaze S01E02.mkv"}
        assert (season / "Kaze S01E02.mkv").read_bytes() == data["02"]
        (info,) = await dl.list_torrents(hashes=[h])
        assert info.save_path.rstrip("/") == parent
        journal = await _journal(ctx, h)
        assert journal[""] == ("done", LIFTED, parent)
        assert journal[f"{top}/[H] Kaze - 02 [1080p].mkv"] == ("done", "Season 1/Kaze S01E02.mkv", parent)
        await _rerun_verify(dl, h)
        (info,) = await dl.list_torrents(hashes=[h])
        assert info.progress == 1.0
    finally:
        await dl.close()


async def test_a_pack_with_a_colon_in_its_names_lands_without_the_substitution(
    ready: Server, http: aiohttp.ClientSession, tr: Daemon
) -> None:
    """Transmission lists (and writes) `Re:Zero` as `Re_Zero`: the library names are the real
    title's (as qBittorrent's listing gives them) and the lift still finds the pack's folder."""
    ctx, root = await _setup(ready, http, tr)
    rid = await _rule(ctx, "Re:Zero")
    season = root / "Re Zero" / "Season 1"
    dl = make_downloader({"type": "transmission", "host": tr.host, "username": tr.username,
                          "password": tr.password})  # fmt: skip
    assert isinstance(dl, Transmission)
    try:
        top = "[G] Re:Zero S01 [01-02]"
        h, data = await _pack(dl, season, top, "G", "Re:Zero", rid)
        files = await dl.get_files(h)
        assert all(f.name.startswith("[G] Re_Zero S01 [01-02]/") for f in files)
        assert "2 renamed" in await _run(http, ready)
        expected = {"Re Zero S01E01.mkv", "Re Zero S01E02.mkv"}
        assert listing(root) == {f"Re Zero/Season 1/{n}" for n in expected}
        assert (season / "Re Zero S01E01.mkv").read_bytes() == data["01"]
        assert (season / "Re Zero S01E02.mkv").read_bytes() == data["02"]
        assert sorted(f.name for f in await dl.get_files(h)) == sorted(f"Season 1/{n}" for n in expected)
        await _rerun_verify(dl, h)
        (info,) = await dl.list_torrents(hashes=[h])
        assert info.progress == 1.0 and info.save_path.rstrip("/") == str(root / "Re Zero")
        assert "0 renamed" in await _run(http, ready)
    finally:
        await dl.close()


async def test_a_pack_that_came_with_library_names_is_not_lifted(
    ready: Server, http: aiohttp.ClientSession, tr: Daemon
) -> None:
    """A pack whose files already carry library names inside its own folder (here `Season 1/`,
    as a pack lifted before looks to a daemon whose journal is gone) is left where it is:
    nothing of the user's layout is moved."""
    ctx, root = await _setup(ready, http, tr)
    rid = await _rule(ctx, "Tsuki")
    show = root / "Tsuki"
    dl = make_downloader({"type": "transmission", "host": tr.host, "username": tr.username,
                          "password": tr.password})  # fmt: skip
    assert isinstance(dl, Transmission)
    try:
        pack = show / "Season 1"
        pack.mkdir(parents=True)
        for i in (1, 2):
            (pack / f"Tsuki S01E0{i}.mkv").write_bytes(os.urandom(40_000 + i))
        torrent, h = make_torrent(pack)
        await dl.add(torrent, save_path=str(show), category="Bangumi", tags=(f"ab:{rid}",))
        await wait_until(lambda: _verified(dl, h), what="transmission pack verified")
        before = listing(root)
        assert "0 renamed" in await _run(http, ready)
        assert before == {"Tsuki/Season 1/Tsuki S01E01.mkv", "Tsuki/Season 1/Tsuki S01E02.mkv"}
        assert listing(root) == before
        (info,) = await dl.list_torrents(hashes=[h])
        assert info.save_path.rstrip("/") == str(show)
        assert (await _journal(ctx, h)).get("", (None, None, None))[1] != LIFTED
    finally:
        await dl.close()
