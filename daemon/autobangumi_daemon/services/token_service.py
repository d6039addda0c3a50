"""TokenService: long-lived API tokens (the store `autobangumi token` manages)."""

from __future__ import annotations

from autobangumi.rpc import Caller
from autobangumi.v1 import common_pb2, token_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.errors import internal, invalid, not_found
from autobangumi_daemon.services.times import iso

__all__ = ["TokenService"]

MAX_NAME = 64


class TokenService:
    SERVICE = "autobangumi.v1.TokenService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def ListTokens(
        self, req: token_pb2.ListTokensRequest, caller: Caller
    ) -> token_pb2.ListTokensResponse:
        rows = await self.ctx.auth.list_api_tokens()
        return token_pb2.ListTokensResponse(
            tokens=[
                token_pb2.ApiTokenInfo(
                    id=r.id, name=r.name, created_at=iso(r.created_at) or "", last_used_at=iso(r.last_used_at)
                )
                for r in rows
            ]
        )

    async def CreateToken(self, req: token_pb2.CreateTokenRequest, caller: Caller) -> token_pb2.CreatedToken:
        name = req.name.strip()
        if not name:
            raise invalid("The field “name” is empty: name the token.", "字段“name”为空：请为令牌命名。")
        if len(name) > MAX_NAME:
            raise invalid(
                f"The field “name” is too long (at most {MAX_NAME} characters).",
                f"字段“name”过长（最多 {MAX_NAME} 个字符）。",
            )
        token_id, token = await self.ctx.auth.create_api_token(name)
        row = await self.ctx.auth.get_api_token(token_id)
        if row is None:  # pragma: no cover - revoked between the two statements
            raise internal("The token was revoked while being created.", "令牌在创建过程中被撤销。")
        return token_pb2.CreatedToken(
            id=row.id, name=row.name, token=token, created_at=iso(row.created_at) or ""
        )

    async def DeleteToken(self, req: token_pb2.DeleteTokenRequest, caller: Caller) -> common_pb2.ApiMessage:
        if not await self.ctx.auth.revoke_api_token(req.id):
            raise not_found(f"There is no API token {req.id}.", f"不存在编号为 {req.id} 的 API 令牌。")
        return common_pb2.ApiMessage(
            msg_en=f"API token {req.id} revoked.", msg_zh=f"API 令牌 {req.id} 已撤销。"
        )
