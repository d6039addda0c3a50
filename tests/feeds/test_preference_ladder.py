"""The preference ladder through the API with the `mock` downloader: variants of one episode
become one download chosen by the config's default ladder; a rule's own ladder (saved and read
back, refused in both languages when bad) makes a better variant that arrives later replace it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import aiohttp

from tests.feeds.conftest import Fakes, patch_config
from tests.helpers import Server

SHOW = "[喵萌奶茶屋&LoliHouse] 末日后酒店 / Apocalypse Hotel - 20"
WEBRIP_AVC = f"{SHOW} [WebRip 1080p AVC AAC][简繁日内封字幕]"
WEBDL_AVC = f"{SHOW} [WEB-DL 1080p AVC AAC][简繁日内封字幕]"
WEBRIP_HEVC = f"{SHOW} [WebRip 1080p HEVC-10bit AAC][简繁日内封字幕]"


async def _json(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, (url, resp.status, await resp.text())
        return await resp.json()


async def _held(http: aiohttp.ClientSession, site: Server) -> list[str]:
    return [
        t["name"]
        for t in await _json(http, "GET", site.api + "/downloader/torrents")
        if " - 20 " in t["name"]
    ]


async def test_variants_become_one_download_and_a_better_one_replaces_it(
    site: Server, http: aiohttp.ClientSession, fakes: Fakes, tmp_path: Path
) -> None:
    library = tmp_path / "library"
    ladder = {"sources": ["WEB-DL"], "order": ["source"]}
    await patch_config(
        site, http, {"downloader": {"type": "mock", "host": "", "path": str(library)}, "preference": ladder}
    )
    # The WebRip first: by feed order alone it would win; the ladder prefers the WEB-DL.
    fakes.mikan.add_item(WEBRIP_AVC, "a1" * 20)
    fakes.mikan.add_item(WEBDL_AVC, "a2" * 20)
    feed_url = fakes.mikan.base + "/RSS/MyBangumi?token=token"
    await _json(http, "POST", site.api + "/rss/add", json={"name": "", "url": feed_url, "aggregate": True})
    await _json(http, "GET", site.api + "/rss/refresh/all")
    assert await _held(http, site) == [_file(WEBDL_AVC)]
    feed = (await _json(http, "GET", site.api + "/rss"))[0]
    rows = {r["name"]: r for r in await _json(http, "GET", site.api + f"/rss/torrent/{feed['id']}")}
    assert (rows[WEBDL_AVC]["status"], rows[WEBRIP_AVC]["status"]) == ("downloaded", "superseded")

    # The rule's own ladder: HEVC first. Its empty fields keep the default ladder's.
    rules = await _json(http, "GET", site.api + "/bangumi/get/all")
    rule = next(r for r in rules if r["official_title"] == "末日后酒店")
    rid = rule["id"]
    for bad, named in (
        ({"preference_order": "codec,flavour"}, "flavour"),
        ({"delay_minutes": -1}, "-1"),
        ({"rename_template": "{title} S{season}"}, "{episode}"),
    ):
        async with http.patch(site.api + f"/bangumi/update/{rid}", json=rule | bad | {"id": None}) as resp:
            assert resp.status == 422, (bad, await resp.text())
            err = await resp.json()
            assert named in err["msg_en"] and named in err["msg_zh"], err
    assert await _json(http, "GET", site.api + f"/bangumi/get/{rid}") == rule  # nothing changed
    own = {
        "preferred_codec": "HEVC,10bit",
        "preferred_source": "WebRip",
        "preference_order": "codec,source",
        "delay_minutes": 0,
        "rename_template": "{title} S{season}E{episode} [{group}]",
    }
    await _json(http, "PATCH", site.api + f"/bangumi/update/{rid}", json=rule | own | {"id": None})
    got = await _json(http, "GET", site.api + f"/bangumi/get/{rid}")
    assert {k: got[k] for k in own} == own

    # A better variant later: it replaces the kept one (which the mock still holds: replaced
    # releases stay unless remove_superseded says otherwise).
    fakes.mikan.add_item(WEBRIP_HEVC, "a3" * 20)
    await _json(http, "GET", site.api + "/rss/refresh/all")
    assert sorted(await _held(http, site)) == sorted([_file(WEBDL_AVC), _file(WEBRIP_HEVC)])
    rows = {r["name"]: r for r in await _json(http, "GET", site.api + f"/rss/torrent/{feed['id']}")}
    assert (rows[WEBRIP_HEVC]["status"], rows[WEBDL_AVC]["status"]) == ("downloaded", "replaced")
    # A worse variant later changes nothing.
    worse = f"{SHOW}v2 [WEB-DL 1080p AVC AAC][简繁日内封字幕]"
    fakes.mikan.add_item(worse, "a4" * 20)
    await _json(http, "GET", site.api + "/rss/refresh/all")
    assert len(await _held(http, site)) == 2
    rows = {r["name"]: r for r in await _json(http, "GET", site.api + f"/rss/torrent/{feed['id']}")}
    assert rows[worse]["status"] == "superseded" and rows[WEBRIP_HEVC]["status"] == "downloaded"


def _file(title: str) -> str:
    """The mock's torrent name for a release (the fake's .torrent holds one `<title>.mkv`)."""
    return title.replace("/", " ") + ".mkv"


class _Clock:
    """The time the downloads job measures waits by, moved by the test."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


async def test_a_wait_holds_the_episode_then_keeps_the_best_release_seen(
    site: Server, http: aiohttp.ClientSession, fakes: Fakes, tmp_path: Path
) -> None:
    library = tmp_path / "library"
    ladder = {"sources": ["WEB-DL"], "delay_minutes": 30}
    await patch_config(
        site, http, {"downloader": {"type": "mock", "host": "", "path": str(library)}, "preference": ladder}
    )
    daemon = site.running.daemon
    assert daemon is not None and daemon.ctx is not None
    # In the future: a refresh the daemon runs itself (at a restart, say) on the real clock
    # sees the wait as not over.
    t0 = dt.datetime(2099, 1, 9, 12, 0, tzinfo=dt.UTC)
    clock = _Clock(t0)
    daemon.ctx.pipeline.downloads.clock = clock
    until = "2099-01-09T12:30:00+00:00"

    fakes.mikan.add_item(WEBRIP_AVC, "b1" * 20)
    feed_url = fakes.mikan.base + "/RSS/MyBangumi?token=token"
    await _json(http, "POST", site.api + "/rss/add", json={"name": "", "url": feed_url, "aggregate": True})
    await _json(http, "GET", site.api + "/rss/refresh/all")
    assert await _held(http, site) == []  # held: other releases may come
    feed = (await _json(http, "GET", site.api + "/rss"))[0]

    async def items() -> dict[str, Any]:
        body = await _json(
            http, "GET", site.api + f"/rss/{feed['id']}/items"
        )  # site.api: after a restart too
        return {it["name"]: it for it in body["items"]}

    first = (await items())[WEBRIP_AVC]
    assert first["status"] == "pending"
    assert (first["reason"]["kind"], first["reason"]["until"]) == ("waiting", until)
    assert until in first["reason_en"] and until in first["reason_zh"]

    # Another release during the wait joins it: the wait still ends when the first began + 30 min.
    clock.now = t0 + dt.timedelta(minutes=10)
    fakes.mikan.add_item(WEBDL_AVC, "b2" * 20)
    await _json(http, "GET", site.api + "/rss/refresh/all")
    assert await _held(http, site) == []
    now_items = await items()
    assert {now_items[n]["reason"]["until"] for n in (WEBRIP_AVC, WEBDL_AVC)} == {until}

    # A restart keeps the wait (its start is stored); still before the end, a refresh changes
    # nothing.
    await site.restart()
    daemon = site.running.daemon
    assert daemon is not None and daemon.ctx is not None
    daemon.ctx.pipeline.downloads.clock = clock
    clock.now = t0 + dt.timedelta(minutes=29)
    await _json(http, "GET", site.api + "/rss/refresh/all")
    assert await _held(http, site) == []

    # The wait is over: the next refresh, with nothing new in the feed, keeps the best one.
    clock.now = t0 + dt.timedelta(minutes=31)
    await _json(http, "GET", site.api + "/rss/refresh/all")
    assert await _held(http, site) == [_file(WEBDL_AVC)]
    done = await items()
    assert (done[WEBDL_AVC]["status"], done[WEBRIP_AVC]["status"]) == ("downloaded", "duplicate")
    assert done[WEBRIP_AVC]["reason"]["kind"] == "worse"  # ranked below the WEB-DL one
    assert done[WEBRIP_AVC]["duplicate_of"] == done[WEBDL_AVC]["id"]
    # Over means over: later refreshes download nothing more for it.
    clock.now = t0 + dt.timedelta(hours=2)
    await _json(http, "GET", site.api + "/rss/refresh/all")
    assert await _held(http, site) == [_file(WEBDL_AVC)]
