"""The renamer against a real qBittorrent: names on disk, collections, seasons, versions, offsets,
conflicts, the user's own torrents, notifications once, bounded retries, and preview == run."""

from __future__ import annotations

import asyncio
import logging
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from autobangumi_daemon.adapters.downloaders.base import Downloader, DownloaderError
from autobangumi_daemon.db.models import Bangumi, RenameRecord, Torrent
from autobangumi_daemon.events import kind_of
from autobangumi_daemon.library import rename_state as renamer_module
from tests.downloaders.conftest import wait_until

from .conftest import FakeNotifier, Lib, listing


def blob(tag: str) -> bytes:
    # Distinct content per file, so "which bytes ended up where" is checkable.
    return (tag.encode() + b"|") * 4000 + os.urandom(64)


def sent(lib: Lib) -> list[tuple[str, int, float | int, str | None]]:
    notifier = lib.ctx.notifier
    assert isinstance(notifier, FakeNotifier)
    return notifier.sent


def matches_disk(items: list[dict[str, Any]], save: Path, new_save: Path | None = None) -> None:
    """Every previewed rename happened exactly; every other file stayed where it was."""
    for it in items:
        if it["status"] == "rename":
            assert (Path(it["new_save_path"]) / it["new_path"]).is_file(), it
            if Path(it["new_save_path"]) == Path(it["save_path"]):
                assert not (Path(it["save_path"]) / it["old_path"]).exists(), it
        else:
            base = new_save or save
            assert (base / it["old_path"]).is_file(), it


async def records(lib: Lib, h: str) -> dict[str, RenameRecord]:
    async with lib.ctx.db() as s:
        rows = (await s.scalars(select(RenameRecord).where(RenameRecord.torrent_hash == h))).all()
    return {r.file_path: r for r in rows}


# --------------------------------------------------------------------------------------------


async def test_job_is_registered(lib: Lib) -> None:
    assert "rename" in lib.ctx.program._jobs


async def test_single_episode_with_subtitles(lib: Lib) -> None:
    rid = await lib.rule("我心里危险的东西", year="2023", title_raw="Boku no Kokoro no Yabai Yatsu",
                         poster_link="posters/abc.jpg")  # fmt: skip
    save = lib.root / "我心里危险的东西 (2023)" / "Season 1"
    stem = "[Lilith-Raws] Boku no Kokoro no Yabai Yatsu - 01 [Baha][WEB-DL][1080p][AVC AAC][CHT][MP4]"
    files = {f"{stem}.mp4": blob("ep1"), f"{stem}.chs.ass": blob("chs"), f"{stem}.cht.ass": blob("cht"),
             f"{stem}.sc.ass": blob("sc")}  # fmt: skip
    h = await lib.add(save, files, name=stem, tags=(f"ab:{rid}",))

    preview = await lib.preview(hash=h)
    assert {(i["old_path"], i["new_path"], i["status"]) for i in preview} == {
        (f"{stem}.mp4", "Boku no Kokoro no Yabai Yatsu S01E01.mp4", "rename"),
        (f"{stem}.chs.ass", "Boku no Kokoro no Yabai Yatsu S01E01.zh.ass", "rename"),
        (f"{stem}.cht.ass", "Boku no Kokoro no Yabai Yatsu S01E01.zh-tw.ass", "rename"),
        (f"{stem}.sc.ass", "Boku no Kokoro no Yabai Yatsu S01E01.2.zh.ass", "rename"),
    }
    assert listing(save) == set(files), "the preview changed nothing"

    events: list[tuple[str, Any]] = []
    publish = lib.ctx.bus.publish

    def recording(payload: Any) -> None:
        events.append((kind_of(payload), payload))
        publish(payload)

    lib.ctx.bus.publish = recording  # type: ignore[method-assign]
    body = await lib.run()
    assert body["status"] is True and "4 renamed" in body["msg_en"]
    renamed = [p for k, p in events if k == "file_renamed"]
    assert len(renamed) == 4
    video = next(p for p in renamed if p.new_path.endswith(".mp4"))
    assert (video.bangumi_id, video.torrent_hash, video.official_title, video.season, video.episode) == (
        rid,
        h,
        "我心里危险的东西",
        1,
        1.0,
    )
    matches_disk(preview, save)
    assert (save / "Boku no Kokoro no Yabai Yatsu S01E01.mp4").read_bytes() == files[f"{stem}.mp4"]
    assert (save / "Boku no Kokoro no Yabai Yatsu S01E01.zh-tw.ass").read_bytes() == files[f"{stem}.cht.ass"]
    info = lib.info(h)
    assert info["category"] == "Bangumi", "one video is not a collection"
    assert info["state"] not in ("missingFiles", "error"), "seeding continues"
    assert sent(lib) == [("我心里危险的东西", 1, 1, "posters/abc.jpg")]

    # Again, and after a restart: nothing to do, nothing announced twice.
    await lib.run()
    assert len(sent(lib)) == 1
    after = await lib.preview(hash=h)
    assert {i["status"] for i in after} == {"unchanged"}
    await lib.server.restart()
    lib.ctx.notifier = FakeNotifier()  # type: ignore[assignment]
    await lib.run()
    assert sent(lib) == []
    assert "Boku no Kokoro no Yabai Yatsu S01E01.mp4" in listing(save)


async def test_advance_method_and_a_known_hash_without_tag(lib: Lib) -> None:
    async with lib.http.patch(lib.server.api + "/config/update",
                              json={"bangumi_manage": {"rename_method": "advance"}}) as resp:  # fmt: skip
        assert resp.status == 200
    rid = await lib.rule("葬送的芙莉莲", year="2023", title_raw="Sousou no Frieren")
    save = lib.root / "葬送的芙莉莲 (2023)" / "Season 1"
    name = "[NC-Raws] 葬送的芙莉莲 / Sousou no Frieren - 03 [B-Global][WEB-DL][1080p][AVC AAC][Multi Sub].mkv"
    fname = name.replace(" / ", " ／ ")  # a file name cannot hold `/`; the torrent name can
    h = await lib.add(save, {fname: blob("f3")})
    # Known to the daemon through the torrent table (how the feed pipeline records it), no tag.
    async with lib.ctx.db.begin() as s:
        s.add(
            Torrent(
                name=name, url="https://example.invalid/x.torrent", qb_hash=h, bangumi_id=rid, downloaded=True
            )
        )
    await lib.run()
    assert listing(save) == {"葬送的芙莉莲 (2023) S01E03.mkv"}


async def test_collection_of_several_seasons(lib: Lib) -> None:
    rid = await lib.rule("Kaiju", title_raw="Kaiju")
    save = lib.root / "Kaiju" / "Season 1"
    files = {
        "S1/[G] Kaiju S1 - 01 [1080p].mkv": blob("s1e1"),
        "S1/[G] Kaiju S1 - 02 [1080p].mkv": blob("s1e2"),
        "S1/[G] Kaiju S1 - 02 [1080p].chs.ass": blob("s1e2sub"),
        "S2/[G] Kaiju S2 - 01 [1080p].mkv": blob("s2e1"),
        "S2/[G] Kaiju S2 - 01 [1080p].cht.ass": blob("s2e1sub"),
        "SPs/[G] Kaiju [NCOP][1080p].mkv": blob("ncop"),
        "readme.txt": b"hello",
    }
    h = await lib.add(save, files, name="[G] Kaiju S1+S2", tags=(f"ab:{rid}",))
    preview = await lib.preview(bangumi_id=rid)
    assert {i["new_save_path"] for i in preview} == {str(lib.root / "Kaiju")}
    await lib.run()
    show = lib.root / "Kaiju"
    assert listing(show) == {
        "Season 1/Kaiju S01E01.mkv",
        "Season 1/Kaiju S01E02.mkv",
        "Season 1/Kaiju S01E02.zh.ass",
        "Season 2/Kaiju S02E01.mkv",
        "Season 2/Kaiju S02E01.zh-tw.ass",
        "SPs/[G] Kaiju [NCOP][1080p].mkv",
        "readme.txt",
    }
    assert (show / "Season 2/Kaiju S02E01.mkv").read_bytes() == files["S2/[G] Kaiju S2 - 01 [1080p].mkv"]
    matches_disk(preview, save, show)
    info = lib.info(h)
    assert info["category"] == "BangumiCollection"
    assert Path(info["save_path"]) == show
    assert sorted((s, e) for _, s, e, _ in sent(lib)) == [(1, 1), (1, 2), (2, 1)]
    await lib.run()
    assert len(sent(lib)) == 3


async def test_offsets(lib: Lib) -> None:
    # The release numbers season 2 from 13; the library says Season 2, episodes 1…
    rid = await lib.rule("Jujutsu", title_raw="Jujutsu", season=1, season_offset=1, episode_offset=-12)
    save = lib.root / "Jujutsu" / "Season 2"
    files = {
        "[G] Jujutsu - 13 [1080p].mkv": blob("13"),
        "[G] Jujutsu - 14 [1080p].mkv": blob("14"),
        "[G] Jujutsu - 00 [1080p].mkv": blob("00"),
        "[G] Jujutsu - 14.5 [1080p].mkv": blob("14.5"),
    }
    await lib.add(save, files, name="[G] Jujutsu [13-14]", tags=(f"ab:{rid}",))
    await lib.run()
    assert listing(save) == {
        "Jujutsu S02E01.mkv",
        "Jujutsu S02E02.mkv",
        "Jujutsu S02E00.mkv",
        "Jujutsu S02E02.5.mkv",
    }
    assert (save / "Jujutsu S02E00.mkv").read_bytes() == files["[G] Jujutsu - 00 [1080p].mkv"], (
        "E0 never shifts"
    )


async def test_v2_replaces_v1_without_a_second_file(lib: Lib) -> None:
    rid = await lib.rule("Frieren", title_raw="Frieren")
    save = lib.root / "Frieren" / "Season 1"
    v1 = {"[G] Frieren - 07 [1080p].mkv": blob("v1"), "[G] Frieren - 07 [1080p].chs.ass": blob("v1sub")}
    h1 = await lib.add(save, v1, name="[G] Frieren - 07 [1080p]", tags=(f"ab:{rid}",))
    await lib.run()
    assert listing(save) == {"Frieren S01E07.mkv", "Frieren S01E07.zh.ass"}

    v2 = {"[G] Frieren - 07v2 [1080p].mkv": blob("v2"), "[G] Frieren - 07v2 [1080p].chs.ass": blob("v2sub")}
    h2 = await lib.add(save, v2, name="[G] Frieren - 07v2 [1080p]", tags=(f"ab:{rid}",))
    preview = await lib.preview(hash=h2)
    assert {i["status"] for i in preview} == {"rename"}
    await lib.run()
    assert listing(save) == {
        "Frieren S01E07.mkv",
        "Frieren S01E07.zh.ass",
        "Frieren S01E07.mkv.v1.superseded",
        "Frieren S01E07.zh.ass.v1.superseded",
    }
    assert (save / "Frieren S01E07.mkv").read_bytes() == v2["[G] Frieren - 07v2 [1080p].mkv"]
    assert (save / "Frieren S01E07.mkv.v1.superseded").read_bytes() == v1["[G] Frieren - 07 [1080p].mkv"]
    assert len(sent(lib)) == 1, "a new version of an announced episode is not announced again"
    recs1 = await records(lib, h1)
    assert recs1["[G] Frieren - 07 [1080p].mkv"].status == "superseded"
    assert lib.info(h1) and lib.info(h2), "both torrents keep seeding"


async def test_conflict_is_held_reported_once_and_nothing_is_overwritten(
    lib: Lib, caplog: pytest.LogCaptureFixture
) -> None:
    rid = await lib.rule("Dandadan", title_raw="Dandadan")
    save = lib.root / "Dandadan" / "Season 1"
    save.mkdir(parents=True)
    (save / "Dandadan S01E09.mkv").write_bytes(b"the user's own file")
    files = {"[G] Dandadan - 09 [1080p].mkv": blob("9"), "[G] Dandadan - 10 [1080p].mkv": blob("10")}
    h = await lib.add(save, files, name="[G] Dandadan [09-10]", tags=(f"ab:{rid}",))
    preview = {i["old_path"]: i for i in await lib.preview(hash=h)}
    assert preview["[G] Dandadan - 09 [1080p].mkv"]["status"] == "conflict"
    assert preview["[G] Dandadan - 09 [1080p].mkv"]["reason_zh"]
    assert preview["[G] Dandadan - 10 [1080p].mkv"]["status"] == "rename"

    caplog.set_level(logging.WARNING)
    body = await lib.run()
    assert "1 held" in body["msg_en"]
    assert (save / "Dandadan S01E09.mkv").read_bytes() == b"the user's own file"
    assert (save / "[G] Dandadan - 09 [1080p].mkv").is_file()
    assert (save / "Dandadan S01E10.mkv").is_file()
    held = [r for r in caplog.records if "held" in r.getMessage()]
    assert len(held) == 1
    # Both say which name the file clashes with, not only its unchanged release name.
    assert "Dandadan S01E09.mkv" in held[0].getMessage()
    recs = await records(lib, h)
    assert recs["[G] Dandadan - 09 [1080p].mkv"].status == "held"
    async with lib.ctx.db() as s:
        rule = await s.get(Bangumi, rid)
        assert rule is not None and rule.needs_review and rule.needs_review_reason
        reason = rule.needs_review_reason
    assert "[G] Dandadan - 09 [1080p].mkv → Dandadan S01E09.mkv" in reason
    assert reason.count("Dandadan S01E09.mkv") == 2, reason  # in English and in Chinese

    # The schedule never retries it; a manual run looks again but reports nothing new.
    renamer = lib.ctx.renamer
    await renamer.run_once()
    await lib.run()
    assert len([r for r in caplog.records if "held" in r.getMessage()]) == 1
    assert (save / "Dandadan S01E09.mkv").read_bytes() == b"the user's own file"
    assert [e for _, _, e, _ in sent(lib)] == [10]

    # Once the user clears the conflict, a manual run finishes the job.
    (save / "Dandadan S01E09.mkv").unlink()
    await lib.run()
    assert (save / "Dandadan S01E09.mkv").read_bytes().startswith(b"9|")
    assert sorted(e for _, _, e, _ in sent(lib)) == [9, 10]


@pytest.mark.parametrize("disk_visible", [True, False])
async def test_another_torrents_file_is_never_overwritten(
    lib: Lib, disk_visible: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """qBittorrent 4.5 would silently overwrite a file of another torrent (real-components §1.6).

    Also when the daemon cannot see the client's disk (qBittorrent on another machine): then the
    adapter's question to qBittorrent about other torrents' files is what stops the rename.
    """
    if not disk_visible:
        monkeypatch.setattr(renamer_module, "_exists", lambda path: False)
    rid = await lib.rule("Oshi", title_raw="Oshi")
    save = lib.root / "Oshi" / "Season 1"
    # The user's own torrent, elsewhere in qBittorrent, owns the library name already.
    await lib.add(save, {"Oshi S01E04.mkv": blob("users")}, category="Movies")
    h = await lib.add(save, {"[G] Oshi - 04 [1080p].mkv": blob("ours")}, tags=(f"ab:{rid}",))
    await lib.run()
    assert (save / "Oshi S01E04.mkv").read_bytes().startswith(b"users|")
    assert (await records(lib, h))["[G] Oshi - 04 [1080p].mkv"].status == "held"


async def test_the_users_own_torrents_are_untouched(lib: Lib) -> None:
    rid = await lib.rule("Spy", title_raw="Spy")
    save = lib.root / "Spy" / "Season 1"
    other = await lib.add(save, {"[G] Spy - 11 [1080p].mkv": blob("movies")}, category="Movies")
    # In the Bangumi category, but never added by the daemon (no tag, not in its tables).
    handmade = await lib.add(save, {"[G] Spy - 12 [1080p].mkv": blob("hand")})
    ours = await lib.add(save, {"[G] Spy - 13 [1080p].mkv": blob("ours")}, tags=(f"ab:{rid}",))
    await lib.run()
    assert listing(save) == {"[G] Spy - 11 [1080p].mkv", "[G] Spy - 12 [1080p].mkv", "Spy S01E13.mkv"}
    assert lib.info(other)["category"] == "Movies"
    for h in (other, handmade):
        async with lib.http.get(lib.server.api + "/bangumi/rename/preview", params={"hash": h}) as resp:
            assert resp.status == 404
            body = await resp.json()
            assert body["msg_en"] and body["msg_zh"]
    assert await records(lib, other) == {} and await records(lib, handmade) == {}
    assert (await records(lib, ours))["[G] Spy - 13 [1080p].mkv"].status == "done"


async def test_preview_of_a_rule_matches_the_run(lib: Lib) -> None:
    rid = await lib.rule("Hibike", title_raw="Hibike")
    save = lib.root / "Hibike" / "Season 1"
    await lib.add(save, {"[G] Hibike - 01 [1080p].mkv": blob("1")}, tags=(f"ab:{rid}",))
    ep2 = {"[G] Hibike - 02 [1080p].mkv": blob("2"), "[G] Hibike - 02 [1080p].tc.ass": blob("2s")}
    await lib.add(save, ep2, name="[G] Hibike - 02 [1080p]", tags=(f"ab:{rid}",))
    await lib.add(save, {"[Other] Hibike - 02 [720p].mkv": blob("2b")}, tags=(f"ab:{rid}",))
    await lib.add(save, {"[G] Hibike [Menu][1080p].mkv": blob("menu")}, tags=(f"ab:{rid}",))
    preview = await lib.preview(bangumi_id=rid)
    by_old = {i["old_path"]: i for i in preview}
    assert by_old["[G] Hibike - 01 [1080p].mkv"]["status"] == "rename"
    assert by_old["[G] Hibike - 02 [1080p].tc.ass"]["new_path"] == "Hibike S01E02.zh-tw.ass"
    # Two releases of episode 2: the one that finished first takes the name, the other is held.
    assert sorted(
        by_old[k]["status"] for k in ("[G] Hibike - 02 [1080p].mkv", "[Other] Hibike - 02 [720p].mkv")
    ) == [
        "conflict",
        "rename",
    ]
    assert by_old["[G] Hibike [Menu][1080p].mkv"]["status"] == "unchanged"
    assert listing(save) == {
        "[G] Hibike - 01 [1080p].mkv",
        "[G] Hibike - 02 [1080p].mkv",
        "[G] Hibike - 02 [1080p].tc.ass",
        "[Other] Hibike - 02 [720p].mkv",
        "[G] Hibike [Menu][1080p].mkv",
    }
    await lib.run()
    matches_disk(preview, save)
    assert len(listing(save)) == 5


async def test_preview_validates_its_input(lib: Lib) -> None:
    cases: list[dict[str, str | int]] = [{}, {"hash": "a" * 40, "bangumi_id": 1}]
    for params in cases:
        async with lib.http.get(lib.server.api + "/bangumi/rename/preview", params=params) as resp:
            assert resp.status == 422
            assert (await resp.json())["msg_zh"]
    async with lib.http.get(lib.server.api + "/bangumi/rename/preview", params={"bangumi_id": 999}) as resp:
        assert resp.status == 404


async def test_rename_method_none_renames_nothing(lib: Lib) -> None:
    async with lib.http.patch(lib.server.api + "/config/update",
                              json={"bangumi_manage": {"rename_method": "none"}}) as resp:  # fmt: skip
        assert resp.status == 200
    rid = await lib.rule("Mushoku", title_raw="Mushoku")
    save = lib.root / "Mushoku" / "Season 1"
    h = await lib.add(save, {"[G] Mushoku - 01 [1080p].mkv": blob("1")}, tags=(f"ab:{rid}",))
    assert {i["status"] for i in await lib.preview(hash=h)} == {"unchanged"}
    body = await lib.run()
    assert "none" in body["msg_en"]
    assert listing(save) == {"[G] Mushoku - 01 [1080p].mkv"}


async def test_remove_bad_torrent_keeps_the_data(lib: Lib) -> None:
    async with lib.http.patch(lib.server.api + "/config/update",
                              json={"bangumi_manage": {"remove_bad_torrent": True}}) as resp:  # fmt: skip
        assert resp.status == 200
    rid = await lib.rule("Kimi no Na wa", title_raw="Kimi no Na wa")
    save = lib.root / "Kimi no Na wa" / "Season 1"
    bad = "[VCB-Studio] Kimi no Na wa [Ma10p_1080p][x265_flac].mkv"
    h = await lib.add(save, {bad: blob("movie")}, tags=(f"ab:{rid}",))
    await lib.run()
    assert lib.info(h) == {}, "removed from the downloader"
    assert (save / bad).is_file(), "but its data stays"


class _Flaky:
    """The real adapter, except that renames of one torrent fail (a client hiccup)."""

    def __init__(self, inner: Downloader, bad_hash: str) -> None:
        self._inner = inner
        self._bad = bad_hash
        self.rename_calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def rename_file(self, torrent_hash: str, old_path: str, new_path: str) -> None:
        if torrent_hash == self._bad:
            self.rename_calls += 1
            raise DownloaderError(detail="injected failure")
        await self._inner.rename_file(torrent_hash, old_path, new_path)


async def test_retries_are_bounded_and_one_failure_does_not_stall_the_rest(
    lib: Lib, caplog: pytest.LogCaptureFixture
) -> None:
    rid = await lib.rule("Slime", title_raw="Slime")
    save = lib.root / "Slime" / "Season 1"
    bad = await lib.add(save, {"[G] Slime - 01 [1080p].mkv": blob("1")}, tags=(f"ab:{rid}",))
    good = await lib.add(save, {"[G] Slime - 02 [1080p].mkv": blob("2")}, tags=(f"ab:{rid}",))
    flaky = _Flaky(lib.ctx.downloader.get(), bad)
    lib.ctx.downloader.default.get = lambda: flaky  # type: ignore[method-assign]  # the default instance
    renamer = lib.ctx.renamer
    caplog.set_level(logging.INFO)

    await renamer.run_once()
    assert "Slime S01E02.mkv" in listing(save), "the healthy torrent went on"
    assert (await records(lib, good))["[G] Slime - 02 [1080p].mkv"].status == "done"
    rec = (await records(lib, bad))["[G] Slime - 01 [1080p].mkv"]
    assert rec.status == "pending" and rec.attempts == 1 and rec.next_attempt_at is not None

    await renamer.run_once()  # backing off: not tried again yet
    assert flaky.rename_calls == 1
    for attempt in range(2, 6):
        async with lib.ctx.db.begin() as s:  # let the back-off pass
            past = datetime.now(UTC) - timedelta(seconds=1)
            await s.execute(
                update(RenameRecord).where(RenameRecord.torrent_hash == bad).values(next_attempt_at=past)
            )
        await renamer.run_once()
        assert flaky.rename_calls == attempt
    rec = (await records(lib, bad))["[G] Slime - 01 [1080p].mkv"]
    assert rec.status == "failed" and rec.attempts == 5
    async with lib.ctx.db.begin() as s:
        past = datetime.now(UTC) - timedelta(seconds=1)
        await s.execute(
            update(RenameRecord).where(RenameRecord.torrent_hash == bad).values(next_attempt_at=past)
        )
    await renamer.run_once()
    assert flaky.rename_calls == 5, "never retried forever"
    assert len([r for r in caplog.records if "giving up" in r.getMessage()]) == 1
    assert (save / "[G] Slime - 01 [1080p].mkv").is_file()
    assert [e for _, _, e, _ in sent(lib)] == [2]


async def test_a_torrent_added_again_is_renamed_again_but_not_announced_again(lib: Lib) -> None:
    rid = await lib.rule("Dungeon", title_raw="Dungeon")
    save = lib.root / "Dungeon" / "Season 1"
    name = "[G] Dungeon - 03 [1080p].mkv"
    data = blob("3")
    h = await lib.add(save, {name: data}, tags=(f"ab:{rid}",))
    renamer = lib.ctx.renamer
    await renamer.run_once()
    assert listing(save) == {"Dungeon S01E03.mkv"}
    await lib.dl.delete([h], delete_files=True)

    async def gone() -> bool:
        return lib.info(h) == {} and not (save / "Dungeon S01E03.mkv").exists()

    await wait_until(gone, what="torrent and data removed")
    await asyncio.sleep(1.1)  # the client counts `added_on` in whole seconds
    assert await lib.add(save, {name: data}, tags=(f"ab:{rid}",)) == h
    await renamer.run_once()  # the scheduled kind of run
    assert listing(save) == {"Dungeon S01E03.mkv"}
    assert len(sent(lib)) == 1


async def test_a_failed_replacement_gives_the_older_version_its_name_back(lib: Lib) -> None:
    rid = await lib.rule("Mahou", title_raw="Mahou")
    save = lib.root / "Mahou" / "Season 1"
    await lib.add(save, {"[G] Mahou - 04 [1080p].mkv": blob("v1")}, tags=(f"ab:{rid}",))
    renamer = lib.ctx.renamer
    await renamer.run_once()
    h2 = await lib.add(save, {"[G] Mahou - 04v2 [1080p].mkv": blob("v2")}, tags=(f"ab:{rid}",))
    flaky = _Flaky(lib.ctx.downloader.get(), h2)
    lib.ctx.downloader.default.get = lambda: flaky  # type: ignore[method-assign]  # the default instance
    await renamer.run_once()
    assert flaky.rename_calls == 1
    assert listing(save) == {"Mahou S01E04.mkv", "[G] Mahou - 04v2 [1080p].mkv"}
    assert (save / "Mahou S01E04.mkv").read_bytes().startswith(b"v1|")
    assert (await records(lib, h2))["[G] Mahou - 04v2 [1080p].mkv"].status == "pending"
