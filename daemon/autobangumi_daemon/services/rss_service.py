"""RssService: reading feeds and their torrents (changes arrive with the feeds-and-rules work)."""

from __future__ import annotations

from sqlalchemy import select

from autobangumi.rpc import Caller
from autobangumi.v1 import rss_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.models import RssItem, Torrent
from autobangumi_daemon.services.rows import rss_to_message, torrent_to_message

__all__ = ["RssService"]


class RssService:
    SERVICE = "autobangumi.v1.RssService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def ListRss(self, req: rss_pb2.ListRssRequest, caller: Caller) -> rss_pb2.ListRssResponse:
        async with self.ctx.db() as s:
            rows = (await s.scalars(select(RssItem).order_by(RssItem.id))).all()
        return rss_pb2.ListRssResponse(rss=[rss_to_message(r) for r in rows])

    async def ListRssTorrents(
        self, req: rss_pb2.RssIdRequest, caller: Caller
    ) -> rss_pb2.ListTorrentsResponse:
        async with self.ctx.db() as s:
            rows = (
                await s.scalars(select(Torrent).where(Torrent.rss_id == req.rss_id).order_by(Torrent.id))
            ).all()
        return rss_pb2.ListTorrentsResponse(torrents=[torrent_to_message(r) for r in rows])
