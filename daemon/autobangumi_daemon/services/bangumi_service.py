"""BangumiService: reading rules (writes arrive with the feeds-and-rules work)."""

from __future__ import annotations

from sqlalchemy import select

from autobangumi.rpc import Caller
from autobangumi.v1 import bangumi_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.models import Bangumi
from autobangumi_daemon.errors import not_found
from autobangumi_daemon.services.rows import bangumi_to_message

__all__ = ["BangumiService"]


class BangumiService:
    SERVICE = "autobangumi.v1.BangumiService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        # The WebUI reloads the whole list often; it is rebuilt only after a write.
        self._all: bangumi_pb2.ListBangumiResponse | None = None

    def invalidate(self) -> None:
        self._all = None

    async def ListBangumi(
        self, req: bangumi_pb2.ListBangumiRequest, caller: Caller
    ) -> bangumi_pb2.ListBangumiResponse:
        if self._all is None:
            async with self.ctx.db() as s:
                rows = (await s.scalars(select(Bangumi).order_by(Bangumi.id))).all()
            self._all = bangumi_pb2.ListBangumiResponse(bangumi=[bangumi_to_message(r) for r in rows])
        return self._all

    async def GetBangumi(self, req: bangumi_pb2.GetBangumiRequest, caller: Caller) -> bangumi_pb2.Bangumi:
        async with self.ctx.db() as s:
            row = await s.get(Bangumi, req.bangumi_id)
        if row is None:
            raise not_found(f"Can't find data with {req.bangumi_id}", f"找不到 ID 为 {req.bangumi_id} 的数据")
        return bangumi_to_message(row)

    async def ListNeedsReview(
        self, req: bangumi_pb2.ListBangumiRequest, caller: Caller
    ) -> bangumi_pb2.ListBangumiResponse:
        async with self.ctx.db() as s:
            rows = (
                await s.scalars(
                    select(Bangumi)
                    .where(Bangumi.needs_review.is_(True), Bangumi.deleted.is_(False))
                    .order_by(Bangumi.id)
                )
            ).all()
        return bangumi_pb2.ListBangumiResponse(bangumi=[bangumi_to_message(r) for r in rows])
