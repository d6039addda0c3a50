"""How the bridge reaches the daemon: a gRPC channel, or a direct in-process call.

`autobangumi serve` runs both in one process, so the bridge hands the parsed request to the
daemon's dispatcher directly (same authentication, same errors, no second serialization);
`autobangumi bridge` talks to any daemon over one persistent gRPC channel.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Protocol

import grpc
from google.protobuf.message import Message
from grpc import aio

from autobangumi.clientaddr import BRIDGE_KEY_HEADER, CLIENT_IP_HEADER
from autobangumi.contract import MethodInfo
from autobangumi.rpc import STATUS_DETAILS_KEY, ApiError, Caller, decode_status

__all__ = ["GrpcTransport", "LocalTransport", "Transport"]


class Transport(Protocol):
    async def unary(self, info: MethodInfo, request: Message, caller: Caller) -> Message: ...

    def stream(self, info: MethodInfo, request: Message, caller: Caller) -> AsyncIterator[Message]: ...

    async def close(self) -> None: ...


class _Dispatcher(Protocol):
    async def unary(self, path: str, request: Message, caller: Caller) -> Message: ...

    def stream(self, path: str, request: Message, caller: Caller) -> AsyncIterator[Message]: ...


class LocalTransport:
    def __init__(self, dispatcher: _Dispatcher) -> None:
        self._dispatcher = dispatcher

    async def unary(self, info: MethodInfo, request: Message, caller: Caller) -> Message:
        return await self._dispatcher.unary(info.path, request, caller)

    def stream(self, info: MethodInfo, request: Message, caller: Caller) -> AsyncIterator[Message]:
        return self._dispatcher.stream(info.path, request, caller)

    async def close(self) -> None:
        return None


_UNREACHABLE = ("The AutoBangumi daemon is not reachable.", "无法连接到 AutoBangumi 守护进程。")


def _metadata(caller: Caller, bridge_key: str | None) -> tuple[tuple[str, str], ...]:
    # X-Forwarded-For counts only where the daemon lists this bridge as a trusted proxy; the
    # key (shared through the config folder) makes the daemon believe the address anywhere.
    md: list[tuple[str, str]] = [("x-forwarded-for", caller.client_ip)]
    if bridge_key:
        md += [(CLIENT_IP_HEADER, caller.client_ip), (BRIDGE_KEY_HEADER, bridge_key)]
    # Forwarded HTTP headers travel under a prefix so they never clash with gRPC's own.
    md.extend((f"x-http-{k}", v) for k, v in caller.metadata.items())
    if caller.token:
        md.append(("authorization", f"Bearer {caller.token}"))
    return tuple(md)


def _translate(err: aio.AioRpcError) -> ApiError:
    blob = None
    trailing: Any = err.trailing_metadata() or ()
    for key, value in trailing:
        if key == STATUS_DETAILS_KEY and isinstance(value, bytes):
            blob = value
    if err.code() == grpc.StatusCode.UNAVAILABLE and blob is None:
        return ApiError(grpc.StatusCode.UNAVAILABLE, *_UNREACHABLE)
    return decode_status(err.code(), err.details(), blob)


class GrpcTransport:
    def __init__(self, target: str, bridge_key: str | None = None) -> None:
        self._bridge_key = bridge_key
        self._channel = aio.insecure_channel(target)
        self._calls: dict[str, Any] = {}

    def _callable(self, info: MethodInfo) -> Any:
        call = self._calls.get(info.path)
        if call is None:
            factory = self._channel.unary_stream if info.server_streaming else self._channel.unary_unary
            call = factory(
                info.path,
                request_serializer=info.request_cls.SerializeToString,
                response_deserializer=info.response_cls.FromString,
            )
            self._calls[info.path] = call
        return call

    async def unary(self, info: MethodInfo, request: Message, caller: Caller) -> Message:
        try:
            md = _metadata(caller, self._bridge_key)
            result: Message = await self._callable(info)(request, metadata=md, timeout=120)
        except aio.AioRpcError as err:
            raise _translate(err) from None
        return result

    async def stream(self, info: MethodInfo, request: Message, caller: Caller) -> AsyncIterator[Message]:
        call = self._callable(info)(request, metadata=_metadata(caller, self._bridge_key))
        try:
            async for item in call:
                yield item
        except aio.AioRpcError as err:
            raise _translate(err) from None
        finally:
            call.cancel()  # the HTTP client went away: stop the daemon's stream too

    async def close(self) -> None:
        await self._channel.close(None)
