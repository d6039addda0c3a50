"""Placing finished episodes in a library against a real qBittorrent with data on disk: hardlinks
(checked by inode), the torrent untouched and still complete and seeding, the copy fallback across
filesystems, nothing overwritten, a path mapping, the preview showing the library, and a restart
repeating nothing."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qbittorrentapi
from sqlalchemy import select

from autobangumi_daemon.db.models import RenameRecord
from tests.downloaders.conftest import wait_until

from .conftest import FakeNotifier, Lib, listing


def blob(tag: str) -> bytes:
    return (tag.encode() + b"|") * 3000 + os.urandom(64)


def sent(lib: Lib) -> list[tuple[str, int, float | int, str | None]]:
    notifier = lib.ctx.notifier
    assert isinstance(notifier, FakeNotifier)
    return notifier.sent


async def configure(lib: Lib, **downloader: Any) -> None:
    async with lib.http.patch(lib.server.api + "/config/update", json={"downloader": downloader}) as resp:
        assert resp.status == 200, await resp.text()


def qbt(lib: Lib) -> qbittorrentapi.Client:
    d = lib.qbt
    return qbittorrentapi.Client(host=f"http://{d.host}", username=d.username, password=d.password)


SEEDING = ("uploading", "stalledUP", "forcedUP", "queuedUP")


async def still_seeding(lib: Lib, h: str) -> None:
    """After a recheck of the torrent's own files it is complete and seeding (a recheck of a
    small torrent may be over before it can be seen, so the end state is what is waited for)."""
    qbt(lib).torrents_recheck(torrent_hashes=h)

    # All three fields from one snapshot: read apart, a state of "seeding" from before the
    # recheck can pair with an amount left counted while it runs.
    async def seeding() -> bool:
        info = lib.info(h)
        done = float(info["progress"]) >= 1.0 and int(info["amount_left"]) == 0
        return done and info["state"] in SEEDING

    await wait_until(seeding, what=f"{h} complete and seeding after a recheck")


STEM = "[LoliHouse] Summer Pockets - 09 [WebRip 1080p HEVC-10bit AAC]"


async def test_hardlinked_into_the_library_and_the_torrent_keeps_seeding(lib: Lib) -> None:
    library = lib.root / "Library"
    await configure(lib, library_root=str(library), library_mode="hardlink")
    rid = await lib.rule("夏日口袋", year="2025", title_raw="Summer Pockets", poster_link="posters/sp.jpg")
    save = lib.root / "downloads" / "夏日口袋" / "Season 1"
    files = {f"{STEM}.mkv": blob("ep9"), f"{STEM}.chs.ass": blob("chs")}
    h = await lib.add(save, files, name=STEM, tags=(f"ab:{rid}",))
    names_before = {f.name for f in await lib.dl.get_files(h)}

    show = library / "夏日口袋 (2025)" / "Season 1"
    preview = await lib.preview(hash=h)
    assert {(i["old_path"], i["new_save_path"], i["new_path"], i["status"]) for i in preview} == {
        (f"{STEM}.mkv", str(show), "Summer Pockets S01E09.mkv", "rename"),
        (f"{STEM}.chs.ass", str(show), "Summer Pockets S01E09.zh.ass", "rename"),
    }
    assert all(
        "Hardlinked into the library" in i["reason_en"] and "硬链接" in i["reason_zh"] for i in preview
    )
    assert not library.exists(), "the preview changed nothing"

    body = await lib.run()
    assert "2 renamed" in body["msg_en"], body
    assert listing(library) == {
        "夏日口袋 (2025)/Season 1/Summer Pockets S01E09.mkv",
        "夏日口袋 (2025)/Season 1/Summer Pockets S01E09.zh.ass",
    }
    for rel, new in (
        (f"{STEM}.mkv", "Summer Pockets S01E09.mkv"),
        (f"{STEM}.chs.ass", "Summer Pockets S01E09.zh.ass"),
    ):
        a, b = (save / rel).stat(), (show / new).stat()
        assert (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev)
        assert a.st_nlink == 2 and b.st_nlink == 2
    # The torrent's own files are untouched: same names in the client, same place on disk.
    assert {f.name for f in await lib.dl.get_files(h)} == names_before
    assert listing(save) == set(files)
    await still_seeding(lib, h)
    assert sent(lib) == [("夏日口袋", 1, 9, "posters/sp.jpg")]

    after = await lib.preview(hash=h)
    assert {(i["status"], i["reason_en"]) for i in after} == {("unchanged", "Placed in the library earlier.")}
    # Again, and after a restart: nothing placed twice, nothing announced twice.
    body = await lib.run()
    assert "0 renamed" in body["msg_en"], body
    await lib.server.restart()
    lib.ctx.notifier = FakeNotifier()  # type: ignore[assignment]
    body = await lib.run()
    assert "0 renamed" in body["msg_en"], body
    assert sent(lib) == []
    assert (show / "Summer Pockets S01E09.mkv").stat().st_nlink == 2
    async with lib.ctx.db() as s:
        rows = (await s.scalars(select(RenameRecord).where(RenameRecord.torrent_hash == h))).all()
    assert {(r.file_path, r.status, r.target) for r in rows} == {
        ("", "done", None),
        (f"{STEM}.mkv", "done", None),
        (f"{STEM}.chs.ass", "done", None),
    }


@pytest.fixture
def shm() -> Iterator[Path]:
    base = Path("/dev/shm")
    if not base.is_dir():
        pytest.skip("no /dev/shm on this machine")
    folder = base / f"ab-lib-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


async def test_another_filesystem_gets_a_copy(lib: Lib, shm: Path) -> None:
    if os.stat(shm).st_dev == os.stat(lib.root).st_dev:
        pytest.skip("/dev/shm is on the same filesystem as the test's folder here")
    await configure(lib, library_root=str(shm / "Library"), library_mode="")  # "": hardlink by default
    rid = await lib.rule("夏日口袋", year="2025", title_raw="Summer Pockets")
    save = lib.root / "downloads" / "夏日口袋" / "Season 1"
    data = blob("ep10")
    name = "[LoliHouse] Summer Pockets - 10 [WebRip 1080p HEVC-10bit AAC].mkv"
    h = await lib.add(save, {name: data}, tags=(f"ab:{rid}",))
    await lib.run()
    target = shm / "Library" / "夏日口袋 (2025)" / "Season 1" / "Summer Pockets S01E10.mkv"
    assert target.read_bytes() == data
    assert target.stat().st_ino != (save / name).stat().st_ino
    assert target.stat().st_nlink == 1 and (save / name).stat().st_nlink == 1
    assert listing(target.parent) == {"Summer Pockets S01E10.mkv"}, "no temp file left behind"
    await still_seeding(lib, h)
    assert sent(lib) == [("夏日口袋", 1, 10, None)]


async def test_nothing_in_the_library_is_overwritten(lib: Lib) -> None:
    library = lib.root / "Library"
    await configure(lib, library_root=str(library), library_mode="copy")
    rid = await lib.rule("夏日口袋", year="2025", title_raw="Summer Pockets")
    show = library / "夏日口袋 (2025)" / "Season 1"
    show.mkdir(parents=True)
    mine = b"the user's own file" * 100
    (show / "Summer Pockets S01E11.mkv").write_bytes(mine)
    ep12 = blob("ep12")
    (show / "Summer Pockets S01E12.mkv").write_bytes(ep12)  # the same content, copied by hand
    save = lib.root / "downloads" / "夏日口袋" / "Season 1"
    n11 = "[LoliHouse] Summer Pockets - 11 [WebRip 1080p HEVC-10bit AAC].mkv"
    n12 = "[LoliHouse] Summer Pockets - 12 [WebRip 1080p HEVC-10bit AAC].mkv"
    h11 = await lib.add(save, {n11: blob("ep11")}, tags=(f"ab:{rid}",))
    h12 = await lib.add(save, {n12: ep12}, tags=(f"ab:{rid}",))

    preview = {i["old_path"]: i for i in await lib.preview(bangumi_id=rid)}
    assert preview[n11]["status"] == "conflict" and "different file" in preview[n11]["reason_en"]
    assert preview[n11]["reason_zh"] and preview[n11]["reason_zh"] != preview[n11]["reason_en"]
    assert preview[n12]["status"] == "unchanged"

    body = await lib.run()
    assert "1 held" in body["msg_en"] and "1 renamed" in body["msg_en"], body
    assert (show / "Summer Pockets S01E11.mkv").read_bytes() == mine
    assert (show / "Summer Pockets S01E12.mkv").read_bytes() == ep12
    assert listing(show) == {"Summer Pockets S01E11.mkv", "Summer Pockets S01E12.mkv"}
    async with lib.ctx.db() as s:
        rows = {r.torrent_hash: r for r in (await s.scalars(select(RenameRecord))).all() if r.file_path}
    assert rows[h11].status == "held" and "different file" in (rows[h11].last_error or "")
    assert rows[h12].status == "done"
    assert sent(lib) == [("夏日口袋", 1, 12, None)]
    for h in (h11, h12):
        assert lib.info(h)["state"] not in ("missingFiles", "error")


async def test_a_path_mapping_finds_the_files_where_the_daemon_sees_them(lib: Lib) -> None:
    """qBittorrent saves through `view` (a symlink, as a Docker volume would name the folder); the
    link is then removed, so only the mapping `view` → the real folder leads to the files."""
    real = lib.root / "real"
    real.mkdir()
    view = lib.root / "view"
    view.symlink_to(real, target_is_directory=True)
    library = lib.root / "Library"
    rid = await lib.rule("夏日口袋", year="2025", title_raw="Summer Pockets")
    name = "[LoliHouse] Summer Pockets - 05 [WebRip 1080p HEVC-10bit AAC].mkv"
    h = await lib.add(view / "夏日口袋", {name: blob("ep5")}, tags=(f"ab:{rid}",))
    assert lib.info(h)["save_path"].rstrip("/") == str(view / "夏日口袋")
    view.unlink()  # the downloader's prefix no longer exists on this side

    await configure(lib, library_root=str(library))
    body = await lib.run()
    assert "0 renamed" in body["msg_en"] and not library.exists(), "unmapped, the file is not found"
    async with lib.ctx.db() as s:
        row = await s.scalar(select(RenameRecord).where(RenameRecord.file_path == name))
    assert row is not None and row.status == "pending" and "path mappings" in (row.last_error or "")

    await configure(lib, library_root=str(library),
                    path_mappings=[{"downloader_path": str(view), "local_path": str(real)}])  # fmt: skip
    await lib.run()
    target = library / "夏日口袋 (2025)" / "Season 1" / "Summer Pockets S01E05.mkv"
    assert target.stat().st_ino == (real / "夏日口袋" / name).stat().st_ino
    assert target.stat().st_nlink == 2
    view.symlink_to(real, target_is_directory=True)
    await still_seeding(lib, h)
