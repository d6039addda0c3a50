"""`preference.remove_superseded` against a real qBittorrent with data on disk: a replaced release
leaves the client with its files only once its replacement is complete and renamed, the
replacement keeps seeding untouched, the item says why, and nothing happens with the option off."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import select

from autobangumi_daemon.core.states import ItemReason, ItemState
from autobangumi_daemon.db.models import RssItem, Torrent

from .conftest import Lib, listing
from .test_library_place_qbt import still_seeding

V1 = "[LoliHouse] Summer Pockets - 09 [WebRip 1080p HEVC-10bit AAC]"
V2 = "[LoliHouse] Summer Pockets - 09v2 [WebRip 1080p HEVC-10bit AAC]"


async def _json(lib: Lib, method: str, path: str, **kw: Any) -> Any:
    async with lib.http.request(method, lib.server.api + path, **kw) as resp:
        assert resp.status == 200, (path, resp.status, await resp.text())
        return await resp.json()


async def _rows(lib: Lib, rid: int, h1: str, h2: str) -> tuple[int, int]:
    """The feed's two items: v1 replaced by v2, as the downloads job leaves them."""
    async with lib.ctx.db.begin() as s:
        feed = RssItem(name="mine", url="http://127.0.0.1:9/rss", enabled=False)
        s.add(feed)
        await s.flush()
        new = Torrent(bangumi_id=rid, rss_id=feed.id, name=V2, url="magnet:?v2", qb_hash=h2,
                      downloaded=True, status=ItemState.DOWNLOADED, episode_key="S01E09")  # fmt: skip
        s.add(new)
        await s.flush()
        old = Torrent(bangumi_id=rid, rss_id=feed.id, name=V1, url="magnet:?v1", qb_hash=h1,
                      downloaded=True, status=ItemState.REPLACED, reason=ItemReason.REPLACED,
                      duplicate_of=new.id, episode_key="S01E09")  # fmt: skip
        s.add(old)
        await s.flush()
        return int(feed.id), int(old.id)


async def _items(lib: Lib, feed_id: int) -> dict[str, Any]:
    body = await _json(lib, "GET", f"/rss/{feed_id}/items")
    return {it["name"]: it for it in body["items"]}


async def test_a_replaced_release_leaves_the_client_once_its_replacement_is_renamed(lib: Lib) -> None:
    rid = await lib.rule("夏日口袋", title_raw="Summer Pockets")
    save = lib.root / "downloads" / "夏日口袋" / "Season 1"
    v1_data, v2_data = os.urandom(40_000), os.urandom(40_000)
    h1 = await lib.add(save, {f"{V1}.mkv": v1_data}, tags=(f"ab:{rid}",))
    h2 = await lib.add(save, {f"{V2}.mkv": v2_data}, tags=(f"ab:{rid}",))
    feed_id, old_id = await _rows(lib, rid, h1, h2)

    # Off (the default): a refresh leaves both releases where they are.
    await _json(lib, "GET", "/rss/refresh/all")
    assert lib.info(h1) and lib.info(h2)

    # On, but the replacement is not renamed yet: removing v1 now could leave the episode with
    # no file under its name, so it waits.
    await _json(lib, "PATCH", "/config/update", json={"preference": {"remove_superseded": True}})
    await _json(lib, "GET", "/rss/refresh/all")
    assert lib.info(h1) and lib.info(h2)
    assert listing(save) == {f"{V1}.mkv", f"{V2}.mkv"}

    # The rename run gives v2 the episode's name and sets v1 aside.
    body = await lib.run()
    assert "renamed" in body["msg_en"], body
    assert "Summer Pockets S01E09.mkv" in listing(save)

    await _json(lib, "GET", "/rss/refresh/all")
    assert lib.info(h1) == {}, "the replaced release left the client"
    assert lib.info(h2), "the replacement stays"
    # Only v2's file is left on disk, with v2's bytes, and it still seeds from it.
    assert listing(save) == {"Summer Pockets S01E09.mkv"}
    assert (save / "Summer Pockets S01E09.mkv").read_bytes() == v2_data
    await still_seeding(lib, h2)

    old = (await _items(lib, feed_id))[V1]
    assert old["status"] == "replaced", old
    assert "removed from the downloader" in old["reason_en"] and "从下载器中移除" in old["reason_zh"], old
    async with lib.ctx.db() as s:
        row = await s.scalar(select(Torrent).where(Torrent.id == old_id))
    assert row is not None and row.reason == ItemReason.REMOVED

    # Later refreshes ask nothing more of the client for it.
    await _json(lib, "GET", "/rss/refresh/all")
    assert lib.info(h2) and listing(save) == {"Summer Pockets S01E09.mkv"}


async def test_a_replacement_still_downloading_keeps_the_old_release(lib: Lib) -> None:
    """v2 is in the client but not complete (its data is not on disk): v1 stays."""
    rid = await lib.rule("夏日口袋", title_raw="Summer Pockets")
    save = lib.root / "downloads" / "夏日口袋" / "Season 1"
    h1 = await lib.add(save, {f"{V1}.mkv": os.urandom(40_000)}, tags=(f"ab:{rid}",))
    # A magnet with no peers: it never completes.
    missing = "c" * 40
    await lib.dl.add(f"magnet:?xt=urn:btih:{missing}", save_path=str(save), tags=(f"ab:{rid}",))
    feed_id, _ = await _rows(lib, rid, h1, missing)
    await _json(lib, "PATCH", "/config/update", json={"preference": {"remove_superseded": True}})
    await _json(lib, "GET", "/rss/refresh/all")
    assert lib.info(h1), "v1 stays while v2 is not complete"
    assert listing(save) == {f"{V1}.mkv"}
    old = (await _items(lib, feed_id))[V1]
    assert "removed" not in old["reason_en"], old
