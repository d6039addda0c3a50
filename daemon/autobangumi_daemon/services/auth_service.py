"""AuthService: password login, refresh, logout and credential updates."""

from __future__ import annotations

from autobangumi.rpc import Caller, Identity
from autobangumi.v1 import auth_pb2, common_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.errors import unauthenticated

__all__ = ["AuthService"]


def _identity(caller: Caller) -> Identity:
    if caller.identity is None:
        raise unauthenticated()
    return caller.identity


class AuthService:
    SERVICE = "autobangumi.v1.AuthService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def Login(self, req: auth_pb2.LoginRequest, caller: Caller) -> auth_pb2.TokenResponse:
        token = await self.ctx.auth.login(req.username, req.password, caller.client_ip)
        return auth_pb2.TokenResponse(access_token=token, token_type="bearer")

    async def RefreshToken(self, req: auth_pb2.RefreshTokenRequest, caller: Caller) -> auth_pb2.TokenResponse:
        token = await self.ctx.auth.refresh(_identity(caller))
        return auth_pb2.TokenResponse(access_token=token, token_type="bearer")

    async def Logout(self, req: auth_pb2.LogoutRequest, caller: Caller) -> common_pb2.ApiMessage:
        await self.ctx.auth.logout(_identity(caller))
        return common_pb2.ApiMessage(msg_en="Logout successfully.", msg_zh="登出成功。")

    async def UpdateCredentials(
        self, req: auth_pb2.UpdateCredentialsRequest, caller: Caller
    ) -> auth_pb2.UpdateCredentialsResponse:
        token = await self.ctx.auth.update_credentials(
            _identity(caller),
            req.username if req.HasField("username") and req.username else None,
            req.password if req.HasField("password") and req.password else None,
        )
        return auth_pb2.UpdateCredentialsResponse(
            access_token=token, token_type="bearer", message="update success"
        )
