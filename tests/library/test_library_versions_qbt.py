"""Two versions of one episode and a library, against a real qBittorrent with data on disk: a v2
(or a preferred release) arriving after the v1 was placed takes the library name and the v1 is
set aside beside it, never overwritten (inodes checked); an older one arriving later is not
placed; a stranger's file under the name is still held; with `preference.remove_superseded` the
older version leaves the library and, at the next refresh, the client."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import select

from autobangumi_daemon.core.states import ItemReason, ItemState
from autobangumi_daemon.db.models import RenameRecord, RssItem, Torrent

from .conftest import FakeNotifier, Lib, listing
from .test_library_place_qbt import configure, still_seeding

V1 = "[LoliHouse] Summer Pockets - 09 [WebRip 1080p HEVC-10bit AAC]"
V2 = "[LoliHouse] Summer Pockets - 09v2 [WebRip 1080p HEVC-10bit AAC]"
WEBDL = "[LoliHouse] Summer Pockets - 09 [WEB-DL 1080p HEVC-10bit AAC]"
NAME = "Summer Pockets S01E09.mkv"


def _ino(p: Path) -> tuple[int, int]:
    st = p.stat()
    return st.st_dev, st.st_ino


async def _setup(lib: Lib) -> tuple[int, Path, Path]:
    library = lib.root / "Library"
    await configure(lib, library_root=str(library), library_mode="hardlink")
    rid = await lib.rule("夏日口袋", title_raw="Summer Pockets")
    save = lib.root / "downloads" / "夏日口袋" / "Season 1"
    return rid, save, library / "夏日口袋" / "Season 1"


async def _status(lib: Lib, h: str) -> dict[str, str]:
    async with lib.ctx.db() as s:
        rows = (await s.scalars(select(RenameRecord).where(RenameRecord.torrent_hash == h))).all()
    return {r.file_path: r.status for r in rows}


async def test_a_v2_takes_the_library_name_and_the_v1_is_set_aside(lib: Lib) -> None:
    rid, save, show = await _setup(lib)
    h1 = await lib.add(save, {f"{V1}.mkv": os.urandom(30_000)}, tags=(f"ab:{rid}",))
    assert "1 renamed" in (await lib.run())["msg_en"]
    assert _ino(show / NAME) == _ino(save / f"{V1}.mkv")

    h2 = await lib.add(save, {f"{V2}.mkv": os.urandom(30_000)}, tags=(f"ab:{rid}",))
    (item,) = await lib.preview(hash=h2)
    assert item["status"] == "rename" and item["new_path"] == NAME, item
    assert f"{NAME}.v1.superseded" in item["reason_en"] and "旧版本" in item["reason_zh"], item
    assert listing(show) == {NAME}, "the preview changed nothing"

    body = await lib.run()
    assert "1 renamed" in body["msg_en"] and "0 held" in body["msg_en"], body
    assert listing(show) == {NAME, f"{NAME}.v1.superseded"}
    assert _ino(show / NAME) == _ino(save / f"{V2}.mkv")
    assert _ino(show / f"{NAME}.v1.superseded") == _ino(save / f"{V1}.mkv")
    assert (await _status(lib, h1))[f"{V1}.mkv"] == "superseded"
    assert (await _status(lib, h2))[f"{V2}.mkv"] == "done"
    # Both torrents are untouched in the client and still seed from their own files.
    assert listing(save) == {f"{V1}.mkv", f"{V2}.mkv"}
    await still_seeding(lib, h1)
    await still_seeding(lib, h2)

    assert "0 renamed" in (await lib.run())["msg_en"]
    assert listing(show) == {NAME, f"{NAME}.v1.superseded"}
    previews = {i["old_path"]: i for i in await lib.preview(bangumi_id=rid)}
    assert previews[f"{V1}.mkv"]["status"] == "unchanged"
    assert "newer" in previews[f"{V1}.mkv"]["reason_en"], previews


async def test_an_older_version_arriving_later_is_not_placed(lib: Lib) -> None:
    rid, save, show = await _setup(lib)
    h2 = await lib.add(save, {f"{V2}.mkv": os.urandom(30_000)}, tags=(f"ab:{rid}",))
    assert "1 renamed" in (await lib.run())["msg_en"]
    h1 = await lib.add(save, {f"{V1}.mkv": os.urandom(30_000)}, tags=(f"ab:{rid}",))
    (item,) = await lib.preview(hash=h1)
    assert item["status"] == "unchanged" and "newer" in item["reason_en"], item
    body = await lib.run()
    assert "0 renamed" in body["msg_en"] and "0 held" in body["msg_en"], body
    assert listing(show) == {NAME}
    assert _ino(show / NAME) == _ino(save / f"{V2}.mkv")
    assert (await _status(lib, h1))[f"{V1}.mkv"] == "superseded"
    assert (await _status(lib, h2))[f"{V2}.mkv"] == "done"


async def test_a_file_the_user_put_under_the_name_is_still_held(lib: Lib) -> None:
    """The v1's entry says it was placed, but the file there now is not the v1's: not ours."""
    rid, save, show = await _setup(lib)
    await _json(lib, "PATCH", "/config/update", json={"preference": {"remove_superseded": True}})
    h1 = await lib.add(save, {f"{V1}.mkv": os.urandom(30_000)}, tags=(f"ab:{rid}",))
    await lib.run()
    (show / NAME).unlink()
    (show / NAME).write_bytes(b"the user's own cut")
    h2 = await lib.add(save, {f"{V2}.mkv": os.urandom(30_000)}, tags=(f"ab:{rid}",))
    await _replaced(lib, rid, (V1, h1), (V2, h2))
    (item,) = await lib.preview(hash=h2)
    assert item["status"] == "conflict", item
    body = await lib.run()
    assert "1 held" in body["msg_en"], body
    assert listing(show) == {NAME} and (show / NAME).read_bytes() == b"the user's own cut"
    assert (await _status(lib, h2))[f"{V2}.mkv"] == "held"
    # The v2 did not take the episode's place: removing the v1 now would leave the episode with
    # no file of ours, so remove_superseded leaves it in the client.
    await _json(lib, "GET", "/rss/refresh/all")
    assert lib.info(h1) and listing(save) == {f"{V1}.mkv", f"{V2}.mkv"}


async def _json(lib: Lib, method: str, path: str, **kw: Any) -> Any:
    async with lib.http.request(method, lib.server.api + path, **kw) as resp:
        assert resp.status == 200, (path, resp.status, await resp.text())
        return await resp.json()


async def _replaced(lib: Lib, rid: int, old: tuple[str, str], new: tuple[str, str]) -> None:
    """The feed items as the downloads job leaves them: `old` replaced by `new`."""
    async with lib.ctx.db.begin() as s:
        feed = RssItem(name="mine", url="http://127.0.0.1:9/rss", enabled=False)
        s.add(feed)
        await s.flush()
        kept = Torrent(bangumi_id=rid, rss_id=feed.id, name=new[0], url="magnet:?b", qb_hash=new[1],
                       downloaded=True, status=ItemState.DOWNLOADED, episode_key="S01E09")  # fmt: skip
        s.add(kept)
        await s.flush()
        s.add(Torrent(bangumi_id=rid, rss_id=feed.id, name=old[0], url="magnet:?a", qb_hash=old[1],
                      downloaded=True, status=ItemState.REPLACED, reason=ItemReason.REPLACED,
                      duplicate_of=kept.id, episode_key="S01E09"))  # fmt: skip


async def test_a_preferred_release_replaces_the_placed_one_and_remove_superseded_clears_it(lib: Lib) -> None:
    """Same version, but the downloads job replaced the WebRip with the WEB-DL (its ladder)."""
    rid, save, show = await _setup(lib)
    await _json(lib, "PATCH", "/config/update", json={"preference": {"remove_superseded": True}})
    webrip, webdl = os.urandom(30_000), os.urandom(30_000)
    h1 = await lib.add(save, {f"{V1}.mkv": webrip}, tags=(f"ab:{rid}",))
    assert "1 renamed" in (await lib.run())["msg_en"]
    h2 = await lib.add(save, {f"{WEBDL}.mkv": webdl}, tags=(f"ab:{rid}",))
    await _replaced(lib, rid, (V1, h1), (WEBDL, h2))

    body = await lib.run()
    assert "1 renamed" in body["msg_en"] and "0 held" in body["msg_en"], body
    # The older version left the library at once (the option asks for it); the client still
    # holds it until the next refresh, which finds the replacement placed and removes it.
    assert listing(show) == {NAME}
    assert (show / NAME).read_bytes() == webdl
    assert lib.info(h1)
    await _json(lib, "GET", "/rss/refresh/all")
    assert lib.info(h1) == {}
    assert listing(save) == {f"{WEBDL}.mkv"}
    assert _ino(show / NAME) == _ino(save / f"{WEBDL}.mkv")
    await still_seeding(lib, h2)


async def test_episodes_renamed_in_place_are_placed_once_a_library_is_set(lib: Lib) -> None:
    """Renamed inside qBittorrent first (no library yet); then a library root: the next run
    places them, planned from the release names (the offsets apply once), announces nothing
    again, leaves the client's names alone, and a run after that does nothing."""
    rid = await lib.rule("Jujutsu", title_raw="Jujutsu", season=1, season_offset=1, episode_offset=-12)
    save = lib.root / "downloads" / "Jujutsu" / "Season 2"
    files = {
        "[G] Jujutsu - 13 [1080p].mkv": os.urandom(20_000),
        "[G] Jujutsu - 14 [1080p].mkv": os.urandom(20_000),
    }
    h = await lib.add(save, files, name="[G] Jujutsu [13-14]", tags=(f"ab:{rid}",))
    assert "2 renamed" in (await lib.run())["msg_en"]
    assert listing(save) == {"Jujutsu S02E01.mkv", "Jujutsu S02E02.mkv"}
    notifier = lib.ctx.notifier
    assert isinstance(notifier, FakeNotifier) and len(notifier.sent) == 2

    library = lib.root / "Library"
    await configure(lib, library_root=str(library), library_mode="hardlink")
    show = library / "Jujutsu" / "Season 2"
    preview = {i["old_path"]: i for i in await lib.preview(hash=h)}
    assert {k: (v["status"], v["new_save_path"], v["new_path"]) for k, v in preview.items()} == {
        "Jujutsu S02E01.mkv": ("rename", str(show), "Jujutsu S02E01.mkv"),
        "Jujutsu S02E02.mkv": ("rename", str(show), "Jujutsu S02E02.mkv"),
    }
    # The scheduled run (not only a manual one) finds them, though the torrent was settled.
    summary = await lib.ctx.renamer.run_once()
    assert summary.renamed == 2 and summary.held == 0, summary
    assert listing(show) == {"Jujutsu S02E01.mkv", "Jujutsu S02E02.mkv"}
    assert _ino(show / "Jujutsu S02E01.mkv") == _ino(save / "Jujutsu S02E01.mkv")
    assert {f.name for f in await lib.dl.get_files(h)} == {"Jujutsu S02E01.mkv", "Jujutsu S02E02.mkv"}
    assert len(notifier.sent) == 2, "placing an episode already announced is not news"
    await still_seeding(lib, h)

    assert (await lib.ctx.renamer.run_once()).torrents == 0, "settled: not looked at again"
    assert "0 renamed" in (await lib.run())["msg_en"]
    preview = await lib.preview(hash=h)
    assert {(i["status"], i["reason_en"]) for i in preview} == {
        ("unchanged", "Placed in the library earlier.")
    }
    async with lib.ctx.db() as s:
        rows = (await s.scalars(select(RenameRecord).where(RenameRecord.torrent_hash == h))).all()
    assert {(r.file_path, r.target, r.library_path) for r in rows if r.file_path} == {
        ("[G] Jujutsu - 13 [1080p].mkv", "Jujutsu S02E01.mkv", str(show / "Jujutsu S02E01.mkv")),
        ("[G] Jujutsu - 14 [1080p].mkv", "Jujutsu S02E02.mkv", str(show / "Jujutsu S02E02.mkv")),
    }
