"""End to end through the bridge: Mikan aggregate feed → rules → real qBittorrent, restarts, v2."""

from __future__ import annotations

from typing import Any

import aiohttp

from autobangumi_daemon.adapters.downloaders.qbittorrent import QBittorrent
from tests.downloaders.conftest import Daemon
from tests.feeds.conftest import Fakes
from tests.helpers import Server

# The 14 shows of mybangumi.xml once the default global filter drops the two [01-06] batches;
# official titles come from the Mikan episode pages (the first one is the captured page).
EXPECTED = {
    "Yami Healer": (
        "瞬间治疗却被视为无用而被流放的天才治疗师，以暗黑治疗师的身份幸福地生活着",
        1,
        "LoliHouse",
    ),
    "Aharen-san wa Hakarenai": ("测不准的阿波连同学", 2, "喵萌奶茶屋&LoliHouse"),
    "Shoushimin Series": ("小市民系列", 2, "MingY"),
    "mono": ("mono女孩", 1, "MingY&Billion Meta Lab"),
    "Kanpekiseijo": ("完美过头的圣女", 1, "喵萌奶茶屋&LoliHouse"),
    "Shiunji-ke no Kodomotachi": ("紫云寺家的孩子们", 1, "LoliHouse"),
}
# 16 episodes: two each for Yami Healer and the saint; one of the two subtitle variants of
# 小市民系列 18 and mono 06 (one release per episode); one for each other show.
EXPECTED_DOWNLOADS = 16


async def _json(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, (url, resp.status, await resp.text())
        return await resp.json()


async def _ours(qb: QBittorrent, base: str) -> list[Any]:
    return [t for t in await qb.list_torrents(category="Bangumi") if t.save_path.startswith(base)]


async def test_aggregate_feed_to_qbittorrent_and_no_duplicates_after_restart(
    with_qbt: Server, http: aiohttp.ClientSession, fakes: Fakes, qbt: Daemon, qb_client: QBittorrent
) -> None:
    server = with_qbt
    cfg = await _json(http, "GET", server.api + "/config/get")
    base = cfg["downloader"]["path"]
    feed_url = fakes.mikan.base + "/RSS/MyBangumi?token=token"
    # The WebUI's blank template: id 0 and enabled false must not stick (contract §12.6).
    body = {"id": 0, "name": "", "url": feed_url, "aggregate": True, "parser": "mikan", "enabled": False}
    msg = await _json(http, "POST", server.api + "/rss/add", json=body)
    assert msg["msg_en"] == "RSS added successfully."
    feeds = await _json(http, "GET", server.api + "/rss")
    assert len(feeds) == 1 and feeds[0]["enabled"] is True and feeds[0]["id"] > 0
    assert feeds[0]["name"] == "Mikan Project - 我的番组"

    # Added twice: AutoBangumi's 406.
    async with http.post(server.api + "/rss/add", json=body) as resp:
        assert resp.status == 406

    await _json(http, "GET", server.api + "/rss/refresh/all")
    rules = await _json(http, "GET", server.api + "/bangumi/get/all")
    by_raw = {r["title_raw"]: r for r in rules}
    assert len(rules) == 14, sorted(by_raw)
    for raw, (official, season, group) in EXPECTED.items():
        r = by_raw[raw]
        assert (r["official_title"], r["season"], r["group_name"]) == (official, season, group), r
        assert r["year"] is None  # Mikan pages have no year
        assert r["poster_link"].startswith("posters/") and not r["poster_link"].startswith("/")
        assert (server.paths.posters_dir / r["poster_link"].split("/", 1)[1]).is_file()
        async with http.get(server.base + "/" + r["poster_link"]) as resp:
            # The fake Mikan's posters are PNG behind `.jpg` addresses: kept and served as what they are.
            assert resp.status == 200 and resp.content_type == "image/png"
    assert "Lycoris Recoil - Friends are thieves of time." not in by_raw  # [01-06] batches filtered

    ours = await _ours(qb_client, base)
    assert len(ours) == EXPECTED_DOWNLOADS, [t.name for t in ours]
    ids = {r["id"]: r for r in rules}
    for t in ours:
        tag = next(x for x in t.tags if x.startswith("ab:"))
        rule = ids[int(tag[3:])]
        assert t.category == "Bangumi"
        assert t.save_path == f"{base}/{rule['official_title']}/Season {rule['season']}"
    yami = by_raw["Yami Healer"]
    yami_paths = {t.save_path for t in ours if f"ab:{yami['id']}" in t.tags}
    assert yami_paths == {f"{base}/{yami['official_title']}/Season 1"}

    torrents = await _json(http, "GET", server.api + f"/rss/torrent/{feeds[0]['id']}")
    assert len(torrents) == 20
    assert sum(t["downloaded"] for t in torrents) == EXPECTED_DOWNLOADS
    assert all("refer_id" in t for t in torrents)
    statuses = sorted(t["status"] for t in torrents)
    assert statuses.count("superseded") == 2 and statuses.count("pending") == 2  # batches

    feeds = await _json(http, "GET", server.api + "/rss")
    assert feeds[0]["connection_status"] == "healthy" and feeds[0]["last_error"] is None
    assert feeds[0]["last_checked_at"].endswith("+00:00")

    # A restart, then two refreshes (the scheduled one at start and ours): nothing new.
    await server.restart()
    await _json(http, "GET", server.api + "/rss/refresh/all")
    await _json(http, "POST", server.api + "/rss/refresh/all")
    assert len(await _json(http, "GET", server.api + "/bangumi/get/all")) == 14
    assert len(await _ours(qb_client, base)) == EXPECTED_DOWNLOADS
    assert len(await _json(http, "GET", server.api + f"/rss/torrent/{feeds[0]['id']}")) == 20

    # A v2 of a downloaded episode replaces it: the v2 is downloaded, the v1 stays (nothing is
    # deleted without the user asking; the renamer sets the v1 file aside).
    v1 = next((t for t in ours if "Yami Healer - 09" in t.name), None)
    assert v1 is not None, [t.name for t in ours]
    fakes.mikan.add_item(
        "[LoliHouse] 天才治疗师退队作为无照治疗师快乐过活 / Yami Healer - 09v2 "
        "[WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
        "ab" * 20,
    )
    # And a release of the same episode by an unrelated group that the rule does not prefer.
    fakes.mikan.add_item(
        "[LoliHouse] 天才治疗师退队作为无照治疗师快乐过活 / Yami Healer - 08 "
        "[WebRip 720p HEVC-10bit AAC][CHT]",
        "cd" * 20,
    )
    await _json(http, "GET", server.api + f"/rss/refresh/{feeds[0]['id']}")
    after = await _ours(qb_client, base)
    names = [t.name for t in after]
    assert v1.hash in {t.hash for t in after}
    assert any("09v2" in n for n in names)
    assert sum("Yami Healer - 09" in n for n in names) == 2
    assert len(after) == EXPECTED_DOWNLOADS + 1
    rows = await _json(http, "GET", server.api + f"/rss/torrent/{feeds[0]['id']}")
    assert any(r["status"] == "replaced" and "Yami Healer - 09 [" in r["name"] for r in rows)
    assert any(r["status"] == "filtered" and "720p" in r["name"] for r in rows)
