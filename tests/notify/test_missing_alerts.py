"""Missing-episode alerts with a real daemon and database: a late weekly show is told once, on
the event stream and through a notification (Telegram played by a local receiver)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import aiohttp
import pytest
from sqlalchemy import select

from autobangumi.v1 import program_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.models import Bangumi, Torrent
from autobangumi_daemon.notify.missing import tell_late_episodes
from tests.helpers import Server
from tests.notify.receivers import GOOD_TELEGRAM, Receiver, receiver

# Episode 5 of a Saturday show, published Saturday 2026-11-21 at 23:30 in Beijing.
EP5_AT = datetime(2026, 11, 21, 15, 30, tzinfo=UTC)
THURSDAY = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)  # episode 6 was due Saturday 28th


@pytest.fixture
async def rx() -> AsyncIterator[Receiver]:
    async with receiver() as r:
        yield r


def _ctx(server: Server) -> AppContext:
    assert server.running.daemon is not None and server.running.daemon.ctx is not None
    return server.running.daemon.ctx


async def _rule_with_episodes(ctx: AppContext, weekday: int | None, *eps: tuple[int, datetime]) -> int:
    async with ctx.db.begin() as s:
        rule = Bangumi(official_title="葬送的芙莉莲", title_raw="Sousou no Frieren", air_weekday=weekday)
        s.add(rule)
        await s.flush()
        for ep, when in eps:
            s.add(
                Torrent(
                    name=f"[ANi] 葬送的芙莉莲 - {ep:02d} [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]",
                    url=f"magnet:?xt=urn:btih:{ep:040d}",
                    bangumi_id=rule.id,
                    status="downloaded",
                    downloaded=True,
                    episode_key=f"S01E{ep:02d}",
                    published_at=when,
                )
            )
    return rule.id


async def test_a_late_episode_is_told_once(ready: Server, http: aiohttp.ClientSession, rx: Receiver) -> None:
    provider = {
        "type": "telegram",
        "enabled": True,
        "token": GOOD_TELEGRAM,
        "chat_id": "1",
        "server_url": rx.base + "/tg",
    }
    async with http.patch(
        ready.api + "/config/update", json={"notification": {"enable": True, "providers": [provider]}}
    ) as resp:
        assert resp.status == 200, await resp.text()
    ctx = _ctx(ready)
    rule_id = await _rule_with_episodes(ctx, 5, (4, datetime(2026, 11, 14, 15, tzinfo=UTC)), (5, EP5_AT))
    await _rule_with_episodes(ctx, None, (1, EP5_AT))  # no weekday known: never late
    events: list[program_pb2.Event] = []

    async def listen() -> None:
        async for ev in ctx.bus.subscribe():
            events.append(ev)

    task = asyncio.create_task(listen())
    await asyncio.sleep(0)
    try:
        late = await tell_late_episodes(ctx, THURSDAY)
        assert [(x.rule_id, x.episode_key, x.due.isoformat(), x.days_late) for x in late] == [
            (rule_id, "S01E06", "2026-11-28", 5)
        ]
        await asyncio.sleep(0.05)
        missing = [e for e in events if e.kind == "missing_episode"]
        assert len(missing) == 1 and missing[0].WhichOneof("payload") == "missing_episode"
        m = missing[0].missing_episode
        assert (m.bangumi_id, m.official_title, m.episode_key, m.due, m.days_late) == (
            rule_id, "葬送的芙莉莲", "S01E06", "2026-11-28", 5,
        )  # fmt: skip
        sent = rx.at(f"/tg/bot{GOOD_TELEGRAM}/sendMessage")
        assert len(sent) == 1
        assert sent[0].json()["text"] == (
            "葬送的芙莉莲 S01E06\nS01E06 未按时到达（应于 2026-11-28，已晚 5 天）/ "
            "S01E06 has not arrived (due 2026-11-28, 5 days late)"
        )
        # Told once: the next check, and one after a restart (it is stored), say nothing.
        assert await tell_late_episodes(ctx, THURSDAY) == []
        async with ctx.db() as s:
            assert await s.scalar(select(Bangumi.late_told).where(Bangumi.id == rule_id)) == "S01E06"
        await asyncio.sleep(0.05)
        assert len([e for e in events if e.kind == "missing_episode"]) == 1
        assert len(rx.at(f"/tg/bot{GOOD_TELEGRAM}/sendMessage")) == 1

        # Episode 6 arrives late on Thursday; episode 7 is then due the Saturday after it.
        async with ctx.db.begin() as s:
            s.add(
                Torrent(
                    name="[ANi] 葬送的芙莉莲 - 06 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]",
                    url="magnet:?xt=urn:btih:" + "6" * 40,
                    bangumi_id=rule_id,
                    status="downloaded",
                    downloaded=True,
                    episode_key="S01E06",
                    published_at=THURSDAY,
                )
            )
        assert await tell_late_episodes(ctx, datetime(2026, 12, 6, 4, tzinfo=UTC)) == []
        again = await tell_late_episodes(ctx, datetime(2026, 12, 8, 4, tzinfo=UTC))
        assert [(x.episode_key, x.due.isoformat(), x.days_late) for x in again] == [
            ("S01E07", "2026-12-05", 3)
        ]
        assert len(rx.at(f"/tg/bot{GOOD_TELEGRAM}/sendMessage")) == 2
    finally:
        task.cancel()


async def test_an_archived_rule_is_never_late(ready: Server) -> None:
    ctx = _ctx(ready)
    rule_id = await _rule_with_episodes(ctx, 5, (5, EP5_AT))
    late = await tell_late_episodes(ctx, THURSDAY)
    assert [x.rule_id for x in late] == [rule_id]
    # Archived (the show is over): not looked at again, even with its alert forgotten.
    async with ctx.db.begin() as s:
        rule = await s.get(Bangumi, rule_id)
        assert rule is not None
        rule.late_told = None
        rule.archived = True
    assert await tell_late_episodes(ctx, THURSDAY) == []
