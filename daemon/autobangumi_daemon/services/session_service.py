"""SessionService: the open login sessions, and ending one."""

from __future__ import annotations

import hashlib

from autobangumi.rpc import Caller
from autobangumi.v1 import common_pb2, session_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.errors import not_found
from autobangumi_daemon.services.times import iso

__all__ = ["SessionService", "public_id"]


def public_id(sid: str) -> str:
    """A short name for a session. The session key itself is never shown: with the install's
    secret it is what a login cookie is made of."""
    return hashlib.sha256(sid.encode()).hexdigest()[:16]


class SessionService:
    SERVICE = "autobangumi.v1.SessionService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def ListSessions(
        self, req: session_pb2.ListSessionsRequest, caller: Caller
    ) -> session_pb2.ListSessionsResponse:
        current = caller.identity.session_id if caller.identity is not None else None
        rows = await self.ctx.auth.list_sessions()
        return session_pb2.ListSessionsResponse(
            sessions=[
                session_pb2.LoginSession(
                    id=public_id(r.id),
                    created_at=iso(r.created_at) or "",
                    expires_at=iso(r.expires_at) or "",
                    client_ip=r.client_ip or None,
                    method=r.method or "password",
                    current=r.id == current,
                )
                for r in rows
            ]
        )

    async def DeleteSession(
        self, req: session_pb2.DeleteSessionRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        wanted = req.id.strip()
        for row in await self.ctx.auth.list_sessions():
            if wanted and public_id(row.id) == wanted:
                await self.ctx.auth.end_session(row.id)
                return common_pb2.ApiMessage(msg_en="Session ended.", msg_zh="会话已结束。")
        raise not_found(f"There is no open session {wanted!r}.", f"不存在会话 {wanted!r}，或它已结束。")
