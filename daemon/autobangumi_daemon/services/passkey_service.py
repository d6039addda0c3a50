"""PasskeyService: listing and deleting the user's passkeys (registration and login follow)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select

from autobangumi.rpc import Caller
from autobangumi.v1 import common_pb2, passkey_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.models import Passkey
from autobangumi_daemon.errors import not_found

__all__ = ["PasskeyService"]


def _iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).isoformat()


class PasskeyService:
    SERVICE = "autobangumi.v1.PasskeyService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def ListPasskeys(
        self, req: passkey_pb2.ListPasskeysRequest, caller: Caller
    ) -> passkey_pb2.ListPasskeysResponse:
        user_id = caller.identity.user_id if caller.identity else None
        if user_id is None:
            return passkey_pb2.ListPasskeysResponse()
        async with self.ctx.db() as s:
            rows = (
                await s.scalars(select(Passkey).where(Passkey.user_id == user_id).order_by(Passkey.id))
            ).all()
        out = passkey_pb2.ListPasskeysResponse()
        for row in rows:
            item = out.passkeys.add(
                id=row.id,
                name=row.name,
                created_at=_iso(row.created_at) or "",
                backup_eligible=row.backup_eligible,
            )
            if row.last_used_at is not None:
                item.last_used_at = _iso(row.last_used_at) or ""
            if row.aaguid is not None:
                item.aaguid = row.aaguid
        return out

    async def DeletePasskey(
        self, req: passkey_pb2.DeletePasskeyRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        user_id = caller.identity.user_id if caller.identity else None
        async with self.ctx.db.begin() as s:
            result = await s.execute(
                delete(Passkey).where(Passkey.id == req.passkey_id, Passkey.user_id == user_id)
            )
        if not result.rowcount:  # type: ignore[attr-defined]
            raise not_found("Passkey not found", "未找到该 Passkey")
        return common_pb2.ApiMessage(msg_en="Passkey deleted successfully", msg_zh="Passkey 删除成功")
