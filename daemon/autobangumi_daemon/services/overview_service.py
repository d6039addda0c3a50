"""OverviewService: one summary of the install for the dashboard."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.sql.elements import ColumnElement

from autobangumi.rpc import Caller
from autobangumi.v1 import overview_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.core.states import FeedHealth
from autobangumi_daemon.db.models import Bangumi, RenameRecord, RssItem, Torrent
from autobangumi_daemon.downloader_manager import DownloaderInstance
from autobangumi_daemon.library.journal import JournalState
from autobangumi_daemon.services.times import iso

__all__ = ["OverviewService"]

# The dashboard waits for the downloader at most this long; a client that needs longer is
# reported as not answering rather than freezing the page.
CHECK_TIMEOUT = 4.0
_NAMES = {"qbittorrent": "qBittorrent", "transmission": "Transmission", "aria2": "aria2"}


class OverviewService:
    SERVICE = "autobangumi.v1.OverviewService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def GetOverview(
        self, req: overview_pb2.GetOverviewRequest, caller: Caller
    ) -> overview_pb2.Overview:
        program = self.ctx.program
        out = overview_pb2.Overview(
            program_running=program.running, first_run=self.ctx.need_setup, version=self.ctx.version
        )
        next_run = iso(program.next_run("rss"))
        if next_run is not None:
            out.next_refresh_at = next_run
        downloader, _ = await asyncio.gather(self._downloader(), self._count_into(out))
        out.downloader.CopyFrom(downloader)
        return out

    async def _downloader(self) -> overview_pb2.DownloaderState:
        """The default instance's state; with further instances, the message also says how
        each of them is (checked at the same time, each within CHECK_TIMEOUT)."""
        manager = self.ctx.downloader
        instances = manager.instances()
        states = await asyncio.gather(*(self._instance_state(i) for i in instances))
        state = states[0]
        if len(instances) > 1:
            extra_en = [f"{i.name}: {s.message_en}" for i, s in zip(instances[1:], states[1:], strict=True)]
            extra_zh = [f"{i.name}：{s.message_zh}" for i, s in zip(instances[1:], states[1:], strict=True)]
            state.message_en += " Other downloaders — " + " ".join(extra_en)
            state.message_zh += " 其他下载器——" + " ".join(extra_zh)
        return state

    async def _instance_state(self, inst: DownloaderInstance) -> overview_pb2.DownloaderState:
        cfg = inst.cfg
        kind = (cfg.type or "qbittorrent").lower()
        name = _NAMES.get(kind, kind)
        state = overview_pb2.DownloaderState(type=kind, host=cfg.host)
        try:
            ok = await asyncio.wait_for(inst.check(), CHECK_TIMEOUT)
        except TimeoutError:
            state.message_en = f"{name} did not answer within {CHECK_TIMEOUT:.0f} seconds."
            state.message_zh = f"{name} 在 {CHECK_TIMEOUT:.0f} 秒内没有响应。"
            return state
        if ok:
            state.reachable = True
            if inst.version:
                state.version = inst.version
            ver = f" {inst.version}" if inst.version else ""
            state.message_en = f"Connected to {name}{ver}."
            state.message_zh = f"已连接到 {name}{ver}。"
        elif inst.last_error is not None:
            state.message_en = inst.last_error.msg_en
            state.message_zh = inst.last_error.msg_zh
        else:
            state.message_en = "The downloader settings are not usable: check the host and type."
            state.message_zh = "下载器设置不可用：请检查地址和类型。"
        return state

    async def _count_into(self, out: overview_pb2.Overview) -> None:
        week_ago = datetime.now(UTC) - timedelta(days=7)

        def count(cond: ColumnElement[bool]) -> ColumnElement[int]:
            return func.count().filter(cond)

        async with self.ctx.db() as s:
            rules = (
                await s.execute(
                    select(
                        func.count(),
                        count(Bangumi.deleted.is_(False) & Bangumi.archived.is_(False)),
                        count(Bangumi.archived.is_(True)),
                        count(Bangumi.needs_review.is_(True) & Bangumi.deleted.is_(False)),
                    ).select_from(Bangumi)
                )
            ).one()
            feeds = (
                await s.execute(
                    select(
                        func.count(),
                        count(RssItem.connection_status == FeedHealth.ERROR),
                        func.max(RssItem.last_checked_at),
                    )
                )
            ).one()
            episodes = await s.scalar(
                select(func.count()).select_from(Torrent).where(Torrent.downloaded_at >= week_ago)
            )
            renames = (
                await s.execute(
                    select(
                        count(RenameRecord.status == JournalState.HELD),
                        count(RenameRecord.status == JournalState.FAILED),
                    ).where(RenameRecord.kind != "torrent")
                )
            ).one()
        out.rules, out.rules_active, out.rules_archived, out.rules_needing_review = (int(n) for n in rules)
        out.feeds, out.feeds_with_errors = int(feeds[0]), int(feeds[1])
        # Feeds record when they were last checked: the newest is the last refresh.
        if feeds[2]:
            last = iso(datetime.fromisoformat(str(feeds[2])))
            if last is not None:
                out.last_refresh_at = last
        out.episodes_this_week = int(episodes or 0)
        out.held_renames, out.failed_renames = int(renames[0]), int(renames[1])
