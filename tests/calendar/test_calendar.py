"""Calendar sync from a stand-in Bangumi.tv serving the real calendar format."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import select

from autobangumi_daemon.adapters.bgm import parse_calendar
from autobangumi_daemon.core.weekdays import RuleTitles, match_weekdays
from autobangumi_daemon.db.models import Bangumi
from autobangumi_daemon.errors import DaemonError
from autobangumi_daemon.library.calendar import refresh_calendar
from tests.helpers import Server

CALENDAR = Path(__file__).resolve().parents[1] / "fixtures" / "upstreams" / "bgm" / "calendar.json"


def test_parse_real_calendar_format() -> None:
    entries = parse_calendar(json.loads(CALENDAR.read_text()))
    summer = next(e for e in entries if e.subject_id == 363957)
    assert summer.name_cn == "夏日口袋" and summer.weekday == 0  # bgm Monday=1 -> 0
    assert all(0 <= e.weekday <= 6 for e in entries)
    assert parse_calendar([{"weekday": {"id": 9}, "items": [{"id": "x"}]}, "junk"]) == []


def test_matching_folds_scripts_and_refuses_ambiguity() -> None:
    entries = [
        (("Summer Pockets", "夏日口袋"), 0),
        (("Re:Zero", "Re：从零开始的异世界生活"), 2),
        (("Same", "同名"), 3),
        (("Same", "同名"), 4),
    ]
    rules = [
        RuleTitles(1, ["夏日口袋"]),
        RuleTitles(2, ["Re：從零開始的異世界生活"]),  # Traditional script, full-width colon
        RuleTitles(3, ["同名"]),  # airs on two days: left alone
        RuleTitles(4, ["Unknown Show"]),
        RuleTitles(5, ["夏日口袋 第二季"]),  # contains a unique name
    ]
    assert match_weekdays(rules, entries) == {1: 0, 2: 2, 5: 0}


@pytest.fixture
async def bgm() -> AsyncIterator[str]:
    app = web.Application()

    async def calendar(_: web.Request) -> web.Response:
        return web.Response(body=CALENDAR.read_bytes(), content_type="application/json")

    async def broken(_: web.Request) -> web.Response:
        return web.Response(status=502, text="upstream down")

    app.router.add_get("/ok/calendar", calendar)
    app.router.add_get("/down/calendar", broken)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    await runner.cleanup()


async def test_refresh_sets_unlocked_weekdays(ready: Server, http: aiohttp.ClientSession, bgm: str) -> None:
    async with http.patch(
        ready.api + "/config/update", json={"network": {"bgm_base_url": bgm + "/ok"}}
    ) as resp:
        assert resp.status == 200, await resp.text()
    assert ready.running.daemon is not None and ready.running.daemon.ctx is not None
    ctx = ready.running.daemon.ctx
    async with ctx.db.begin() as s:
        s.add_all(
            [
                Bangumi(official_title="夏日口袋", title_raw="Summer Pockets"),
                Bangumi(
                    official_title="随兴旅-That's Journey-",
                    title_raw="Zatsu Tabi",
                    air_weekday=5,
                    weekday_locked=True,
                ),
                Bangumi(official_title="Nothing Airs", title_raw="Nothing Airs"),
            ]
        )
    assert await refresh_calendar(ctx.config, ctx.db) == 1
    async with ctx.db() as s:
        rows = {r.official_title: r for r in (await s.scalars(select(Bangumi))).all()}
    assert rows["夏日口袋"].air_weekday == 0
    assert rows["随兴旅-That's Journey-"].air_weekday == 5  # locked by the user: untouched
    assert rows["Nothing Airs"].air_weekday is None
    assert await refresh_calendar(ctx.config, ctx.db) == 0  # nothing changes the second time

    async with http.patch(
        ready.api + "/config/update", json={"network": {"bgm_base_url": bgm + "/down"}}
    ) as resp:
        assert resp.status == 200
    with pytest.raises(DaemonError) as exc:
        await refresh_calendar(ctx.config, ctx.db)
    assert "Bangumi.tv" in exc.value.msg_en and exc.value.msg_zh
