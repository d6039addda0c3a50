"""Feed items with their decisions, download-once and make-rule, against fake Mikan and a real
qBittorrent (the feed fixtures of tests/feeds)."""

from __future__ import annotations

from typing import Any

import aiohttp

from autobangumi_daemon.adapters.downloaders.qbittorrent import QBittorrent
from tests.feeds import conftest as feeds
from tests.feeds.conftest import Fakes
from tests.helpers import Server, new_session

# The feed suite's fixtures: fake upstream sites, a configured daemon, the real qBittorrent.
_fast_fetches = feeds._fast_fetches
fakes = feeds.fakes
site = feeds.site
qbt = feeds.qbt
with_qbt = feeds.with_qbt
qb_client = feeds.qb_client

HOTEL_720 = (
    "[喵萌奶茶屋&LoliHouse] 末日后酒店 / Apocalypse Hotel - 06 [WebRip 720p HEVC-10bit AAC][简繁日内封字幕]"
)
HOTEL_720_HASH = "7a" * 20
ITEM_KEYS = {
    "id", "rss_id", "name", "url", "homepage", "published_at", "status", "reason_en", "reason_zh",
    "bangumi_id", "bangumi_title", "duplicate_of", "episode_key", "attempts", "reason",
}  # fmt: skip
REASON_KEYS = {
    "kind", "rule_id", "rule_title", "word", "release_id", "release_name", "until",
    "closest_rule_id", "closest_rule_title", "closest_title", "closest_why",
}  # fmt: skip


async def _call(http: aiohttp.ClientSession, method: str, url: str, status: int = 200, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        body = await resp.json()
        assert resp.status == status, (method, url, resp.status, body)
    return body


def _bilingual(body: dict[str, Any], *words: str) -> None:
    assert body["msg_en"] and body["msg_zh"] and body["msg_en"] != body["msg_zh"], body
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["msg_zh"]), body
    for word in words:
        assert word in body["msg_en"] and word in body["msg_zh"], (word, body)


async def _add_feed(http: aiohttp.ClientSession, server: Server, url: str, aggregate: bool) -> int:
    body = {"url": url, "name": "feed", "aggregate": aggregate, "parser": "mikan"}
    await _call(http, "POST", server.api + "/rss/add", json=body)
    listed = await _call(http, "GET", server.api + "/rss")
    return int(next(f["id"] for f in listed if f["url"] == url))


async def _items(http: aiohttp.ClientSession, server: Server, feed: int, query: str = "") -> Any:
    return await _call(http, "GET", server.api + f"/rss/{feed}/items{query}")


async def _in_qb(qb: QBittorrent, base: str) -> dict[str, str]:
    """Torrent name -> save path, for this test's folder (the fake Mikan names a torrent after
    its release title, slashes made spaces)."""
    return {t.name: t.save_path for t in await qb.list_torrents() if t.save_path.startswith(base + "/")}


def _given(item: dict[str, Any]) -> dict[str, Any]:
    """An item's structured reason without the fields that do not apply (sent as null)."""
    reason = item["reason"]
    assert set(reason) == REASON_KEYS, reason
    return {k: v for k, v in reason.items() if v is not None}


def _torrent_name(title: str) -> str:
    return title.replace("/", " ") + ".mkv"


async def test_aggregate_feed_decisions_in_words(
    with_qbt: Server, http: aiohttp.ClientSession, fakes: Fakes, qb_client: QBittorrent
) -> None:
    server = with_qbt
    base = (await _call(http, "GET", server.api + "/config/get"))["downloader"]["path"]
    fakes.mikan.add_item(HOTEL_720, HOTEL_720_HASH)
    feed = await _add_feed(http, server, fakes.mikan.base + "/RSS/MyBangumi?token=t", aggregate=True)
    await _call(http, "GET", server.api + "/rss/refresh/all")
    body = await _items(http, server, feed)
    items = body["items"]
    assert body["total"] == len(items) == 21
    assert all(set(it) == ITEM_KEYS for it in items)
    assert [it["id"] for it in items] == sorted((it["id"] for it in items), reverse=True)  # newest first
    by_name = {it["name"]: it for it in items}
    in_qb = await _in_qb(qb_client, base)

    # Filtered by the rule's own word: the rule made from the 1080p release filters the 720p one.
    hotel = by_name[HOTEL_720]
    assert hotel["status"] == "filtered" and hotel["bangumi_title"] == "末日后酒店"
    assert hotel["reason_en"] == "Filtered by the word “720” of the rule “末日后酒店”"
    assert hotel["reason_zh"] == "被规则“末日后酒店”的过滤词“720”排除"
    assert _given(hotel) == {
        "kind": "filtered", "rule_id": hotel["bangumi_id"], "rule_title": "末日后酒店", "word": "720",
    }  # fmt: skip
    assert _torrent_name(HOTEL_720) not in in_qb and len(in_qb) == 16

    # Two subtitle variants of one episode: one downloaded, the other says which it duplicates.
    variants = [it for name, it in by_name.items() if "Shoushimin Series S2 [18]" in name]
    kept = next(it for it in variants if it["status"] == "downloaded")
    dup = next(it for it in variants if it["status"] == "duplicate")
    assert dup["duplicate_of"] == kept["id"] and dup["episode_key"] == kept["episode_key"] == "S02E18"
    assert dup["reason_en"] == (
        f"Duplicate of item {kept['id']} “{kept['name']}” (same episode S02E18, preferred release kept)"
    )
    assert f"条目 {kept['id']}“{kept['name']}”" in dup["reason_zh"]
    assert _given(dup) == {
        "kind": "duplicate", "rule_id": kept["bangumi_id"], "rule_title": "小市民系列",
        "release_id": kept["id"], "release_name": kept["name"],
    }  # fmt: skip
    assert _given(kept) == {"kind": "downloaded", "rule_id": kept["bangumi_id"], "rule_title": "小市民系列"}
    assert kept["reason_en"] == f"Sent to the downloader into {base}/小市民系列/Season 2"
    assert kept["bangumi_id"] is not None and kept["bangumi_title"] == "小市民系列"
    downloaded = [it for it in items if it["status"] == "downloaded"]
    assert len(downloaded) == 16
    assert all(it["published_at"] and it["published_at"].endswith("+00:00") for it in items)
    overview = await _call(http, "GET", server.api + "/overview")
    assert overview["episodes_this_week"] == 16 and overview["rules"] == 14 and overview["feeds"] == 1

    # The [01-06] batches: the global filter keeps a rule from being made for them.
    batches = [it for name, it in by_name.items() if "[01-06]" in name]
    assert len(batches) == 2 and {it["status"] for it in batches} == {"no_rule"}
    assert "“\\d+-\\d+”" in batches[0]["reason_en"] and "全局过滤词" in batches[0]["reason_zh"]
    assert batches[0]["bangumi_id"] is None
    assert _given(batches[0]) == {"kind": "global_filter", "word": "\\d+-\\d+"}

    # Status filter and paging.
    only = await _items(http, server, feed, "?status=no_rule")
    assert only["total"] == 2 and {it["id"] for it in only["items"]} == {it["id"] for it in batches}
    page = await _items(http, server, feed, "?limit=5&offset=3")
    assert page["total"] == 21 and [it["id"] for it in page["items"]] == [it["id"] for it in items[3:8]]
    assert (await _items(http, server, feed, "?status=downloaded&limit=1"))["total"] == 16

    # Download once, by hand: the filtered item goes to its rule's folder.
    msg = await _call(http, "POST", server.api + f"/rss/items/{hotel['id']}/download")
    _bilingual(msg)
    in_qb = await _in_qb(qb_client, base)
    assert in_qb.get(_torrent_name(HOTEL_720)) == f"{base}/末日后酒店/Season 1"
    again = next(it for it in (await _items(http, server, feed))["items"] if it["id"] == hotel["id"])
    assert again["status"] == "downloaded" and again["reason_en"].startswith("Downloaded by hand")
    assert (await _call(http, "GET", server.api + "/overview"))["episodes_this_week"] == 17

    # A rule from an unmatched batch: made with its Mikan metadata; the rule's filter (the
    # global one, as for every rule an aggregate feed makes) then says why it is not downloaded.
    rule = await _call(http, "POST", server.api + f"/rss/items/{batches[0]['id']}/rule")
    assert rule["official_title"] == "莉可丽丝：友谊是时间的窃贼" and rule["id"] > 0
    assert rule["group_name"] == "MingY" and rule["filter"] == "720,\\d+-\\d+"
    rules = await _call(http, "GET", server.api + "/bangumi/get/all")
    assert sum(1 for r in rules if r["id"] == rule["id"]) == 1
    after = next(it for it in (await _items(http, server, feed))["items"] if it["id"] == batches[0]["id"])
    assert after["status"] == "filtered" and after["bangumi_id"] == rule["id"]
    assert after["reason_en"] == "Filtered by the word “\\d+-\\d+” of the rule “莉可丽丝：友谊是时间的窃贼”"
    # Asking again answers the same rule.
    same = await _call(http, "POST", server.api + f"/rss/items/{batches[0]['id']}/rule")
    assert same["id"] == rule["id"]
    assert len(await _call(http, "GET", server.api + "/bangumi/get/all")) == len(rules)


async def test_items_of_a_plain_feed_and_rows_from_before_the_reasons(
    with_qbt: Server, http: aiohttp.ClientSession, fakes: Fakes, qb_client: QBittorrent
) -> None:
    server = with_qbt
    base = (await _call(http, "GET", server.api + "/config/get"))["downloader"]["path"]
    feed = await _add_feed(
        http, server, fakes.mikan.base + "/RSS/Bangumi?bangumiId=3599&subgroupid=370", False
    )
    await _call(http, "GET", server.api + f"/rss/refresh/{feed}")
    items = (await _items(http, server, feed))["items"]
    assert len(items) == 5
    told = "No rule matches this title, and no rule's title is close to it"
    assert {(it["status"], it["reason_en"]) for it in items} == {("no_rule", told)}
    assert {it["reason_zh"] for it in items} == {"没有规则匹配此标题，也没有标题相近的规则"}
    assert all(_given(it) == {"kind": "no_rule"} for it in items)

    # Make a rule from episode 3: it is downloaded at once; the others now match it.
    third = next(it for it in items if "Summer Pockets - 03" in it["name"])
    rule = await _call(http, "POST", server.api + f"/rss/items/{third['id']}/rule")
    assert rule["official_title"] == "夏日口袋" and rule["rss_link"].endswith("subgroupid=370")
    items = {it["id"]: it for it in (await _items(http, server, feed))["items"]}
    assert items[third["id"]]["status"] == "downloaded" and items[third["id"]]["episode_key"] == "S01E03"
    waiting = [it for it in items.values() if it["id"] != third["id"]]
    assert {it["status"] for it in waiting} == {"pending"}
    assert waiting[0]["reason_en"] == "Matches the rule “夏日口袋”; downloaded at the next refresh"
    assert _given(waiting[0]) == {"kind": "matched", "rule_id": rule["id"], "rule_title": "夏日口袋"}
    assert len([p for p in (await _in_qb(qb_client, base)).values() if p == f"{base}/夏日口袋/Season 1"]) == 1
    await _call(http, "GET", server.api + f"/rss/refresh/{feed}")
    statuses = {it["status"] for it in (await _items(http, server, feed))["items"]}
    assert statuses == {"downloaded"}

    # Rows decided before the decision columns existed get a reason from their status.
    daemon = server.running.daemon
    assert daemon is not None and daemon.ctx is not None
    from sqlalchemy import update

    from autobangumi_daemon.db.models import Torrent

    async with daemon.ctx.db.begin() as s:
        await s.execute(
            update(Torrent).where(Torrent.id == third["id"]).values(status="superseded", reason=None)
        )
    old = next(it for it in (await _items(http, server, feed))["items"] if it["id"] == third["id"])
    assert (
        old["status"] == "superseded" and old["reason_en"] == "Another release of the same episode was kept"
    )


async def test_feed_item_errors(site: Server, http: aiohttp.ClientSession, fakes: Fakes) -> None:
    server = site
    feed = await _add_feed(
        http, server, fakes.mikan.base + "/RSS/Bangumi?bangumiId=3599&subgroupid=370", False
    )
    _bilingual(await _call(http, "GET", server.api + "/rss/999/items", 404), "999")
    _bilingual(await _call(http, "GET", server.api + f"/rss/{feed}/items?status=odd", 422), "status")
    _bilingual(await _call(http, "GET", server.api + f"/rss/{feed}/items?limit=501", 422), "limit")
    _bilingual(await _call(http, "GET", server.api + f"/rss/{feed}/items?offset=-1", 422), "offset")
    assert (await _items(http, server, feed)) == {"total": 0, "items": []}
    _bilingual(await _call(http, "POST", server.api + "/rss/items/999/download", 404), "999")
    _bilingual(await _call(http, "POST", server.api + "/rss/items/999/rule", 404), "999")
    # An item whose title names no show cannot become a rule.
    fakes.mikan.add_item("[招募翻译] [1080p]", "3c" * 20)
    agg = await _add_feed(http, server, fakes.mikan.base + "/RSS/MyBangumi?token=e", aggregate=False)
    await _call(http, "GET", server.api + f"/rss/refresh/{agg}")
    odd = next(it for it in (await _items(http, server, agg))["items"] if it["name"] == "[招募翻译] [1080p]")
    _bilingual(await _call(http, "POST", server.api + f"/rss/items/{odd['id']}/rule", 422))
    async with new_session() as anon:
        _bilingual(await _call(anon, "GET", server.api + f"/rss/{feed}/items", 401))
        _bilingual(await _call(anon, "POST", server.api + f"/rss/items/{odd['id']}/download", 401))
        _bilingual(await _call(anon, "POST", server.api + f"/rss/items/{odd['id']}/rule", 401))


async def test_an_unmatched_item_names_the_closest_rule_and_why(
    site: Server, http: aiohttp.ClientSession, fakes: Fakes
) -> None:
    server = site
    feed = await _add_feed(
        http, server, fakes.mikan.base + "/RSS/Bangumi?bangumiId=3599&subgroupid=370", False
    )
    await _call(http, "GET", server.api + f"/rss/refresh/{feed}")
    daemon = server.running.daemon
    assert daemon is not None and daemon.ctx is not None
    from autobangumi_daemon.db.models import Bangumi

    # Rules written by hand, one a letter short of the release's Latin title, one unrelated.
    async with daemon.ctx.db.begin() as s:
        short = Bangumi(official_title="夏日口袋", title_raw="Summer Pocket", filter="")
        other = Bangumi(official_title="葬送的芙莉莲", title_raw="葬送的芙莉莲", filter="")
        s.add_all([short, other])
    items = (await _items(http, server, feed))["items"]
    assert len(items) == 5 and {it["status"] for it in items} == {"no_rule"}
    for it in items:
        assert _given(it) == {
            "kind": "no_rule", "closest_rule_id": short.id, "closest_rule_title": "夏日口袋",
            "closest_title": "Summer Pocket", "closest_why": "word_edge",
        }, it  # fmt: skip
        assert it["reason_en"] == (
            "No rule matches this title: the closest rule “夏日口袋” has its title “Summer Pocket”"
            " in the name only inside a longer word"
        )
        assert it["reason_zh"] == (
            "没有规则匹配此标题：最接近的规则“夏日口袋”的标题“Summer Pocket”在名称中只是一个更长单词的一部分"
        )
    # The status filter sees the same decisions.
    assert (await _items(http, server, feed, "?status=no_rule"))["total"] == 5


async def test_a_release_worse_by_the_rules_preference_names_the_one_kept(
    with_qbt: Server, http: aiohttp.ClientSession, fakes: Fakes, qb_client: QBittorrent
) -> None:
    server = with_qbt
    feed = await _add_feed(http, server, fakes.mikan.base + "/RSS/MyBangumi?token=w", aggregate=True)
    await _call(http, "GET", server.api + "/rss/refresh/all")
    rules = await _call(http, "GET", server.api + "/bangumi/get/all")
    hotel = next(r for r in rules if r["official_title"] == "末日后酒店")
    # The rule prefers 1080p; the group's 2160p and 480p releases of the episode are worse.
    await _call(
        http,
        "PATCH",
        server.api + f"/bangumi/update/{hotel['id']}",
        json=hotel | {"preferred_resolution": "1080p"},
    )
    group = "[喵萌奶茶屋&LoliHouse] 末日后酒店 / Apocalypse Hotel - 08"
    best = f"{group} [WebRip 1080p HEVC-10bit AAC][简繁日内封字幕]"
    other = f"{group} [WebRip 2160p HEVC-10bit AAC][简繁日内封字幕]"
    later = f"{group} [WebRip 480p AVC AAC][简繁日内封字幕]"
    fakes.mikan.add_item(other, "8b" * 20)
    fakes.mikan.add_item(best, "8a" * 20)
    await _call(http, "GET", server.api + "/rss/refresh/all")
    fakes.mikan.add_item(later, "8c" * 20)
    await _call(http, "GET", server.api + "/rss/refresh/all")
    by_name = {it["name"]: it for it in (await _items(http, server, feed))["items"]}
    kept, worse, late = by_name[best], by_name[other], by_name[later]
    assert kept["status"] == "downloaded" and kept["episode_key"] == "S01E08"
    assert worse["status"] == late["status"] == "duplicate"
    for it, when_en, when_zh in ((worse, "chosen instead", "被选中"), (late, "already downloaded", "已下载")):
        assert _given(it) == {
            "kind": "worse", "rule_id": hotel["id"], "rule_title": "末日后酒店",
            "release_id": kept["id"], "release_name": best,
        }, it  # fmt: skip
        assert it["reason_en"] == (
            f"Worse than item {kept['id']} “{best}” (same episode S01E08, {when_en})"
            " by the rule's preferences"
        )
        assert it["reason_zh"] == f"按规则的偏好不如条目 {kept['id']}“{best}”（同一集 S01E08，{when_zh}）"
    assert _torrent_name(other) not in await _in_qb(
        qb_client, (await _call(http, "GET", server.api + "/config/get"))["downloader"]["path"]
    )
