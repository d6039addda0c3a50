"""Offsets from TMDB's series shape: the pure rules, the endpoints, metadata refresh, the scan."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import aiohttp
from sqlalchemy import select

from autobangumi_daemon.core.offsets import SeriesShape, detect, suggest_offset, virtual_starts
from autobangumi_daemon.db.models import Bangumi, Torrent
from autobangumi_daemon.library.metadata import scan_offsets
from tests.helpers import Server

from .conftest import Fakes
from .fakes import fixture

WOLF = SeriesShape("狼与香辛料", "Returning Series", {1: 25, 2: 1})


def test_suggest_offset() -> None:
    assert suggest_offset(WOLF, 1) == (0, "Season 1 needs no offset.")
    assert suggest_offset(WOLF, 2)[0] == -25
    assert suggest_offset(WOLF, 4)[0] == 0  # season 3 unknown: no guess


def test_detect_absolute_and_cour_numbering() -> None:
    assert detect(WOLF, 1, 5).has_mismatch is False
    past = detect(WOLF, 1, 26).suggestion
    assert past is not None and (past.season_offset, past.episode_offset, past.confidence) == (1, -25, "high")
    from_one = detect(WOLF, 2, 26).suggestion
    assert from_one is not None and (from_one.season_offset, from_one.episode_offset) == (0, -25)
    beyond = detect(WOLF, 3, 1)
    assert beyond.has_mismatch and beyond.suggestion is not None and beyond.suggestion.confidence == "low"
    assert beyond.suggestion.episode_offset is None

    two_cours = SeriesShape("X", "Ended", {1: 24}, {1: [13]})
    cour = detect(two_cours, 2, 3).suggestion
    assert cour is not None and (cour.season_offset, cour.episode_offset, cour.confidence) == (
        -1,
        12,
        "medium",
    )
    assert detect(two_cours, 1, 13).has_mismatch is False
    assert detect(SeriesShape("Y", "", {}), 1, 1).has_mismatch is False


def test_virtual_starts_from_air_dates() -> None:
    d = dt.date(2024, 4, 2)
    weekly = [(n, d + dt.timedelta(weeks=n - 1)) for n in range(1, 13)]
    after_break = [(n, d + dt.timedelta(weeks=n - 1 + 14)) for n in range(13, 25)]
    assert virtual_starts(weekly + after_break) == [13]
    assert virtual_starts([*weekly, (13, None)]) == []
    assert virtual_starts([]) == []


async def _json(http: aiohttp.ClientSession, method: str, url: str, **kw: Any) -> Any:
    async with http.request(method, url, **kw) as resp:
        assert resp.status == 200, await resp.text()
        return await resp.json()


async def _rule(server: Server, **values: Any) -> int:
    assert server.running.daemon is not None and server.running.daemon.ctx is not None
    async with server.running.daemon.ctx.db.begin() as s:
        row = Bangumi(**values)
        s.add(row)
        await s.flush()
        return int(row.id)


async def test_offset_endpoints(site: Server, http: aiohttp.ClientSession, fakes: Fakes) -> None:
    s2 = await _rule(site, official_title="狼与香辛料", title_raw="Spice and Wolf", season=2)
    s1 = await _rule(site, official_title="狼与香辛料", title_raw="Spice and Wolf S1", season=1)
    body = await _json(http, "GET", site.api + f"/bangumi/suggest-offset/{s2}")
    assert body["suggested_offset"] == -25 and "25" in body["reason"]
    assert (await _json(http, "GET", site.api + f"/bangumi/suggest-offset/{s1}"))["suggested_offset"] == 0
    assert (await _json(http, "GET", site.api + "/bangumi/suggest-offset/999"))["suggested_offset"] == 0

    found = await _json(
        http,
        "POST",
        site.api + "/bangumi/detect-offset",
        json={"title": "狼与香辛料", "parsed_season": 1, "parsed_episode": 26},
    )
    assert found["has_mismatch"] is True
    assert found["suggestion"] == {
        "season_offset": 1,
        "episode_offset": -25,
        "reason": found["suggestion"]["reason"],
        "confidence": "high",
    }
    info = found["tmdb_info"]
    assert info["total_seasons"] == 2 and info["season_episode_counts"] == {"1": 25, "2": 1}
    assert info["status"] == "Returning Series" and info["title"]

    fine = await _json(
        http,
        "POST",
        site.api + "/bangumi/detect-offset",
        json={"title": "狼与香辛料", "parsed_season": 1, "parsed_episode": 3},
    )
    assert fine["has_mismatch"] is False and fine["suggestion"] is None
    unknown = await _json(
        http,
        "POST",
        site.api + "/bangumi/detect-offset",
        json={"title": "No Such Show", "parsed_season": 1, "parsed_episode": 3},
    )
    assert unknown == {"has_mismatch": False, "suggestion": None, "tmdb_info": None}

    # A season with a three-month break: the release's "season 2" is its second cour.
    season = json.loads(fixture("tmdb/tv_season.json"))
    for ep in season["episodes"]:
        if ep["episode_number"] >= 13:
            day = dt.date.fromisoformat(ep["air_date"]) + dt.timedelta(days=90)
            ep["air_date"] = day.isoformat()
    fakes.tmdb.season_body = json.dumps(season).encode()
    assert site.running.daemon is not None and site.running.daemon.ctx is not None
    site.running.daemon.ctx.upstreams.apply(site.running.daemon.ctx.config.config)  # no cached shape
    cour = await _json(
        http,
        "POST",
        site.api + "/bangumi/detect-offset",
        json={"title": "狼与香辛料 第二部分", "parsed_season": 2, "parsed_episode": 1},
    )
    assert cour["tmdb_info"]["virtual_season_starts"] == {"1": [13]}


async def test_refresh_metadata_fills_posters(site: Server, http: aiohttp.ClientSession) -> None:
    rid = await _rule(site, official_title="狼与香辛料", title_raw="Spice and Wolf")
    body = await _json(http, "GET", site.api + "/bangumi/refresh/metadata")
    assert "Archived 0" in body["msg_en"] and "1 posters" in body["msg_en"] and body["msg_zh"]
    rule = await _json(http, "GET", site.api + f"/bangumi/get/{rid}")
    assert rule["poster_link"].startswith("posters/") and rule["archived"] is False
    async with http.get(site.base + "/" + rule["poster_link"]) as resp:
        assert resp.status == 200 and resp.content_type.startswith("image/")


async def test_calendar_endpoint_reports_an_unreachable_bangumi_tv(
    site: Server, http: aiohttp.ClientSession
) -> None:
    async with http.get(site.api + "/bangumi/refresh/calendar") as resp:
        assert resp.status == 500
        body = await resp.json()
        assert "Bangumi.tv" in body["msg_en"] and body["msg_zh"]


async def test_scan_flags_once_and_respects_dismissal(site: Server, http: aiohttp.ClientSession) -> None:
    rid = await _rule(site, official_title="狼与香辛料", title_raw="Spice and Wolf", season=1)
    assert site.running.daemon is not None and site.running.daemon.ctx is not None
    ctx = site.running.daemon.ctx
    async with ctx.db.begin() as s:
        s.add(
            Torrent(bangumi_id=rid, name="[LoliHouse] Spice and Wolf - 26 [WebRip 1080p]", url="magnet:?xt=1")
        )
    pipeline = ctx.pipeline
    assert await scan_offsets(ctx, pipeline) == 1
    review = await _json(http, "GET", site.api + "/bangumi/needs-review")
    assert [r["id"] for r in review] == [rid]
    assert review[0]["suggested_season_offset"] == 1 and review[0]["suggested_episode_offset"] == -25
    await _json(http, "POST", site.api + f"/bangumi/dismiss-review/{rid}")
    assert await _json(http, "GET", site.api + "/bangumi/needs-review") == []
    assert await scan_offsets(ctx, pipeline) == 0  # the dismissed suggestion is not raised again
    async with ctx.db() as s:
        row = (await s.scalars(select(Bangumi).where(Bangumi.id == rid))).one()
    assert row.needs_review is False
