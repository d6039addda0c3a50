"""Unit tests of the pure pipeline core and of the upstream adapters against local servers."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from autobangumi_daemon.adapters.feeds import FeedError, info_hash_of, parse_feed
from autobangumi_daemon.adapters.http import FetchError, HttpClient
from autobangumi_daemon.adapters.mikan import MikanSite, parse_episode_page
from autobangumi_daemon.adapters.tmdb import latest_aired_season
from autobangumi_daemon.core.matching import TitleIndex, groups_related, is_excluded
from autobangumi_daemon.core.preference import (
    Preference,
    Release,
    best_first_key,
    decide,
    episode_key,
    normalize_resolution,
)
from autobangumi_daemon.core.rules import (
    RuleDraft,
    clean_official_title,
    draft_from_parse,
    search_query,
    semantic_duplicate,
)
from autobangumi_daemon.core.savepath import sanitize_fragment, save_path
from autobangumi_daemon.core.title_parser import parse_title
from tests.feeds.fakes import fixture

# -- save paths -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("乱马 1/2", "乱马 1 2"),
        ("Re:Zero kara", "Re Zero kara"),
        ("..", "Unknown"),
        ("", "Unknown"),
        ("  . hidden.  ", "hidden"),
        ('a<b>c|d?e*f"g\\h', "a b c d e f g h"),
        ("CON", "_CON"),
        ("tab\there\x00", "tab here"),
        ("Dr. Stone", "Dr. Stone"),
    ],
)
def test_sanitize_fragment(raw: str, safe: str) -> None:
    assert sanitize_fragment(raw) == safe


def test_sanitize_caps_bytes_without_splitting_characters() -> None:
    out = sanitize_fragment("葬" * 200)
    assert len(out.encode()) <= 200 and set(out) == {"葬"}


def test_save_path() -> None:
    assert (
        save_path("/downloads/Bangumi", "葬送的芙莉莲", "2023", 1)
        == "/downloads/Bangumi/葬送的芙莉莲 (2023)/Season 1"
    )
    assert (
        save_path("/downloads/Bangumi/", "葬送的芙莉莲", None, 2)
        == "/downloads/Bangumi/葬送的芙莉莲/Season 2"
    )
    assert save_path("D:\\Anime", "Re:Zero", None, 1) == "D:\\Anime\\Re Zero\\Season 1"
    assert save_path("/", "x/../y", "abc", 1) == "/x .. y/Season 1"
    assert save_path("/d", "t", None, 1, season_offset=1) == "/d/t/Season 2"
    assert save_path("/d", "t", None, 1, season_offset=-3) == "/d/t/Season 1"  # never below 1


# -- matching ---------------------------------------------------------------------------------


def test_longest_title_wins_and_spelling_does_not_matter() -> None:
    index: TitleIndex[str] = TitleIndex()
    index.add("Frieren", "short")
    index.add("Sousou no Frieren", "long")
    index.add("葬送的芙莉莲", "zh")
    assert index.longest("[SubsPlease] Sousou no Frieren - 03 (1080p)") == ("sousou no frieren", ["long"])
    assert index.longest("【喵萌奶茶屋】[葬送的芙莉蓮][31][1080p]") == ("葬送的芙莉莲", ["zh"])
    assert index.longest("[X] ＳＯＵＳＯＵ ＮＯ ＦＲＩＥＲＥＮ - 01") == ("sousou no frieren", ["long"])
    assert index.longest("nothing to see") is None


def test_latin_titles_match_whole_words_only() -> None:
    index: TitleIndex[str] = TitleIndex()
    index.add("mono", "mono")
    assert index.longest("[ANi] Monogatari Series - 01") is None
    assert index.longest("[MingY] mono女孩 / mono [06][1080p]") is not None
    assert index.longest("[MingY] mono - 06") is not None


def test_filters() -> None:
    assert is_excluded("[X] Show - 01 [720p]", "720,\\d+-\\d+")
    assert is_excluded("[X] Show [01-12]", ["720", r"\d+-\d+"])
    assert not is_excluded("[X] Show - 01 [1080p]", "720,\\d+-\\d+")
    # An invalid regex is matched literally and does not disable the other terms.
    assert is_excluded("[X] Show (v2", "(v2,zzz")
    assert is_excluded("[X] Show zzz", "(v2,zzz")
    assert not is_excluded("anything", "")
    assert is_excluded("[x] show CHT", "cht")  # case-insensitive


def test_groups() -> None:
    assert groups_related("喵萌奶茶屋&LoliHouse", "LoliHouse")
    assert groups_related("A×B", "B&A")
    assert not groups_related("ANi", "Sakurato-Ani")
    assert not groups_related("LoliHouse", None)
    assert groups_related(None, None)


# -- preference -------------------------------------------------------------------------------


def _rel(title: str) -> Release:
    p = parse_title(title)
    assert p is not None
    return Release.from_parsed(p)


def test_v2_replaces_its_v1_and_ties_keep_what_is_there() -> None:
    v1 = _rel("[LoliHouse] Show - 05 [WebRip 1080p][简繁内封字幕]")
    v2 = _rel("[LoliHouse] Show - 05v2 [WebRip 1080p][简繁内封字幕]")
    other = _rel("[Other] Show - 05 [WebRip 1080p][CHT]")
    none = Preference()
    assert v2.version == 2
    assert decide(v1, None, none) == "download"
    assert decide(v2, v1, none) == "replace"
    assert decide(v1, v2, none) == "skip"
    assert decide(v1, v1, none) == "skip"
    assert decide(other, v1, none) == "skip"


def test_preference_group_then_resolution_then_subtitle() -> None:
    pref = Preference.from_rule("LoliHouse,ANi", "2160p,1080p", "CHT", order="group,resolution,subtitle")
    a = _rel("[ANi] Show - 05 [1080P][CHT]")
    b = _rel("[LoliHouse] Show - 05 [WebRip 1080p][简体]")
    c = _rel("[LoliHouse] Show - 05 [WebRip 4K][简体]")
    assert decide(b, a, pref) == "replace"
    assert decide(a, b, pref) == "skip"
    assert decide(c, b, pref) == "replace"
    ordered = sorted([(a, 0), (b, 1), (c, 2)], key=lambda x: best_first_key(x[0], pref, x[1]))
    assert [x[1] for x in ordered] == [2, 1, 0]
    assert normalize_resolution("1920x1080") == "1080p" == normalize_resolution("1080P")
    assert normalize_resolution("4K") == "2160p"
    # The default ladder puts the subtitle first: the CHT release wins over the preferred group.
    default = Preference.from_rule("LoliHouse,ANi", "2160p,1080p", "CHT")
    assert decide(a, b, default) == "replace"


def test_episode_keys() -> None:
    assert episode_key(1, 5) == "S01E05"
    assert episode_key(2, 12.5) == "S02E12.5"
    assert episode_key(1, (1, 12)) == "S01E01-12"
    assert episode_key(1, None) is None


# -- rule drafts ------------------------------------------------------------------------------


def test_drafts_follow_the_language_and_drop_seasons_from_titles() -> None:
    p = parse_title(
        "[LoliHouse] 天才治疗师退队作为无照治疗师快乐过活 / Yami Healer - 01 [WebRip 1080p][简繁内封字幕]"
    )
    assert p is not None
    d = draft_from_parse(p, "zh", ["720"], "http://feed")
    assert d is not None
    assert (d.official_title, d.title_raw, d.eps_collect, d.filter) == (
        "天才治疗师退队作为无照治疗师快乐过活",
        "Yami Healer",
        True,
        "720",
    )
    assert d.aliases == ["天才治疗师退队作为无照治疗师快乐过活"]
    en = draft_from_parse(p, "en", [], "")
    assert en is not None and en.official_title == "Yami Healer"
    assert clean_official_title("测不准的阿波连同学 第二季") == "测不准的阿波连同学"


def test_semantic_duplicate() -> None:
    class R:
        def __init__(self, official_title: str, season: int, group_name: str, deleted: bool = False) -> None:
            self.official_title, self.season, self.group_name, self.deleted = (
                official_title,
                season,
                group_name,
                deleted,
            )

    rules = [R("圣女", 1, "喵萌奶茶屋&LoliHouse"), R("圣女", 2, "LoliHouse")]
    d = RuleDraft(official_title="聖女", title_raw="Kanpeki Seijo", season=1, group_name="LoliHouse")
    assert semantic_duplicate(d, rules) is rules[0]
    d.season = 3
    assert semantic_duplicate(d, rules) is None


def test_search_query() -> None:
    assert (
        search_query(["LoliHouse", "Yami Healer", None, "简繁内封字幕"])
        == "LoliHouse+Yami+Healer+简繁内封字幕"
    )
    assert search_query(["喵萌奶茶屋&LoliHouse"]) == "喵萌奶茶屋+LoliHouse"


# -- feeds, pages, TMDB ------------------------------------------------------------------------


def test_feed_shapes() -> None:
    mikan = parse_feed(fixture("mikan/mybangumi.xml"))
    assert mikan.title == "Mikan Project - 我的番组" and len(mikan.items) == 20
    first = mikan.items[0]
    assert first.url.endswith("/Download/20250530/f56e926c4d07f37d80a5206a1cea9b20344df513.torrent")
    assert first.homepage and first.homepage.endswith(
        "/Home/Episode/f56e926c4d07f37d80a5206a1cea9b20344df513"
    )
    assert first.info_hash == "f56e926c4d07f37d80a5206a1cea9b20344df513"
    assert mikan.items[1].title.startswith("[喵萌奶茶屋&LoliHouse]")
    nyaa = parse_feed(fixture("nyaa/search.xml"))
    assert nyaa.items[0].url == "https://nyaa.si/download/1552026.torrent" and nyaa.items[0].homepage is None
    assert nyaa.items[0].info_hash == "8e753b6287da23109e30bd20856fa79fe5f752ae"
    dmhy = parse_feed(fixture("dmhy/search.xml"))
    assert dmhy.items[0].url.startswith("magnet:?xt=urn:btih:JUK57T36")
    assert dmhy.items[0].info_hash == info_hash_of("magnet:?xt=urn:btih:JUK57T36TXYRDIZZYDFS4N3MKEQWL3R3")
    # One release seen on Mikan and nyaa has one info-hash (fixtures README).
    assert {i.info_hash for i in parse_feed(fixture("mikan/bangumi_rss_2022.xml")).items} == {
        i.info_hash for i in nyaa.items
    }


def test_atom_and_broken_and_hostile_feeds() -> None:
    atom = parse_feed(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>[G] T - 01</title>'
        b'<link rel="alternate" href="http://x/1"/><link rel="enclosure" href="http://x/1.torrent"/></entry></feed>'
    )
    assert atom.items[0].url == "http://x/1.torrent" and atom.items[0].homepage == "http://x/1"
    broken = parse_feed(
        b"<rss><channel><title>B</title><item><title>a</title><link>magnet:?xt=urn:btih:"
        + b"a" * 40
        + b"</link></item>"
    )
    assert broken.items and broken.items[0].info_hash == "a" * 40
    for body in (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "x">]><rss/>',
        b'<!DOCTYPE rss SYSTEM "http://evil/x.dtd" [ ]><rss/>',
        b"<html><body>blocked</body></html>",
        b"\x89PNG garbage",
        b"",
    ):
        with pytest.raises(FeedError):
            parse_feed(body)


def test_mikan_pages_and_mirrors() -> None:
    page = parse_episode_page(
        fixture("mikan/episode_aggregate_item.html").decode(), "https://mikanime.tv/Home/Episode/f56e"
    )
    assert page.official_title == "瞬间治疗却被视为无用而被流放的天才治疗师，以暗黑治疗师的身份幸福地生活着"
    assert page.poster_url == "https://mikanime.tv/images/Bangumi/202504/44e224ed.jpg"
    assert page.bangumi_id == "3593"
    site = MikanSite("http://127.0.0.2:8080/mirror")
    assert (
        site.rewrite("https://mikanani.me/Download/1/x.torrent")
        == "http://127.0.0.2:8080/mirror/Download/1/x.torrent"
    )
    assert (
        site.rewrite("https://mikanime.tv/RSS/MyBangumi?token=t")
        == "http://127.0.0.2:8080/mirror/RSS/MyBangumi?token=t"
    )
    assert site.rewrite("https://nyaa.si/download/1.torrent") == "https://nyaa.si/download/1.torrent"


def test_tmdb_latest_aired_season() -> None:
    details = json.loads(fixture("tmdb/tv_details.json"))
    assert latest_aired_season(details, dt.date(2026, 1, 1)) == 1  # season 2 has no air date yet
    details["seasons"][2]["air_date"] = "2025-10-01"
    assert latest_aired_season(details, dt.date(2026, 1, 1)) == 2
    assert latest_aired_season(details, dt.date(2025, 1, 1)) == 1  # not aired yet then
    unaired = json.loads(fixture("tmdb/tv_details_unaired_zh-CN.json"))
    assert latest_aired_season(unaired) == 1


# -- the HTTP client --------------------------------------------------------------------------


@pytest.fixture
async def upstream() -> AsyncIterator[tuple[str, dict[str, int]]]:
    hits: dict[str, int] = {}

    async def handler(request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        hits[name] = hits.get(name, 0) + 1
        if name == "big":
            return web.Response(body=b"x" * 2048)
        if name == "large":
            resp = web.StreamResponse()
            await resp.prepare(request)
            for _ in range(40):  # arrives in pieces: a read must not stop at the first one
                await resp.write(b"y" * 65536)
                await asyncio.sleep(0)
            await resp.write_eof()
            return resp
        if name == "flaky" and hits[name] < 3:
            return web.Response(status=502)
        if name == "busy" and hits[name] == 1:
            return web.Response(status=429, headers={"Retry-After": "1"})
        if name == "gone":
            return web.Response(status=404)
        if name == "redirect":
            raise web.HTTPFound("/r/ok")
        if name == "etag":
            if request.headers.get("If-None-Match") == '"v1"':
                return web.Response(status=304)
            return web.Response(body=b"feed", headers={"ETag": '"v1"'})
        if name == "slow":
            await asyncio.sleep(2)
        return web.Response(body=b"ok")

    app = web.Application()
    app.router.add_get("/r/{name}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/r/", hits
    await runner.cleanup()


async def test_http_client_limits_retries_and_validators(upstream: tuple[str, dict[str, int]]) -> None:
    base, hits = upstream
    client = HttpClient(user_agent="t", timeout=0.5, backoff=0.01, retries=2)
    async with client.open() as f:
        with pytest.raises(FetchError) as exc:
            await f.get(base + "big", max_bytes=1024)
        assert not exc.value.transient and "MiB" in exc.value.msg_en
        assert len((await f.get(base + "large", max_bytes=4 * 1024 * 1024)).body) == 40 * 65536
        with pytest.raises(FetchError):
            await f.get("file:///etc/passwd")
        with pytest.raises(FetchError):
            await f.get("ftp://127.0.0.1/x")
        assert (await f.get(base + "flaky")).body == b"ok" and hits["flaky"] == 3
        with pytest.raises(FetchError) as exc:
            await f.get(base + "gone")
        assert exc.value.status == 404 and hits["gone"] == 1  # no retry on 404
        with pytest.raises(FetchError) as exc:
            await f.get(base + "slow")
        assert exc.value.transient and hits["slow"] == 3
        start = asyncio.get_running_loop().time()
        assert (await f.get(base + "busy")).body == b"ok"
        assert asyncio.get_running_loop().time() - start >= 0.9 and hits["busy"] == 2
        assert (await f.get(base + "redirect")).body == b"ok"
        # Validators are used only once the caller says the body was processed.
        first = await f.get(base + "etag", conditional=True)
        again = await f.get(base + "etag", conditional=True)
        assert not again.not_modified
        client.remember(first)
        assert (await f.get(base + "etag", conditional=True)).not_modified
