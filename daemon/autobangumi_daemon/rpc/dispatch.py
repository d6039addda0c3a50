"""One table from the contract's methods to the service code that answers them.

Service classes name their contract service (`SERVICE = "autobangumi.v1.AuthService"`) and
define one async method per RPC taking `(request, caller)`; server-streaming RPCs are async
generators. A method the services do not define yet answers UNIMPLEMENTED with a bilingual
message. Authentication happens here, once, for gRPC and in-process callers alike.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from google.protobuf.message import Message

from autobangumi.contract import MethodInfo, methods
from autobangumi.rpc import MCP_SURFACE, SURFACE_KEY, ApiError, Caller, Identity
from autobangumi.v1 import options_pb2
from autobangumi_daemon.errors import unimplemented

__all__ = ["Dispatcher", "Endpoint"]

log = logging.getLogger(__name__)

Authenticate = Callable[[str | None], Awaitable[Identity]]
# (token, client address): also accepts security.mcp_tokens and security.mcp_whitelist.
AuthenticateMcp = Callable[[str | None, str], Awaitable[Identity]]


def exposed_to_mcp(info: MethodInfo) -> bool:
    opts: Any = info.descriptor.GetOptions()
    return bool(opts.Extensions[options_pb2.mcp_tool] or opts.Extensions[options_pb2.mcp_resource])


@dataclass(slots=True)
class Endpoint:
    info: MethodInfo
    impl: Callable[[Any, Caller], Any] | None
    mcp: bool = False


class Dispatcher:
    def __init__(
        self,
        services: list[object],
        authenticate: Authenticate,
        authenticate_mcp: AuthenticateMcp | None = None,
    ) -> None:
        by_name = {getattr(svc, "SERVICE", ""): svc for svc in services}
        self._authenticate = authenticate
        self._authenticate_mcp = authenticate_mcp
        self.endpoints: dict[str, Endpoint] = {}
        for info in methods():
            svc = by_name.get(info.service)
            impl = getattr(svc, info.name, None) if svc is not None else None
            self.endpoints[info.path] = Endpoint(info, impl, exposed_to_mcp(info))

    async def _authorize(self, ep: Endpoint, caller: Caller) -> None:
        by_mcp = self._authenticate_mcp
        if (
            not ep.info.public
            and by_mcp is not None
            and ep.mcp
            and caller.metadata.get(SURFACE_KEY) == MCP_SURFACE
        ):
            # mcp_tokens and mcp_whitelist open only the methods the contract offers over MCP.
            caller.identity = await by_mcp(caller.token, caller.client_ip)
        elif not ep.info.public:
            caller.identity = await self._authenticate(caller.token)
        elif caller.token:
            # Public methods still learn who is calling when a valid token comes along.
            try:
                caller.identity = await self._authenticate(caller.token)
            except ApiError:
                caller.identity = None

    async def unary(self, path: str, request: Message, caller: Caller) -> Message:
        ep = self.endpoints[path]
        await self._authorize(ep, caller)
        if ep.impl is None:
            raise unimplemented(ep.info.name)
        try:
            result: Message = await ep.impl(request, caller)
        except ApiError:
            raise
        except Exception:
            log.exception("%s failed", ep.info.name)
            raise
        return result

    async def stream(self, path: str, request: Message, caller: Caller) -> AsyncIterator[Message]:
        ep = self.endpoints[path]
        await self._authorize(ep, caller)
        if ep.impl is None:
            raise unimplemented(ep.info.name)
        gen: AsyncIterator[Message] = ep.impl(request, caller)
        async for item in gen:
            yield item
